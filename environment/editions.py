#!/usr/bin/env python3
"""The workbook's two editions, and grading.

    editions.py student OUTDIR [--force]
        The student edition: every notebook of notebooks/ copied to OUTDIR with each solution (the lines from
        "// BEGIN SOLUTION" to "// END SOLUTION") replaced by a stub that compiles and makes its check say
        "not done yet", outputs cleared; beside them vaelab.jsh and any other file the notebooks %load.

    editions.py grade OUTCSV SUBMISSION_DIR... [--mode smoke] [--timeout 1200] [--executed DIR] [--kernel NAME]
        Runs each submission's notebooks headless with the workbook's kernel (one folder per student, the
        folder's name is the student's), a failing cell stopping nothing, reads each exercise's check line from
        the outputs, and writes a students x exercises table (passed / failed / not done / not run) to OUTCSV
        and, beside it, the same table as an HTML page (OUTCSV with .html in place of .csv).

The teacher's notebooks (notebooks/ in this project) name the exercises: a code cell holding a solution starts
with a comment "// Exercise NN.N: ...", and its check prints a line "Exercise NN.N passed", "... failed: ..." or
"... not done yet: ...". An exercise whose notebook is missing from a submission, or whose notebook stopped (the
kernel died or the run was cut off) before its check, is "not run"; one whose notebook ran but printed no check
line (the student's cell did not compile, or the check cell was removed) is "failed".
"""
import argparse
import csv
import datetime
import html
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time

import atomic

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
BEGIN = "// BEGIN SOLUTION"
END = "// END SOLUTION"
STUB = ["// YOUR CODE HERE", "throw new Exercise.NotDone();"]
EXERCISE_CELL = re.compile(r"^\s*// Exercise (\d\d\.\d+)\b")
CHECK_LINE = re.compile(r"^Exercise (\d\d\.\d+) (passed|failed|not done yet)\b(.*)$", re.MULTILINE)
LOAD = re.compile(r"^\s*%load\s+(\S+)\s*$", re.MULTILINE)
CLASSPATH = re.compile(r"^(\s*%(?:classpath|jars)\s+)(\.\./\S+)", re.MULTILINE)
GRADES = {"passed": "passed", "failed": "failed", "not done yet": "not done"}
NOT_RUN = "not run"


