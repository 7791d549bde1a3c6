#!/usr/bin/env python3
"""Starts the VAE Lab kernel through Jupyter's own client, many times, and checks the protocol.

    kernel_check.py [--startups 100] [--timeout 60]

Each start-up launches the kernel process, waits for its kernel_info reply and shuts it down; one
that gives no reply within --timeout counts as hung. Then one kernel is asked for the messages a
notebook relies on: execute_result, display_data with update_display_data, an error reply, and
an interrupt of a busy cell by interrupt_request on the control channel. Prints one JSON line and
exits 1 if any start-up hung or failed or any check did not hold.
"""
import argparse
import json
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL = "vaelab-java"


def start(timeout):
    km = KernelManager(kernel_name=KERNEL)
    started = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        return km, kc, time.monotonic() - started
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise


def execute(kc, code, timeout=60):
    """Runs code; returns (reply content, [(msg_type, content)] of its IOPub messages)."""
    msg_id = kc.execute(code)
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        messages.append((msg["msg_type"], msg["content"]))
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], messages


def protocol_checks(km, kc):
    checks = {}
    reply, messages = execute(kc, "6 * 7")
    checks["execute_result"] = reply["status"] == "ok" and any(
        t == "execute_result" and c["data"].get("text/plain") == "42" for t, c in messages)

    _, messages = execute(kc, 'String id = display("step 1"); updateDisplay(id, "step 2");')
    shown = [c for t, c in messages if t == "display_data"]
    updated = [c for t, c in messages if t == "update_display_data"]
    checks["display_update"] = (len(shown) == 1 and len(updated) == 1
                                and shown[0]["transient"]["display_id"] == updated[0]["transient"]["display_id"]
                                and updated[0]["data"]["text/plain"] == "step 2")

    reply, messages = execute(kc, 'throw new IllegalStateException("checked")')
    checks["error_reply"] = reply["status"] == "error" and any(
        t == "error" and "IllegalStateException: checked" in "\n".join(c["traceback"]) for t, c in messages)

    msg_id = kc.execute("while (true) { }")
    time.sleep(1.0)
    asked = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=30)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=30)
    interrupt_s = time.monotonic() - asked
    checks["interrupt"] = reply["content"]["status"] == "error" and reply["content"].get("ename") == "CellInterruptedException"
    reply, _ = execute(kc, "1 + 1")
    checks["alive_after_interrupt"] = reply["status"] == "ok"
    return checks, interrupt_s


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--startups", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a start-up counts as hung")
    args = parser.parse_args()

    times, hung, failed = [], 0, 0
    for i in range(args.startups):
        try:
            km, kc, elapsed = start(args.timeout)
        except RuntimeError as e:  # jupyter_client: the kernel process died before replying
            failed += 1
            print(f"start-up {i + 1}: failed: {e}", file=sys.stderr)
            continue
        except TimeoutError:
            hung += 1
            print(f"start-up {i + 1}: no kernel_info reply within {args.timeout} s", file=sys.stderr)
            continue
        times.append(elapsed)
        if i < args.startups - 1:
            kc.stop_channels()
            km.shutdown_kernel()

    result = {"startups": args.startups, "hung": hung, "failed": failed}
    if times:
        ordered = sorted(times)
        result["startup_s"] = {"median": round(statistics.median(ordered), 3),
                               "median_of_first_20": round(statistics.median(times[:20]), 3),
                               "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 3),
                               "max": round(ordered[-1], 3)}
        checks, interrupt_s = protocol_checks(km, kc)
        kc.stop_channels()
        km.shutdown_kernel()
        result["checks"] = checks
        result["interrupt_s"] = round(interrupt_s, 3)
    ok = times and hung == 0 and failed == 0 and all(result["checks"].values())
    print(json.dumps(result))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
