#!/usr/bin/env python3
"""Runs one graded notebook inside the grading sandbox; started by grade.py, not by hand.

    grade_runner.py IN_DIR WORK_DIR KERNEL CELL_TIMEOUT

IN_DIR (read-only) holds graded.ipynb (the teacher's setup cell, then each exercise as the student's cell followed by
the teacher's check cell, as grade.py built it), plan.json ({"setup": n, "exercises": [[id, first cell], ...]}) and
the files it %loads. The notebook is copied to WORK_DIR and run cell by cell. A cell that runs past CELL_TIMEOUT
seconds, or a kernel that dies (System.exit), ends that exercise; the run goes on with the next exercise in a fresh
kernel. The checks record what the student's functions gave in WORK_DIR/answers (VAELAB_ANSWERS); at the end one
line "VAELAB-RESULT <json>" goes to the standard output the runner was started with: per exercise what happened
to its cells, the recorded answers (base64), and each cell's outputs, cut to a few kilobytes.

Nothing here is trusted by the grader: student code runs in this sandbox and could rewrite any of it. The verdicts
come from the teacher's judge, outside, from the answers alone.
"""
import base64
import json
import os
import re
import shutil
import sys
import time

OUTPUT_LIMIT = 8 * 1024 * 1024   # bytes of output kept per cell while it runs; the rest is dropped
SHOWN = 4000                     # characters of each cell's text output sent back for the feedback page
ANSWER_FILE = re.compile(r"^\d\d\.\d{1,2}\.answers$")
ANSWERS_LIMIT = 64 * 1024 * 1024


def main():
    in_dir, work, kernel, cell_timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    result_fd = os.dup(1)
    log = os.open(os.path.join(work, "runner.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    report = {"exercises": {}, "answers": {}, "outputs": {}}
    try:
        run(in_dir, work, kernel, cell_timeout, report)
    except Exception as e:  # noqa: BLE001 - whatever happened, the grader gets a line
        report["error"] = f"{type(e).__name__}: {e}"
    answers = os.path.join(work, "answers")
    total = 0
    if os.path.isdir(answers):
        for name in sorted(os.listdir(answers)):
            path = os.path.join(answers, name)
            if ANSWER_FILE.match(name) and os.path.isfile(path) and not os.path.islink(path):
                size = os.path.getsize(path)
                if total + size <= ANSWERS_LIMIT:
                    with open(path, "rb") as f:
                        report["answers"][name] = base64.b64encode(f.read()).decode("ascii")
                    total += size
    os.write(result_fd, b"\nVAELAB-RESULT " + json.dumps(report).encode("utf-8") + b"\n")
    os.close(result_fd)


def run(in_dir, work, kernel, cell_timeout, report):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    class BoundedClient(NotebookClient):
        """Drops a cell's output beyond OUTPUT_LIMIT bytes, so that a flood of prints cannot fill the memory."""
        kept = 0

        def output(self, outs, msg, display_id, cell_index):
            size = len(json.dumps(msg.get("content", {})))
            if self.kept + size > OUTPUT_LIMIT:
                return None
            self.kept += size
            return super().output(outs, msg, display_id, cell_index)

    notebooks = os.path.join(work, "notebooks")
    shutil.copytree(in_dir, notebooks)
    os.makedirs(os.path.join(work, "answers"), exist_ok=True)
    with open(os.path.join(notebooks, "plan.json"), encoding="utf-8") as f:
        plan = json.load(f)
    nb = nbformat.read(os.path.join(notebooks, "graded.ipynb"), as_version=4)
    setup = plan["setup"]
    exercises = plan["exercises"]
    bounds = [first for _, first in exercises] + [len(nb.cells)]
    start = 0
    while start < len(exercises):
        cells = list(range(setup)) + list(range(bounds[start], len(nb.cells)))
        client = BoundedClient(nb, kernel_name=kernel, timeout=cell_timeout, allow_errors=True,
                               resources={"metadata": {"path": notebooks}})
        current, ended = None, None
        try:
            with client.setup_kernel():
                for index in cells:
                    current = index
                    client.kept = 0
                    client.execute_cell(nb.cells[index], index)
                    keep_outputs(nb.cells[index], index, report)
        except CellTimeoutError:
            ended = f"ran past {cell_timeout} s and was stopped"
        except DeadKernelError:
            ended = "the kernel died (System.exit, a crash, or the memory limit)"
        except Exception as e:  # noqa: BLE001
            ended = f"the run stopped: {type(e).__name__}: {str(e)[:300]}"
        if ended is None:
            for number in range(start, len(exercises)):
                report["exercises"][exercises[number][0]] = {"ran": True, "ended": None}
            break
        keep_outputs(nb.cells[current], current, report)
        if current < setup:
            for number in range(start, len(exercises)):
                report["exercises"][exercises[number][0]] = {"ran": False, "ended": f"in the setup cell: {ended}"}
            break
        number = max(n for n in range(len(exercises)) if bounds[n] <= current)
        for done in range(start, number):
            report["exercises"][exercises[done][0]] = {"ran": True, "ended": None}
        report["exercises"][exercises[number][0]] = {"ran": True, "ended": ended}
        start = number + 1
        time.sleep(0.5)


def keep_outputs(cell, index, report):
    texts = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            texts.append(output.get("text", ""))
        elif kind == "error":
            texts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}")
        elif "data" in output and "text/plain" in output["data"]:
            plain = output["data"]["text/plain"]
            texts.append("".join(plain) if isinstance(plain, list) else plain)
    text = "\n".join(t for t in texts if t)
    if len(text) > SHOWN:
        text = text[:SHOWN] + f"\n… ({len(text) - SHOWN} more characters not shown)"
    report["outputs"][str(index)] = text


if __name__ == "__main__":
    main()
