"""A smoke test of benchmarks/run.py: it runs and prints its table. No timings are asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

RUN = Path(__file__).parent.parent / "benchmarks" / "run.py"


def test_the_quick_benchmark_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick"], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "| figure | raci | reference | ratio | target | met |" in lines
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| figure")]
    for figure in ("1.", "2.", "3.", "4.", "5."):
        assert any(line.startswith(f"| {figure}") for line in rows), f"no row for figure {figure}"
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 6, row
        float(cells[3])  # the ratio is a number
        assert cells[5] in ("yes", "no", ""), row
    assert lines[0].startswith("Machine: ")
