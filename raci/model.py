"""The domain as plain frozen data: responsibilities, roles, profiles, matrices."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .exceptions import BrandingError
from .i18n import N_
from .scheme import RACI, Letter, Scheme

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RACI", "Letter", "Scheme"]  # the letters live in raci.scheme; the domain re-exports them


class Function(StrEnum):
    """A hat a role wears; equal to the word profiles and role files write."""

    LEADERSHIP = N_("leadership")
    SALES = N_("sales")
    MARKETING = N_("marketing")
    SERVICE = N_("service")
    FINANCE = N_("finance")
    OPERATIONS = N_("operations")
    PRODUCT = N_("product")
    UNKNOWN = N_("unknown")  # a title that names no function raci knows: counted as neither sales nor marketing


class Structure(StrEnum):
    """How a profile places marketing: under sales, or beside it."""

    SALES_LED = N_("sales-led")
    SEPARATE = N_("separate")


class Severity(StrEnum):
    """How much a finding matters, most first."""

    ERROR = N_("error")
    WARNING = N_("warning")
    INFO = N_("info")


# The RACI scheme's, for code that knows no other scheme (a matrix's own is `matrix.scheme`).
LETTERS = RACI.letters
ACCOUNTABLE = RACI.accountable
RESPONSIBLE = RACI.responsible
HOMES = (N_("sales"), N_("marketing"), N_("shared"))
HORIZONS = (N_("short"), N_("long"))
FUNCTIONS = tuple(Function)
STRUCTURES = tuple(Structure)
SEVERITIES = tuple(Severity)
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
MATCH_KEYS = ("id", "kind", "area", "home", "lang")
# The columns of raci's long CSV (`generate --csv-long`): one line per responsibility and role.
LONG_COLUMNS = (
    "scheme",
    "profile",
    "area",
    "id",
    "responsibility",
    "home",
    "horizon",
    "description",
    "role",
    "role_key",
    "function",
    "other_hats",
    "person",
    "letter",
    "written_by",
)

# How much each key of a rule's `when` adds to its specificity; an id beats any combination.
# `lang` (the language a row is written in) only narrows a kind: kind and lang beat kind alone.
SPECIFICITY = {"kind": 4, "area": 2, "home": 1, "lang": 1}
DECISIONS = ("set", "approve", "measure", "do")  # what kind of decision a row is, read from its words


def area_key(area: str) -> str:
    """An area as rules compare it: lower case, spaces, hyphens and slashes as "_"."""
    return re.sub(r"[\s/-]+", "_", area.strip().lower())


@dataclass(frozen=True)
class Reading:
    """What raci read from a row's words (vocabulary.toml), and which words told it."""

    kind: str = ""  # the class of work (pay, lead, receivables ...) or of decision (recommend, decide, run)
    kind_words: tuple[str, ...] = ()
    kind_area: str = ""  # the built-in area that kind of work belongs to, whatever the area column says
    kind_home: str = ""  # the home that kind of work has, when the catalogue gives none
    function: str = ""  # the function the kind of work belongs to, when the kind says
    area: str = ""  # the built-in area the wording names (the responsibility, the area's name, the description)
    area_words: tuple[str, ...] = ()
    strong: bool = False  # whether specific words of the responsibility or the area's name told `area`
    general_area: bool = False  # whether the area's name is only general words ("Marketing", "Penjualan")
    decision: str = ""  # set, approve, measure or do (DECISIONS): the earliest deciding word
    lang: str = ""  # "id" or "en" when the wording says, else ""
    inferred: tuple[str, ...] = ()  # the columns the catalogue left empty and raci filled in: area, home
    read: bool = False  # False for a row built without its words being read (then the horizon alone decides)


