#!/usr/bin/env python3
"""Grades a class's submissions with the teacher's checks, each submission run isolated.

    grade.py OUTCSV SUBMISSION_DIR... [--mode smoke] [--timeout 120] [--notebook-timeout 900] [--memory 6144]
             [--points FILE] [--kernel NAME] [--executed DIR] [--no-isolation]

One folder per student (the folder's name is the student's). For each lab with exercises, the grader takes from the
student's notebook only the solution cells, found by their first line "// Exercise NN.N: ...", and runs each in the
teacher's notebook: the teacher's setup cell, then each exercise as the student's cell followed by the teacher's
check cell. Everything else the student changed is ignored, and listed in their feedback.

A check cell records what the student's function gave on the check's inputs (org.vaelab.exercise.Recording). The
verdict is decided afterwards, outside the run, by the teacher's judge (org.vaelab.exercise.Judge), which runs no
student code: printing "passed", editing or deleting a check cell, shadowing a name the check uses or filtering the
output earns nothing, since only answers that agree with the library's on the check's inputs pass.

Each lab of each submission runs in its own sandbox (Debian's bubblewrap, bwrap): a private copy, no network, the
teacher's files out of sight except the read-only kernel and library, a process, memory and file-size limit, a
time limit per cell (--timeout) and per notebook (--notebook-timeout). Without bwrap the grader refuses to run
unless told --no-isolation (then the grade page says the run was not isolated); docs/GRADING.md says what each
platform gets.

Writes OUTCSV (students x exercises: passed / failed / not done / missing / not run, then passed and points), the
class page beside it (OUTCSV with .html), the same results with every message and note as JSON (OUTCSV with .json),
and one feedback page per student in a folder beside it (feedback/).
"""
import argparse
import base64
import csv
import datetime
import difflib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import atomic
import editions

ROOT = editions.ROOT
NOTEBOOKS = editions.NOTEBOOKS
HERE = os.path.dirname(os.path.abspath(__file__))
RESULT = b"VAELAB-RESULT "
SUBMISSION_LIMIT = 20 * 1024 * 1024      # bytes of a submitted notebook read at most
RESULT_LIMIT = 128 * 1024 * 1024         # bytes read back from one sandboxed run at most
ANSWER_FILE = re.compile(r"^\d\d\.\d{1,2}\.answers$")
PASSED, FAILED, NOT_DONE, MISSING, NOT_RUN = "passed", "failed", "not done", "missing", "not run"
JUDGED = {"passed": PASSED, "failed": FAILED, "not done yet": NOT_DONE}


# ---- the teacher's side --------------------------------------------------------------------------------------

def teacher_labs():
    """{notebook file: {"setup": [setup cell sources], "exercises": [(id, check cell source)], "edition": [cells]}} for
    each teacher notebook with exercises; the check is the code cell after the solution cell."""
    labs = {}
    for name in editions.notebook_files(NOTEBOOKS):
        nb = editions.read_notebook(os.path.join(NOTEBOOKS, name))
        cells = nb["cells"]
        code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
        found = []
        for position, i in enumerate(code):
            text = editions.source(cells[i])
            if editions.BEGIN not in text:
                continue
            match = editions.EXERCISE_CELL.match(text)
            if not match or position + 1 >= len(code):
                raise ValueError(f"{name}: the solution cell {i + 1} needs a first line '// Exercise NN.N: ...' and a check cell after it")
            check = editions.source(cells[code[position + 1]])
            if "Exercise." not in check:
                raise ValueError(f"{name}: the cell after exercise {match.group(1)}'s is not its check (no 'Exercise.' in it)")
            found.append((match.group(1), check))
        if found:
            edition = [(c["cell_type"], editions.stub_solutions(editions.source(c), name)[0]) for c in cells]
            labs[name] = {"setup": [editions.source(cells[code[0]])], "exercises": found, "edition": edition}
    return labs


