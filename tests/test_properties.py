"""Property-based: any input either gives outputs that meet the contract or one clear line and exit 2."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci.cli import main
from raci.core.checks import run_checks
from raci.core.report import Report, workload
from raci.core.shares import compute_shares
from raci.inputs.profiles import load_profile
from raci.inputs.workbook import read_workbook
from raci.model import LETTERS, Matrix, Responsibility, Row, Rule
from raci.render.workbook import workbook_bytes

from .conftest import DATA
from .helpers import read_raci

pytestmark = pytest.mark.slow  # Hypothesis: many examples each
PROFILE = load_profile(DATA / "mini_profile.toml")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
home = st.sampled_from(["sales", "marketing", "shared", "Sales", " shared ", "sale", ""])
header = st.sampled_from(
    [
        "id,area,responsibility,home",
        "ID;Area;Responsibility;Home;Horizon",
        "id\tarea\tresponsibility\thome\tdescription",
        "id,area,task,home",
        "",
    ]
)


@st.composite
def csv_like(draw: st.DrawFn) -> str:
    first = draw(header)
    delimiter = next((d for d in ",;\t" if d in first), ",")
    rows = draw(st.lists(st.tuples(cell_text, cell_text, cell_text, home), max_size=6))
    lines = [first] + [delimiter.join([a, b, c, h]) for a, b, c, h in rows]
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


def outcome_is_sound(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "input.csv"
        source.write_bytes(data)
        out = Path(folder) / "out"
        result = CliRunner().invoke(main, ["generate", str(source), "--size", "large", "--out", str(out), "-q"])
        assert result.exit_code in (0, 2), result.exception
        if result.exit_code == 2:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1
            assert lines[0].startswith(f"Error: {source}")
            assert not out.exists()
            return
        assert sorted(p.name for p in out.iterdir()) == ["raci-large.html", "raci-large.xlsx"]
        _, rows = read_raci(out / "raci-large.xlsx")
        assert all(set(row[3:14]) <= {*LETTERS, None} for row in rows)


@SETTINGS
@given(csv_like())
def test_any_csv_like_text_is_generated_or_refused_cleanly(text: str) -> None:
    outcome_is_sound(text.encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_are_generated_or_refused_cleanly(data: bytes) -> None:
    outcome_is_sound(data)


clean_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs")), min_size=1, max_size=20
)


@st.composite
def matrices(draw: st.DrawFn) -> Matrix:
    ids = draw(st.lists(clean_text, min_size=1, max_size=8, unique=True))
    rows = []
    for number, ident in enumerate(ids, start=1):
        item = Responsibility(
            id=ident,
            area=draw(clean_text).lower(),
            responsibility=draw(clean_text),
            home=draw(st.sampled_from(["sales", "marketing", "shared"])),
            horizon=draw(st.sampled_from(["", "short", "long"])),
            description=draw(st.one_of(st.just(""), clean_text)),
            line=number,
        )
        letters = tuple(draw(st.sampled_from(["", *LETTERS])) for _ in PROFILE.roles)
        rows.append(Row(item=item, letters=letters, rule=Rule(when={}, letters={}, name=draw(clean_text))))
    return Matrix(profile=PROFILE, roles=PROFILE.roles, rows=tuple(rows))


@SETTINGS
@given(matrices())
def test_a_random_matrix_survives_write_and_read_back(matrix: Matrix) -> None:
    report = Report(
        matrix=matrix,
        shares=compute_shares(matrix),
        sizes=(),
        workload=workload(matrix),
        findings=run_checks(matrix),
        version="test",
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.xlsx"
        path.write_bytes(workbook_bytes(report))
        back, problems = read_workbook(path)
    assert problems == ()
    assert back.roles == matrix.roles
    assert back.profile == matrix.profile
    assert [(row.item, row.letters, row.rule.label) for row in back.rows] == [
        (row.item, row.letters, row.rule.label) for row in matrix.rows
    ]
