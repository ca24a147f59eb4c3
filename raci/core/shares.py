"""The headline shares (DOMAIN.md), computed here and read from here by every output.

A row counts for a function when its Accountable role (the one role holding A or A/R) wears
that function's hat: the founder of a micro firm, leadership and sales, leads its sales. A
role wearing both the sales and the marketing hat is its own segment ("one person for
both"), so the four segments of `segments` always sum to the whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Matrix, Role, Row, Structure

# Marketing strategy: marketing-home decisions on the long horizon (or, without a horizon, in these areas).
STRATEGIC_AREAS = frozenset({"research", "branding", "marketing_process", "pricing", "distribution", "product"})
SEGMENTS = ("sales", "marketing", "both", "others")
STRATEGIC_DECISIONS = frozenset({"set", "approve"})
# Marketing is a function beside sales ("separate") once it answers for at least this share of the work:
# the rule each built-in profile's declared structure meets on the bundled catalogue (a test holds them to it).
SEPARATE_SHARE = 0.25


@dataclass(frozen=True)
class Shares:
    """Fractions between 0 and 1.

    `sales_led` and `marketing_led` count rows whose A wears that hat (a role wearing both
    counts in each, and in `both`); `home_alignment` is None when no row has a sales or
    marketing home; `strategy_alignment` is None when no row is marketing strategy.
    """

    sales_led: float
    marketing_led: float
    home_alignment: float | None
    rows: int
    homed_rows: int
    both: float = 0.0
    strategy_alignment: float | None = None
    strategy_rows: int = 0

    @property
    def segments(self) -> dict[str, float]:
        """Sales only, marketing only, one person for both, and everyone else: they sum to 1."""
        sales, marketing = self.sales_led - self.both, self.marketing_led - self.both
        return {
            "sales": sales,
            "marketing": marketing,
            "both": self.both,
            "others": max(0.0, 1.0 - sales - marketing - self.both) if self.rows else 0.0,
        }


def is_strategic_marketing(row: Row, area: str) -> bool:
    """A marketing strategy decision: marketing-home work that sets or approves something (its earliest
    deciding word: "Set", "Decide", "Position", "strategy"; not "Run" or "Mengelola"), on the long horizon
    (or, without a horizon, in a strategic `area`: the built-in area the row is placed in)."""
    item = row.item
    if item.home != "marketing" or (item.reading.read and item.reading.decision not in STRATEGIC_DECISIONS):
        return False
    return item.horizon == "long" if item.horizon else area in STRATEGIC_AREAS


def is_homed(row: Row) -> bool:
    """Whether a row counts for home alignment: its home is sales or marketing and its work belongs to one
    of them (a pay scheme's approval, a signature or a receivable is leadership's or finance's work
    whatever the home: the split of sales and marketing does not move it)."""
    return row.item.home != "shared" and row.item.reading.function in ("", "sales", "marketing")


def compute_shares(matrix: Matrix) -> Shares:
    holders = [matrix.accountable_role(row) for row in matrix.rows]
    total = len(holders)

    def share(count: int) -> float:
        return count / total if total else 0.0

    homed = [(row.item.home, role) for row, role in zip(matrix.rows, holders, strict=True) if is_homed(row)]
    strategic = [
        role for row, role in zip(matrix.rows, holders, strict=True) if is_strategic_marketing(row, matrix.area_of(row))
    ]
    return Shares(
        sales_led=share(sum(_wears(role, "sales") for role in holders)),
        marketing_led=share(sum(_wears(role, "marketing") for role in holders)),
        both=share(sum(_wears(role, "sales") and _wears(role, "marketing") for role in holders)),
        home_alignment=sum(_wears(role, home) for home, role in homed) / len(homed) if homed else None,
        rows=total,
        homed_rows=len(homed),
        strategy_alignment=sum(_wears(role, "marketing") for role in strategic) / len(strategic) if strategic else None,
        strategy_rows=len(strategic),
    )


def _wears(role: Role | None, function: str) -> bool:
    return role is not None and role.wears(function)


def structure_of(shares: Shares) -> Structure:
    """The structure a matrix's figures show: marketing beside sales when a role wearing the marketing
    hat and not the sales one answers for at least `SEPARATE_SHARE` of the work, else sales-led
    (marketing under sales, or none; one person wearing both hats has not split them)."""
    return Structure.SEPARATE if shares.segments["marketing"] >= SEPARATE_SHARE else Structure.SALES_LED


def told_structure(matrix: Matrix) -> Matrix:
    """A matrix made elsewhere under the structure its own figures show (no roster of titles decides it)."""
    profile = replace(matrix.profile, structure=structure_of(compute_shares(matrix)))
    return replace(matrix, profile=profile)
