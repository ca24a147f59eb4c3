"""`raci compare`: who answers for each responsibility in one profile and who does in another.

`compare` builds both matrices on one catalogue and pairs their rows into `Move`s. Each move
falls into one group, decided in this order:

1. `sales-to-marketing`: the Accountable role was in sales and is now in marketing;
2. `stays-with-sales`, `stays-with-marketing`, `stays-with-leadership`: the same function
   answers before and after (even when the role's title changes, e.g. Head of Sales to VP Sales);
3. `to-new-roles`: the new Accountable role's title does not exist in the FROM profile, or the
   work moves into service, finance, operations or product;
4. `other-changes`: any other change of function (e.g. leadership to marketing within roles
   that both profiles have);
5. `stays-elsewhere`: the rest, whose Accountable function does not change.

The shares quoted in the plan come from `raci.shares.compute_shares`, like every other output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .. import __version__
from ..i18n import DEFAULT, N_, Translator
from ..model import Branding, Catalogue, Matrix, Profile, Responsibility, Role, RoleMapping, Row
from .assign import build_matrix
from .labels import area_label
from .localise import localise_profile
from .roles import apply_roles
from .shares import STRATEGIC_AREAS, Shares, compute_shares

# An area that hands over this many responsibilities or fewer is described by their names.
NAMED_ITEMS = 2
NEW_ROLE_FUNCTIONS = ("service", "finance", "operations", "product")
STAYING = ("sales", "marketing", "leadership")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    description: str


# Labels and descriptions in English, marked for the catalogue; translated where they are shown.
GROUPS: tuple[Group, ...] = (
    Group("sales-to-marketing", N_("Moves from sales to marketing"), N_("Sales answered for it; marketing will.")),
    Group("stays-with-sales", N_("Stays with sales"), N_("A sales role answers for it before and after.")),
    Group(
        "to-new-roles",
        N_("Moves to new roles"),
        N_("A role that did not exist before takes it over, or service, finance, operations or product does."),
    ),
    Group(
        "stays-with-leadership",
        N_("Stays with leadership"),
        N_("The company's leadership answers for it before and after."),
    ),
    Group("stays-with-marketing", N_("Stays with marketing"), N_("A marketing role answers for it before and after.")),
    Group("other-changes", N_("Other changes of function"), N_("Another function takes it over.")),
    Group(
        "stays-elsewhere",
        N_("Stays with the same function"),
        N_("The same function answers for it before and after."),
    ),
)
GROUP_KEYS = tuple(group.key for group in GROUPS)
GROUP_LABELS = {group.key: group.label for group in GROUPS}


@dataclass(frozen=True)
class Move:
    """One responsibility: its Accountable role and its R's before and after.

    `old` or `new` is None when that matrix does not give the row exactly one A or A/R;
    `changed` means the Accountable FUNCTION differs.
    """

    item: Responsibility
    old: Role | None
    new: Role | None
    old_responsible: tuple[str, ...]
    new_responsible: tuple[str, ...]
    changed: bool
    group: str
    role_changed: bool = False  # the Accountable ROLE differs (see `Comparison.same_role`)

    @property
    def old_function(self) -> str | None:
        return self.old.function if self.old is not None else None

    @property
    def new_function(self) -> str | None:
        return self.new.function if self.new is not None else None

    @property
    def group_label(self) -> str:
        """The group's label in English; `Translator(lang)(move.group_label)` in another language."""
        return GROUP_LABELS[self.group]

    @property
    def responsible_changed(self) -> bool:
        return self.old_responsible != self.new_responsible


@dataclass(frozen=True)
class GroupMoves:
    group: Group
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Comparison:
    """Both profiles (their texts in `lang`, see `localise_profile`) and the moves between them."""

    catalogue: Catalogue
    old: Profile
    new: Profile
    old_shares: Shares
    new_shares: Shares
    moves: tuple[Move, ...]
    version: str
    lang: str = DEFAULT
    branding: Branding = field(default_factory=Branding)
    successors: tuple[tuple[str, str], ...] = ()  # (old role key, new role key): the same role in both
    steps: tuple[Comparison, ...] = ()  # the path through the sizes between; empty: one step, itself

    @property
    def path(self) -> tuple[Comparison, ...]:
        """The steps of the growth path, smallest first; a direct comparison is its own one step."""
        return self.steps or (self,)

    @property
    def role_moves(self) -> tuple[Move, ...]:
        """The moves whose Accountable role changes, in catalogue order."""
        return tuple(move for move in self.moves if move.role_changed)

    def successor(self, role: Role) -> Role | None:
        """The TO profile's role that is `role` of the FROM profile (same key, same title or sole leader)."""
        keys = dict(self.successors)
        return next((other for other in self.new.roles if other.key == keys.get(role.key)), None)

    @property
    def changes(self) -> tuple[Move, ...]:
        """The moves whose Accountable function changes, in catalogue order."""
        return tuple(move for move in self.moves if move.changed)

    @property
    def unchanged(self) -> tuple[Move, ...]:
        return tuple(move for move in self.moves if not move.changed)

    def in_group(self, key: str) -> tuple[Move, ...]:
        if key not in GROUP_KEYS:
            raise KeyError(key)
        return tuple(move for move in self.moves if move.group == key)

    @property
    def groups(self) -> tuple[GroupMoves, ...]:
        """The groups that hold at least one move, in `GROUPS` order."""
        return grouped(self.moves)

    @property
    def growing(self) -> bool:
        return self.new.headcount_min > self.old.headcount_min


