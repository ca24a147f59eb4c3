"""Batch runs: one manifest of jobs -> one `generate` per job, in parallel, and an index page.

The manifest is a CSV with one job per row (see MANIFEST_COLUMNS and RUN_OPTIONS). Reading it
checks everything that can be checked up front, so a bad manifest stops the batch before any
work starts (`ManifestError`); a bad job (a missing input, a malformed profile) only fails
itself. Jobs are plain picklable data run by `run_job` through any
`concurrent.futures.Executor`: by default a process pool whose workers import the heavy
libraries once (`warm_up`), not once per job. Each job's files are named for its client
(`client_stem`). Beside the job folders go `index.html` and the portfolio (`portfolio.xlsx`,
`portfolio.csv`: one row per job), written as one unit. Nothing here prints: the CLI turns the
results and the progress callback into output.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..core.shares import Shares
from ..exceptions import OutputError, RaciError, one_line
from ..fingerprint import html_unchanged
from ..inputs.manifest import BUILDERS, Job, Plan
from ..inputs.manifest import read_manifest as read_manifest  # the batch job's entry, beside run_batch
from ..names import NAME_BYTES, safe_name
from ..output import check_targets, make_folder, source_date, write_files

if TYPE_CHECKING:
    import pandas

INDEX_TEMPLATE = "index.html.j2"
WORKERS_PER_CPU = 4  # processes at most per CPU, whatever --jobs asks: each holds the libraries in memory


# --- jobs and results ------------------------------------------------------------------


@dataclass(frozen=True)
class JobResult:
    """What one job produced, or its one-line error; small, so it travels back cheaply."""

    job: Job
    error: str | None = None
    profile: str = ""
    profile_title: str = ""
    headcount: str = ""
    headcount_min: int | None = None  # the profile's smallest headcount: sizes sort by it
    shares: Shares | None = None
    errors: int = 0  # findings of the checks, by severity
    warnings: int = 0
    workbook: Path | None = None
    summary: Path | None = None
    deck: Path | None = None  # the slide deck, when the manifest's pptx column asks for one
    explore: Path | None = None  # the page to explore, when the manifest's interactive column asks for one
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class BatchResult:
    plan: Plan
    results: tuple[JobResult, ...]  # in manifest order
    index: Path
    index_error: str | None = None  # why the index page could not be written (the jobs' files stand)

    @property
    def failures(self) -> tuple[JobResult, ...]:
        return tuple(result for result in self.results if not result.ok)

    @property
    def failed(self) -> bool:
        return bool(self.failures)


Progress = Callable[[JobResult, int, int], None]
"""Called in the caller's process as each job ends: (its result, jobs done, jobs in all)."""


# --- running ---------------------------------------------------------------------------


def warm_up() -> None:
    """Import and prepare what every job needs; run once in each worker process as it starts. pandas is
    not among them: only a job whose input is a grid it serves (.ods, a matrix made elsewhere) loads it."""
    import openpyxl  # noqa: F401

    from ..inputs.profiles import builtin_profiles
    from ..render import html, workbook  # noqa: F401

    builtin_profiles()
    html.environment().get_template(html.TEMPLATE)


def run_job(job: Job) -> JobResult:
    """Run one job; any error becomes the result's one-line `error` instead of an exception."""
    from .generate import chosen_profiles, generate

    started = time.perf_counter()
    try:
        profile, given = chosen_profiles(job.size, job.headcount, job.profile)  # given: a matrix's size to compare with
        stem = client_stem(job.name, profile.name)
        outcome = generate(
            job.out_dir,
            profile,
            job.catalogue,
            force=job.force,
            stem=stem,
            matrix_size=given,
            headcount=job.headcount,
            **arguments(job),
        )
    except Exception as err:
        return JobResult(job=job, error=describe(err), seconds=time.perf_counter() - started)
    report = outcome.report
    severities = [finding.severity for finding in report.findings]
    return JobResult(
        job=job,
        profile=report.profile.name,
        profile_title=profile.title,  # as the profile writes it: the index is in one language, not the job's
        headcount=str(job.headcount) if job.headcount else report.profile.headcount_label,  # the client's own
        headcount_min=job.headcount or report.profile.headcount_min,
        shares=report.shares,
        errors=severities.count("error"),
        warnings=severities.count("warning"),
        workbook=outcome.workbook,
        summary=outcome.summary,
        deck=outcome.deck,
        explore=outcome.explore,
        seconds=time.perf_counter() - started,
    )


