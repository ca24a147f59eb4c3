"""A batch on a real Dask cluster: the README's example, run as written, on a LocalCluster of two
worker processes; every job's files, the index and the portfolio are checked."""

from __future__ import annotations

import csv
import re
import runpy
from pathlib import Path

import openpyxl
import pytest

from raci.jobs.batch import BatchResult, client_stem

README = Path(__file__).parent.parent / "README.md"
JOBS = [("Acme Corp", "small"), ("Beta & Sons", "large"), ("Gamma", "startup")]

pytestmark = pytest.mark.slow  # starts a local cluster of worker processes


def readme_example() -> str:
    """The README's Dask example: the python block of "Batch runs" that uses dask.distributed."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Batch runs") :]
    blocks = [block for block in re.findall(r"```python\n(.*?)```", section, re.DOTALL) if "dask.distributed" in block]
    assert len(blocks) == 1, "the README's Batch runs section should hold exactly one Dask example"
    return str(blocks[0])


def test_the_readme_example_runs_a_batch_on_a_local_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example = readme_example()
    assert "LocalCluster(n_workers=2" in example
    assert "client.get_executor()" in example
    (tmp_path / "clients").mkdir()
    (tmp_path / "clients" / "manifest.csv").write_text(
        "name,size\n" + "".join(f"{name},{size}\n" for name, size in JOBS), encoding="utf-8"
    )
    script = tmp_path / "on_dask.py"
    script.write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    names = runpy.run_path(str(script), run_name="__main__")  # as `python on_dask.py` runs it

    assert names["cluster"].processes  # worker processes, not threads in this one
    result: BatchResult = names["result"]
    assert [r.job.name for r in result.results] == [name for name, _ in JOBS]
    assert [r.error for r in result.results] == [None] * len(JOBS)
    out = tmp_path / "deliverables" / "clients"
    rows = list(csv.DictReader((out / "portfolio.csv").open(encoding="utf-8", newline="")))
    index = (out / "index.html").read_text(encoding="utf-8")
    for (name, size), job, row in zip(JOBS, result.results, rows, strict=True):
        stem = client_stem(name, size)
        folder = out / job.job.folder
        assert sorted(path.name for path in folder.iterdir()) == [f"{stem}.html", f"{stem}.xlsx"]
        assert job.workbook == folder / f"{stem}.xlsx"
        assert "Summary" in openpyxl.load_workbook(folder / f"{stem}.xlsx").sheetnames
        assert f'href="{job.job.folder}/{stem}.xlsx"' in index
        assert job.shares is not None
        assert (row["client"], row["size"]) == (name, size)
        assert float(row["sales_led"]) == pytest.approx(job.shares.sales_led, abs=5e-5)
    assert 'id="verdict" data-ok="true"' in index