# --- the comparison ----------------------------------------------------------------------------


def compare(
    catalogue: Catalogue,
    old: Profile,
    new: Profile,
    lang: str = DEFAULT,
    branding: Branding | None = None,
    roles: RoleMapping | None = None,
) -> Comparison:
    """Both profiles applied to `catalogue`, row by row; role and profile titles in `lang`.

    `roles`: the client's titles and people, applied to the FROM side (see `raci.core.roles.apply_roles`).
    The groups are decided on the profiles' own titles, so they are the same in every language.
    """
    old_roles, new_roles = _by_key(old), _by_key(new)
    old, new = localise_profile(old, lang), localise_profile(new, lang)
    before, after = build_matrix(catalogue, old), build_matrix(catalogue, new)
    if roles is not None:
        before = apply_roles(before, roles, {role.key: role.title for role in old_roles.values()})
    old_titles = frozenset(role.title for role in old_roles.values())
    successors = _successors(before.roles, after.roles, old_roles, new_roles)
    moves = []
    for old_row, new_row in zip(before.rows, after.rows, strict=True):
        old_role, new_role = before.accountable_role(old_row), after.accountable_role(new_row)
        moves.append(
            Move(
                item=old_row.item,
                old=old_role,
                new=new_role,
                old_responsible=_responsible(before, old_row),
                new_responsible=_responsible(after, new_row),
                changed=_function(old_role) != _function(new_role),
                group=group_of(_original(old_role, old_roles), _original(new_role, new_roles), old_titles),
                role_changed=_role_changed(old_role, new_role, successors),
            )
        )
    return Comparison(
        catalogue=catalogue,
        old=old,
        new=new,
        old_shares=compute_shares(before),
        new_shares=compute_shares(after),
        moves=tuple(moves),
        version=__version__,
        lang=lang,
        branding=branding or Branding(),
        successors=tuple(successors.items()),
    )


def compare_path(
    catalogue: Catalogue,
    profiles: Sequence[Profile],
    lang: str = DEFAULT,
    branding: Branding | None = None,
    roles: RoleMapping | None = None,
) -> Comparison:
    """The first profile compared with the last, through every profile between them, one step each.

    `roles` applies to the first profile only: the client's titles are those of today's firm.
    """
    if len(profiles) < 2:
        raise ValueError("a path needs at least two profiles")
    whole = compare(catalogue, profiles[0], profiles[-1], lang, branding, roles)
    if len(profiles) == 2:
        return whole
    steps = tuple(
        compare(catalogue, first, second, lang, branding, roles if number == 0 else None)
        for number, (first, second) in enumerate(pairwise(profiles))
    )
    return replace(whole, steps=steps)


def path_between(old: Profile, new: Profile, sizes: Iterable[Profile]) -> tuple[Profile, ...]:
    """`old`, every profile of `sizes` whose headcount range starts strictly between theirs, and `new`.

    Smallest first when growing, largest first when shrinking: the growth path one step at a time.
    """
    low, high = sorted((old.headcount_min, new.headcount_min))
    names = {old.name, new.name}
    between = sorted(
        (size for size in sizes if low < size.headcount_min < high and size.name not in names),
        key=lambda size: size.headcount_min,
        reverse=new.headcount_min < old.headcount_min,
    )
    return (old, *between, new)


def group_of(old: Role | None, new: Role | None, old_titles: Iterable[str]) -> str:
    """The group key of a move from `old` to `new`; `old_titles` are the FROM profile's role titles.

    Sales to marketing reads the hats: a founder who wears the sales hat hands marketing work to a
    marketing role as surely as a head of sales does.
    """
    before, after = _function(old), _function(new)
    if _hands_to_marketing(old, new):
        return "sales-to-marketing"
    if before == after and before in STAYING:
        return f"stays-with-{before}"
    if new is not None and (new.title not in set(old_titles) or (before != after and after in NEW_ROLE_FUNCTIONS)):
        return "to-new-roles"
    if before != after:
        return "other-changes"
    return "stays-elsewhere"


# --- the plan ----------------------------------------------------------------------------------


