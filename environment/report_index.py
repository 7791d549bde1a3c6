#!/usr/bin/env python3
"""The teacher's index of the reports: figures/index.html, one section per lab of the workbook.

    report_index.py --out figures [--notebooks notebooks] [--results .cache/results]

run_notebooks.py writes it after every notebook it runs (so an interrupted run still leaves a current
index); this script rewrites it on its own. Each lab shows the figures it saved for the report
(.cache/results/NN.csv, or VAELAB_RESULTS), with the mode and device that measured them, and links to its
report. A lab without figures or without a report gets a note that says why: not run yet, its run failed
(where, and how), it measures no model (the notebook's metadata vaelab.no_figures says what it does), or its
figures come from another run than its report. At the top, the labs whose last run failed, each with its cell
and error: those that failed in this run of run_notebooks.py, then those that failed in an earlier one.

The runs themselves are recorded in runs.json beside the reports (status, mode, when, how long), one
entry per notebook, kept across runs: `./lab report 02` updates lab 02 and leaves the others as they were.
"""
import argparse
import csv
import datetime
import glob
import html
import json
import os
import re
import sys

import atomic

RUNS = "runs.json"
INDEX = "index.html"
RESULTS_HEADER = ["lab", "model", "metric", "value", "mode", "device"]
LAB_NAME = re.compile(r"^(\d\d)-.+\.ipynb$")