@dataclass(frozen=True)
class Responsibility:
    """One row of the catalogue; `line` is where it stands in its source file."""

    id: str
    area: str
    responsibility: str
    home: str
    horizon: str = ""
    description: str = ""
    kind: str = ""  # what the work is (sign, pay, budget, recommend, decide): declared or read from its words
    line: int = field(default=0, compare=False)  # where it stands in its source: provenance, not content
    accountable: str = ""  # the client's choice of Accountable: a role key or title, or a function
    reading: Reading = field(default_factory=Reading, compare=False)  # derived from the words above

    @property
    def lang(self) -> str:
        return self.reading.lang


@dataclass(frozen=True)
class Catalogue:
    """The responsibilities read from one file, in file order."""

    path: Path
    items: tuple[Responsibility, ...]


@dataclass(frozen=True)
class Role:
    """A column of the matrix. `function` is the role's primary function; `also` the other hats it
    wears (the founder of a micro firm is leadership and also sales)."""

    key: str
    title: str
    function: Function
    person: str = ""  # who holds the role, when a --roles mapping names them
    also: tuple[Function, ...] = ()
    # The role's title in every language raci speaks (a built-in role shown in the reader's language), so a
    # client's "Kepala Penjualan" is recognised as the Head of Sales whatever the language of the report.
    aliases: tuple[str, ...] = field(default=(), compare=False)

    @property
    def functions(self) -> tuple[Function, ...]:
        """Every hat, the primary function first."""
        return (self.function, *self.also)

    def wears(self, function: str) -> bool:
        return function in self.functions


@dataclass(frozen=True)
class Rule:
    """Letters per role key for the responsibilities that match `when`."""

    when: Mapping[str, tuple[str, ...]]
    letters: Mapping[str, str]
    note: str = ""
    name: str = ""  # a fixed label, e.g. the Rule cell of a workbook read back

    @property
    def specificity(self) -> int:
        """Higher wins: an id; then what the work is (kind) over its area over its home; the default last."""
        if "id" in self.when:
            return 1 + sum(SPECIFICITY.values())
        return sum(SPECIFICITY[key] for key in self.when)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if not self.when:
            return "default"
        return ", ".join(f"{key}={'|'.join(self.when[key])}" for key in MATCH_KEYS if key in self.when)

    def matches(
        self, item: Responsibility, area: str | None = None, kind: str | None = None, home: str | None = None
    ) -> bool:
        """Whether `item` meets every condition; `area` is the built-in area it stands for, `kind` and
        `home` what raci read when they differ from the item's own."""
        given = {"area": area, "kind": kind, "home": home}
        return all(
            (given[key] if given.get(key) is not None else getattr(item, key)) in values
            for key, values in self.when.items()
        )


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the quality checks; a profile's `[checks]` table and the CLI can change them."""

    max_consulted: int = 3
    overload_share: float = 0.5
    overload_expected: bool = False


@dataclass(frozen=True)
class LoadSettings:
    """How letters weigh in a person's load, and the share of all the matrix's points above which a
    person is flagged; a profile's `[load]` table changes them. `weights` holds the letters the profile
    weighs itself; every other letter weighs what it means (see `raci.core.load.weights`)."""

    weights: Mapping[str, int] = field(default_factory=dict)
    limit: float = 0.4


CADENCES = ("daily", "weekly", "fortnightly", "monthly", "quarterly")
FORUMS = ("catch-up", "team-meeting", "forum")  # the founder's catch-up, a team's meeting, a cross-team forum


@dataclass(frozen=True)
class CommunicationSettings:
    """How often the people who ask and tell meet, and where; a profile's `[communication]` table."""

    cadence: str = "weekly"
    forum: str = "team-meeting"