def plan_sentences(comparison: Comparison) -> tuple[str, ...]:
    """A few plain sentences that read as a plan, the headcount ranges in the first.

    Each sentence is one message of the catalogue with named placeholders, so a language can
    order it as it needs; `t.plural` picks the form where a count decides it in English.
    """
    t = Translator(comparison.lang)
    old, new, catalogue = comparison.old, comparison.new, comparison.catalogue
    total = len(comparison.moves)

    def describe(moves: tuple[Move, ...]) -> str:
        return _describe(moves, catalogue, t)

    span = {
        "old_people": old.headcount_label,
        "old_title": old.title,
        "new_people": new.headcount_label,
        "new_title": new.title,
    }
    to_marketing = comparison.in_group("sales-to-marketing")
    if to_marketing and comparison.growing:
        opening = t.plural(
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibility from sales: {items}.",
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibilities from sales: {items}.",
            total,
        )
    elif to_marketing:
        opening = t.plural(
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibility from sales: {items}.",
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibilities from sales: {items}.",
            total,
        )
    elif comparison.growing:
        opening = t(
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "no responsibility moves from sales to marketing; "
            "{changed} of the {total} change the function that answers for them."
        )
    else:
        opening = t(
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "no responsibility moves from sales to marketing; "
            "{changed} of the {total} change the function that answers for them."
        )
    sentences = [
        opening.format(
            **span,
            moved=len(to_marketing),
            total=total,
            changed=len(comparison.changes),
            items=describe(to_marketing),
        )
    ]

    kept = comparison.in_group("stays-with-sales")
    if kept:
        sentences.append(t("Sales keeps {count}: {items}.").format(count=len(kept), items=describe(kept)))
    old_titles = {other.title for other in old.roles}
    for role, moves in _by_new_role(comparison.in_group("to-new-roles")):
        if role.title in old_titles:
            text = t.plural(
                "{role} ({function}) takes over {num} responsibility: {items}.",
                "{role} ({function}) takes over {num} responsibilities: {items}.",
                len(moves),
            )
        else:
            text = t.plural(
                "A new role, {role} ({function}), takes over {num} responsibility: {items}.",
                "A new role, {role} ({function}), takes over {num} responsibilities: {items}.",
                len(moves),
            )
        sentences.append(text.format(role=role.title, function=t(role.function), num=len(moves), items=describe(moves)))
    for key, keeps in (
        ("stays-with-leadership", N_("Leadership keeps {count}: {items}.")),
        ("stays-with-marketing", N_("Marketing keeps {count}: {items}.")),
    ):
        moves = comparison.in_group(key)
        if moves:
            sentences.append(t(keeps).format(count=len(moves), items=describe(moves)))
    for (source, target), moves in _by_change(comparison.in_group("other-changes")):
        if target is None:
            text = t.plural(
                "{num} responsibility moves from {source} to no single role: {items}.",
                "{num} responsibilities move from {source} to no single role: {items}.",
                len(moves),
            )
        elif source is None:
            text = t.plural(
                "{num} responsibility moves from no single role to {function} ({role}): {items}.",
                "{num} responsibilities move from no single role to {function} ({role}): {items}.",
                len(moves),
            )
        else:
            text = t.plural(
                "{num} responsibility moves from {source} to {function} ({role}): {items}.",
                "{num} responsibilities move from {source} to {function} ({role}): {items}.",
                len(moves),
            )
        sentences.append(
            text.format(
                num=len(moves),
                source=t(source or ""),
                function=t(target.function) if target is not None else "",
                role=target.title if target is not None else "",
                items=describe(moves),
            )
        )
    rest = comparison.in_group("stays-elsewhere")
    if rest:
        text = t.plural(
            "{num} responsibility stays with the same function: {items}.",
            "{num} responsibilities stay with the same function: {items}.",
            len(rest),
        )
        sentences.append(text.format(num=len(rest), items=describe(rest)))
    sentences.append(shares_sentence(comparison.old_shares, comparison.new_shares, t))
    return tuple(sentences)


def summary_text(comparison: Comparison, written: tuple[str, ...] = ()) -> str:
    """The short plain-text summary `raci compare` prints, in the comparison's language."""
    t = Translator(comparison.lang)
    old, new = comparison.old, comparison.new
    total = len(comparison.moves)
    first = t.plural(
        "From {old} ({old_people} people) to {new} ({new_people} people): "
        "{changed} of {total} responsibility changes function",
        "From {old} ({old_people} people) to {new} ({new_people} people): "
        "{changed} of {total} responsibilities change function",
        total,
    )
    lines = [
        first.format(
            old=old.name,
            old_people=old.headcount_label,
            new=new.name,
            new_people=new.headcount_label,
            changed=len(comparison.changes),
            total=total,
        )
    ]
    lines += [f"  {t(entry.group.label)}: {len(entry.moves)}" for entry in comparison.groups]
    lines += [t("Wrote {path}").format(path=path) for path in written]
    return "\n".join(lines)


def shares_sentence(before: Shares, after: Shares, t: Translator) -> str:
    """How the shares move from `before` to `after`, as one sentence."""
    return t(
        "The sales-led share goes from {sales_before} to {sales_after}, "
        "the marketing-led share from {marketing_before} to {marketing_after}, "
        "and home alignment from {alignment_before} to {alignment_after}."
    ).format(
        sales_before=t.percent(before.sales_led),
        sales_after=t.percent(after.sales_led),
        marketing_before=t.percent(before.marketing_led),
        marketing_after=t.percent(after.marketing_led),
        alignment_before=t.percent(before.home_alignment),
        alignment_after=t.percent(after.home_alignment),
    )


