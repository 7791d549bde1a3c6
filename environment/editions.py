#!/usr/bin/env python3
"""The workbook's student edition.

    editions.py student OUTDIR [--force]
        The student edition: every notebook of notebooks/ copied to OUTDIR with each solution (the lines from
        "// BEGIN SOLUTION" to "// END SOLUTION") replaced by a stub that compiles and makes its check say
        "not done yet", outputs cleared; beside them vaelab.jsh and any other file the notebooks %load.

Grading is grade.py's (./lab grade): it takes each exercise's cell from a submission, by the exercise id that
starts it, and runs it with the teacher's check.

The teacher's notebooks (notebooks/ in this project) name the exercises: a code cell holding a solution starts
with a comment "// Exercise NN.N: ...", and the code cell after it is its check.
"""
import argparse
import json
import os
import re
import shutil
import sys

import atomic

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
BEGIN = "// BEGIN SOLUTION"
END = "// END SOLUTION"
STUB = ["// YOUR CODE HERE", "throw new Exercise.NotDone();"]
EXERCISE_CELL = re.compile(r"^\s*// Exercise (\d\d\.\d+)\b")
LOAD = re.compile(r"^\s*%load\s+(\S+)\s*$", re.MULTILINE)
CLASSPATH = re.compile(r"^(\s*%(?:classpath|jars)\s+)(\.\./\S+)", re.MULTILINE)


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


def find_submitted(folder, teacher_name):
    """The submission's notebook of a lab: the teacher's name, else one starting with the lab's number ("01-"),
    in the folder or in a notebooks/ folder inside it (not through a link)."""
    for place in (folder, os.path.join(folder, "notebooks")):
        if not os.path.isdir(place):
            continue
        exact = os.path.join(place, teacher_name)
        if os.path.isfile(exact) and not os.path.islink(exact):
            return exact
        # A link is not followed: it could point at a classmate's notebook.
        same_lab = sorted(f for f in os.listdir(place) if f.startswith(teacher_name[:3]) and f.endswith(".ipynb")
                          and os.path.isfile(os.path.join(place, f)) and not os.path.islink(os.path.join(place, f)))
        if same_lab:
            return os.path.join(place, same_lab[0])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("student", help="write the student edition")
    s.add_argument("outdir")
    s.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    args = parser.parse_args()
    try:
        return student(args)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