@dataclass(frozen=True)
class Trigger:
    """A business sign that a firm is ready for the profile's size or one of its roles (a [[triggers]] table).

    `key` names the sign (raci.render.plan_text words the keys it knows), `role` the role key it is for
    ("" for the size), `source` where its threshold comes from, `params` its numbers by name, `text`
    the sign in the profile's own words (for a key raci does not know)."""

    key: str
    role: str = ""
    source: str = ""
    params: tuple[tuple[str, int | float], ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Origin:
    """Where an as-read profile comes from: a matrix made elsewhere, its file's name (for scripts only: a
    client never reads it), and the client's name and headcount its title rows give ("" / None when not)."""

    file: str
    client: str = ""
    headcount: int | None = None


def wording(text: str) -> str:
    """A responsibility as compared with another: any case, any run of spaces."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Profile:
    """A company-size profile: who the roles are and how work maps to letters."""

    name: str
    title: str
    headcount_min: int
    headcount_max: int | None
    structure: Structure
    roles: tuple[Role, ...]
    rules: tuple[Rule, ...]
    description: str = ""
    checks: CheckSettings = field(default_factory=CheckSettings)
    load: LoadSettings = field(default_factory=LoadSettings)
    communication: CommunicationSettings = field(default_factory=CommunicationSettings)
    areas: Mapping[str, str] = field(default_factory=dict, compare=False)  # synonym -> built-in area
    source: Path | None = field(default=None, compare=False)
    text: str = field(default="", compare=False, repr=False)  # the TOML it was read from
    scheme: Scheme = field(default=RACI, compare=False, repr=False)  # what its letters are
    triggers: tuple[Trigger, ...] = field(default=(), compare=False)  # signs the firm is ready for this size
    origin: Origin | None = field(default=None, compare=False)  # a matrix made elsewhere, not a size
    # For rules that name a row by its id: the wordings of the row each id was written for. A row that has
    # the id but another wording is another catalogue's row, read by its meaning (built-in profiles name
    # the bundled catalogue's rows; a client's "CS-01" may be complaints, not the bundled account care).
    worded: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def headcount_label(self) -> str:
        if self.headcount_max is None:
            return f"{self.headcount_min}+"
        if self.headcount_max == self.headcount_min:
            return str(self.headcount_min)
        return f"{self.headcount_min}\u2013{self.headcount_max}"

    def area_of(self, area: str) -> str:
        """The area `area` stands for: its own when raci or a rule names it, else its synonym's."""
        key = area_key(area)
        if key in KNOWN_AREAS or any(key in rule.when.get("area", ()) for rule in self.rules):
            return key
        return self.areas.get(key, key)

    def names_row(self, item: Responsibility) -> bool:
        """Whether a rule of this profile names `item` by its id (and, where the profile says which row
        that id was written for, by its wording too)."""
        if not any(item.id in rule.when.get("id", ()) for rule in self.rules):
            return False
        wordings = self.worded.get(item.id)
        return wordings is None or wording(item.responsibility) in wordings

    def holds(self, headcount: int) -> bool:
        upper = self.headcount_max if self.headcount_max is not None else headcount
        return self.headcount_min <= headcount <= upper


@dataclass(frozen=True)
class Doubt:
    """Why raci is not sure who answers for a row: a code (`DOUBTS`) and what it rests on.

    `words` are the words raci went by, `area` the built-in area it used ("" when none)."""

    code: str
    words: tuple[str, ...] = ()
    area: str = ""
    value: str = ""  # for "pin-unknown": the catalogue's `accountable` value


# no-area: neither the area nor the wording names work raci knows; the home (or nothing) decided.
# weak-wording: only generic words or the description told the area.
# pin-unknown: the `accountable` column names no role or function of this size.
DOUBTS = ("no-area", "weak-wording", "pin-unknown")


@dataclass(frozen=True)
class Row:
    """A responsibility with one letter (or "") per role, and the rule that set them."""

    item: Responsibility
    letters: tuple[str, ...]
    rule: Rule
    area: str = ""  # the built-in area the rules matched, when it is not the item's own area
    doubt: Doubt | None = None  # set when raci cannot place the row with confidence: "please confirm"
    pinned: str = ""  # the catalogue's `accountable` value, when the client chose the row's A

    @property
    def rule_label(self) -> str:
        """The deciding rule, and the synonym that led to it: "area=promotion (from lead_generation)"."""
        if self.area and "area" in self.rule.when:
            return f"{self.rule.label} (from {self.item.area})"
        return self.rule.label

    def accountable(self, scheme: Scheme = RACI) -> tuple[int, ...]:
        """The positions of the roles answering for this row."""
        return tuple(i for i, letter in enumerate(self.letters) if letter in scheme.accountable)


@dataclass(frozen=True)
class Matrix:
    profile: Profile
    roles: tuple[Role, ...]
    rows: tuple[Row, ...]
    catalogue: Catalogue | None = field(default=None, compare=False)

    @property
    def scheme(self) -> Scheme:
        return self.profile.scheme

    def has_function(self, function: str) -> bool:
        return any(role.wears(function) for role in self.roles)

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

    def area_of(self, row: Row) -> str:
        """The built-in area `row` was placed in: read from its wording, or its own area's."""
        return row.area or self.profile.area_of(row.item.area)

    def accountable_role(self, row: Row) -> Role | None:
        """The single role holding A or A/R on `row`, or None when there is not exactly one."""
        holders = row.accountable(self.scheme)
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
    functions: tuple[Function, ...] = ()  # the hats the client's role wears, primary first; () keeps the profile's


@dataclass(frozen=True)
class RoleMapping:
    path: Path
    entries: tuple[RoleEntry, ...]


# --- what the checks find ------------------------------------------------------------


Param = str | int | float | tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One problem, as a fact: `rule` is its code, `id` the responsibility's id and `role` the role's
    title where they apply, `params` what the sentence needs (cells, counts, roles, shares) as
    (name, value) pairs. `raci.render.messages` says it in a language."""

    rule: str
    severity: str
    id: str | None = None
    role: str | None = None
    params: tuple[tuple[str, Param], ...] = ()

    def param(self, name: str, default: Param = "") -> Param:
        return next((value for key, value in self.params if key == name), default)

    @property
    def facts(self) -> dict[str, Param]:
        return dict(self.params)


def facts(**values: Param) -> tuple[tuple[str, Param], ...]:
    """A finding's parameters from keyword arguments, in the order given."""
    return tuple(values.items())


# --- what was read from a matrix made elsewhere --------------------------------------------


@dataclass(frozen=True)
class Normalised:
    """A cell read as something other than what it holds: `before` as written, `after` as read."""

    cell: str
    before: str
    after: str


@dataclass(frozen=True)
class Marked:
    """A letter written with a footnote mark (`A*`): read as the letter, the mark kept with its cell."""

    id: str
    role: str  # the role's title
    cell: str
    written: str  # the letter as read, then the mark: "A*"
    mark: str


@dataclass(frozen=True)
class MatrixSource:
    """What was read from a matrix made elsewhere, besides the matrix itself."""

    path: Path
    functions: tuple[str | None, ...]  # per role of the matrix: its function, or None where the title does not tell
    normalised: tuple[Normalised, ...]
    skipped: tuple[tuple[str, str], ...]  # (sheet, why) of sheets holding no matrix
    inferred: frozenset[str] = frozenset()  # ids of rows whose area was told from their wording, or not at all
    unknown_areas: tuple[str, ...] = ()  # ids of rows whose area could not be told
    marks: tuple[Marked, ...] = ()  # letters written with a footnote mark
    merged: frozenset[str] = frozenset()  # header cells of `normalised` whose role title was merged into another
    client: str = ""  # the client's name, from the title rows
    headcount: int | None = None  # the client's headcount, from the title rows
    role_titles: tuple[tuple[str, str], ...] = ()  # per role of the matrix: its title and the header cell naming it
    notes: tuple[tuple[str, str], ...] = ()  # (mark, what the file says it means, with where it says so)
    controls: tuple[Normalised, ...] = ()  # cells whose control characters were dropped (no workbook holds one)
    cut: tuple[Normalised, ...] = ()  # cells over the 32,767 characters a workbook cell holds, cut
