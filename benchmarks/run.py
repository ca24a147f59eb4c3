"""Speed and memory of raci, each figure measured side by side with its reference in one run.

    python benchmarks/run.py            # the full set: about 7 minutes on 2 cores
    python benchmarks/run.py --quick    # tiny sizes, one repetition: a smoke test
    python benchmarks/run.py --only 1,2 # some figures only (5: the page to explore in headless Chromium)

Every figure is a ratio to a reference run on the same machine in the same session: the runs
are interleaved (reference and raci alternate, their order flipping each repetition) and the
median of the repetitions' ratios is reported, so a noisy, shared machine moves both sides.
Whole-process figures run `raci` as a subprocess, start-up included. The table prints the
target, the measured figure and whether it is met; a missed target is reported as measured,
with what bounds it. Standard library only (plus raci's own dependencies; figure 5 uses Playwright
and Debian's Chromium, as the apps tests do).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PYTHON = sys.executable
IMPORTS = "import openpyxl, jinja2, click"  # what a run's outputs need: the workbook, the page, the command
BATCH_SHIM = (
    "import sys; from raci.jobs.batch import read_manifest, run_batch; "
    "sys.exit(run_batch(read_manifest(sys.argv[1], sys.argv[2]), workers=int(sys.argv[3])).failed)"
)
SIZES = ("startup", "small", "medium", "large")
MEMORY_RESOLUTION = 2**20  # a rise in peak RSS below 1 MiB counts as 1 MiB (it is lost in the noise)


# --- measuring -----------------------------------------------------------------------------


def raci_command() -> list[str]:
    """The installed `raci` console script beside this Python, or the same entry point through -c."""
    script = Path(PYTHON).with_name("raci")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [PYTHON, "-c", "import sys; from raci.cli import main; sys.exit(main())"]


def batch_registered() -> bool:
    try:
        from raci.cli import main
    except ImportError:
        return False
    return "batch" in getattr(main, "commands", {})


def run_seconds(command: Sequence[str]) -> float:
    """Wall time of one subprocess, which must succeed."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def interleaved(sides: dict[str, Callable[[], Any]], repeat: int) -> dict[str, list[Any]]:
    """Run each side once per repetition, alternating which goes first; every side's measurements."""
    names = list(sides)
    found: dict[str, list[Any]] = {name: [] for name in names}
    for rep in range(repeat):
        for name in names if rep % 2 == 0 else reversed(names):
            found[name].append(sides[name]())
    return found


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of the per-repetition ratios (robust to drift across the run)."""
    return statistics.median(a / b for a, b in zip(numerators, denominators, strict=True))


@dataclass
class Row:
    figure: str
    measured: str  # raci's side, in its units
    reference: str  # the reference side
    ratio: float
    target: str  # e.g. "<= 1.3"
    met: bool | None  # None: reported for information, no target

    def cells(self) -> list[str]:
        met = "" if self.met is None else ("yes" if self.met else "no")
        return [self.figure, self.measured, self.reference, f"{self.ratio:.2f}", self.target, met]


def at_most(limit: float) -> tuple[str, Callable[[float], bool]]:
    return f"<= {limit:g}", lambda ratio: ratio <= limit


def at_least(limit: float) -> tuple[str, Callable[[float], bool]]:
    return f">= {limit:g}", lambda ratio: ratio >= limit


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def mebibytes(value: float) -> str:
    return f"{value / 2**20:.1f} MiB"


# --- 1 and 2: start-up ---------------------------------------------------------------------


def typical_run(work: Path, repeat: int) -> tuple[list[Row], list[str]]:
    raci = raci_command()
    out = work / "typical"
    sides = {
        "raci": lambda: run_seconds([*raci, "generate", "--size", "small", "--out", str(out), "--force", "-q"]),
        "imports": lambda: run_seconds([PYTHON, "-c", IMPORTS]),
    }
    for side in sides.values():  # warm the file cache
        side()
    found = interleaved(sides, repeat)
    ratio = median_ratio(found["raci"], found["imports"])
    text, check = at_most(1.3)
    raci_s, import_s = statistics.median(found["raci"]), statistics.median(found["imports"])
    rows = [
        Row(
            "1. `raci generate` (default catalogue, small) vs `import openpyxl, jinja2, click`",
            seconds(raci_s),
            seconds(import_s),
            ratio,
            text,
            check(ratio),
        ),
    ]
    notes = []
    if not check(ratio):
        notes.append(
            f"1: raci's run takes {raci_s - import_s:.2f} s beyond importing the libraries its outputs need "
            f"({import_s:.2f} s): importing raci itself, building the report for every size, writing the "
            "six-sheet styled workbook and rendering the summary."
        )
    return rows, notes


def startup(repeat: int) -> tuple[list[Row], list[str]]:
    raci = raci_command()
    sides = {
        "help": lambda: run_seconds([*raci, "--help"]),
        "version": lambda: run_seconds([*raci, "--version"]),
        "click": lambda: run_seconds([PYTHON, "-c", "import click"]),
    }
    for side in sides.values():
        side()
    found = interleaved(sides, repeat)
    text, check = at_most(2.0)
    rows, notes = [], []
    for name in ("help", "version"):
        ratio = median_ratio(found[name], found["click"])
        rows.append(
            Row(
                f"2. `raci --{name}` vs `import click`",
                seconds(statistics.median(found[name])),
                seconds(statistics.median(found["click"])),
                ratio,
                text,
                check(ratio),
            )
        )
        if not check(ratio):
            notes.append(f"2: `raci --{name}` imports more than click at start-up; see `python -X importtime`.")
    return rows, notes


# --- 3: a large matrix ----------------------------------------------------------------------


def write_catalogue(path: Path, rows: int) -> Path:
    """`rows` responsibilities: the bundled catalogue repeated, with ids and names made unique."""
    from raci.resources import default_catalogue

    with default_catalogue().open(encoding="utf-8-sig", newline="") as stream:
        base = list(csv.DictReader(stream))
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(base[0]))
        writer.writeheader()
        for number in range(rows):
            row = dict(base[number % len(base)])
            row["id"] = f"{row['id']}-{number:05d}"
            row["responsibility"] = f"{row['responsibility']} (unit {number // len(base) + 1})"
            writer.writerow(row)
    return path


FLOOR_TEMPLATE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>RACI</title></head><body>
<table><thead><tr>{% for name in header %}<th>{{ name }}</th>{% endfor %}</tr></thead><tbody>
{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></body></html>"""