def read_points(path, ids):
    points = {e: 1.0 for e in ids}
    if not path:
        return points
    with open(path, encoding="utf-8") as f:
        for number, row in enumerate(csv.reader(f), start=1):
            if not row or row[0].strip().startswith("#") or row[0].strip() == "exercise":
                continue
            if len(row) < 2 or row[0].strip() not in points:
                raise ValueError(f"{path}, line {number}: expected 'exercise,points' with an exercise of {', '.join(ids)}")
            try:
                points[row[0].strip()] = float(row[1])
            except ValueError:
                raise ValueError(f"{path}, line {number}: '{row[1]}' is not a number of points") from None
    return points


# ---- one submission's notebook -------------------------------------------------------------------------------

def read_submission(path):
    """(notebook dict, None) or (None, why it cannot be graded)."""
    if os.path.islink(path):
        return None, f"{os.path.basename(path)} is a link, not a notebook: hand in the file itself"
    size = os.path.getsize(path)
    if size > SUBMISSION_LIMIT:
        return None, f"{os.path.basename(path)} is {size // (1024 * 1024)} MB, more than the {SUBMISSION_LIMIT // (1024 * 1024)} MB a notebook takes: clear its outputs and hand it in again"
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except UnicodeDecodeError:
        return None, f"{os.path.basename(path)} is not a text file: hand in the .ipynb file that JupyterLab saves"
    except json.JSONDecodeError as e:
        return None, f"{os.path.basename(path)} is not JSON ({e.msg}, line {e.lineno}): hand in the .ipynb file that JupyterLab saves"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or not all(isinstance(c, dict) for c in nb["cells"]):
        return None, f"{os.path.basename(path)} is JSON but not a notebook (no list of cells)"
    return nb, None


def cell_text(cell):
    """A submitted cell's source as text ("" for a source that is neither a string nor a list of lines)."""
    return editions.source(cell) if isinstance(cell.get("source", ""), (str, list)) else ""


def submitted_exercises(nb):
    """{id: [(cell number from 1, source)]} of the code cells that start with '// Exercise NN.N'."""
    found = {}
    for number, cell in enumerate(nb["cells"], start=1):
        if cell.get("cell_type") != "code":
            continue
        text = cell_text(cell)
        match = editions.EXERCISE_CELL.match(text)
        if match:
            found.setdefault(match.group(1), []).append((number, text))
    return found


def ignored_changes(nb, edition, exercise_ids):
    """Lines naming what the student changed outside the exercise cells, which grading ignores."""
    def cells_of(pairs):
        return [(kind, text) for kind, text in pairs if not (kind == "code" and editions.EXERCISE_CELL.match(text))]
    theirs = cells_of([(c.get("cell_type"), cell_text(c)) for c in nb["cells"]])
    ours = cells_of(edition)
    changed = added = removed = 0
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False).get_opcodes():
        if op == "replace":
            changed += min(a2 - a1, b2 - b1)
            added += max(0, (b2 - b1) - (a2 - a1))
            removed += max(0, (a2 - a1) - (b2 - b1))
        elif op == "insert":
            added += b2 - b1
        elif op == "delete":
            removed += a2 - a1
    lines = []
    if changed:
        lines.append(f"{changed} of the teacher's cells changed")
    if added:
        lines.append(f"{added} cell(s) added")
    if removed:
        lines.append(f"{removed} of the teacher's cells deleted")
    return lines


def graded_notebook(lab, chosen):
    """The notebook to run: the teacher's setup cell, then for each exercise the student's cell and the teacher's
    check; and its plan: the number of setup cells and where each exercise starts."""
    import nbformat
    cells = [nbformat.v4.new_code_cell(text) for text in lab["setup"]]
    plan = {"setup": len(cells), "exercises": []}
    for exercise_id, check in lab["exercises"]:
        if exercise_id not in chosen:
            continue
        plan["exercises"].append([exercise_id, len(cells)])
        cells.append(nbformat.v4.new_code_cell(chosen[exercise_id]))
        cells.append(nbformat.v4.new_code_cell(check))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "vaelab-java", "display_name": "Java (VAE Lab)", "language": "java"}
    return nb, plan