def client_stem(name: str, profile: str) -> str:
    """The job's files' name without suffix: `raci-acme-corp-small` for Acme Corp on the small profile.

    Lower case, made safe (see raci.names.safe_name), and as short as generate()'s own names
    (NAME_BYTES): a long client name is cut, the profile's name is kept.
    """
    size = safe_name(profile.lower())
    client = safe_name(name.lower())
    room = max(1, NAME_BYTES - len(f"raci--{size}".encode()))
    while len(client.encode()) > room:
        client = client[:-1]
    return f"raci-{client.rstrip('-._') or 'unnamed'}-{size}"


def arguments(job: Job) -> dict[str, Any]:
    """The job's options as keyword arguments of generate(), those of several columns built here."""
    return {
        keyword: BUILDERS[keyword](**value) if keyword in BUILDERS else value for keyword, value in job.options.items()
    }


def describe(err: BaseException) -> str:
    """One line for a failure: a RaciError as it prints; anything else with its type first."""
    if isinstance(err, RaciError):
        return str(err)
    message = str(err)
    return str(RaciError(f"{type(err).__name__}: {message}" if message else type(err).__name__))


def default_workers() -> int:
    """The CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def run_jobs(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> tuple[JobResult, ...]:
    """Run `jobs` in parallel; their results in the jobs' order.

    Without `executor`, a process pool of `workers` processes (default: one per CPU, at most one
    per job) runs them, each process importing the libraries once. Any other
    `concurrent.futures.Executor` can take its place, a Dask cluster's `client.get_executor()`
    for one; it is used as given and not shut down.
    """
    if not jobs:
        return ()
    if executor is not None:
        return _collect(jobs, executor, progress)
    count = max(1, min(workers or default_workers(), len(jobs), WORKERS_PER_CPU * default_workers()))
    results: dict[int, JobResult] = {}
    done = 0

    def record(index: int, result: JobResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(result, done, len(jobs))

    # A worker that dies (killed, out of memory) breaks the whole pool: every job not finished
    # comes back as BrokenProcessPool. The pool hands jobs out in order, so the one whose worker
    # died is among the first few lost (one per worker, plus one queued): each of those runs
    # again alone, and only one whose worker dies again fails; the rest go on in a new pool.
    pending = list(range(len(jobs)))
    while pending:
        lost = _in_pool(jobs, pending, min(count, len(pending)), record)
        suspects, pending = lost[: count + 1], lost[count + 1 :]
        for index in suspects:
            if _in_pool(jobs, [index], 1, record):
                record(index, JobResult(job=jobs[index], error=describe(WorkerDied(jobs[index].name))))
    return tuple(results[index] for index in range(len(jobs)))


def _in_pool(
    jobs: Sequence[Job], chosen: Sequence[int], workers: int, record: Callable[[int, JobResult], None]
) -> list[int]:
    """Run the `chosen` jobs in a new process pool, recording each result; the ones a broken pool lost."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=warm_up)
    try:
        return _run_round(jobs, chosen, pool, record)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class WorkerDied(Exception):
    """The process running a job ended without a result (killed, or out of memory)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"the worker process running '{name}' died (killed, or out of memory); the other jobs ran")


def _run_round(
    jobs: Sequence[Job], chosen: Sequence[int], pool: Executor, record: Callable[[int, JobResult], None]
) -> list[int]:
    """Run the `chosen` jobs on `pool`, recording each result; the indexes a broken pool lost."""
    futures = {pool.submit(run_job, jobs[index]): index for index in chosen}
    lost = []
    for future in as_completed(futures):
        index = futures[future]
        try:
            result = future.result()
        except BrokenProcessPool:
            lost.append(index)
            continue
        except Exception as err:  # the job never ran or never came back
            result = JobResult(job=jobs[index], error=describe(err))
        record(index, result)
    return sorted(lost)


def _collect(jobs: Sequence[Job], executor: Executor, progress: Progress | None) -> tuple[JobResult, ...]:
    futures: dict[Future[JobResult], int] = {executor.submit(run_job, job): index for index, job in enumerate(jobs)}
    results: list[JobResult | None] = [None] * len(jobs)
    for done, future in enumerate(as_completed(futures), start=1):
        index = futures[future]
        try:
            result = future.result()
        except Exception as err:  # the job never ran or never came back: a crashed worker, a lost node
            result = JobResult(job=jobs[index], error=describe(err))
        results[index] = result
        if progress is not None:
            progress(result, done, len(jobs))
    return tuple(result for result in results if result is not None)


def run_batch(
    plan: Plan,
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Run every job of `plan` (see `run_jobs`), then write `index.html`, `portfolio.xlsx` and
    `portfolio.csv` beside the job folders, as one unit.

    A changed or foreign index or portfolio is refused before any job runs, unless the plan is
    forced (as `raci generate` refuses to replace its outputs).
    """
    check_batch_targets(plan)
    make_folder(plan.out_dir)
    ran = run_jobs(plan.jobs, workers=workers, executor=executor, progress=progress)
    results = tuple(_as_manifest_says(plan, result) for result in ran)
    try:
        write_index(plan, results)
    except RaciError as err:  # a full disk at the very end: the jobs' own outcomes still count
        return BatchResult(plan=plan, results=results, index=plan.index, index_error=str(err))
    return BatchResult(plan=plan, results=results, index=plan.index)