def document_title(comparison: Comparison) -> str:
    t = Translator(comparison.lang)
    return t("RACI comparison \u2014 {old} to {new}").format(old=comparison.old.title, new=comparison.new.title)


# --- the growth plan: hires, roles that change, interim, guardrails -------------------------------

# Functions in the order a growing firm hires their first owner: marketing first (a marketing
# executive relieves sales of collateral and leads), then the rest by how much they take over.
FIRST_HIRES = ("marketing",)
GUARDRAILS = ("lead-definition", "pipeline-measures", "discount-bands", "budget")


@dataclass(frozen=True)
class Hire:
    """A role of the TO profile that the FROM profile does not have.

    `takes`: the rows it becomes Accountable for; `does`: the rows it does the work on (R) without
    answering for them; `sources`: who answered for what it takes, with how many rows each.
    """

    role: Role
    takes: tuple[Move, ...]
    does: tuple[Move, ...]
    sources: tuple[tuple[Role | None, int], ...]


@dataclass(frozen=True)
class RoleChange:
    """A role of the FROM profile whose sign-offs change: what it stops and starts answering for.

    `successor` is the same role in the TO profile (maybe under another title), None when it is gone.
    """

    role: Role
    successor: Role | None
    loses: tuple[Move, ...]
    gains: tuple[Move, ...]

    @property
    def loses_marketing(self) -> tuple[Move, ...]:
        """What a role wearing the sales hat hands to marketing: its bonus should no longer hang on it."""
        return tuple(move for move in self.loses if _hands_to_marketing(move.old, move.new))


@dataclass(frozen=True)
class Step:
    """One step of the path: the moves of Accountable role, the hires, the roles that change."""

    number: int
    comparison: Comparison
    hires: tuple[Hire, ...]
    role_changes: tuple[RoleChange, ...]
    strategy: tuple[Move, ...]  # strategy rows among the moves: they move last
    guardrails: tuple[str, ...]  # keys of GUARDRAILS that apply

    @property
    def moves(self) -> tuple[Move, ...]:
        return self.comparison.role_moves

    @property
    def function_changes(self) -> tuple[Move, ...]:
        """The moves whose Accountable function changes too."""
        return tuple(move for move in self.moves if move.changed)

    @property
    def to_hires(self) -> tuple[Move, ...]:
        return tuple(move for hire in self.hires for move in hire.takes)

    @property
    def to_existing(self) -> tuple[Move, ...]:
        """The moves to roles the firm already has (under their old title or a new one)."""
        hired = {move.item.id for move in self.to_hires}
        return tuple(move for move in self.moves if move.item.id not in hired)


def plan_steps(comparison: Comparison) -> tuple[Step, ...]:
    """Each step of the comparison's path, with its hires, role changes, strategy rows and guardrails."""
    return tuple(_step(number, step) for number, step in enumerate(comparison.path, start=1))


def _step(number: int, comparison: Comparison) -> Step:
    known = set(dict(comparison.successors).values())
    moves = comparison.role_moves
    hires = []
    for role in comparison.new.roles:
        if role.key in known:
            continue
        takes = tuple(move for move in moves if move.new == role)
        does = tuple(move for move in comparison.moves if role.title in move.new_responsible and move.new != role)
        sources: list[tuple[Role | None, int]] = []
        for move in takes:
            if move.old not in [source for source, _ in sources]:
                sources.append((move.old, sum(1 for other in takes if other.old == move.old)))
        sources.sort(key=lambda entry: -entry[1])
        hires.append(Hire(role, takes, does, tuple(sources)))
    first = [hire for hire in hires if hire.takes and hire.role.function in FIRST_HIRES][:1]
    rest = sorted((hire for hire in hires if hire not in first), key=lambda hire: (-len(hire.takes), -len(hire.does)))
    changes = []
    holders: list[Role] = []
    for move in comparison.moves:
        if move.old is not None and move.old not in holders:
            holders.append(move.old)
    for role in holders:
        successor = comparison.successor(role)
        loses = tuple(move for move in moves if move.old == role)
        gains = tuple(move for move in moves if successor is not None and move.new == successor and move.old != role)
        if loses or gains or successor is None or successor.title != role.title:
            changes.append(RoleChange(role, successor, loses, gains))
    strategy = tuple(
        move
        for move in moves
        if move.item.home == "marketing"
        and (move.item.horizon == "long" if move.item.horizon else move.item.area in STRATEGIC_AREAS)
    )
    return Step(number, comparison, (*first, *rest), tuple(changes), strategy, _guardrails(moves))


def _guardrails(moves: tuple[Move, ...]) -> tuple[str, ...]:
    found = []
    if any(_hands_to_marketing(move.old, move.new) for move in moves):
        found += ["lead-definition", "pipeline-measures"]
    if any(move.item.area == "pricing" for move in moves):
        found.append("discount-bands")
    if any(move.item.kind == "budget" for move in moves):
        found.append("budget")
    return tuple(found)


