#!/usr/bin/env python3
"""Executes the workbook's notebooks in order with the VAE Lab kernel (or another: --kernel) and writes HTML reports.

    run_notebooks.py --out figures [--timeout 3600] [--kernel jjava] notebooks/00-setup.ipynb ...

The mode reaches the notebooks through VAELAB_MODE, which the caller sets. A failing cell stops its
notebook, not the run: that notebook's report is still written (with the error in place), a message
names the notebook, the cell number and the exception, and the next notebook runs. Once every notebook
has run, the script exits 1 if any failed, naming each with its cell and error, e.g.
"2 notebooks failed: 06-multiview-mnist-svhn (cell 14 of 40: ...), 07-... (...)".

After each notebook, the run is recorded in runs.json (status; for a failed run, the cell and the error)
and the teacher's index (index.html, see report_index.py) is rewritten beside the reports: every lab of
the notebooks' folder, its figures and its report, or why it has none, and at its top the labs that
failed in this run. Lab 08 reads runs.json too, and names the labs whose last run failed. Each run's entry
also gives the kernel's peak resident memory (kernel_peak_mb, Linux), and with --models-used each notebook's
trained models are listed in that folder (<notebook>.txt), for ./lab image --models.
"""
import argparse
import os
import shutil
import sys
import time

import atomic
import nbformat
import report_index
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

KERNEL = "vaelab-java"
MATHJAX_SOURCE = "/usr/share/javascript/mathjax"
# Only what the SVG output of TeX needs: a few MB instead of 50.
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_SVG-full.js", "config/Safe.js", "extensions",
                 "jax/input/TeX", "jax/element", "jax/output/SVG/config.js", "jax/output/SVG/jax.js",
                 "jax/output/SVG/autoload", "jax/output/SVG/fonts/TeX"]


def bundle_mathjax(out_dir):
    """Copies MathJax beside the reports so equations render without network; returns its URL."""
    if not os.path.isfile(os.path.join(MATHJAX_SOURCE, "MathJax.js")):
        print("note: no local MathJax (Debian package libjs-mathjax); the reports load it from the web", file=sys.stderr)
        return None
    target = os.path.join(out_dir, "mathjax")
    for part in MATHJAX_PARTS:
        src, dst = os.path.join(MATHJAX_SOURCE, part), os.path.join(target, part)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.isdir(src):
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
    return "mathjax/MathJax.js?config=TeX-AMS_SVG-full,Safe"


def bundle_requirejs(out_dir):
    """Copies RequireJS beside the reports when nbconvert points at a local file (Debian's does), so a report
    handed out elsewhere loads it; returns its URL, or None to keep nbconvert's."""
    url = HTMLExporter().require_js_url
    if not url.startswith("file://") or not os.path.isfile(url[len("file://"):]):
        return None
    target = os.path.join(out_dir, "requirejs", "require.min.js")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy2(url[len("file://"):], target)
    return "requirejs/require.min.js"


def failing_cell(nb):
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index, cell
    return None, None


def kernel_peak_mb(client):
    """The kernel process's peak resident memory in MB (Linux's VmHWM), while it still runs; None where unknown."""
    try:
        pid = client.km.provisioner.process.pid
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except (AttributeError, OSError, ValueError):
        pass
    return None