# ---- the sandbox ---------------------------------------------------------------------------------------------

def kernel_spec(name):
    from jupyter_client.kernelspec import KernelSpecManager
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except Exception:  # noqa: BLE001
        raise SystemExit(f"error: no Jupyter kernel '{name}': run ./lab setup first") from None
    return {"argv": spec.argv, "display_name": spec.display_name, "language": spec.language, "env": dict(spec.env or {}),
            "interrupt_mode": spec.interrupt_mode}


def readable_paths(spec, library):
    """What a run needs to read from the teacher's machine besides the system: the JDK, the kernel's class path, the
    library, the engine's native cache, and the Python with Jupyter's libraries."""
    paths = set()
    argv = spec["argv"]
    java_home = os.path.dirname(os.path.dirname(os.path.realpath(argv[0])))
    paths.add(java_home)
    for i, arg in enumerate(argv):
        if arg in ("-cp", "-classpath", "--class-path") and i + 1 < len(argv):
            for entry in argv[i + 1].split(os.pathsep):
                paths.add(os.path.dirname(entry) if entry.endswith("*") else entry)
    for key in ("DJL_CACHE_DIR", "ENGINE_CACHE_DIR"):
        if spec["env"].get(key):
            paths.add(spec["env"][key])
    paths.add(library)
    paths.add(os.path.realpath(sys.prefix))
    paths.add(os.path.realpath(sys.base_prefix))
    paths.add(os.path.realpath(os.path.dirname(sys.executable)))
    paths.add(HERE)
    return sorted(p for p in paths if os.path.exists(p) and not p.startswith("/usr/"))


ETC = ["alternatives", "java-17-openjdk", "java-21-openjdk", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime",
       "nsswitch.conf", "passwd", "group", "hosts", "fonts", "ssl/certs", "python3", "python3.11"]


def bwrap_command(in_dir, readable, memory_mb, tmp_mb):
    command = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
               "--uid", "1000", "--gid", "1000", "--hostname", "grading",
               "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = "/" + top
        if os.path.islink(path):
            command += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            command += ["--ro-bind", path, path]
    for entry in ETC:
        path = "/etc/" + entry
        if os.path.exists(path):
            command += ["--ro-bind", path, path]
    for path in readable:
        command += ["--ro-bind", path, path]
    command += ["--size", str(tmp_mb * 1024 * 1024), "--tmpfs", "/tmp",
                "--size", str(tmp_mb * 1024 * 1024), "--tmpfs", "/grading/work",
                "--ro-bind", in_dir, "/grading/in", "--chdir", "/grading/work", "--clearenv"]
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/grading/work", "LANG": "C.UTF-8", "JUPYTER_PATH": "/grading/in/jupyter",
           "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime", "JUPYTER_CONFIG_DIR": "/tmp/jupyter-config", "JUPYTER_DATA_DIR": "/tmp/jupyter-data",
           "JUPYTER_PLATFORM_DIRS": "1", "VAELAB_ANSWERS": "/grading/work/answers", "VAELAB_HEADLESS": "1",
           "VAELAB_RESULTS": "/grading/work/results", "PYTHONDONTWRITEBYTECODE": "1"}
    for key, value in env.items():
        command += ["--setenv", key, value]
    if bwrap_supports("--disable-userns"):
        command.insert(1, "--disable-userns")
        command.insert(1, "--unshare-user")
    return command


_SUPPORT = {}


def bwrap_supports(option):
    if option not in _SUPPORT:
        text = subprocess.run(["bwrap", "--help"], capture_output=True, text=True).stdout
        _SUPPORT[option] = option in text
    return _SUPPORT[option]