@dataclass(frozen=True)
class StepText:
    """A step of the plan as whole sentences, section by section, in the comparison's language."""

    step: Step
    heading: str
    trigger: str
    counts: tuple[str, ...]
    hires: tuple[str, ...]
    role_changes: tuple[str, ...]
    interim: tuple[str, ...]
    guardrails: tuple[str, ...]
    shares: str
    hire_sentences: tuple[tuple[str, ...], ...] = ()  # `hires`, one tuple per hire of `step.hires`


def plan_opening(comparison: Comparison) -> tuple[str, ...]:
    """The plan's first sentences: the path, then the counts over the whole path."""
    t = Translator(comparison.lang)
    old, new = comparison.old, comparison.new
    steps = len(comparison.path)
    path = " \u2192 ".join([comparison.path[0].old.title, *(step.new.title for step in comparison.path)])
    if comparison.growing:
        text = t.plural(
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} step: {path}.",
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} steps, one size at a time: {path}.",
            steps,
        )
    else:
        text = t.plural(
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} step: {path}.",
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} steps, one size at a time: {path}.",
            steps,
        )
    total = len(comparison.moves)
    counts = t.plural(
        "From the first size to the last, {changed} of the {total} responsibility gets a new Accountable role, "
        "and for {function_changed} of them the Accountable function changes too.",
        "From the first size to the last, {changed} of the {total} responsibilities get a new Accountable role, "
        "and for {function_changed} of them the Accountable function changes too.",
        total,
    )
    return (
        text.format(
            old_people=old.headcount_label,
            old_title=old.title,
            new_people=new.headcount_label,
            new_title=new.title,
            steps=steps,
            path=path,
        ),
        counts.format(
            changed=len(comparison.role_moves),
            total=total,
            function_changed=len([move for move in comparison.role_moves if move.changed]),
        ),
    )


def plan_text(comparison: Comparison) -> tuple[StepText, ...]:
    """Every step of the plan as sentences (see `StepText`)."""
    return tuple(_step_text(step) for step in plan_steps(comparison))


