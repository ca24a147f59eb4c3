"""The three headline shares (DOMAIN.md), computed here and read from here by every output."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Matrix


@dataclass(frozen=True)
class Shares:
    """Fractions between 0 and 1; `home_alignment` is None when no row has a sales or marketing home."""

    sales_led: float
    marketing_led: float
    home_alignment: float | None
    rows: int
    homed_rows: int


def compute_shares(matrix: Matrix) -> Shares:
    functions = [_accountable_function(matrix, index) for index in range(len(matrix.rows))]
    total = len(functions)
    homed = [
        (row.item.home, function)
        for row, function in zip(matrix.rows, functions, strict=True)
        if row.item.home in ("sales", "marketing")
    ]
    aligned = sum(1 for home, function in homed if home == function)
    return Shares(
        sales_led=functions.count("sales") / total if total else 0.0,
        marketing_led=functions.count("marketing") / total if total else 0.0,
        home_alignment=aligned / len(homed) if homed else None,
        rows=total,
        homed_rows=len(homed),
    )


def _accountable_function(matrix: Matrix, index: int) -> str | None:
    role = matrix.accountable_role(matrix.rows[index])
    return role.function if role else None
