"""A batch worker that dies (killed, out of memory) fails its own job only, however workers are started."""

from __future__ import annotations

import multiprocessing
import os
import signal
from functools import partial
from pathlib import Path

import pytest

from raci.jobs import batch
from raci.jobs.batch import Job, JobResult, read_manifest, run_batch

pytestmark = pytest.mark.slow  # starts and kills worker processes
REAL_RUN_JOB = batch.run_job


def dies_on_heavy(job: Job) -> JobResult:
    """Runs the job, except that the worker running "heavy" is killed as the kernel's OOM killer would.

    A module-level function: the pool sends it to a worker by name, so a worker started by fork,
    forkserver or spawn runs it alike; nothing of the test process's state needs to reach the worker.
    """
    if job.name == "heavy":
        os.kill(os.getpid(), signal.SIGKILL)
    return REAL_RUN_JOB(job)


@pytest.mark.parametrize(
    ("position", "start"),
    [(0, "fork"), (3, "forkserver"), (6, "spawn")],
)
def test_only_the_job_whose_worker_died_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, position: int, start: str
) -> None:
    names = [f"client {number}" for number in range(7)]
    names[position] = "heavy"
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("name,size\n" + "".join(f"{name},small\n" for name in names), encoding="utf-8")
    context = multiprocessing.get_context(start)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", partial(batch.ProcessPoolExecutor, mp_context=context))
    monkeypatch.setattr(batch, "run_job", dies_on_heavy)  # in this process only: what the pool submits
    outcome = run_batch(read_manifest(manifest, tmp_path / "out"), workers=2)
    failed = {result.job.name: result.error for result in outcome.failures}
    assert list(failed) == ["heavy"]
    assert "died" in (failed["heavy"] or "")
    assert [result.job.name for result in outcome.results] == names
    for name in names:
        if name != "heavy":
            folder = tmp_path / "out" / name.replace(" ", "-")
            stem = f"raci-{name.replace(' ', '-')}-small"  # named for the client (raci.jobs.batch.client_stem)
            assert (folder / f"{stem}.xlsx").is_file()
            assert (folder / f"{stem}.html").is_file()


def test_jobs_never_start_more_processes_than_the_machine_can_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[int] = []
    real = batch.ProcessPoolExecutor

    def counting(max_workers: int, **options: object) -> object:
        started.append(max_workers)
        return real(max_workers=max_workers, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "ProcessPoolExecutor", counting)
    monkeypatch.setattr(batch, "default_workers", lambda: 2)
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("name,size\n" + "".join(f"client {n},small\n" for n in range(12)), encoding="utf-8")
    outcome = run_batch(read_manifest(manifest, tmp_path / "out"), workers=10_000)
    assert not outcome.failed
    assert started == [8]  # 4 per CPU, not one per job