def measure_large(kind: str, catalogue: Path, out: Path) -> dict[str, float]:
    """In a fresh process: warm up on a small list, then one timed run; its time and its rise in peak RSS.

    `raci`: `generate` with the large profile, files written. `floor`: the same RACI-sheet cells
    written with openpyxl's write-only mode and the same table rendered with Jinja2, files
    written; the letters are worked out before the clock starts (the floor only writes), and
    the matrix they come from stays in memory while it runs, as raci's report does: memory
    freed by working it out would otherwise be reused by the floor and hide part of its own.
    """
    from raci.inputs.profiles import builtin_profile
    from raci.jobs.generate import generate

    profile = builtin_profile("large")
    warm = write_catalogue(out / "warm.csv", 50)

    def prepare_raci(path: Path) -> Callable[[], None]:
        def run() -> None:
            generate(out, profile, path, force=True)

        return run

    def prepare_floor(path: Path) -> Callable[[], None]:
        import jinja2
        from openpyxl import Workbook

        from raci.core.assign import build_matrix
        from raci.inputs.catalog import read_catalogue

        template = jinja2.Environment(autoescape=True).from_string(FLOOR_TEMPLATE)
        matrix = build_matrix(read_catalogue(path), profile)
        letters = {row.item.id: (row.letters, row.rule.label) for row in matrix.rows}

        def floor() -> None:
            titles = [role.title for role in matrix.roles]  # the matrix is the floor's input: kept until it is done
            header = ["ID", "Area", "Responsibility", *titles, "Home", "Horizon", "Rule", "Description"]
            rows = []
            with path.open(encoding="utf-8", newline="") as stream:
                for item in csv.DictReader(stream):
                    cells, rule = letters[item["id"]]
                    rows.append(
                        [
                            item["id"],
                            item["area"],
                            item["responsibility"],
                            *cells,
                            item["home"],
                            item["horizon"],
                            rule,
                            item["description"],
                        ]
                    )
            book = Workbook(write_only=True)
            sheet = book.create_sheet("RACI")
            sheet.append(header)
            for row in rows:
                sheet.append(row)
            book.save(out / "floor.xlsx")
            (out / "floor.html").write_text(template.render(header=header, rows=rows), encoding="utf-8")

        return floor

    prepare = prepare_raci if kind == "raci" else prepare_floor
    prepare(warm)()
    run = prepare(catalogue)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": elapsed, "peak": float(max(after - before, 0) * 1024)}  # ru_maxrss is in KiB on Linux


