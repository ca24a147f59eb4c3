"""The articles' point, measured on the default catalogue across the built-in profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from raci.core.assign import build_matrix
from raci.core.shares import Shares, compute_shares, structure_of
from raci.inputs.catalog import read_catalogue
from raci.inputs.profiles import builtin_names, builtin_profile, load_profile
from raci.model import Catalogue, Structure

from .conftest import DATA


@pytest.fixture(scope="module")
def shares(catalogue: Catalogue) -> dict[str, Shares]:
    return {name: compute_shares(build_matrix(catalogue, builtin_profile(name))) for name in builtin_names()}


def test_small_firms_let_sales_lead(shares: dict[str, Shares]) -> None:
    assert shares["small"].sales_led > shares["large"].sales_led
    assert shares["small"].sales_led > 0.5
    # The founder of a micro firm wears the sales hat: the smallest firm is the most sales-led.
    assert shares["startup"].sales_led == max(s.sales_led for s in shares.values())


def test_large_firms_split_the_functions(shares: dict[str, Shares]) -> None:
    order = [shares[name].home_alignment for name in ("startup", "small", "medium", "large")]
    assert all(value is not None for value in order)
    assert order == sorted(order)  # type: ignore[type-var]
    assert shares["large"].home_alignment - shares["small"].home_alignment >= 0.3  # type: ignore[operator]
    marketing = [shares[name].marketing_led for name in ("startup", "small", "medium", "large")]
    assert marketing == sorted(marketing)
    assert marketing[-1] > marketing[1]


def test_large_gives_strategy_to_marketing_and_selling_to_sales(catalogue: Catalogue) -> None:
    matrix = build_matrix(catalogue, builtin_profile("large"))
    function = {row.item.id: matrix.accountable_role(row).function for row in matrix.rows}  # type: ignore[union-attr]
    for marketing_work in ("MP-01", "MP-02", "BR-02", "PR-01", "PM-01"):
        assert function[marketing_work] == "marketing", marketing_work
    for sales_work in ("QT-01", "SP-01", "SP-07", "PR-03", "SP-08"):
        assert function[sales_work] == "sales", sales_work
    assert {function[i] for i in ("CS-02", "CS-03", "CS-04")} == {"service"}


def test_shares_on_a_hand_checked_matrix() -> None:
    matrix = build_matrix(read_catalogue(DATA / "mini.csv"), load_profile(DATA / "mini_profile.toml"))
    shares = compute_shares(matrix)
    # A: P-1 marketer, P-2 seller, Q-1 seller, C-1 boss; homes: P-1 marketing, P-2 and Q-1 sales, C-1 shared
    assert (shares.sales_led, shares.marketing_led, shares.home_alignment) == (0.5, 0.25, 1.0)
    assert (shares.rows, shares.homed_rows) == (4, 3)


def test_one_person_wearing_both_hats_has_not_split_sales_and_marketing(tmp_path: Path) -> None:
    """A small firm whose head of sales also holds the marketing executive's title (one role, both hats)
    answers for 82% of the work as sales and as marketing: its matrix is sales-led, not "split"."""
    import openpyxl
    from click.testing import CliRunner

    from raci.cli import main

    roles = tmp_path / "roles.csv"
    roles.write_text(
        "role,title,person\nsales_lead,Direktur Penjualan,Budi Santoso\nmarketing_exec,Direktur Penjualan,\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["generate", "--size", "small", "--roles", str(roles), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Sales-led share: 82%   Marketing-led share: 82%" in result.output
    summary = openpyxl.load_workbook(tmp_path / "raci-small.xlsx").worksheets[0]
    headline = str(summary["A2"].value)
    assert headline.startswith("Sales leads"), headline
    assert structure_of(Shares(0.8, 0.8, None, 10, 0, both=0.8)) is Structure.SALES_LED
    assert structure_of(Shares(0.5, 0.8, None, 10, 0, both=0.3)) is Structure.SEPARATE
