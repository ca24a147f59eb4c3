"""The growth plan as facts: per step of a comparison's path, the roles that continue (promoted, grown
or narrowed), the roles merged into others, the hires in order, the signs that it is time (triggers),
the handovers of each moved A, the guardrails the moves fire and, where a firm has both functions,
the marketing-sales agreement.

`raci.render.plan_text` says it in a language; nothing here makes a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Matrix, Responsibility, Role, Trigger
from .compare import COMMERCIAL, Comparison, Move, commercial, external, hands_to_marketing, own_title, senior
from .load import compute_load
from .shares import STRATEGIC_AREAS

# Functions in the order a growing firm hires their first owner: marketing first (a marketing
# executive relieves sales of collateral and leads), then the rest by how much they take over.
FIRST_HIRES = ("marketing",)
GUARDRAILS = ("lead-definition", "pipeline-measures", "discount-bands", "deal-desk", "budget")
# Days a handover takes: routine work in a month, money and long-horizon work in two, strategy last.
HANDOVER_DAYS = (30, 60, 90)
LEAD_WORDS = re.compile(
    r"\b(leads?|mqls?|sqls?|sals?|prospek|prospects?|calon pelanggan|calon pembeli|pipeline|hand-?offs?"
    r"|serah terima)\b",
    re.I,
)
REVOPS = re.compile(r"revenue|revops|sales.?op|pendapatan", re.I)
PRICE_WORDS = re.compile(
    r"\b(discounts?|diskon|potongan harga|rabat|pricelist|price list|daftar harga|het|harga jual)\b"
    r"|\b(set|sets|setting|approve|approves|decide|menetapkan|menentukan|menyetujui)\b.*\b(prices?|pricing|harga)\b",
    re.I,
)


@dataclass(frozen=True)
class Hire:
    """A role of the TO profile that no role of the FROM profile continues, and that takes work (A or R).

    `takes`: the rows it becomes Accountable for; `does`: the rows it does the work on (R) without
    answering for them; `sources`: who answered for what it takes, with how many rows each.
    """

    role: Role
    takes: tuple[Move, ...]
    does: tuple[Move, ...]
    sources: tuple[tuple[Role | None, int], ...]
    promotable: Role | None = None  # a role of today, of the same function and not a head, who could grow into it


def _titles(role: Role) -> tuple[str, ...]:
    """A role's titles, its own first: a built-in role's as its profile writes it, then in every language."""
    return role.aliases or (role.title,)


def _same_title(old: Role, new: Role) -> bool:
    """Whether a role keeps its title, whatever the reader's language: two built-in roles by their profiles'
    own titles ("Chief Executive" is not "Managing Director", though Indonesian calls both "Direktur
    Utama"); a client's title when it is the new role's in any language raci speaks ("Direktur Utama")."""
    if old.aliases and new.aliases:
        return old.aliases[0] == new.aliases[0]
    return bool(set(_titles(old)) & set(_titles(new)))


@dataclass(frozen=True)
class RoleChange:
    """A role of the FROM profile that continues as `successor` (maybe under another title), or is merged
    away (`successor` None): what it keeps, stops and starts answering for."""

    role: Role
    successor: Role | None
    loses: tuple[Move, ...]
    gains: tuple[Move, ...]
    keeps: tuple[Move, ...] = ()
    growing: bool = True

    @property
    def kind(self) -> str:
        """promotion (a head growing into a bigger title), grows, narrows (going down in size), same, merged."""
        if self.successor is None:
            return "merged"
        if _same_title(self.role, self.successor):
            return "same"
        if not self.growing:
            return "narrows"
        own, next_own = _titles(self.role)[0], _titles(self.successor)[0]
        heads = senior(own) and senior(next_own) and self.role.function != "leadership"
        return "promotion" if heads else "grows"

    @property
    def loses_marketing(self) -> tuple[Move, ...]:
        """What a role wearing the sales hat hands to marketing: its bonus should no longer hang on it."""
        return tuple(move for move in self.loses if hands_to_marketing(move.old, move.new))


@dataclass(frozen=True)
class Merge:
    """A role of the FROM profile that no role continues: the roles that take over its work (A or R), with
    how many rows each, its A rows and its R rows."""

    role: Role
    into: tuple[tuple[Role, int], ...]
    answered: tuple[Move, ...]
    did: tuple[Move, ...]


@dataclass(frozen=True)
class Handover:
    """The A rows moving from one role to another, by when (days; from the hire's start for a hire),
    the old holder staying consulted until then."""

    source: Role | None
    target: Role | None
    days: int
    moves: tuple[Move, ...]
    to_hire: bool


@dataclass(frozen=True)
class Guardrail:
    """A guardrail (`GUARDRAILS`) and the moves that fired it."""

    key: str
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Stage:
    """A lead stage of the agreement (MQL, SAL, SQL): who owns it, and the matrix rows it was read from."""

    key: str
    owner: Role
    rows: tuple[Responsibility, ...]


@dataclass(frozen=True)
class Agreement:
    """The marketing-sales agreement of a firm with both functions, read from the TO matrix.

    `keeper` keeps the agreement and chairs the monthly review (the head of sales while sales leads,
    marketing with sales consulted in a split firm, revenue operations once there is one); `names`
    gives each role the client's title where today's firm has one; `rows` are the matrix rows about
    leads, hand-off, pipeline and pricing it was derived from, with their Accountable role."""

    marketing: Role
    sales: Role
    keeper: Role
    stages: tuple[Stage, ...]
    rows: tuple[tuple[Responsibility, Role | None], ...]
    follow_up_hours: int
    recycle_days: int
    names: tuple[tuple[str, str], ...] = ()  # (role key, the client's title)


@dataclass(frozen=True)
class Scope:
    """How much of the compared matrix is commercial work: out of scope when under half of it is."""

    total: int
    commercial: int

    @property
    def out(self) -> bool:
        return self.total > 0 and self.commercial * 2 < self.total


@dataclass(frozen=True)
class LoadShift:
    """A role's share of all the weighted letters (its load) before the step and after it: `before` is
    today's role (None for a hire), `after` the role it is after the step (None when it merges away)."""

    before: Role | None
    after: Role | None
    share_before: float
    share_after: float


@dataclass(frozen=True)
class Step:
    """One step of the path: the moves of Accountable role, the roles that continue or merge, the hires,
    the triggers, handovers, guardrails and the agreement."""

    number: int
    comparison: Comparison
    hires: tuple[Hire, ...]
    role_changes: tuple[RoleChange, ...]
    strategy: tuple[Move, ...]  # strategy rows among the moves: they move last
    guardrails: tuple[Guardrail, ...]
    merges: tuple[Merge, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    handovers: tuple[Handover, ...] = ()
    agreement: Agreement | None = None
    withheld: tuple[Hire, ...] = ()  # sales or marketing hires not proposed: the matrix is not commercial work
    scope: Scope | None = None
    # each role's load before and after the step, hires included; none out of scope, where the firm's own
    # roles stay with their commercial rows and the size's roles would speak of work the plan does not cover
    load: tuple[LoadShift, ...] = ()

    @property
    def moves(self) -> tuple[Move, ...]:
        """The moves of Accountable role the step makes (not those to a hire it does not propose)."""
        return _made(self.comparison, self.withheld)

    @property
    def promotions(self) -> tuple[RoleChange, ...]:
        """The roles that continue under another title or with other sign-offs."""
        return tuple(change for change in self.role_changes if change.successor is not None)

    @property
    def function_changes(self) -> tuple[Move, ...]:
        """The moves whose Accountable function changes too."""
        return tuple(move for move in self.moves if move.changed)

    @property
    def to_hires(self) -> tuple[Move, ...]:
        return tuple(move for hire in self.hires for move in hire.takes)

    @property
    def to_existing(self) -> tuple[Move, ...]:
        """The moves to roles the firm already has (under their old title or a new one) or keeps."""
        hired = {move.item.id for move in self.to_hires}
        return tuple(move for move in self.moves if move.item.id not in hired)


def scope_of(comparison: Comparison) -> Scope:
    """The rows read and the commercial rows among them (the rows compared when most are not commercial)."""
    items = comparison.catalogue.items
    return Scope(comparison.read or len(items), sum(1 for item in items if commercial(item)))


def plan_steps(comparison: Comparison) -> tuple[Step, ...]:
    """Each step of the comparison's path, with its role changes, hires, triggers, handovers and guardrails."""
    scope = scope_of(comparison)
    return tuple(_step(number, step, scope) for number, step in enumerate(comparison.path, start=1))


def path_moves(comparison: Comparison) -> tuple[Move, ...]:
    """The moves of Accountable role from the first size to the last that the plan makes."""
    if len(comparison.path) == 1:
        return plan_steps(comparison)[0].moves
    return comparison.role_moves


def _made(comparison: Comparison, withheld: tuple[Hire, ...]) -> tuple[Move, ...]:
    kept = {hire.role.key for hire in withheld}
    return tuple(move for move in comparison.role_moves if move.new is None or move.new.key not in kept)


def _step(number: int, comparison: Comparison, scope: Scope) -> Step:
    successors = dict(comparison.successors)
    known = set(successors.values())
    moves = comparison.role_moves
    growing = comparison.growing
    after = comparison.after
    hires = []
    for role in comparison.new.roles:
        if role.key in known:
            continue
        takes = tuple(move for move in moves if move.new == role)
        does = tuple(move for move in comparison.moves if role.title in move.new_responsible and move.new != role)
        if not growing or not (takes or does):
            continue  # going down in size nobody is hired; a role with only C or I is not a hire
        sources: list[tuple[Role | None, int]] = []
        for move in takes:
            if move.old not in [source for source, _ in sources]:
                sources.append((move.old, sum(1 for other in takes if other.old == move.old)))
        sources.sort(key=lambda entry: -entry[1])
        promotable = next(
            (
                other
                for other in comparison.before.roles
                if senior(own_title(role))
                and other.function == role.function
                and not senior(own_title(other))
                and not external(own_title(other))
                and other.key in successors
            ),
            None,
        )
        hires.append(Hire(role, takes, does, tuple(sources), promotable))
    withheld: list[Hire] = []
    if scope.out:
        withheld = [hire for hire in hires if any(hire.role.wears(function) for function in COMMERCIAL)]
        hires = [hire for hire in hires if hire not in withheld]
        moves = _made(comparison, tuple(withheld))
    first = [hire for hire in hires if hire.takes and hire.role.function in FIRST_HIRES][:1]
    rest = sorted((hire for hire in hires if hire not in first), key=lambda hire: (-len(hire.takes), -len(hire.does)))
    changes, merges = [], []
    holders: list[Role] = []
    for move in comparison.moves:
        if move.old is not None and move.old not in holders:
            holders.append(move.old)
    holders += [role for role in comparison.before.roles if role not in holders]
    for role in holders:
        successor = comparison.successor(role)
        loses = tuple(move for move in moves if move.old == role)
        if successor is None:
            if scope.out:
                continue  # the firm's own roles stay: only its commercial rows are planned
            merge = _merge(role, comparison)
            if merge is not None:
                merges.append(merge)
            continue
        gains = tuple(move for move in moves if move.new == successor and move.old != role)
        keeps = tuple(
            move for move in comparison.moves if move.old == role and (move.new == successor or move not in moves)
        )
        if loses or gains or (not _same_title(role, successor) and not scope.out):
            changes.append(RoleChange(role, successor, loses, gains, keeps, growing))
    strategy = tuple(move for move in moves if _strategic(move.item))
    triggers = tuple(
        trigger
        for trigger in comparison.new.triggers
        if growing and (not trigger.role or any(hire.role.key == trigger.role for hire in (*first, *rest)))
    )
    return Step(
        number,
        comparison,
        (*first, *rest),
        tuple(changes),
        strategy,
        _guardrails(moves),
        tuple(merges),
        triggers,
        _handovers(moves, strategy, {hire.role.key for hire in hires}),
        agreement(after, comparison) if not scope.out else None,
        tuple(withheld),
        scope,
        () if scope.out else _load_shifts(comparison, {hire.role.key for hire in withheld}),
    )


def _load_shifts(comparison: Comparison, withheld: set[str]) -> tuple[LoadShift, ...]:
    """Each role's load before the step and after it: today's roles, then the roles the step adds."""
    before, after = compute_load(comparison.before), compute_load(comparison.after)
    successors = dict(comparison.successors)
    later = {entry.role.key: entry for entry in after.roles}
    shifts = []
    for entry in before.roles:
        successor = later.get(successors.get(entry.role.key, ""))
        shifts.append(
            LoadShift(
                entry.role, successor.role if successor else None, entry.share, successor.share if successor else 0.0
            )
        )
    kept = set(successors.values())
    for key, entry in later.items():
        if key not in kept and key not in withheld:
            shifts.append(LoadShift(None, entry.role, 0.0, entry.share))
    return tuple(shifts)


def _strategic(item: Responsibility) -> bool:
    return item.home == "marketing" and (item.horizon == "long" if item.horizon else item.area in STRATEGIC_AREAS)


def _merge(role: Role, comparison: Comparison) -> Merge | None:
    """Who takes over the work (A or R) of `role`, which no role continues; None when it had no work."""
    answered = tuple(move for move in comparison.moves if move.old == role)
    did = tuple(move for move in comparison.moves if role.title in move.old_responsible and move.old != role)
    into: list[tuple[Role, int]] = []
    for move in (*answered, *did):
        targets = [move.new] if move in answered and move.new is not None else []
        if move not in answered:
            targets = [other for other in comparison.after.roles if other.title in move.new_responsible]
        for target in targets:
            found = next((number for number, (other, _) in enumerate(into) if other == target), None)
            if found is None:
                into.append((target, 1))
            else:
                into[found] = (target, into[found][1] + 1)
    if not into:
        return None
    into.sort(key=lambda entry: -entry[1])
    return Merge(role, tuple(into), answered, did)


def _days(item: Responsibility, strategy: bool) -> int:
    if strategy:
        return HANDOVER_DAYS[2]
    if item.horizon == "long" or item.area == "pricing" or item.kind in ("pay", "budget", "list_price"):
        return HANDOVER_DAYS[1]
    return HANDOVER_DAYS[0]


def _handovers(moves: tuple[Move, ...], strategy: tuple[Move, ...], hired: set[str]) -> tuple[Handover, ...]:
    """Each moved A, grouped by (old holder, new holder, days)."""
    keys: list[tuple[Role | None, Role | None, int]] = []
    for move in moves:
        key = (move.old, move.new, _days(move.item, move in strategy))
        if key not in keys:
            keys.append(key)
    keys.sort(key=lambda key: key[2])
    return tuple(
        Handover(
            source,
            target,
            days,
            tuple(move for move in moves if (move.old, move.new, _days(move.item, move in strategy)) == key),
            target is not None and target.key in hired,
        )
        for key in keys
        for source, target, days in [key]
    )


def _guardrails(moves: tuple[Move, ...]) -> tuple[Guardrail, ...]:
    """The guardrails the moves fire, each with its moves: a moved lead owner fires the lead definition
    and hand-off; sales work going to marketing, pipeline measures; a moved price owner, discount bands
    and a deal desk; a moved budget, the budget."""
    leads = tuple(move for move in moves if _about_leads(move.item))
    to_marketing = tuple(move for move in moves if hands_to_marketing(move.old, move.new))
    prices = tuple(move for move in moves if _about_prices(move.item))
    budgets = tuple(move for move in moves if move.item.kind == "budget")
    found = [
        Guardrail("lead-definition", leads),
        Guardrail("pipeline-measures", to_marketing),
        Guardrail("discount-bands", prices),
        Guardrail("deal-desk", prices),
        Guardrail("budget", budgets),
    ]
    return tuple(guardrail for guardrail in found if guardrail.moves)


def _about_leads(item: Responsibility) -> bool:
    return item.kind == "lead" or bool(LEAD_WORDS.search(f"{item.responsibility} {item.area}"))


def _about_prices(item: Responsibility) -> bool:
    return item.area == "pricing" or item.kind == "list_price" or bool(PRICE_WORDS.search(item.responsibility))


# --- the marketing-sales agreement -------------------------------------------------------------


def agreement(matrix: Matrix, comparison: Comparison | None = None) -> Agreement | None:
    """The agreement of a matrix whose firm has a marketing role and a sales role apart; None otherwise.

    The heads are the roles of each function holding the most A's; the stages' owners are read from the
    rows about leads (MQL: who answers for generating and qualifying leads), accepting them (SAL: the
    sales head) and converting them (SQL: who answers for qualifying prospects and closing).
    """
    counts = {role.key: 0 for role in matrix.roles}
    for row in matrix.rows:
        for index in row.accountable(matrix.scheme):
            counts[matrix.roles[index].key] += 1
    marketing = _head(matrix, "marketing", counts)
    sales = _head(matrix, "sales", counts)
    if marketing is None or sales is None or marketing == sales:
        return None
    rows = tuple(
        (row.item, matrix.accountable_role(row))
        for row in matrix.rows
        if _about_leads(row.item) or _about_prices(row.item) or row.item.kind == "lead"
    )
    lead_rows = tuple(item for item, _ in rows if _about_leads(item))
    marketing_rows = tuple(
        item for item, owner in rows if owner is not None and owner.wears("marketing") and item in lead_rows
    )
    sales_rows = tuple(item for item, owner in rows if owner is not None and owner.wears("sales") and item in lead_rows)
    operations = [role for role in matrix.roles if role.function == "operations"]
    revops = next((role for role in operations if REVOPS.search(f"{role.key} {role.title}")), None)
    keeper = revops or (marketing if matrix.profile.structure == "separate" else sales)
    names: list[tuple[str, str]] = []
    if comparison is not None:
        for old_key, new_key in comparison.successors:
            old = next((role for role in comparison.before.roles if role.key == old_key), None)
            new = next((role for role in matrix.roles if role.key == new_key), None)
            if old is not None and new is not None and not _same_title(old, new):
                names.append((new_key, old.title))
    stages = (
        Stage("mql", marketing, marketing_rows),
        Stage("sal", sales, ()),
        Stage("sql", sales, sales_rows),
    )
    small = matrix.profile.headcount_max is not None and matrix.profile.headcount_max < 50
    return Agreement(marketing, sales, keeper, stages, rows, 48 if small else 24, 90, tuple(names))


def _head(matrix: Matrix, function: str, counts: dict[str, int]) -> Role | None:
    members = [role for role in matrix.roles if role.function == function and counts[role.key] > 0]
    return max(members, key=lambda role: counts[role.key]) if members else None