def _step_text(step: Step) -> StepText:
    comparison = step.comparison
    t = Translator(comparison.lang)
    old, new, catalogue = comparison.old, comparison.new, comparison.catalogue

    def describe(moves: tuple[Move, ...]) -> str:
        return _describe(moves, catalogue, t)

    heading = t("Step {number}: from {old_title} ({old_people} people) to {new_title} ({new_people} people)").format(
        number=step.number,
        old_title=old.title,
        old_people=old.headcount_label,
        new_title=new.title,
        new_people=new.headcount_label,
    )
    if comparison.growing:
        trigger = t("When to start: as the company heads for {people} people.").format(people=new.headcount_label)
    elif new.headcount_min == old.headcount_min:
        trigger = t("When to start: now; the company stays at {people} people.").format(people=new.headcount_label)
    else:
        trigger = t("When to start: as the company comes down to {people} people.").format(people=new.headcount_label)
    total = len(comparison.moves)
    counts = [
        t.plural(
            "In this step {changed} of the {total} responsibility gets a new Accountable role; "
            "for {function_changed} of them the Accountable function changes too.",
            "In this step {changed} of the {total} responsibilities get a new Accountable role; "
            "for {function_changed} of them the Accountable function changes too.",
            total,
        ).format(changed=len(step.moves), total=total, function_changed=len(step.function_changes))
    ]
    if step.moves:
        counts.append(
            t.plural(
                "New roles take over {hired} of these {changed} responsibility and roles you already have take {kept}.",
                "New roles take over {hired} of these {changed} responsibilities "
                "and roles you already have take {kept}.",
                len(step.moves),
            ).format(hired=len(step.to_hires), changed=len(step.moves), kept=len(step.to_existing))
        )

    per_hire: list[tuple[str, ...]] = []
    for position, hire in enumerate(step.hires, start=1):
        hires: list[str] = []
        role, function = hire.role.title, t(hire.role.function)
        if hire.takes:
            sources = _join([f"{_title(source, t)} ({count})" for source, count in hire.sources], t)
            text = t.plural(
                "Hire {position}: {role} ({function}) answers for {num} responsibility (A), "
                "taken over from {sources}: {items}.",
                "Hire {position}: {role} ({function}) answers for {num} responsibilities (A), "
                "taken over from {sources}: {items}.",
                len(hire.takes),
            ).format(
                position=position,
                role=role,
                function=function,
                num=len(hire.takes),
                sources=sources,
                items=describe(hire.takes),
            )
            hires.append(text + " " + _why(hire, position, comparison, t) if comparison.growing else text)
            if hire.does:
                hires.append(
                    t.plural(
                        "{role} also does the work (R) on {num} responsibility others answer for: {items}.",
                        "{role} also does the work (R) on {num} responsibilities others answer for: {items}.",
                        len(hire.does),
                    ).format(role=role, num=len(hire.does), items=describe(hire.does))
                )
        elif hire.does:
            hires.append(
                t.plural(
                    "Hire {position}: {role} ({function}) does the work (R) on {num} responsibility "
                    "and answers for none: {items}. It lets its function's head manage rather than do.",
                    "Hire {position}: {role} ({function}) does the work (R) on {num} responsibilities "
                    "and answers for none: {items}. It lets its function's head manage rather than do.",
                    len(hire.does),
                ).format(position=position, role=role, function=function, num=len(hire.does), items=describe(hire.does))
            )
        else:
            hires.append(
                t("Hire {position}: {role} ({function}) is only consulted or informed in this profile.").format(
                    position=position, role=role, function=function
                )
            )
        per_hire.append(tuple(hires))
    hires = [sentence for sentences in per_hire for sentence in sentences]
    if not step.hires:
        hires.append(t("No new role in this step."))

    changes = []
    for change in step.role_changes:
        role = change.role.title
        if change.successor is not None and change.successor.title != role:
            changes.append(t("{role} becomes {new_role}.").format(role=role, new_role=change.successor.title))
        if change.successor is None:
            changes.append(
                t("{role} is not a role of its own in the {profile} profile.").format(role=role, profile=new.title)
            )
        if change.loses:
            changes.append(
                t.plural(
                    "{role} stops signing off {num} responsibility: {items}.",
                    "{role} stops signing off {num} responsibilities: {items}.",
                    len(change.loses),
                ).format(role=role, num=len(change.loses), items=describe(change.loses))
            )
        if change.gains:
            changes.append(
                t.plural(
                    "{role} starts signing off {num} responsibility: {items}.",
                    "{role} starts signing off {num} responsibilities: {items}.",
                    len(change.gains),
                ).format(
                    role=change.successor.title if change.successor else role,
                    num=len(change.gains),
                    items=describe(change.gains),
                )
            )
        if change.loses_marketing and change.role.function == "sales":
            changes.append(
                t(
                    "Tie the bonus of {role} to what it still answers for: "
                    "sales results, not the marketing work it hands over."
                ).format(role=role)
            )
    if not changes:
        changes.append(t("No role you have now changes what it signs off."))

    interim = []
    for hire in step.hires:
        if not hire.takes:
            continue
        holder = hire.sources[0][0]
        if hire.role.wears("marketing"):
            text = t.plural(
                "Until {role} is in place, {holder} keeps the A on its {num} responsibility "
                "and an agency or a freelancer does the work (R).",
                "Until {role} is in place, {holder} keeps the A on its {num} responsibilities "
                "and an agency or a freelancer does the work (R).",
                len(hire.takes),
            )
        else:
            text = t.plural(
                "Until {role} is in place, {holder} keeps the A on its {num} responsibility; "
                "a fractional or interim head can run the work meanwhile.",
                "Until {role} is in place, {holder} keeps the A on its {num} responsibilities; "
                "a fractional or interim head can run the work meanwhile.",
                len(hire.takes),
            )
        interim.append(text.format(role=hire.role.title, holder=_title(holder, t), num=len(hire.takes)))
    if step.strategy:
        interim.append(
            t.plural(
                "Move the {num} strategy responsibility last, once its new owner has settled in: {items}.",
                "Move the {num} strategy responsibilities last, once their new owners have settled in: {items}.",
                len(step.strategy),
            ).format(num=len(step.strategy), items=describe(step.strategy))
        )

    texts = {
        "lead-definition": N_(
            "Before you split the work, agree with sales what a qualified lead is and how it is handed over."
        ),
        "pipeline-measures": N_(
            "Give marketing pipeline measures (qualified leads, conversion, cost per lead), not revenue quotas: "
            "quotas stay with sales."
        ),
        "discount-bands": N_("Set discount bands and decide who approves special prices before pricing changes hands."),
        "budget": N_("Move the budget with the responsibilities: whoever answers for the work holds its budget."),
    }
    guardrails = [t(texts[key]) for key in step.guardrails]
    shares = shares_sentence(comparison.old_shares, comparison.new_shares, t)
    return StepText(
        step,
        heading,
        trigger,
        tuple(counts),
        tuple(hires),
        tuple(changes),
        tuple(interim),
        tuple(guardrails),
        shares,
        tuple(per_hire),
    )


def _why(hire: Hire, position: int, comparison: Comparison, t: Translator) -> str:
    """Why this hire, in this place: one sentence by its function and whom it relieves."""
    source = hire.sources[0][0]
    holder = _title(source, t)
    marketer = source is not None and source.wears("marketing")
    if hire.role.wears("marketing") and position == 1 and not marketer:
        return t(
            "It comes first: {holder} answers for marketing work today, and marketing needs an owner of its own "
            "before sales is split further."
        ).format(holder=holder)
    if hire.role.wears("marketing") and position == 1:
        return t("It comes first: the specialist teams need the head they report to.")
    if hire.role.wears("marketing") and marketer and source is not None and comparison.successor(source) is None:
        return t("Why: the work of {holder} grows into a team of its own.").format(holder=holder)
    if hire.role.wears("marketing") and marketer:
        return t("Why: it takes this work off {holder}, who can then manage rather than do.").format(holder=holder)
    if hire.role.wears("marketing"):
        return t("Why: marketing work needs an owner who is not measured on this month's sales.")
    if hire.role.wears("sales") and source is not None and source.wears("leadership"):
        return t("Why: {holder} can stop signing off every deal and run the company.").format(holder=holder)
    if hire.role.wears("sales"):
        return t("Why: a larger sales organisation needs a head who manages its teams, operations and channels.")
    if hire.role.wears("service"):
        return t("Why: service and retention need an owner who is not chasing new deals.")
    if hire.role.wears("finance"):
        return t("Why: plans, forecasts and schemes need someone who is not paid by them.")
    return t("Why: {holder} can hand over work nobody else is dedicated to.").format(holder=holder)