def run(path, out_dir, timeout, exporter, executed_dir=None, kernel=KERNEL, models_used=None):
    nb = nbformat.read(path, as_version=4)
    name = os.path.splitext(os.path.basename(path))[0]
    if models_used:
        # The trained models this notebook finds or makes, listed by the kernel (./lab image --models gathers them).
        listed = os.path.join(models_used, name + ".txt")
        os.makedirs(models_used, exist_ok=True)
        atomic.write_text(listed, "")
        os.environ["VAELAB_MODELS_USED"] = listed
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    peak = {}
    # Read after each cell while the kernel runs (the peak only grows; nbclient's notebook-complete hook comes after
    # the kernel has stopped).
    client.on_cell_executed = lambda **_: peak.update(mb=kernel_peak_mb(client) or peak.get("mb"))
    started = time.monotonic()
    started_at = time.time()
    error = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        error = e
    except Exception as e:  # the kernel did not start, or Jupyter failed: this notebook failed, the others still run
        error = e
    elapsed = time.monotonic() - started
    if executed_dir:
        nbformat.write(nb, os.path.join(executed_dir, name + ".ipynb"))
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    report = os.path.join(out_dir, name + ".html")
    atomic.write_text(report, html)
    entry = {"status": "ok", "mode": os.environ.get("VAELAB_MODE", "full"), "kernel": kernel,
             "started": round(started_at, 3), "seconds": round(elapsed, 1)}
    if peak.get("mb"):
        entry["kernel_peak_mb"] = peak["mb"]
    if error is not None:
        index, cell = failing_cell(nb)
        if index:
            where = f"cell {index} of {len(nb.cells)}"
        elif isinstance(error, (CellTimeoutError, DeadKernelError)):
            where = "a cell (timed out or the kernel died)"
        else:
            where = "the kernel or Jupyter, before or between cells"
        first_line = cell.source.splitlines()[0] if cell is not None and cell.source else ""
        if getattr(error, "ename", None):
            # The exception's name and message (nbclient's str() of the error ends with the traceback from 0.8 on).
            summary = f"{error.ename}: {error.evalue}".strip()
        else:
            summary = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        entry.update(status="failed", where=where, error=summary)
    report_index.record_run(out_dir, name, entry)
    if error is not None:
        print(f"FAILED {path}, {where}: {first_line!r}\n  {summary}\n  report with the error: {report}", file=sys.stderr,
              flush=True)
        return entry, elapsed
    memory = f", kernel peak {peak['mb']:,} MB" if peak.get("mb") else ""
    print(f"ok     {path} in {elapsed:.1f} s{memory} -> {report}", flush=True)
    return entry, elapsed


def failures_line(failed):
    """One line naming each failed notebook with its cell and error: '2 notebooks failed: 06-x (cell 14 of 40: ...), ...'."""
    def short(text, limit=160):
        return text if len(text) <= limit else text[:limit - 1] + "…"
    named = ", ".join(f"{name} ({entry['where']}: {short(entry['error'])})" for name, entry in failed)
    return f"{len(failed)} notebook{'s' if len(failed) != 1 else ''} failed: {named}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for the HTML reports")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds one cell may take")
    parser.add_argument("--executed", help="also keep the executed notebooks (with outputs) in this folder")
    parser.add_argument("--kernel", default=KERNEL,
                        help="the Jupyter kernel to run them with (default %(default)s; jjava for JJava, as CI checks)")
    parser.add_argument("--models-used", help="list each notebook's trained models in <this folder>/<notebook>.txt")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.executed:
        os.makedirs(args.executed, exist_ok=True)
    exporter = HTMLExporter()
    mathjax = bundle_mathjax(args.out)
    if mathjax:
        exporter.mathjax_url = mathjax
    requirejs = bundle_requirejs(args.out)
    if requirejs:
        exporter.require_js_url = requirejs
    mode = os.environ.get("VAELAB_MODE", "full")
    # Progress lines print once per epoch instead of updating in place: a report keeps them all.
    os.environ["VAELAB_HEADLESS"] = "1"
    print(f"running {len(args.notebooks)} notebook(s) in {mode} mode", flush=True)
    total = 0.0
    labs_dir = os.path.dirname(os.path.abspath(args.notebooks[0]))
    # The index names the labs that failed in this run: those whose recorded run started after this moment.
    run_started = time.time()
    failed = []
    for path in args.notebooks:
        entry, elapsed = run(path, args.out, args.timeout, exporter, args.executed, args.kernel, args.models_used)
        total += elapsed
        index = report_index.write_index(args.out, labs_dir, extra_notebooks=args.notebooks, run_started=run_started)
        if entry["status"] != "ok":
            failed.append((os.path.splitext(os.path.basename(path))[0], entry))
    if failed:
        print(f"{len(args.notebooks)} notebook(s) ran in {total:.1f} s ({mode} mode); the index of the reports: {index}",
              file=sys.stderr)
        sys.exit(failures_line(failed))
    print(f"all {len(args.notebooks)} notebook(s) ran in {total:.1f} s ({mode} mode); the index of the reports: {index}")


if __name__ == "__main__":
    main()