def _as_manifest_says(plan: Plan, result: JobResult) -> JobResult:
    """A failure's message with its paths as the manifest writes them, relative to the manifest's folder:
    the index and the console never show the machine's folders."""
    if result.error is None:
        return result
    base = str(plan.manifest.parent.absolute()) + os.sep
    return replace(result, error=result.error.replace(base, ""))


# --- the index page --------------------------------------------------------------------


@dataclass(frozen=True)
class IndexRow:
    """One job as the index page shows it; `anchor` links a failed row to its message, `sort`
    gives each sortable column's key (data-sort-KEY on the row; empty sorts last)."""

    result: JobResult
    number: int
    workbook_href: str | None
    summary_href: str | None
    deck_href: str | None
    anchor: str
    explore_href: str | None = None
    sort: dict[str, str] = field(default_factory=dict)

    @property
    def job(self) -> Job:
        return self.result.job


def index_context(plan: Plan, results: Sequence[JobResult], portfolio_digest: str = "") -> dict[str, Any]:
    """Every variable the index template reads; `theme` is the built-in one (the index has no client).

    `portfolio_digest`: the SHA-256 of the portfolio.csv written with the page, recorded in it.
    """
    from ..render.colour import BUILTIN_THEME

    rows = [
        IndexRow(
            result=result,
            number=number,
            workbook_href=_href(plan.out_dir, result.workbook),
            summary_href=_href(plan.out_dir, result.summary),
            deck_href=_href(plan.out_dir, result.deck),
            explore_href=_href(plan.out_dir, result.explore),
            anchor=f"failure-{number}",
            sort=_sort_keys(number, result),
        )
        for number, result in enumerate(results, start=1)
    ]
    return {
        "manifest_name": plan.manifest.name,
        "title": plan.heading,
        "portfolio_digest": portfolio_digest,
        "portfolio_xlsx": quote(plan.portfolio_xlsx.name),
        "portfolio_csv": quote(plan.portfolio_csv.name),
        "rows": rows,
        "failures": [row for row in rows if not row.result.ok],
        "written": sum(1 for result in results if result.ok),
        "version": __version__,
        "theme": BUILTIN_THEME,
    }


def _sort_keys(number: int, result: JobResult) -> dict[str, str]:
    """What each of the index table's columns sorts by: numbers as plain decimals, text as shown."""

    def number_text(value: float | int | None) -> str:
        return "" if value is None else f"{value:.6f}" if isinstance(value, float) else str(value)

    shares = result.shares
    size = result.headcount_min
    return {
        "number": str(number),
        "client": result.job.name,
        "size": number_text(size),
        "headcount": number_text(size),
        **{key: number_text(getattr(shares, key) if shares else None) for key in SHARE_KEYS},
        "errors": number_text(result.errors if result.ok else None),
        "warnings": number_text(result.warnings if result.ok else None),
        "files": "" if result.workbook is None else result.workbook.name,
    }