def _title(role: Role | None, t: Translator) -> str:
    return role.title if role is not None else t(N_("no single role"))


def plan_lines(comparison: Comparison, written: tuple[str, ...] = ()) -> str:
    """The plan as plain text: what `raci compare` prints, in the comparison's language."""
    t = Translator(comparison.lang)
    lines = list(plan_opening(comparison))
    for text in plan_text(comparison):
        lines += ["", text.heading, f"  {text.trigger}"]
        for title, sentences in (
            (N_("What changes"), text.counts),
            (N_("Hires, in order"), text.hires),
            (N_("Roles that change"), text.role_changes),
            (N_("Until the hires are in place"), text.interim),
            (N_("Guardrails"), text.guardrails),
        ):
            if sentences:
                lines.append(f"  {t(title)}:")
                lines += [f"  - {sentence}" for sentence in sentences]
        lines.append(f"  {text.shares}")
    total = len(comparison.moves)
    lines += ["", t("All {total} responsibilities, by where they end up:").format(total=total)]
    lines += [f"  {t(entry.group.label)}: {len(entry.moves)}" for entry in comparison.groups]
    if written:
        lines.append("")
    lines += [t("Wrote {path}").format(path=path) for path in written]
    return "\n".join(lines)


def plan_json(comparison: Comparison) -> dict[str, object]:
    """The plan for scripts: the path, its steps with their moves and hires, the counts that add up."""
    steps = []
    for step, text in zip(plan_steps(comparison), plan_text(comparison), strict=True):
        old, new = step.comparison.old, step.comparison.new
        steps.append(
            {
                "from": old.name,
                "to": new.name,
                "headcount_min": new.headcount_min,
                "headcount_max": new.headcount_max,
                "changed": len(step.moves),
                "function_changed": len(step.function_changes),
                "to_new_roles": len(step.to_hires),
                "to_existing_roles": len(step.to_existing),
                "moves": [_move_json(move) for move in step.moves],
                "hires": [
                    {
                        "role": hire.role.title,
                        "key": hire.role.key,
                        "function": hire.role.function,
                        "takes": [move.item.id for move in hire.takes],
                        "does": [move.item.id for move in hire.does],
                        "from": [
                            {"role": source.title if source else None, "count": count} for source, count in hire.sources
                        ],
                    }
                    for hire in step.hires
                ],
                "role_changes": [
                    {
                        "role": change.role.title,
                        "becomes": change.successor.title if change.successor else None,
                        "loses": [move.item.id for move in change.loses],
                        "gains": [move.item.id for move in change.gains],
                        "loses_to_marketing": [move.item.id for move in change.loses_marketing],
                    }
                    for change in step.role_changes
                ],
                "strategy_last": [move.item.id for move in step.strategy],
                "guardrails": list(step.guardrails),
                "groups": {entry.group.key: len(entry.moves) for entry in step.comparison.groups},
                "shares": _shares_json(step.comparison),
                "sentences": {
                    "heading": text.heading,
                    "trigger": text.trigger,
                    "counts": list(text.counts),
                    "hires": list(text.hires),
                    "role_changes": list(text.role_changes),
                    "interim": list(text.interim),
                    "guardrails": list(text.guardrails),
                    "shares": text.shares,
                },
            }
        )
    return {
        "from": comparison.old.name,
        "to": comparison.new.name,
        "lang": comparison.lang,
        "total": len(comparison.moves),
        "changed": len(comparison.role_moves),
        "function_changed": len([move for move in comparison.role_moves if move.changed]),
        "groups": {entry.group.key: len(entry.moves) for entry in comparison.groups},
        "opening": list(plan_opening(comparison)),
        "steps": steps,
    }


def _move_json(move: Move) -> dict[str, object]:
    return {
        "id": move.item.id,
        "responsibility": move.item.responsibility,
        "from_role": move.old.title if move.old else None,
        "to_role": move.new.title if move.new else None,
        "from_function": move.old_function,
        "to_function": move.new_function,
        "from_hats": list(move.old.functions) if move.old else [],
        "to_hats": list(move.new.functions) if move.new else [],
        "function_changed": move.changed,
        "group": move.group,
    }


def _shares_json(comparison: Comparison) -> dict[str, object]:
    keys = ("sales_led", "marketing_led", "home_alignment")
    return {
        "before": {key: getattr(comparison.old_shares, key) for key in keys},
        "after": {key: getattr(comparison.new_shares, key) for key in keys},
    }


# --- helpers -----------------------------------------------------------------------------------


def _function(role: Role | None) -> str | None:
    return role.function if role is not None else None


