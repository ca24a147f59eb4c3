"""The domain as plain frozen data: responsibilities, roles, profiles, matrices."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .exceptions import BrandingError
from .i18n import N_

if TYPE_CHECKING:
    import pandas as pd

LETTERS = ("R", "A", "A/R", "C", "I")
ACCOUNTABLE = frozenset({"A", "A/R"})
RESPONSIBLE = frozenset({"R", "A/R"})
HOMES = (N_("sales"), N_("marketing"), N_("shared"))
HORIZONS = (N_("short"), N_("long"))
FUNCTIONS = (
    N_("leadership"),
    N_("sales"),
    N_("marketing"),
    N_("service"),
    N_("finance"),
    N_("operations"),
    N_("product"),
)
STRUCTURES = (N_("sales-led"), N_("separate"))
KNOWN_AREAS = (
    "quotas",
    "product",
    "pricing",
    "distribution",
    "customer_service",
    "promotion",
    "branding",
    "research",
    "sales_process",
    "marketing_process",
)
MATCH_KEYS = ("id", "area", "home")


@dataclass(frozen=True)
class Responsibility:
    """One row of the catalogue; `line` is where it stands in its source file."""

    id: str
    area: str
    responsibility: str
    home: str
    horizon: str = ""
    description: str = ""
    line: int = field(default=0, compare=False)  # where it stands in its source: provenance, not content


@dataclass(frozen=True)
class Catalogue:
    """The responsibilities read from one file, in file order."""

    path: Path
    items: tuple[Responsibility, ...]


@dataclass(frozen=True)
class Role:
    key: str
    title: str
    function: str
    person: str = ""  # who holds the role, when a --roles mapping names them


@dataclass(frozen=True)
class Rule:
    """Letters per role key for the responsibilities that match `when`."""

    when: Mapping[str, tuple[str, ...]]
    letters: Mapping[str, str]
    note: str = ""
    name: str = ""  # a fixed label, e.g. the Rule cell of a workbook read back

    @property
    def specificity(self) -> int:
        """Higher wins: an id, then area with home, then area, then home, then the default."""
        keys = set(self.when)
        if "id" in keys:
            return 4
        if keys == {"area", "home"}:
            return 3
        if keys == {"area"}:
            return 2
        if keys == {"home"}:
            return 1
        return 0

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if not self.when:
            return "default"
        return ", ".join(f"{key}={'|'.join(self.when[key])}" for key in MATCH_KEYS if key in self.when)

    def matches(self, item: Responsibility) -> bool:
        return all(getattr(item, key) in values for key, values in self.when.items())


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the quality checks; a profile's `[checks]` table and the CLI can change them."""

    max_consulted: int = 3
    overload_share: float = 0.5
    overload_expected: bool = False


@dataclass(frozen=True)
class Profile:
    """A company-size profile: who the roles are and how work maps to letters."""

    name: str
    title: str
    headcount_min: int
    headcount_max: int | None
    structure: str
    roles: tuple[Role, ...]
    rules: tuple[Rule, ...]
    description: str = ""
    checks: CheckSettings = field(default_factory=CheckSettings)
    source: Path | None = field(default=None, compare=False)
    text: str = field(default="", compare=False, repr=False)  # the TOML it was read from

    @property
    def headcount_label(self) -> str:
        if self.headcount_max is None:
            return f"{self.headcount_min}+"
        return f"{self.headcount_min}\u2013{self.headcount_max}"

    def holds(self, headcount: int) -> bool:
        upper = self.headcount_max if self.headcount_max is not None else headcount
        return self.headcount_min <= headcount <= upper


@dataclass(frozen=True)
class Row:
    """A responsibility with one letter (or "") per role, and the rule that set them."""

    item: Responsibility
    letters: tuple[str, ...]
    rule: Rule

    def accountable(self) -> tuple[int, ...]:
        return tuple(i for i, letter in enumerate(self.letters) if letter in ACCOUNTABLE)


@dataclass(frozen=True)
class Matrix:
    profile: Profile
    roles: tuple[Role, ...]
    rows: tuple[Row, ...]
    catalogue: Catalogue | None = field(default=None, compare=False)

    def has_function(self, function: str) -> bool:
        return any(role.function == function for role in self.roles)

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a pandas DataFrame: one row per responsibility (indexed by id), one column
        per role (its title), the letters as values ("" where a role has none)."""
        import pandas as pd

        return pd.DataFrame(
            [row.letters for row in self.rows],
            index=pd.Index([row.item.id for row in self.rows], name="id"),
            columns=pd.Index([role.title for role in self.roles], name="role"),
            dtype=object,
        )

    def accountable_role(self, row: Row) -> Role | None:
        """The single role holding A or A/R on `row`, or None when there is not exactly one."""
        holders = row.accountable()
        return self.roles[holders[0]] if len(holders) == 1 else None


# --- the client's identity ------------------------------------------------------------

HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


@dataclass(frozen=True)
class Logo:
    data: bytes
    mime: str  # image/png, image/jpeg or image/svg+xml
    name: str

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Branding:
    """Empty by default: the built-in look needs none of it."""

    client: str = ""
    logo: Logo | None = None
    accent: str = ""  # "#RRGGBB", or "" for the built-in navy


def parse_accent(text: str) -> str:
    """A hex colour ("#1f6feb", "1F6FEB", "#1f6") as "#1F6FEB"."""
    found = HEX.fullmatch(text.strip())
    if found is None:
        raise BrandingError(f"accent '{text}' is not a colour", hint="give a hex colour such as #1F6FEB")
    digits = found.group(1).upper()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


# --- a client's role titles ---------------------------------------------------------


@dataclass(frozen=True)
class RoleEntry:
    role: str  # a role's key or its title as the profile shows it
    title: str  # the client's title; empty drops the role
    person: str
    line: int


@dataclass(frozen=True)
class RoleMapping:
    path: Path
    entries: tuple[RoleEntry, ...]


# --- what the checks find ------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem: `id` is the responsibility's id and `role` the role's title, where they apply."""

    rule: str
    severity: str
    id: str | None
    role: str | None
    message: str