def _href(out_dir: Path, path: Path | None) -> str | None:
    """`path` as a link relative to the index page, or None when there is no file."""
    if path is None:
        return None
    try:
        relative = path.absolute().relative_to(out_dir.absolute())
    except ValueError:
        return path.absolute().as_uri()
    return quote(relative.as_posix())


def _relative(out_dir: Path, path: Path | None) -> str:
    """`path` relative to the batch's folder, as the portfolio gives it ("" when there is no file)."""
    if path is None:
        return ""
    try:
        return path.absolute().relative_to(out_dir.absolute()).as_posix()
    except ValueError:
        return str(path.absolute())


def render_index(plan: Plan, results: Sequence[JobResult], portfolio_digest: str = "") -> str:
    from ..render.html import environment

    return environment().get_template(INDEX_TEMPLATE).render(index_context(plan, results, portfolio_digest))


def write_index(plan: Plan, results: Sequence[JobResult]) -> Path:
    """Write `index.html`, `portfolio.xlsx` and `portfolio.csv` as one unit (see `check_batch_targets`)."""
    frame = portfolio_frame(plan, results)
    table = portfolio_csv(frame)
    page = render_index(plan, results, hashlib.sha256(table).hexdigest())
    check_batch_targets(plan)
    files = [
        (plan.index, page.encode("utf-8")),
        (plan.portfolio_xlsx, portfolio_xlsx(plan, frame)),
        (plan.portfolio_csv, table),
    ]
    # The guard ran just above, the CSV's by the digest the index records (a CSV has no room for a fingerprint).
    write_files(files, force=True)
    return plan.index


# --- the portfolio ---------------------------------------------------------------------

SHARE_KEYS = ("sales_led", "marketing_led", "home_alignment", "strategy_alignment")
# portfolio column -> its heading in portfolio.xlsx and on the index page
PORTFOLIO_COLUMNS: dict[str, str] = {
    "client": "Client",
    "status": "Status",
    "size": "Size",
    "headcount": "Headcount",
    "sales_led": "Sales-led",
    "marketing_led": "Marketing-led",
    "home_alignment": "Home alignment",
    "strategy_alignment": "Strategy alignment",
    "errors": "Errors",
    "warnings": "Warnings",
    "workbook": "Workbook",
    "summary": "Summary",
    "deck": "Deck",
    "failure": "Failure",
}
LINKS = ("workbook", "summary", "deck")  # the columns linking a job's files
PORTFOLIO_DIGEST = re.compile(r'<meta name="raci-portfolio-csv" content="([0-9a-f]{64})">')


def portfolio_rows(plan: Plan, results: Sequence[JobResult]) -> list[dict[str, Any]]:
    """One record per job, in manifest order, keyed by PORTFOLIO_COLUMNS; None where a failed job has nothing."""
    rows = []
    for result in results:
        shares = result.shares
        rows.append(
            {
                "client": result.job.name,
                "status": "ok" if result.ok else "failed",
                "size": result.profile if result.ok else "",
                "headcount": result.headcount if result.ok else "",
                **{key: getattr(shares, key) if shares else None for key in SHARE_KEYS},
                "errors": result.errors if result.ok else None,
                "warnings": result.warnings if result.ok else None,
                "workbook": _relative(plan.out_dir, result.workbook),
                "summary": _relative(plan.out_dir, result.summary),
                "deck": _relative(plan.out_dir, result.deck),
                "failure": result.error or "",
            }
        )
    return rows


def portfolio_frame(plan: Plan, results: Sequence[JobResult]) -> pandas.DataFrame:
    """The portfolio as a pandas DataFrame: shares as fractions (NaN where there is none), counts as Int64."""
    import pandas

    frame = pandas.DataFrame(portfolio_rows(plan, results), columns=list(PORTFOLIO_COLUMNS))
    return frame.astype({**dict.fromkeys(SHARE_KEYS, "float64"), "errors": "Int64", "warnings": "Int64"})


def portfolio_csv(frame: pandas.DataFrame) -> bytes:
    """UTF-8 CSV, one header line of the column keys, shares as fractions to four places."""
    text: str = frame.to_csv(index=False, float_format="%.4f", lineterminator="\n")
    return text.encode("utf-8")