def _responsible(matrix: Matrix, row: Row) -> tuple[str, ...]:
    return tuple(
        role.title
        for role, letter in zip(matrix.roles, row.letters, strict=True)
        if letter in matrix.scheme.responsible
    )


def grouped(moves: tuple[Move, ...]) -> tuple[GroupMoves, ...]:
    found = []
    for group in GROUPS:
        members = tuple(move for move in moves if move.group == group.key)
        if members:
            found.append(GroupMoves(group, members))
    return tuple(found)


def _by_new_role(moves: tuple[Move, ...]) -> tuple[tuple[Role, tuple[Move, ...]], ...]:
    roles: list[Role] = []
    for move in moves:
        if move.new is not None and move.new not in roles:
            roles.append(move.new)
    found = [(role, tuple(move for move in moves if move.new == role)) for role in roles]
    return tuple(sorted(found, key=lambda entry: -len(entry[1])))


def _by_change(moves: tuple[Move, ...]) -> tuple[tuple[tuple[str | None, Role | None], tuple[Move, ...]], ...]:
    """Moves grouped by (old function, new role), in order of first appearance."""
    keys: list[tuple[str | None, Role | None]] = []
    for move in moves:
        if (move.old_function, move.new) not in keys:
            keys.append((move.old_function, move.new))
    return tuple((key, tuple(move for move in moves if (move.old_function, move.new) == key)) for key in keys)


def _describe(moves: tuple[Move, ...], catalogue: Catalogue, t: Translator) -> str:
    """Whole areas by name, larger parts of an area as "most of"/"part of", single items by name."""
    areas: list[str] = []
    for move in moves:
        if move.item.area not in areas:
            areas.append(move.item.area)
    whole, parts, items = [], [], []
    for area in areas:
        taken = [move.item for move in moves if move.item.area == area]
        size = sum(1 for item in catalogue.items if item.area == area)
        if not area:  # a matrix made elsewhere whose row names no area: the rows by name
            items += [_lower_first(item.responsibility) for item in taken]
        elif len(taken) == size:
            whole.append(_area_phrase(area, t))
        elif len(taken) <= NAMED_ITEMS:
            items += [_lower_first(item.responsibility) for item in taken]
        else:
            amount = (
                N_("most of {area} ({taken} of {size})")
                if len(taken) * 2 > size
                else N_("part of {area} ({taken} of {size})")
            )
            parts.append(t(amount).format(area=_area_phrase(area, t), taken=len(taken), size=size))
    return _join([*whole, *parts, *items], t)


def _area_phrase(area: str, t: Translator) -> str:
    """An area inside a sentence: its label (see raci.core.labels.AREA_LABELS) in the language, lower case."""
    text = t(area_label(area)).lower()
    return t("the {area}").format(area=text) if area.endswith("_process") else text


def _join(phrases: list[str], t: Translator) -> str:
    """ "a, b and c"; with semicolons when a phrase has its own commas, colons or "and"."""
    if len(phrases) <= 1:
        return "".join(phrases)
    conjunction = t("{first} and {second}").format(first="", second="")
    if any("," in phrase or ":" in phrase or conjunction in phrase for phrase in phrases):
        return t("{items}; and {last}").format(items="; ".join(phrases[:-1]), last=phrases[-1])
    if len(phrases) == 2:
        return t("{first} and {second}").format(first=phrases[0], second=phrases[1])
    return t("{items} and {last}").format(items=", ".join(phrases[:-1]), last=phrases[-1])


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _hands_to_marketing(old: Role | None, new: Role | None) -> bool:
    """A role wearing the sales hat (not the marketing one) hands over to one wearing marketing (not sales)."""
    return (
        old is not None
        and new is not None
        and old.wears("sales")
        and not old.wears("marketing")
        and new.wears("marketing")
        and not new.wears("sales")
    )


def _successors(
    before: Sequence[Role], after: Sequence[Role], old_roles: dict[str, Role], new_roles: dict[str, Role]
) -> dict[str, str]:
    """Old role key -> new role key for the roles both sides have: the same key, the same own title,
    or each side's only leadership role (the founder who becomes the managing director)."""
    found: dict[str, str] = {}
    titles = {role.title: role.key for role in new_roles.values()}
    after_keys = {role.key for role in after}
    leaders = [role for role in after if role.function == "leadership"]
    old_leaders = [role for role in before if role.function == "leadership"]
    for role in before:
        own = old_roles.get(role.key, role).title
        if role.key in after_keys:
            found[role.key] = role.key
        elif own in titles and titles[own] in after_keys:
            found[role.key] = titles[own]
        elif len(leaders) == 1 and old_leaders == [role]:
            found[role.key] = leaders[0].key
    return found


def _role_changed(old: Role | None, new: Role | None, successors: dict[str, str]) -> bool:
    if old is None or new is None:
        return old is not new
    return successors.get(old.key) != new.key


def _by_key(profile: Profile) -> dict[str, Role]:
    return {role.key: role for role in profile.roles}


def _original(role: Role | None, originals: dict[str, Role]) -> Role | None:
    """The profile's own role for a role of its localised copy (found by key)."""
    return None if role is None else originals.get(role.key, role)
