"""`raci sizes`: every built-in profile on one catalogue, smallest first, with its shares.

The shares come from `raci.report.size_comparison`, which reads them from `raci.shares`;
nothing here counts rows itself; `raci.render.console` says the table in words. The JSON is the same
in every language (its keys are a contract, its values numbers and size names).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Catalogue, Profile
from .assign import build_matrix
from .report import size_comparison
from .shares import Shares


@dataclass(frozen=True)
class SizeRow:
    """One built-in profile: its size name, headcount range, role count and shares (fractions 0..1)."""

    size: str
    title: str
    headcount_min: int
    headcount_max: int | None
    roles: int
    sales_led: float
    marketing_led: float
    home_alignment: float | None
    both: float = 0.0
    strategy_alignment: float | None = None

    @property
    def segments(self) -> dict[str, float]:
        """Sales only, marketing only, one person for both, others: they sum to 1."""
        return Shares(self.sales_led, self.marketing_led, self.home_alignment, 1, 0, self.both).segments

    @property
    def headcount_label(self) -> str:
        if self.headcount_max is None:
            return f"{self.headcount_min}+"
        return f"{self.headcount_min}\u2013{self.headcount_max}"


def size_table(catalogue: Catalogue, profiles: Sequence[Profile]) -> tuple[SizeRow, ...]:
    """Every profile of `profiles` applied to `catalogue`, smallest first, with its title as given."""
    first = profiles[0]
    entries = size_comparison(catalogue, first, build_matrix(catalogue, first), profiles)
    return tuple(
        SizeRow(
            size=entry.profile.name,
            title=entry.profile.title,
            headcount_min=entry.profile.headcount_min,
            headcount_max=entry.profile.headcount_max,
            roles=len(entry.profile.roles),
            sales_led=entry.shares.sales_led,
            marketing_led=entry.shares.marketing_led,
            home_alignment=entry.shares.home_alignment,
            both=entry.shares.both,
            strategy_alignment=entry.shares.strategy_alignment,
        )
        for entry in entries
    )


def as_json(rows: tuple[SizeRow, ...]) -> str:
    """`{"sizes": [...]}` with shares as fractions and `headcount_max` null for an open range."""
    sizes = [
        {
            "size": row.size,
            "headcount_min": row.headcount_min,
            "headcount_max": row.headcount_max,
            "roles": row.roles,
            "sales_led": row.sales_led,
            "marketing_led": row.marketing_led,
            "home_alignment": row.home_alignment,
            "strategy_alignment": row.strategy_alignment,
            "segments": row.segments,
        }
        for row in rows
    ]
    return json.dumps({"sizes": sizes}, indent=2, ensure_ascii=False)