def portfolio_xlsx(plan: Plan, frame: pandas.DataFrame) -> bytes:
    """The portfolio as a fingerprinted workbook: one sheet, a header row, shares as percentages,
    the files as links relative to the workbook (which sits beside the job folders)."""
    from openpyxl import Workbook

    from ..i18n import Translator
    from ..render.xlsx import BODY_FONT, cell_at, header_row, print_setup, put_text, xlsx_bytes

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Portfolio"
    widths = {"client": 28, "status": 9, "size": 12, "headcount": 11, "failure": 60}
    widths |= dict.fromkeys(LINKS, 40)
    keys = list(PORTFOLIO_COLUMNS)
    header_row(sheet, 1, list(PORTFOLIO_COLUMNS.values()), [widths.get(key, 13) for key in keys])
    for number, record in enumerate(frame.to_dict("records"), start=2):
        for column, key in enumerate(keys, start=1):
            value = record[key]
            cell = cell_at(sheet, number, column)
            cell.font = BODY_FONT
            if value is None or (not isinstance(value, str) and pandas_missing(value)):
                continue
            if key in SHARE_KEYS:
                cell.value = float(value)
                cell.number_format = "0%"
            elif key in ("errors", "warnings"):
                cell.value = int(value)
            else:
                put_text(cell, str(value))
                if key in LINKS and value:
                    cell.hyperlink = quote(str(value))
                    cell.style = "Hyperlink"
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    title = f"RACI portfolio — {plan.heading}"
    print_setup(sheet, title, __version__, Translator("en"), landscape=True, title_rows="1:1")  # one page wide
    when = source_date()
    props = workbook.properties
    props.title = title
    props.creator = f"raci {__version__}"
    if when is not None:
        props.created = props.modified = when
    return xlsx_bytes(workbook, when)


def pandas_missing(value: Any) -> bool:
    import pandas

    return bool(pandas.isna(value))


def check_batch_targets(plan: Plan) -> None:
    """Raise OutputError if the index or the portfolio cannot be replaced (see raci.output.check_targets).

    portfolio.csv cannot hold a fingerprint (any line added would be a row to a CSV reader), so
    the index page written with it records its SHA-256: the CSV is raci's, unchanged, when it
    matches the digest in an index that is itself unchanged.
    """
    check_targets((plan.index, plan.portfolio_xlsx), force=plan.force)
    path = plan.portfolio_csv
    if plan.force or not path.is_file():
        check_targets((path,), force=True)  # a folder in the way
        return
    recorded = _recorded_csv(plan)
    if path.stat().st_mode & stat.S_IWUSR and recorded is not None and recorded == _digest(path):
        return
    check_targets((path,))  # read-only, or changed: the writer's own message
    raise OutputError(  # pragma: no cover - check_targets raised for any CSV not recorded
        "was changed after raci wrote it (or raci did not write it); not overwriting", path=path
    )


def _recorded_csv(plan: Plan) -> str | None:
    """The digest of portfolio.csv that the current index page records, if that page is unchanged."""
    try:
        text = plan.index.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = PORTFOLIO_DIGEST.search(text)
    return found.group(1) if found and html_unchanged(text) else None


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# --- text for the command line ---------------------------------------------------------


def progress_line(result: JobResult, done: int, total: int) -> str:
    """ "[3/10] acme: ok", or "... failed"; the errors follow at the end (see `failure_lines`)."""
    return f"[{done}/{total}] {one_line(result.job.name)}: {'ok' if result.ok else 'failed'}"


def failure_lines(batch: BatchResult) -> list[str]:
    """One line per failed job: its name, its manifest line and its error."""
    return [
        f"Failed: {one_line(result.job.name)} (line {result.job.line}): {result.error}" for result in batch.failures
    ]


def summary_lines(batch: BatchResult) -> list[str]:
    written = len(batch.results) - len(batch.failures)
    lines = [f"{_count(len(batch.results), 'job')}: {written} written, {len(batch.failures)} failed"]
    lines.append(f"Wrote {batch.index}")
    lines.append(f"Wrote {batch.plan.portfolio_xlsx}")
    lines.append(f"Wrote {batch.plan.portfolio_csv}")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
