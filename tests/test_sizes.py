"""`raci sizes`: the built-in profiles side by side, their shares read from raci.shares."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from click.testing import CliRunner

from raci.cli import main
from raci.core.assign import build_matrix
from raci.core.shares import compute_shares
from raci.core.sizes import SizeRow, as_json
from raci.i18n import Translator
from raci.inputs.profiles import builtin_names, builtin_profile, builtin_profiles
from raci.model import Catalogue, Matrix
from raci.render.console import sizes_text

from .conftest import DATA
from .helpers import run, size_table

KEYS = [
    "size",
    "headcount_min",
    "headcount_max",
    "roles",
    "sales_led",
    "marketing_led",
    "home_alignment",
    "strategy_alignment",
    "segments",
]


@pytest.fixture(scope="module")
def rows(catalogue: Catalogue) -> tuple[SizeRow, ...]:
    return size_table(catalogue)


def runs_its_own_sales(matrix: Matrix) -> bool:
    """True when sales-function roles answer for most of the sales-home work.

    A startup has a seller, but the founder (leadership) answers for most selling: it has no
    sales function of its own in the sense of DOMAIN.md, so the sales-led trend leaves it out.
    """
    sales_rows = [row for row in matrix.rows if row.item.home == "sales"]
    led = [row for row in sales_rows if (role := matrix.accountable_role(row)) and role.function == "sales"]
    return len(led) * 2 > len(sales_rows)


# --- the table -----------------------------------------------------------------------------------


def test_one_row_per_builtin_profile_smallest_first(rows: tuple[SizeRow, ...]) -> None:
    assert tuple(row.size for row in rows) == builtin_names()
    assert [row.headcount_min for row in rows] == sorted(row.headcount_min for row in rows)
    for row, profile in zip(rows, builtin_profiles(), strict=True):
        assert (row.headcount_min, row.headcount_max, row.roles) == (
            profile.headcount_min,
            profile.headcount_max,
            len(profile.roles),
        )


def test_sales_led_share_peaks_in_small_and_is_lowest_in_large(catalogue: Catalogue, rows: tuple[SizeRow, ...]) -> None:
    own_sales = {profile.name for profile in builtin_profiles() if runs_its_own_sales(build_matrix(catalogue, profile))}
    assert {"small", "medium", "large"} <= own_sales
    shares = {row.size: row.sales_led for row in rows if row.size in own_sales}
    assert max(shares, key=lambda name: shares[name]) == "small"
    assert min(shares, key=lambda name: shares[name]) == "large"


def test_marketing_led_share_rises_with_size(rows: tuple[SizeRow, ...]) -> None:
    values = [row.marketing_led for row in rows]
    assert all(smaller < larger for smaller, larger in itertools.pairwise(values)), values


# --- JSON ----------------------------------------------------------------------------------------


def test_json_shape_is_exact(rows: tuple[SizeRow, ...]) -> None:
    data = json.loads(as_json(rows))
    assert list(data) == ["sizes"]
    assert [entry["size"] for entry in data["sizes"]] == list(builtin_names())
    for entry in data["sizes"]:
        assert list(entry) == KEYS
        assert isinstance(entry["headcount_min"], int)
        assert isinstance(entry["roles"], int)
        for key in ("sales_led", "marketing_led", "home_alignment", "strategy_alignment"):
            assert isinstance(entry[key], float)
            assert 0.0 <= entry[key] <= 1.0
        assert list(entry["segments"]) == ["sales", "marketing", "both", "others"]
        assert sum(entry["segments"].values()) == pytest.approx(1.0)
    large = next(entry for entry in data["sizes"] if entry["size"] == "large")
    assert large["headcount_max"] is None
    assert all(isinstance(entry["headcount_max"], int) for entry in data["sizes"] if entry["size"] != "large")


def test_json_numbers_are_compute_shares_of_each_profiles_matrix(
    catalogue: Catalogue, rows: tuple[SizeRow, ...]
) -> None:
    for entry in json.loads(as_json(rows))["sizes"]:
        shares = compute_shares(build_matrix(catalogue, builtin_profile(entry["size"])))
        assert entry["sales_led"] == shares.sales_led
        assert entry["marketing_led"] == shares.marketing_led
        assert entry["home_alignment"] == shares.home_alignment
        assert entry["strategy_alignment"] == shares.strategy_alignment
        assert entry["segments"] == shares.segments


def test_json_gives_null_alignment_when_no_row_has_a_sales_or_marketing_home(catalogue: Catalogue) -> None:
    shared = Catalogue(path=catalogue.path, items=tuple(item for item in catalogue.items if item.home == "shared"))
    data = json.loads(as_json(size_table(shared)))
    assert {entry["home_alignment"] for entry in data["sizes"]} == {None}
    assert "n/a" in sizes_text(size_table(shared), Translator("en"))


# --- text ----------------------------------------------------------------------------------------


def test_text_is_an_aligned_table_of_percentages(rows: tuple[SizeRow, ...]) -> None:
    text = sizes_text(rows, Translator("en"))
    lines = text.split("\n\n")[0].splitlines()
    assert len(lines) == 1 + len(rows)
    assert text.split("\n\n")[1].startswith("Sales, Marketing, Both, Others: who answers (A) for each row")
    assert lines[0].split()[:2] == ["Size", "Headcount"]
    for heading in ("Roles", "Sales", "Marketing", "Both", "Others", "Home alignment", "Strategy alignment"):
        assert heading in lines[0]
    # Right-aligned number columns end at the same place on every line.
    assert len({len(line) for line in lines}) == 1
    for line, row in zip(lines[1:], rows, strict=True):
        assert line.startswith(row.size)
        assert f"{row.headcount_label} people" in line
        percents = re.findall(r"\d+%", line)
        shown = [*row.segments.values(), row.home_alignment, row.strategy_alignment]
        assert percents == [f"{value:.0%}" for value in shown]
    large = next(line for line in lines if line.startswith("large"))
    assert "250+ people" in large


# --- the command (once `raci sizes` is registered in raci/cli.py) ---------------------------------


def test_command_prints_the_table_and_json() -> None:
    result = CliRunner().invoke(main, ["sizes"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0].startswith("Size")
    result = CliRunner().invoke(main, ["sizes", "--format", "json"])
    assert result.exit_code == 0
    assert [entry["size"] for entry in json.loads(result.stdout)["sizes"]] == list(builtin_names())


def test_command_reads_a_csv_and_reports_a_bad_one_on_one_line() -> None:
    result = CliRunner().invoke(main, ["sizes", str(DATA / "mini.csv"), "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["sizes"]) == len(builtin_names())
    result = CliRunner().invoke(main, ["sizes", str(DATA / "missing.csv")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "missing.csv" in result.stderr


def test_the_summary_chart_shows_the_numbers_raci_sizes_prints(catalogue: Catalogue) -> None:
    from raci.render.html import render_summary

    from .helpers import build_report
    from .htmltools import parse

    printed = json.loads(CliRunner().invoke(main, ["sizes", "--format", "json"]).stdout)["sizes"]
    expected = {(row["size"], share): value for row in printed for share, value in row["segments"].items()}
    root, problems = parse(render_summary(build_report(catalogue, builtin_profile("medium"))))
    assert problems == []
    chart = root.by_id("sizes-chart")
    shown = {
        (bar.attrs["data-size"], bar.attrs["data-share"]): float(bar.attrs["data-value"])
        for bar in chart.find_all("rect", class_="bar")
    }
    assert shown.keys() == expected.keys()
    for key, value in shown.items():
        assert value == pytest.approx(expected[key], abs=5e-5), key


# --- languages -----------------------------------------------------------------------------------


def test_indonesian_text_table_and_titles(catalogue: Catalogue, rows: tuple[SizeRow, ...]) -> None:
    indonesian = size_table(catalogue, lang="id")
    assert [row.title for row in indonesian] == [
        "Usaha rintisan",
        "Perusahaan kecil",
        "Perusahaan menengah",
        "Perusahaan besar",
    ]
    assert [row.title for row in rows] == [profile.title for profile in builtin_profiles()]  # English by default
    lines = sizes_text(indonesian, Translator("id")).splitlines()
    assert lines[0].split("  ")[0] == "Ukuran"
    table = lines[: lines.index("")]
    for heading in ("Jumlah karyawan", "Peran", "Penjualan", "Pemasaran", "Keduanya", "Lainnya", "Kesesuaian strategi"):
        assert heading in lines[0]
    assert "Kesesuaian dengan fungsi asal" in lines[0]
    for english in ("Size", "Headcount", "Roles", "Sales", "Marketing", "Both", "Others", "alignment", "people"):
        assert english not in "\n".join(lines)
    assert len({len(line) for line in table}) == 1
    large = next(line for line in lines if line.startswith("large"))
    assert "250+ orang" in large
    shared = Catalogue(path=catalogue.path, items=tuple(item for item in catalogue.items if item.home == "shared"))
    assert "t/a" in sizes_text(size_table(shared, lang="id"), Translator("id"))


def test_json_is_the_same_in_every_language(catalogue: Catalogue, rows: tuple[SizeRow, ...]) -> None:
    assert as_json(size_table(catalogue, lang="id")) == as_json(rows)
    english = run("sizes", "--format", "json")
    assert english[0] == 0
    assert run("sizes", "--format", "json", "--lang", "id") == english