def isolation_available():
    """(True, description) where bwrap can start a sandbox here; (False, why not) otherwise."""
    if shutil.which("bwrap") is None:
        return False, "bubblewrap (bwrap) is not installed"
    probe = subprocess.run(["bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
                            "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev",
                            "/usr/bin/true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return False, f"bwrap cannot start a sandbox here ({probe.stderr.strip()[:200]}): unprivileged user namespaces may be off"
    return True, "bubblewrap"


def run_lab(in_dir, kernel, args, isolated, readable):
    """Runs the graded notebook in in_dir; returns (report dict or None, note)."""
    runner = [sys.executable, os.path.join(HERE, "grade_runner.py"), "/grading/in" if isolated else in_dir, None, kernel, str(args.timeout)]
    limits = ["prlimit", f"--data={args.memory * 1024 * 1024}", f"--cpu={args.notebook_timeout * 2}", f"--fsize={256 * 1024 * 1024}",
              "--core=0"]
    if isolated:
        runner[3] = "/grading/work"
        command = limits + bwrap_command(in_dir, readable, args.memory, 512) + runner
        env = None
    else:
        work = tempfile.mkdtemp(prefix="vaelab-run-")
        runner[3] = work
        command = limits + runner
        env = dict(os.environ, VAELAB_ANSWERS=os.path.join(work, "answers"), VAELAB_HEADLESS="1", JUPYTER_PATH=os.path.join(in_dir, "jupyter"),
                   VAELAB_RESULTS=os.path.join(work, "results"))
    if shutil.which("prlimit") is None:
        command = command[len(limits):]
    started = time.monotonic()
    errors = open(os.path.join(os.path.dirname(in_dir), "run-" + os.path.basename(in_dir) + ".err"), "w+b")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, env=env,
                               start_new_session=True)
    chunks, size, note = [], 0, None
    try:
        while True:
            left = args.notebook_timeout - (time.monotonic() - started)
            if left <= 0:
                note = f"the notebook ran past {args.notebook_timeout} s and was stopped"
                break
            chunk = read_with_timeout(process.stdout, left)
            if chunk is None:
                note = f"the notebook ran past {args.notebook_timeout} s and was stopped"
                break
            if not chunk:
                break
            size += len(chunk)
            if size > RESULT_LIMIT:
                note = "the run wrote more than 128 MB to its standard output and was stopped"
                break
            chunks.append(chunk)
    finally:
        try:
            os.killpg(process.pid, 9)
        except ProcessLookupError:
            pass
        process.wait()
        if not isolated:
            shutil.rmtree(runner[3], ignore_errors=True)
    output = b"".join(chunks)
    at = output.rfind(b"\n" + RESULT)
    if at < 0:
        errors.seek(max(0, errors.seek(0, 2) - 300))
        tail = errors.read().decode("utf-8", "replace").strip()
        errors.close()
        return None, note or f"the run ended (exit code {process.returncode}) without a result" + (f": {tail}" if tail else "")
    errors.close()
    try:
        report = json.loads(output[at + 1 + len(RESULT):].split(b"\n", 1)[0])
        if not isinstance(report, dict):
            raise ValueError("not an object")
    except ValueError as e:
        return None, note or f"the run's result cannot be read ({e})"
    return report, note


def read_with_timeout(stream, seconds):
    import select
    ready, _, _ = select.select([stream], [], [], seconds)
    if not ready:
        return None
    return os.read(stream.fileno(), 1 << 20)


# ---- grading -------------------------------------------------------------------------------------------------

def safe_name(who, number):
    return f"{number:03d}-" + (re.sub(r"[^\w.-]", "_", who)[:60] or "student")


def judge(pairs, library, spec):
    """Runs the teacher's judge over [(answers dir, verdicts file)], with the kernel's engine, its settings and its
    native cache (the same arithmetic as the students' runs); returns {answers dir: {id: (status, message)}}."""
    if not pairs:
        return {}
    settings = [a for a in spec["argv"] if a.startswith("-D") and not a.startswith("-Dvaelab.")]
    command = [java_of(spec), "-Xmx2g", *settings, "-cp", os.path.join(library, "*"), "org.vaelab.exercise.Judge"]
    for answers, verdicts in pairs:
        command += [answers, verdicts]
    env = dict(os.environ, **{k: v for k, v in spec["env"].items() if k != "VAELAB_KERNEL_LOG"})
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"error: the judge failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
    found = {}
    for answers, verdicts in pairs:
        with open(verdicts, encoding="utf-8") as f:
            found[answers] = {e: (v["status"], v["message"]) for e, v in json.load(f).items()}
    return found


def java_of(spec):
    return spec["argv"][0] if os.path.isabs(spec["argv"][0]) else shutil.which("java")


def judge_ids(library, java):
    done = subprocess.run([java, "-cp", os.path.join(library, "*"), "org.vaelab.exercise.Judge", "--list"], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"error: the judge cannot start: {done.stderr.strip()[-1000:]}\nBuild the library first: ./lab setup")
    return done.stdout.split()


def library_dir():
    path = os.path.join(ROOT, "lib", "target", "classpath")
    if not os.path.isdir(path):
        raise SystemExit(f"error: {path} is missing: build the library first (./lab setup)")
    return path


def grade_lab(student, name, lab, private, args, spec, isolated, readable):
    """One lab of one submission: its exercise cells found, its graded notebook built and run in the sandbox, the
    answers kept for the judge, and the notes on what happened, all written into student."""
    who, folder = student["who"], student["folder"]
    lab_ids = [e for e, _ in lab["exercises"]]
    notes = student["labs"][name] = []
    path = editions.find_submitted(folder, name) if os.path.isdir(folder) else None
    if path is None:
        notes.append(f"no notebook {name} in the submission")
        return
    nb, problem = read_submission(path)
    if nb is None:
        notes.append(problem)
        return
    found = submitted_exercises(nb)
    if not any(e in found for e in lab_ids):
        others = sorted(e for e in found if e not in lab_ids)
        notes.append(f"{os.path.basename(path)} holds no exercise of lab {name[:2]}"
                     + (f"; it holds {', '.join(others)}: the notebook of another lab?" if others else ""))
        for e in lab_ids:
            student["grades"][e] = MISSING
        return
    chosen = {}
    for e in lab_ids:
        cells = found.get(e, [])
        if not cells:
            student["grades"][e] = MISSING
            student["notes"][e].append(f"no cell starting with '// Exercise {e}:' in {os.path.basename(path)}")
            continue
        if len(cells) > 1:
            student["notes"][e].append(f"{len(cells)} cells start with '// Exercise {e}' (cells "
                                       f"{', '.join(str(n) for n, _ in cells)}): the last one was graded")
        chosen[e] = student["code"][e] = cells[-1][1]
    notes.extend(ignored_changes(nb, lab["edition"], lab_ids))
    if not chosen:
        return
    in_dir = os.path.join(private, "in-" + name[:2])
    os.makedirs(os.path.join(in_dir, "jupyter", "kernels", args.kernel))
    graded, plan = graded_notebook(lab, chosen)
    editions.write_notebook(graded, os.path.join(in_dir, "graded.ipynb"))
    atomic.write_text(os.path.join(in_dir, "plan.json"), json.dumps(plan))
    with open(os.path.join(in_dir, "jupyter", "kernels", args.kernel, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump(dict(spec, env=dict(spec["env"], VAELAB_MODE=args.mode)), f)
    for support in editions.loaded_files(graded) or ["vaelab.jsh"]:
        if os.path.isfile(os.path.join(NOTEBOOKS, support)):
            editions.support_file(support, in_dir)
    t0 = time.monotonic()
    report, note = run_lab(in_dir, args.kernel, args, isolated, readable)
    if note:
        notes.append(note)
    ran = {}
    if report is not None:
        # The report comes from the sandbox, where student code ran: every field is checked for its type.
        answers = report.get("answers") if isinstance(report.get("answers"), dict) else {}
        for file_name, data in answers.items():
            if isinstance(file_name, str) and ANSWER_FILE.match(file_name) and file_name[:-8] in chosen and isinstance(data, str):
                try:
                    decoded = base64.b64decode(data, validate=True)
                except ValueError:
                    continue
                with open(os.path.join(student["answers"], file_name), "wb") as f:
                    f.write(decoded)
        ran = report.get("exercises") if isinstance(report.get("exercises"), dict) else {}
        if report.get("error"):
            notes.append(f"the run stopped: {str(report['error'])[:300]}")
        outputs = report.get("outputs") if isinstance(report.get("outputs"), dict) else {}
        for e, first in plan["exercises"]:
            shown = [str(outputs.get(str(first), "")), str(outputs.get(str(first + 1), ""))]
            student["outputs"][e] = "\n".join(s for s in shown if s)[:8000]
    for e in chosen:
        info = ran.get(e) if isinstance(ran.get(e), dict) else {}
        student["grades"][e] = FAILED if info.get("ran") else NOT_RUN
        if info.get("ended"):
            student["notes"][e].append(str(info["ended"])[:300])
        elif not info:
            student["notes"][e].append(note or "the run stopped before this exercise")
    if args.executed:
        target = os.path.join(args.executed, safe_name(who, student["number"]))
        os.makedirs(target, exist_ok=True)
        shutil.copyfile(os.path.join(in_dir, "graded.ipynb"), os.path.join(target, name))
    print(f"{who}: {name} graded in {time.monotonic() - t0:.0f} s" + (f" ({note})" if note else ""), flush=True)


def grade(args):
    labs = teacher_labs()
    ids = [e for lab in labs.values() for e, _ in lab["exercises"]]
    lab_of = {e: name for name, lab in labs.items() for e, _ in lab["exercises"]}
    points = read_points(args.points, ids)
    library = library_dir()
    spec = kernel_spec(args.kernel)
    known = judge_ids(library, java_of(spec))
    unknown = [e for e in ids if e not in known]
    if unknown:
        raise SystemExit(f"error: the judge knows no check for exercise(s) {', '.join(unknown)}: add them to org.vaelab.exercise.Judge")
    isolated, how = isolation_available()
    if not isolated and not args.no_isolation:
        raise SystemExit(f"error: student code cannot be isolated here: {how}.\n"
                         "Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap), or grade inside a container or a virtual "
                         "machine and pass --no-isolation there (docs/GRADING.md).")
    limits = f"{args.timeout} s per cell and {args.notebook_timeout} s per notebook"
    protection = (f"Each lab of each submission ran isolated with {how}: its own copy, no network, no view of the other submissions or "
                  f"of the grader's files, a memory, CPU-time and file-size limit, {limits}") if isolated else \
        f"NOT isolated ({how}; --no-isolation): student code ran with the grader's rights; {limits}"
    readable = readable_paths(spec, library) if isolated else []

    out_dir = os.path.dirname(os.path.abspath(args.outcsv))
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vaelab-grade-")
    students, started = [], time.monotonic()
    names = set()
    try:
        for number, folder in enumerate(args.submissions, start=1):
            who = os.path.basename(os.path.normpath(os.path.abspath(folder)))
            if who in names:
                raise SystemExit(f"error: two submissions are named {who!r}")
            names.add(who)
            private = os.path.join(work, safe_name(who, number))
            student = {"who": who, "number": number, "folder": folder, "page": safe_name(who, number) + ".html",
                       "grades": {e: NOT_RUN for e in ids}, "notes": {e: [] for e in ids}, "messages": {}, "outputs": {},
                       "code": {}, "labs": {}, "answers": os.path.join(private, "answers")}
            os.makedirs(student["answers"])
            for name, lab in labs.items():
                grade_lab(student, name, lab, private, args, spec, isolated, readable)
            students.append(student)
        verdicts = judge([(s["answers"], os.path.join(s["answers"], "..", "verdicts.json")) for s in students], library, spec)
        for s in students:
            found = verdicts.get(s["answers"], {})
            for e in ids:
                status, message = found.get(e, ("no answer", ""))
                if status in JUDGED:
                    s["grades"][e] = JUDGED[status]
                    s["messages"][e] = message
                elif s["grades"][e] == FAILED:
                    s["notes"][e].append("the check recorded no answers: the cell did not compile, or it changed a name the check uses "
                                         "(see the output below)")
                if s["grades"][e] in (NOT_RUN, MISSING) and not s["notes"][e] and s["labs"].get(lab_of[e]):
                    s["notes"][e].append(s["labs"][lab_of[e]][0])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    write_csv(args.outcsv, ids, students, points)
    write_json(os.path.splitext(args.outcsv)[0] + ".json", ids, students, points, protection)
    page = os.path.splitext(args.outcsv)[0] + ".html"
    feedback = os.path.join(out_dir, "feedback")
    os.makedirs(feedback, exist_ok=True)
    for s in students:
        atomic.write_text(os.path.join(feedback, s["page"]), feedback_page(s, ids, lab_of, points, args.mode, protection))
    atomic.write_text(page, class_page(students, ids, lab_of, points, args.mode, protection))
    print(f"graded {len(students)} submission(s), {len(ids)} exercises, in {time.monotonic() - started:.0f} s ({args.mode} mode, "
          f"{'isolated' if isolated else 'NOT isolated'}): {args.outcsv}, {page}, {feedback}/")
    for s in students:
        print(f"  {s['who']}: {sum(g == PASSED for g in s['grades'].values())} of {len(ids)} passed, "
              f"{total(s, points):g} of {sum(points.values()):g} points")
    return 0


def total(student, points):
    return sum(points[e] for e, g in student["grades"].items() if g == PASSED)


def write_csv(path, ids, students, points):
    text = io.StringIO()
    w = csv.writer(text)
    w.writerow(["student"] + ids + ["passed", "points"])
    for s in students:
        w.writerow([s["who"]] + [s["grades"][e] for e in ids] + [sum(g == PASSED for g in s["grades"].values()), f"{total(s, points):g}"])
    atomic.write_text(path, text.getvalue())


def write_json(path, ids, students, points, protection):
    """The same results for a program (a course platform's import): per student, per exercise, the grade, the points,
    the check's message and the notes; per lab, its notes."""
    data = {"protection": protection, "exercises": {e: {"points": points[e]} for e in ids}, "students": []}
    for s in students:
        data["students"].append({
            "student": s["who"], "passed": sum(g == PASSED for g in s["grades"].values()), "points": total(s, points),
            "labs": {lab: notes for lab, notes in s["labs"].items() if notes},
            "exercises": {e: {"grade": s["grades"][e], "points": points[e] if s["grades"][e] == PASSED else 0,
                              "message": s["messages"].get(e, ""), "notes": s["notes"][e]} for e in ids}})
    atomic.write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


COLOURS = {PASSED: "#c8e6c9", FAILED: "#ffcdd2", NOT_DONE: "#fff9c4", MISSING: "#ffe0b2", NOT_RUN: "#e0e0e0"}
STYLE = """body{font-family:sans-serif;margin:2em;max-width:70em} pre{white-space:pre-wrap;background:#f8f8f8;padding:.5em;overflow-x:auto}
table{border-collapse:collapse} th,td{border:1px solid #999;padding:.25em .6em;text-align:center} th{background:#f4f4f4}
td.g{font-size:90%} .v{padding:0 .4em} .protection{background:#eef;padding:.5em}"""


def class_page(students, ids, lab_of, points, mode, protection):
    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    rows = []
    for s in students:
        cells = []
        for e in ids:
            g = s["grades"][e]
            tip = " ".join([s["messages"].get(e, "")] + s["notes"][e])
            cells.append(f'<td class="g" style="background:{COLOURS[g]}" title="{html.escape(tip)}">{html.escape(g)}</td>')
        rows.append(f'<tr><th><a href="feedback/{html.escape(s["page"])}">{html.escape(s["who"])}</a></th>{"".join(cells)}'
                    f'<td>{sum(g == PASSED for g in s["grades"].values())}</td><td>{total(s, points):g} / {sum(points.values()):g}</td></tr>')
    legend = " ".join(f'<span class="v" style="background:{c}">{g}</span>' for g, c in COLOURS.items())
    header = "".join(f'<th title="lab {lab_of[e][:2]}, {points[e]:g} point(s)">{e}</th>' for e in ids)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>VAE Lab: grades</title><style>{STYLE}</style></head>
<body><h1>VAE Lab: grades</h1>
<p>{len(students)} submission(s) &times; {len(ids)} exercises, run headless in {html.escape(mode)} mode on {when}. Each student's name
links to their feedback page; a cell's tooltip holds the check's message.</p>
<p class="protection">{html.escape(protection)}.</p>
<p>{legend}</p>
<table><thead><tr><th>student</th>{header}<th>passed</th><th>points</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""


def feedback_page(s, ids, lab_of, points, mode, protection):
    parts = []
    for lab in dict.fromkeys(lab_of[e] for e in ids):
        lab_notes = s["labs"].get(lab, [])
        section = [f"<h2>Lab {html.escape(lab[:2])} ({html.escape(lab)})</h2>"]
        if lab_notes:
            section.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in lab_notes) + "</ul>")
            if any("changed" in n or "added" in n or "deleted" in n for n in lab_notes):
                section.append("<p>Grading takes only your exercise cells; everything else comes from the teacher's notebook.</p>")
        for e in (e for e in ids if lab_of[e] == lab):
            g = s["grades"][e]
            earned = points[e] if g == PASSED else 0
            section.append(f'<h3>Exercise {e}: <span class="v" style="background:{COLOURS[g]}">{html.escape(g)}</span> '
                           f"({earned:g} of {points[e]:g} point(s))</h3>")
            message = s["messages"].get(e)
            if message:
                section.append(f"<pre>{html.escape(message)}</pre>")
            own = [n for n in s["notes"][e] if n not in lab_notes]
            if own:
                section.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in own) + "</ul>")
            if e in s["code"]:
                section.append(f"<p>Your code:</p><pre>{html.escape(s['code'][e])}</pre>")
            output = s["outputs"].get(e)
            if output and g != PASSED and output.strip() != (message or "").strip():
                section.append(f"<p>What the cells printed:</p><pre>{html.escape(output)}</pre>")
        parts.append("\n".join(section))
    passed = sum(g == PASSED for g in s["grades"].values())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>VAE Lab: feedback for {html.escape(s['who'])}</title><style>{STYLE}</style></head>