def large_matrix(work: Path, sizes: Sequence[int], repeat: int) -> tuple[list[Row], list[str]]:
    catalogues = {rows: write_catalogue(work / f"catalogue-{rows}.csv", rows) for rows in sizes}

    def side(kind: str, rows: int) -> Callable[[], dict[str, float]]:
        def measure() -> dict[str, float]:
            out = work / f"large-{kind}"
            out.mkdir(exist_ok=True)
            done = subprocess.run(
                [PYTHON, __file__, "--measure-large", kind, str(catalogues[rows]), str(out)],
                check=True,
                capture_output=True,
                text=True,
            )
            return dict(json.loads(done.stdout.strip().splitlines()[-1]))

        return measure

    rows_out: list[Row] = []
    notes: list[str] = []
    per_row: dict[int, tuple[float, float]] = {}
    time_text, time_check = at_most(1.5)
    for count in sizes:
        found = interleaved({"raci": side("raci", count), "floor": side("floor", count)}, repeat)
        raci_t = [entry["seconds"] for entry in found["raci"]]
        floor_t = [entry["seconds"] for entry in found["floor"]]
        raci_m = [max(entry["peak"], MEMORY_RESOLUTION) for entry in found["raci"]]
        floor_m = [max(entry["peak"], MEMORY_RESOLUTION) for entry in found["floor"]]
        time_ratio = median_ratio(raci_t, floor_t)
        memory_ratio = median_ratio(raci_m, floor_m)
        headline = count == sizes[len(sizes) // 2]
        label = f"3. {count:,} rows, large profile"
        rows_out.append(
            Row(
                f"{label}: time vs openpyxl write-only + Jinja2",
                seconds(statistics.median(raci_t)),
                seconds(statistics.median(floor_t)),
                time_ratio,
                time_text if headline else "",
                time_check(time_ratio) if headline else None,
            )
        )
        rows_out.append(
            Row(
                f"{label}: peak memory (RSS rise) vs the same",
                mebibytes(statistics.median(raci_m)),
                mebibytes(statistics.median(floor_m)),
                memory_ratio,
                time_text if headline else "",
                time_check(memory_ratio) if headline else None,
            )
        )
        per_row[count] = (statistics.median(raci_t) / count, statistics.median(raci_m) / count)
        if headline and not (time_check(time_ratio) and time_check(memory_ratio)):
            notes.append(
                f"3: at {count:,} rows raci takes {time_ratio:.1f}x the floor's time and {memory_ratio:.1f}x its "
                "memory: beyond writing the RACI sheet's cells (streamed in write-only mode, as the floor's, but "
                "styled) it checks the catalogue, works out the matrix for every size, writes five more sheets, and "
                "renders and fingerprints a full summary page (its text, held whole, sets the peak); the floor only "
                "writes bare values and a bare table."
            )
    first, last = min(sizes), max(sizes)
    growth_text, growth_check = at_most(1.25)
    for index, what in enumerate(("time", "memory")):
        growth = per_row[last][index] / per_row[first][index]
        unit = (lambda v: f"{v * 1000:.2f} ms") if what == "time" else (lambda v: f"{v / 1024:.1f} KiB")
        rows_out.append(
            Row(
                f"3. {what} per row at {last:,} rows vs at {first:,} (linear = 1)",
                unit(per_row[last][index]),
                unit(per_row[first][index]),
                growth,
                growth_text,
                growth_check(growth),
            )
        )
        if not growth_check(growth):
            notes.append(f"3: the {what} per row grows from {first:,} to {last:,} rows: not linear.")
    return rows_out, notes


# --- 4: batch runs --------------------------------------------------------------------------


def batch_runs(work: Path, jobs: int, repeat: int) -> tuple[list[Row], list[str]]:
    manifest = work / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "size"])
        for number in range(jobs):
            writer.writerow([f"client {number:03d}", SIZES[number % len(SIZES)]])
    raci = raci_command()
    registered = batch_registered()

    def batch(workers: int) -> Callable[[], float]:
        def measure() -> float:
            out = work / f"batch-{workers}"
            shutil.rmtree(out, ignore_errors=True)
            if registered:
                command = [*raci, "batch", str(manifest), "--out", str(out), "--jobs", str(workers), "-q"]
            else:
                command = [PYTHON, "-c", BATCH_SHIM, str(manifest), str(out), str(workers)]
            return run_seconds(command)

        return measure

    def separate() -> float:
        out = work / "separate"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        for number in range(jobs):
            size = SIZES[number % len(SIZES)]
            subprocess.run(
                [*raci, "generate", "--size", size, "--out", str(out / f"client-{number:03d}"), "-q"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        return time.perf_counter() - started

    found = interleaved({"separate": separate, "batch-2": batch(2), "batch-1": batch(1)}, repeat)
    speedup = median_ratio(found["separate"], found["batch-2"])
    scaling = median_ratio(found["batch-1"], found["batch-2"])
    fast_text, fast_check = at_least(8.0)
    scale_text, scale_check = at_least(1.6)
    how = "`raci batch`" if registered else "raci.jobs.batch.run_batch (not yet a command)"
    rows = [
        Row(
            f"4. {jobs} jobs: {how} --jobs 2 vs {jobs} `raci generate` processes (speed-up)",
            seconds(statistics.median(found["batch-2"])),
            seconds(statistics.median(found["separate"])),
            speedup,
            fast_text,
            fast_check(speedup),
        ),
        Row(
            f"4. {jobs} jobs: --jobs 2 vs --jobs 1 (speed-up)",
            seconds(statistics.median(found["batch-2"])),
            seconds(statistics.median(found["batch-1"])),
            scaling,
            scale_text,
            scale_check(scaling),
        ),
    ]
    notes = []
    if not registered:
        notes.append(
            "4: `raci batch` is not registered in raci.cli yet: the batch ran through raci.jobs.batch.run_batch "
            "in one `python -c` process (the same code, without click's start-up)."
        )
    if not fast_check(speedup):
        per_job = statistics.median(found["batch-1"]) / jobs
        notes.append(f"4: a job's own work ({per_job:.2f} s in one worker) bounds the batch, not start-up.")
    if not scale_check(scaling):
        notes.append(f"4: {os.cpu_count()} CPUs here; two workers cannot be twice as fast on a busy machine.")
    return rows, notes


# --- the report -----------------------------------------------------------------------------


# --- 5: the page to explore in a browser ---------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
EXPLORE_ROWS = 1_000
EXPLORE_AREAS = ("quotas", "pricing", "promotion", "branding", "research", "sales_process", "customer_service")
# A step on either page, in the browser's own clock: the page laid out before, the event, the layout it causes.
TIMED_STEP = """([what, control, value]) => {
  document.body.offsetHeight;
  const started = performance.now();
  if (what === 'size') {
    document.querySelector('#views button[data-view="' + value + '"]').click();
  } else {
    const field = document.getElementById(control);
    field.value = value;
    field.dispatchEvent(new Event(what === 'type' ? 'input' : 'change'));
  }
  document.body.offsetHeight;
  return performance.now() - started;
}"""
# The steps timed on both pages: a filter typed and cleared, an area picked and cleared (a pass over the
# rows that shows or hides them), and the size switched away and back (the letters of every row redrawn).
EXPLORE_STEPS: tuple[tuple[str, str, str, str | int], ...] = (
    ("filter", "type", "f-text", "task 99"),
    ("filter", "type", "f-text", ""),
    ("filter", "pick", "f-area", "pricing"),
    ("filter", "pick", "f-area", ""),
    ("switch", "size", "views", 0),
    ("switch", "size", "views", 3),
)


def reference_page(path: Path, letters: Sequence[Sequence[Sequence[str]]]) -> Path:
    """A plain page for the same steps, as one would first write it: the same rows, a text field and an area
    list that show or hide each row in one pass, and size buttons that rewrite every letter cell."""
    import html

    body = []
    for number in range(EXPLORE_ROWS):
        area = EXPLORE_AREAS[(number + 1) % len(EXPLORE_AREAS)]
        text = f"Task {number + 1} for {area.replace('_', ' ')}"
        cells = "".join(f"<td>{letter}</td>" for letter in letters[-1][number])
        body.append(
            f'<tr data-area="{area}" data-text="{html.escape(text.lower())}"><td>R-{number + 1:04d}</td>'
            f"<td>{area}</td><th>{html.escape(text)}</th>{cells}</tr>"
        )
    options = "".join(f'<option value="{area}">{area}</option>' for area in EXPLORE_AREAS)
    buttons = "".join(f'<button data-view="{view}">{view}</button>' for view in range(len(letters)))
    script = """
const rows = Array.from(document.querySelectorAll('tbody tr'));
const text = document.getElementById('f-text'), area = document.getElementById('f-area');
const letters = JSON.parse(document.getElementById('letters').textContent);
function filter() {
  const wanted = text.value.toLowerCase(), chosen = area.value;
  for (const row of rows) row.hidden = !(row.dataset.text.includes(wanted) && (!chosen || row.dataset.area === chosen));
}
text.addEventListener('input', filter);
area.addEventListener('change', filter);
for (const button of document.querySelectorAll('#views button')) {
  button.addEventListener('click', () => {
    const view = letters[Number(button.dataset.view)];
    rows.forEach((row, index) => {
      const cells = row.querySelectorAll('td');
      view[index].forEach((letter, column) => { cells[column + 2].textContent = letter; });
    });
  });
}"""
    path.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>reference</title></head><body>"
        f"<input id='f-text'><select id='f-area'><option value=''>all</option>{options}</select>"
        f"<div id='views'>{buttons}</div><table><tbody>{''.join(body)}</tbody></table>"
        f"<script type='application/json' id='letters'>{json.dumps(letters)}</script>"
        f"<script>{script}</script></body></html>",
        encoding="utf-8",
    )
    return path


def explore_pages(work: Path) -> tuple[Path, Path]:
    """raci's page to explore of a 1,000-row catalogue (large firm), and the reference page of the same rows."""
    source = work / "explore.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "area", "responsibility", "home", "horizon"])
        for number in range(1, EXPLORE_ROWS + 1):
            area = EXPLORE_AREAS[number % len(EXPLORE_AREAS)]
            home = "sales" if area in ("quotas", "sales_process", "customer_service") else "marketing"
            writer.writerow([f"R-{number:04d}", area, f"Task {number} for {area.replace('_', ' ')}", home, "short"])
    out = work / "explore"
    subprocess.run(
        [*raci_command(), "generate", str(source), "--size", "large", "--interactive", "--out", str(out), "-q"],
        check=True,
    )
    (page,) = out.glob("*-explore.html")
    from raci.core.assign import build_matrix
    from raci.inputs.catalog import read_catalogue
    from raci.inputs.profiles import builtin_profile

    catalogue = read_catalogue(source)
    widest = max(len(builtin_profile(size).roles) for size in SIZES)
    letters = [
        [
            [*row.letters, *([""] * (widest - len(row.letters)))]
            for row in build_matrix(catalogue, builtin_profile(size)).rows
        ]
        for size in SIZES
    ]
    return page, reference_page(work / "reference.html", letters)


def explore_in_browser(work: Path, repeat: int) -> tuple[list[Row], list[str]]:
    """Each step of EXPLORE_STEPS on raci's page and on a plain page of the same rows, in one headless
    Chromium, the pages taking turns; per kind of step, the median of the repetitions' ratios of their summed
    times in the browser's clock. This is where the page's speed is measured, not in the test suite."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [], ["5: not measured: Playwright is not installed (pip install -e '.[test]')."]
    if not Path(CHROMIUM).exists():
        return [], [f"5: not measured: no Chromium at {CHROMIUM}."]
    page_file, reference_file = explore_pages(work)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    kinds = sorted({kind for kind, *_ in EXPLORE_STEPS})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            pages = {}
            for name, path in (("raci", page_file), ("reference", reference_file)):
                tab = browser.new_page(viewport={"width": 1280, "height": 900})
                tab.goto(path.as_uri())
                tab.wait_for_load_state("load")
                pages[name] = tab

            def steps(name: str) -> Callable[[], dict[str, float]]:
                def measure() -> dict[str, float]:
                    tab = pages[name]
                    tab.bring_to_front()
                    took = dict.fromkeys(kinds, 0.0)
                    for kind, what, control, value in EXPLORE_STEPS:
                        took[kind] += float(tab.evaluate(TIMED_STEP, [what, control, value]))
                    return took

                return measure

            for name in pages:  # warm both pages once
                steps(name)()
            found = interleaved({name: steps(name) for name in pages}, repeat)
        finally:
            browser.close()
    rows = []
    targets = {"filter": at_most(1.0), "switch": at_most(1.0)}  # no slower than the plain page
    what = {
        "filter": "a filter typed and cleared, an area picked and cleared",
        "switch": "switching the size away and back",
    }
    notes = []
    for kind in kinds:
        ours = [max(entry[kind], 0.1) for entry in found["raci"]]
        theirs = [max(entry[kind], 0.1) for entry in found["reference"]]
        ratio = median_ratio(ours, theirs)
        text, check = targets[kind]
        rows.append(
            Row(
                f"5. page to explore, 1,000 rows, Chromium: {what[kind]} vs a plain page (one pass over the rows)",
                f"{statistics.median(ours):.0f} ms",
                f"{statistics.median(theirs):.0f} ms",
                ratio,
                text,
                check(ratio),
            )
        )
        if not check(ratio):
            notes.append(
                f"5: {what[kind]} takes {statistics.median(ours):.0f} ms in the browser's clock against "
                f"{statistics.median(theirs):.0f} ms for a plain page that shows, hides or rewrites every row."
            )
    return rows, notes


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    model = model or platform.processor() or platform.machine()
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB RAM"
    versions = []
    for name in ("raci", "pandas", "openpyxl", "jinja2", "click"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:
            continue
    return (
        f"{model}, {os.cpu_count()} CPUs{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {', '.join(versions)}"
    )


def table(rows: Sequence[Row]) -> str:
    header = ["figure", "raci", "reference", "ratio", "target", "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one repetition (a smoke test)")
    parser.add_argument("--repeat", type=int, help="repetitions per figure (default 7; 3 for 3 and 4)")
    parser.add_argument("--jobs", type=int, help="jobs in figure 4 (default 200)")
    parser.add_argument("--only", default="1,2,3,4,5", help="which figures, e.g. 1,3")
    parser.add_argument("--measure-large", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure_large:
        kind, catalogue, out = args.measure_large
        print(json.dumps(measure_large(kind, Path(catalogue), Path(out))))
        return 0

    # An installed package runs from bytecode: the warm-up runs write it (where the environment says
    # not to write bytecode, every run would compile raci's modules again and time that too).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    only = {part.strip() for part in args.only.split(",")}
    quick = args.quick
    repeat = args.repeat or (1 if quick else 7)
    heavy_repeat = args.repeat or (1 if quick else 3)
    sizes = (50, 100, 200) if quick else (1_000, 5_000, 20_000)
    jobs = args.jobs or (4 if quick else 200)

    print(f"Machine: {machine()}")
    print(f"Repetitions: {repeat} (figures 1-2), {heavy_repeat} (figures 3-4); ratios are medians of paired runs.")
    print()
    started = time.perf_counter()
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="raci-bench-") as folder:
        work = Path(folder)
        steps: list[tuple[str, Callable[[], tuple[list[Row], list[str]]]]] = [
            ("1", lambda: typical_run(work, repeat)),
            ("2", lambda: startup(repeat)),
            ("3", lambda: large_matrix(work, sizes, heavy_repeat)),
            ("4", lambda: batch_runs(work, jobs, heavy_repeat)),
            ("5", lambda: explore_in_browser(work, repeat)),
        ]
        for key, step in steps:
            if key in only:
                found, said = step()
                rows += found
                notes += said
                print(f"... figure {key} done ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    print(table(rows))
    if notes:
        print()
        print("What bounds the missed targets:")
        for note in notes:
            print(f"- {note}")
    print()
    print(f"Took {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