def project_home(start):
    """The folder holding `lab` and notebooks/, found upwards from start, as the kernel's Lab.home() finds it."""
    configured = os.environ.get("VAELAB_HOME")
    if configured:
        return os.path.abspath(configured)
    directory = os.path.abspath(start)
    while True:
        if os.path.isfile(os.path.join(directory, "lab")) and os.path.isdir(os.path.join(directory, "notebooks")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def results_dir(notebooks_dir):
    """Where the labs save their figures: VAELAB_RESULTS, or .cache/results in the project (as Lab.resultsDir())."""
    configured = os.environ.get("VAELAB_RESULTS")
    if configured:
        return os.path.abspath(configured)
    home = project_home(notebooks_dir)
    return os.path.join(home, ".cache", "results") if home else None


def read_runs(out_dir):
    path = os.path.join(out_dir, RUNS)
    if not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            runs = json.load(f)
        return runs if isinstance(runs, dict) else {}
    except (OSError, ValueError) as e:
        # Kept aside, not overwritten: the record starts anew beside it.
        os.replace(path, path + ".damaged")
        print(f"note: {path} cannot be read ({e}); it is kept as {path}.damaged and a new record of runs starts",
              file=sys.stderr)
        return {}


def record_run(out_dir, name, entry):
    """Adds or replaces one notebook's run in runs.json, atomically."""
    runs = read_runs(out_dir)
    runs[name] = entry
    atomic.write_text(os.path.join(out_dir, RUNS), json.dumps(runs, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def notebook_facts(path):
    """The notebook's title (its first heading) and its metadata vaelab.no_figures, if it has them."""
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except (OSError, ValueError):
        return None, None
    title = None
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for line in source.splitlines():
                if line.startswith("#"):
                    title = line.lstrip("#").strip()
                    break
            if title:
                break
    return title, nb.get("metadata", {}).get("vaelab", {}).get("no_figures")


def read_results(path):
    """One lab's saved figures as rows of dicts; raises ValueError naming the file when it is not a results file."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != RESULTS_HEADER:
        raise ValueError(f"{path} is not a results file (its first line should be {','.join(RESULTS_HEADER)}); "
                         "delete it and rerun its lab")
    figures = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(RESULTS_HEADER):
            raise ValueError(f"{path}, line {number}: {len(row)} fields, not {len(RESULTS_HEADER)}; rerun its lab")
        entry = dict(zip(RESULTS_HEADER, row))
        try:
            entry["value"] = float(entry["value"])
        except ValueError:
            raise ValueError(f"{path}, line {number}: the value '{row[3]}' is not a number; rerun its lab") from None
        figures.append(entry)
    return figures


def shown(value):
    """A figure as a person reads it: whole numbers without decimals, two decimals from 1 up, four significant below."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.4g}"


def when(timestamp):
    if not isinstance(timestamp, (int, float)):
        return "?"
    return datetime.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def figures_tables(figures):
    """The figures as tables, a row per model and a column per metric, in the order the lab saved them. Models
    that report mostly the same metrics (at least half of them in common) share a table; a lab that reports
    different things of different models (lab 07: swaps, judges, VAEs) gets one table per kind, not one sparse one."""
    metrics_of, value = {}, {}
    for f in figures:
        metrics_of.setdefault(f["model"], [])
        if f["metric"] not in metrics_of[f["model"]]:
            metrics_of[f["model"]].append(f["metric"])
        value[(f["model"], f["metric"])] = f["value"]
    groups = []  # [metrics, models]
    for model, metrics in metrics_of.items():
        for group in groups:
            common = len(set(metrics) & set(group[0]))
            if common >= 0.5 * len(set(metrics) | set(group[0])):
                group[0] += [m for m in metrics if m not in group[0]]
                group[1].append(model)
                break
        else:
            groups.append([list(metrics), [model]])
    out = []
    for metrics, models in groups:
        out.append('<table class="figures"><thead><tr><th>model</th>')
        out += [f"<th>{html.escape(m)}</th>" for m in metrics]
        out.append("</tr></thead><tbody>")
        for model in models:
            out.append(f'<tr><th scope="row">{html.escape(model)}</th>')
            for metric in metrics:
                v = value.get((model, metric))
                out.append("<td></td>" if v is None else f'<td data-value="{v!r}">{shown(v)}</td>')
            out.append("</tr>")
        out.append("</tbody></table>")
    return "".join(out)


def lab_section(lab, name, notebook, out_dir, results, run):
    """One lab: its title, link, provenance and figures; and the reason when any of them is missing.
    Returns the section's HTML, the lab's title, the reason it is listed as without figures (or None), and the modes
    of the figures shown."""
    title, no_figures = notebook_facts(notebook) if notebook else (None, None)
    title = title or name
    report = name + ".html"
    has_report = os.path.isfile(os.path.join(out_dir, report))
    results_file = os.path.join(results, lab + ".csv") if results else None
    figures, notes = [], []
    if results_file and os.path.isfile(results_file):
        try:
            figures = read_results(results_file)
        except (OSError, ValueError) as e:
            notes.append(f"its figures cannot be read: {html.escape(str(e))}")
    status = run.get("status") if run else None

    if not has_report:
        notes.insert(0, f"not run yet: <code>./lab report {lab}</code> runs it and writes its report")
    elif status == "failed":
        notes.insert(0, f"its last run ({run.get('mode', '?')} mode, {when(run.get('started'))}) failed at "
                        f"{html.escape(run.get('where', 'a cell'))}: {html.escape(run.get('error', ''))}; "
                        "the report shows the error in place")
    if figures:
        saved = os.path.getmtime(results_file)
        modes = sorted({f["mode"] for f in figures})
        if status == "failed":
            notes.append(f"the figures below come from an earlier run, saved {when(saved)}" if saved < run.get("started", 0)
                         else f"the figures below were saved by this run, at {when(saved)}, before it failed")
        elif run and status == "ok" and saved < run.get("started", 0):
            notes.append(f"its figures were saved on {when(saved)}, before its report's run of {when(run.get('started'))}: "
                         f"rerun <code>./lab report {lab}</code> to bring them together")
        elif run and status == "ok" and run.get("mode") not in modes:
            notes.append(f"its figures are from {'/'.join(modes)} mode, its report from {run.get('mode')} mode")
    elif has_report and status != "failed" and not notes:
        notes.append(html.escape(no_figures) if no_figures else
                     "it ran, but saved no figures for the report (the lab does not call <code>Lab.results(…).save()</code>)")

    out = [f'<section class="lab" id="lab-{lab}"><h2>{html.escape(title)}</h2><p class="links">']
    if has_report:
        out.append(f'<a class="report" href="{html.escape(report)}">report</a>')
    else:
        out.append('<span class="missing">no report</span>')
    if run:
        out.append(f' · {html.escape(run.get("status", "?"))}, {html.escape(run.get("mode", "?"))} mode, '
                   f'{run.get("seconds", 0):.0f} s, {when(run.get("started"))}')
    out.append("</p>")
    if figures:
        provenance = sorted({(f["mode"], f["device"]) for f in figures})
        said = "; ".join(f"{html.escape(mode)} mode on {html.escape(device)}" for mode, device in provenance)
        out.append(f'<p class="provenance">figures: {said}, saved {when(os.path.getmtime(results_file))}</p>')
        out.append(figures_tables(figures))
    for note in notes:
        out.append(f'<p class="note">{note}</p>')
    out.append("</section>")
    left_out = None if figures and has_report and status != "failed" else notes[0] if notes else "no figures"
    return "".join(out), title, left_out, {f["mode"] for f in figures}


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; } .lead { color: #555; margin-top: 0; }
section.lab { border-top: 1px solid #ccc; padding: 0.4rem 0 0.8rem; }
table.figures { border-collapse: collapse; font-size: 0.9rem; margin: 0.4rem 0; }
table.figures th, table.figures td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
table.figures td { text-align: right; font-variant-numeric: tabular-nums; }
table.figures thead th { background: #f3f3f3; } table.figures tbody th { text-align: left; font-weight: normal; }
.provenance, .links { color: #444; margin: 0.2rem 0; } .note { background: #fff6dd; padding: 0.3rem 0.6rem; margin: 0.3rem 0; }
.missing { color: #999; } ul.left-out li { margin: 0.2rem 0; }
.note.failed { background: #fde8e8; } ul.failed { margin: 0.3rem 0; }
"""


def failures_note(failed, run_started):
    """The note at the top of the index naming the labs whose last run failed, with the cell and the error; those that
    failed in the run that started at run_started (run_notebooks.py's) first. failed: (lab, title, run) triples."""
    def item(lab, title, run):
        return (f'<li><a href="#lab-{html.escape(lab)}">{html.escape(title)}</a> ({html.escape(run.get("mode", "?"))} mode, '
                f'{when(run.get("started"))}): failed at {html.escape(run.get("where", "a cell"))}: '
                f'{html.escape(run.get("error", ""))}</li>')
    if run_started is None:
        now, earlier = [], failed
    else:
        now = [f for f in failed if isinstance(f[2].get("started"), (int, float)) and f[2]["started"] >= run_started]
        earlier = [f for f in failed if f not in now]
    out = []
    if now:
        out.append(f'<div class="note failed" id="failed"><b>{len(now)} lab{"s" if len(now) != 1 else ""} failed in this run</b> '
                   f"(started {when(run_started)}); each report shows the error in place, and each lab's section below says "
                   'whether its figures are missing or from an earlier run:<ul class="failed">' + "".join(item(*f) for f in now) + "</ul></div>")
    if earlier:
        heading = "failed in an earlier run, not rerun since" if run_started is not None else "failed in their last run"
        out.append(f'<div class="note failed"><b>{len(earlier)} lab{"s" if len(earlier) != 1 else ""} {heading}</b>:'
                   '<ul class="failed">' + "".join(item(*f) for f in earlier) + "</ul></div>")
    return "".join(out)


def write_index(out_dir, notebooks_dir, extra_notebooks=(), results=None, run_started=None):
    """Writes out_dir/index.html from the labs in notebooks_dir (and any other notebooks run), their reports,
    runs.json and the saved figures; returns its path. run_started: when run_notebooks.py's run began (seconds
    since the epoch), so that the index tells the labs that failed in this run from those that failed before."""
    results = results if results is not None else results_dir(notebooks_dir)
    labs = {}
    for path in sorted(glob.glob(os.path.join(notebooks_dir, "[0-9][0-9]-*.ipynb"))):
        labs[os.path.splitext(os.path.basename(path))[0]] = path
    for path in extra_notebooks:
        labs.setdefault(os.path.splitext(os.path.basename(path))[0], path)
    runs = read_runs(out_dir)
    sections, left_out, modes, failed = [], [], set(), []
    for name in sorted(labs):
        match = LAB_NAME.match(name + ".ipynb")
        lab = match.group(1) if match else name
        section, title, reason, lab_modes = lab_section(lab, name, labs[name], out_dir, results, runs.get(name))
        sections.append(section)
        modes |= lab_modes
        if (runs.get(name) or {}).get("status") == "failed" and os.path.isfile(os.path.join(out_dir, name + ".html")):
            failed.append((lab, title, runs[name]))
        if reason:
            left_out.append(f'<li><a href="#lab-{html.escape(lab)}">{html.escape(title)}</a>: {reason}</li>')
    extras = []
    if os.path.isfile(os.path.join(out_dir, "results.csv")):
        extras.append('Every figure as one table: <a href="results.csv">results.csv</a> (written by lab 08)')
    page = ["<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>VAE Lab — reports</title>",
            f"<style>{STYLE}</style></head><body><h1>VAE Lab — reports</h1>",
            f'<p class="lead">Each lab of the workbook, the figures it measured (with the mode and device they came from) '
            f"and its report. Written {when(datetime.datetime.now().timestamp())} by <code>./lab report</code>."
            + (" " + "; ".join(extras) + "." if extras else "") + "</p>"]
    if failed:
        page.append(failures_note(failed, run_started))
    if modes - {"full", "paper"}:
        page.append('<p class="note">Some figures below come from <b>smoke mode</b> (a few batches, to check that the '
                    "labs run): they say nothing about the models. <code>./lab report</code> runs the labs in full mode."
                    "</p>")
    if left_out:
        page.append('<h2>Labs without figures here</h2><ul class="left-out">' + "".join(left_out) + "</ul>")
    page += sections
    page.append("</body></html>\n")
    path = os.path.join(out_dir, INDEX)
    atomic.write_text(path, "".join(page))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", required=True, help="the reports' folder, where index.html goes")
    parser.add_argument("--notebooks", default=os.path.join(os.path.dirname(here), "notebooks"), help="the labs' folder")
    parser.add_argument("--results", help="the labs' saved figures (default: VAELAB_RESULTS, or .cache/results)")
    args = parser.parse_args()
    if not os.path.isdir(args.out):
        sys.exit(f"report_index.py: there is no reports folder {args.out}; ./lab report writes the reports there first")
    print("wrote " + write_index(args.out, args.notebooks, results=args.results))


if __name__ == "__main__":
    main()