<body><h1>Feedback for {html.escape(s['who'])}</h1>
<p>{passed} of {len(ids)} exercises passed: {total(s, points):g} of {sum(points.values()):g} points ({html.escape(mode)} mode).
Each verdict comes from the teacher's check run on what your function computes.</p>
<p class="protection">{html.escape(protection)}.</p>
{chr(10).join(parts)}
</body></html>
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outcsv", help="the CSV to write; the class page and feedback/ go beside it")
    parser.add_argument("submissions", nargs="+", help="one folder per student, named after the student")
    parser.add_argument("--mode", default="smoke", choices=["smoke", "full", "paper"], help="VAELAB_MODE for the runs (default %(default)s)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds one cell may take (default %(default)s)")
    parser.add_argument("--notebook-timeout", type=int, default=900, help="seconds one lab's notebook may take (default %(default)s)")
    parser.add_argument("--memory", type=int, default=6144, help="MB of memory each process of a run may use (default %(default)s)")
    parser.add_argument("--points", help="a CSV 'exercise,points' (default: 1 point each)")
    parser.add_argument("--executed", help="also keep each submission's graded notebook (as built, before the run) in this folder")
    parser.add_argument("--kernel", default="vaelab-java", help="the Jupyter kernel (default %(default)s)")
    parser.add_argument("--no-isolation", action="store_true", help="allow grading without a sandbox where bwrap is missing or cannot start (only inside a throw-away container or VM)")
    args = parser.parse_args()
    try:
        return grade(args)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