def notebook_files(folder):
    return sorted(f for f in os.listdir(folder) if re.match(r"\d\d-.*\.ipynb$", f))


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def as_lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def read_notebook(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_notebook(nb, path):
    atomic.write_text(path, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


def stub_solutions(text, where):
    """The cell's source with each solution block replaced by the stub (at the BEGIN marker's indentation)."""
    out, inside, count = [], False, 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise ValueError(f"{where}: '{BEGIN}' inside a solution")
            inside, count = True, count + 1
            indent = line[:len(line) - len(line.lstrip())]
            out.extend(indent + s for s in STUB)
        elif stripped == END:
            if not inside:
                raise ValueError(f"{where}: '{END}' without '{BEGIN}'")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{where}: '{BEGIN}' without '{END}'")
    return "\n".join(out), count


def exercises(folder=NOTEBOOKS):
    """The exercises of the teacher's notebooks, in order: [(notebook file, exercise id)]."""
    found = []
    for name in notebook_files(folder):
        for cell in read_notebook(os.path.join(folder, name))["cells"]:
            text = source(cell)
            if cell["cell_type"] == "code" and BEGIN in text:
                match = EXERCISE_CELL.match(text)
                if not match:
                    raise ValueError(f"{name}: a solution cell must start with '// Exercise NN.N: ...'")
                found.append((name, match.group(1)))
    return found


def support_file(name, target_dir):
    """A file the notebooks %load, copied to target_dir; a relative %classpath in it is made absolute when
    target_dir is not beside lib/ (as notebooks/ is), so the copy finds the library wherever it lies."""
    with open(os.path.join(NOTEBOOKS, name), encoding="utf-8") as f:
        text = f.read()
    relocated = os.path.realpath(os.path.dirname(os.path.abspath(target_dir))) != os.path.realpath(ROOT)
    if relocated:
        text = CLASSPATH.sub(lambda m: m.group(1) + os.path.normpath(os.path.join(NOTEBOOKS, m.group(2))), text)
    path = os.path.join(target_dir, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path, relocated


def loaded_files(nb):
    return [m.group(1) for cell in nb["cells"] if cell["cell_type"] == "code" for m in LOAD.finditer(source(cell))]


def student(args):
    out = os.path.abspath(args.outdir)
    if os.path.isdir(out) and os.listdir(out) and not args.force:
        print(f"error: {args.outdir} is not empty; use --force to write over the notebooks in it", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    support, stubbed = set(), 0
    for name in notebook_files(NOTEBOOKS):
        nb = read_notebook(os.path.join(NOTEBOOKS, name))
        blocks = 0
        for index, cell in enumerate(nb["cells"], start=1):
            if cell["cell_type"] != "code":
                continue
            text, count = stub_solutions(source(cell), f"{name}, cell {index}")
            if count:
                cell["source"] = as_lines(text)
                blocks += count
            cell["outputs"] = []
            cell["execution_count"] = None
        support.update(loaded_files(nb))
        write_notebook(nb, os.path.join(out, name))
        stubbed += blocks
        print(f"wrote {os.path.join(args.outdir, name)}" + (f" ({blocks} exercise(s) to do)" if blocks else ""))
    for name in sorted(support):
        path, relocated = support_file(name, out)
        print(f"wrote {os.path.join(args.outdir, name)}" + (" (its %classpath points at this project's lib/)" if relocated else ""))
    print(f"student edition: {stubbed} exercise(s) in {len(notebook_files(NOTEBOOKS))} notebooks, in {out}")
    return 0


def check_lines(nb):
    """{exercise id: (grade, message)} from a run notebook's outputs; the last line of an exercise counts."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            texts = []
            if output.get("output_type") == "stream":
                texts.append(output.get("text", ""))
            data = output.get("data", {})
            if "text/plain" in data:
                plain = data["text/plain"]
                texts.append("".join(plain) if isinstance(plain, list) else plain)
            for text in texts:
                text = text.strip().strip('"')
                for m in CHECK_LINE.finditer(text):
                    rest = text[m.start():].split("\nExercise ")[0]
                    found[m.group(1)] = (GRADES[m.group(2)], rest.strip())
    return found


def run_notebook(path, kernel, timeout):
    """Executes a notebook in place with errors allowed; returns (notebook, None) or (notebook, why it stopped)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=True, interrupt_on_timeout=True,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    stopped = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as e:
        stopped = (str(e).strip().splitlines() or [type(e).__name__])[-1]
    nbformat.write(nb, path)
    return nb, stopped


def find_submitted(folder, teacher_name):
    """The submission's notebook of a lab: the teacher's name, else one starting with the lab's number ("01-"),
    in the folder or in a notebooks/ folder inside it."""
    for place in (folder, os.path.join(folder, "notebooks")):
        if not os.path.isdir(place):
            continue
        if os.path.isfile(os.path.join(place, teacher_name)):
            return os.path.join(place, teacher_name)
        same_lab = sorted(f for f in os.listdir(place) if f.startswith(teacher_name[:3]) and f.endswith(".ipynb"))
        if same_lab:
            return os.path.join(place, same_lab[0])
    return None


def grade(args):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from run_notebooks import KERNEL
    kernel = args.kernel or KERNEL
    catalogue = exercises()
    ids = [e for _, e in catalogue]
    labs = []
    for name, _ in catalogue:
        if name not in labs:
            labs.append(name)
    os.environ["VAELAB_MODE"] = args.mode
    os.environ["VAELAB_HEADLESS"] = "1"
    work = tempfile.mkdtemp(prefix="vaelab-grade-")
    table, notes = {}, {}
    started = time.monotonic()
    try:
        for number, folder in enumerate(args.submissions, start=1):
            who = os.path.basename(os.path.abspath(folder))
            if who in table:
                raise SystemExit(f"error: two submissions are named {who}")
            grades = {e: NOT_RUN for e in ids}
            notes[who] = {}
            # The student's notebooks, beside the course's own vaelab.jsh (a submission's copy is not used).
            private = os.path.join(work, f"{number:03d}-" + re.sub(r"[^\w.-]", "_", who))
            site = os.path.join(private, "notebooks")
            os.makedirs(site)
            os.environ["VAELAB_RESULTS"] = os.path.join(private, "results")
            for lab in labs:
                submitted = find_submitted(folder, lab)
                if submitted is None:
                    print(f"{who}: {lab} is not in the submission", flush=True)
                    for name, e in catalogue:
                        if name == lab:
                            notes[who][e] = f"no notebook {lab} in the submission"
                    continue
                target = os.path.join(site, lab)
                shutil.copyfile(submitted, target)
                t0 = time.monotonic()
                try:
                    for support in loaded_files(read_notebook(target)) or ["vaelab.jsh"]:
                        if os.path.isfile(os.path.join(NOTEBOOKS, support)):
                            support_file(support, site)
                    nb, stopped = run_notebook(target, kernel, args.timeout)
                except Exception as e:  # an unreadable notebook, a kernel that would not start
                    nb, stopped = None, f"{type(e).__name__}: {e}"
                lines = check_lines(nb) if nb is not None else {}
                for name, e in catalogue:
                    if name != lab:
                        continue
                    if e in lines:
                        grades[e], notes[who][e] = lines[e]
                    elif stopped:
                        notes[who][e] = f"{lab} stopped before this check: {stopped}"
                    else:
                        grades[e] = "failed"
                        notes[who][e] = "no check line: the exercise's cell did not compile, or its check was removed"
                if args.executed:
                    os.makedirs(os.path.join(args.executed, who), exist_ok=True)
                    shutil.copyfile(target, os.path.join(args.executed, who, lab))
                status = f"stopped ({stopped})" if stopped else "ran"
                print(f"{who}: {lab} {status} in {time.monotonic() - t0:.0f} s", flush=True)
            table[who] = grades
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_csv(args.outcsv, ids, table)
    page = os.path.splitext(args.outcsv)[0] + ".html"
    write_html(page, catalogue, table, notes, args.mode)
    print(f"graded {len(table)} submission(s), {len(ids)} exercises, in {time.monotonic() - started:.0f} s "
          f"({args.mode} mode): {args.outcsv}, {page}")
    for who, grades in table.items():
        print(f"  {who}: {sum(g == 'passed' for g in grades.values())} of {len(ids)} passed")
    return 0


def write_csv(path, ids, table):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    text = io.StringIO()
    w = csv.writer(text)
    w.writerow(["student"] + ids + ["passed"])
    for who, grades in table.items():
        w.writerow([who] + [grades[e] for e in ids] + [sum(g == "passed" for g in grades.values())])
    atomic.write_text(path, text.getvalue())


COLOURS = {"passed": "#c8e6c9", "failed": "#ffcdd2", "not done": "#fff9c4", NOT_RUN: "#e0e0e0"}


def write_html(path, catalogue, table, notes, mode):
    ids = [e for _, e in catalogue]
    lab_of = {e: name.split("-")[0] for name, e in catalogue}
    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    rows = []
    for who, grades in table.items():
        cells = []
        for e in ids:
            g = grades[e]
            note = notes.get(who, {}).get(e, "")
            cells.append(f'<td class="g" style="background:{COLOURS[g]}" title="{html.escape(note)}">{html.escape(g)}</td>')
        passed = sum(g == "passed" for g in grades.values())
        rows.append(f"<tr><th>{html.escape(who)}</th>{''.join(cells)}<td>{passed} / {len(ids)}</td></tr>")
    failed = []
    for who, grades in table.items():
        for e in ids:
            if grades[e] == "failed":
                failed.append(f"<h3>{html.escape(who)}, exercise {e}</h3><pre>{html.escape(notes.get(who, {}).get(e, ''))}</pre>")
    failures = ("<h2>Failed checks</h2>\n" + "\n".join(failed)) if failed else ""
    legend = " ".join(f'<span style="background:{c};padding:0 .4em">{g}</span>' for g, c in COLOURS.items())
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>VAE Lab: grades</title>
<style>body{{font-family:sans-serif;margin:2em}} pre{{white-space:pre-wrap;background:#f8f8f8;padding:.5em}} table{{border-collapse:collapse}}
th,td{{border:1px solid #999;padding:.25em .6em;text-align:center}} th{{background:#f4f4f4}} td.g{{font-size:90%}}</style></head>
<body><h1>VAE Lab: grades</h1>
<p>{len(table)} submission(s) &times; {len(ids)} exercises, run headless in {html.escape(mode)} mode on {when}.
A cell's tooltip holds its check's message; the failed ones are listed below the table.</p>
<p>{legend}</p>
<table><thead><tr><th>student</th>{''.join(f'<th title="lab {lab_of[e]}">{e}</th>' for e in ids)}<th>passed</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
{failures}
</body></html>
"""
    atomic.write_text(path, page)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("student", help="write the student edition")
    s.add_argument("outdir")
    s.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    g = sub.add_parser("grade", help="run and grade submissions")
    g.add_argument("outcsv", help="the CSV to write; the HTML page goes beside it")
    g.add_argument("submissions", nargs="+", help="one folder per student, named after the student")
    g.add_argument("--mode", default="smoke", choices=["smoke", "full", "paper"], help="VAELAB_MODE for the runs (default %(default)s)")
    g.add_argument("--timeout", type=int, default=1200, help="seconds one cell may take (default %(default)s)")
    g.add_argument("--executed", help="also keep each student's run notebooks in this folder")
    g.add_argument("--kernel", help="the Jupyter kernel (default: the workbook's)")
    args = parser.parse_args()
    try:
        return student(args) if args.command == "student" else grade(args)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
