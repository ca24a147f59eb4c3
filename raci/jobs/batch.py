"""Batch runs: one manifest of jobs -> one `generate` per job, in parallel, and an index page.

The manifest is a CSV with one job per row (see MANIFEST_COLUMNS and RUN_OPTIONS). Reading it
checks everything that can be checked up front, so a bad manifest stops the batch before any
work starts (`ManifestError`); a bad job (a missing input, a malformed profile) only fails
itself. Jobs are plain picklable data run by `run_job` through any
`concurrent.futures.Executor`: by default a process pool whose workers import the heavy
libraries once (`warm_up`), not once per job. Nothing here prints: the CLI turns the results
and the progress callback into output.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..core.shares import Shares
from ..exceptions import RaciError, one_line
from ..inputs.manifest import BUILDERS, Job, Plan
from ..inputs.manifest import read_manifest as read_manifest  # the batch job's entry, beside run_batch
from ..output import check_targets, make_folder, write_files

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
    shares: Shares | None = None
    errors: int = 0  # findings of the checks, by severity
    warnings: int = 0
    workbook: Path | None = None
    summary: Path | None = None
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
    """Import and prepare what every job needs; run once in each worker process as it starts."""
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    from ..inputs.profiles import builtin_profiles
    from ..render import html, workbook  # noqa: F401

    builtin_profiles()
    html.environment().get_template(html.TEMPLATE)


def run_job(job: Job) -> JobResult:
    """Run one job; any error becomes the result's one-line `error` instead of an exception."""
    from .generate import choose_profile, generate

    started = time.perf_counter()
    try:
        profile = choose_profile(job.size, job.headcount, job.profile)
        outcome = generate(job.out_dir, profile, job.catalogue, force=job.force, **arguments(job))
    except Exception as err:
        return JobResult(job=job, error=describe(err), seconds=time.perf_counter() - started)
    report = outcome.report
    severities = [finding.severity for finding in report.findings]
    return JobResult(
        job=job,
        profile=report.profile.name,
        profile_title=report.profile.title,
        headcount=report.profile.headcount_label,
        shares=report.shares,
        errors=severities.count("error"),
        warnings=severities.count("warning"),
        workbook=outcome.workbook,
        summary=outcome.summary,
        seconds=time.perf_counter() - started,
    )


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
    """Run every job of `plan` (see `run_jobs`), then write `index.html` beside the job folders.

    A changed or foreign `index.html` is refused before any job runs, unless the plan is
    forced (as `raci generate` refuses to replace its outputs).
    """
    check_targets((plan.index,), force=plan.force)
    make_folder(plan.out_dir)
    results = run_jobs(plan.jobs, workers=workers, executor=executor, progress=progress)
    try:
        write_index(plan, results)
    except RaciError as err:  # a full disk at the very end: the jobs' own outcomes still count
        return BatchResult(plan=plan, results=results, index=plan.index, index_error=str(err))
    return BatchResult(plan=plan, results=results, index=plan.index)


# --- the index page --------------------------------------------------------------------


@dataclass(frozen=True)
class IndexRow:
    """One job as the index page shows it; `anchor` links a failed row to its message."""

    result: JobResult
    number: int
    workbook_href: str | None
    summary_href: str | None
    anchor: str

    @property
    def job(self) -> Job:
        return self.result.job


def index_context(plan: Plan, results: Sequence[JobResult]) -> dict[str, Any]:
    """Every variable the index template reads; `theme` is the built-in one (the index has no client)."""
    from ..render.colour import BUILTIN_THEME

    rows = [
        IndexRow(
            result=result,
            number=number,
            workbook_href=_href(plan.out_dir, result.workbook),
            summary_href=_href(plan.out_dir, result.summary),
            anchor=f"failure-{number}",
        )
        for number, result in enumerate(results, start=1)
    ]
    return {
        "manifest_name": plan.manifest.name,
        "rows": rows,
        "failures": [row for row in rows if not row.result.ok],
        "written": sum(1 for result in results if result.ok),
        "version": __version__,
        "theme": BUILTIN_THEME,
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


def render_index(plan: Plan, results: Sequence[JobResult]) -> str:
    from ..render.html import environment

    return environment().get_template(INDEX_TEMPLATE).render(index_context(plan, results))


def write_index(plan: Plan, results: Sequence[JobResult]) -> Path:
    write_files([(plan.index, render_index(plan, results).encode("utf-8"))], force=plan.force)
    return plan.index


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
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
