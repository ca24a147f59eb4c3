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

from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import __version__
from ..i18n import DEFAULT, N_, Translator
from ..model import RESPONSIBLE, Branding, Catalogue, Matrix, Profile, Responsibility, Role, Row
from .assign import build_matrix
from .labels import area_label
from .localise import localise_profile
from .shares import Shares, compute_shares

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
    catalogue: Catalogue, old: Profile, new: Profile, lang: str = DEFAULT, branding: Branding | None = None
) -> Comparison:
    """Both profiles applied to `catalogue`, row by row; role and profile titles in `lang`.

    The groups are decided on the profiles' own titles, so they are the same in every language.
    """
    old_roles, new_roles = _by_key(old), _by_key(new)
    old, new = localise_profile(old, lang), localise_profile(new, lang)
    before, after = build_matrix(catalogue, old), build_matrix(catalogue, new)
    old_titles = frozenset(role.title for role in old_roles.values())
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
    )


def group_of(old: Role | None, new: Role | None, old_titles: Iterable[str]) -> str:
    """The group key of a move from `old` to `new`; `old_titles` are the FROM profile's role titles."""
    before, after = _function(old), _function(new)
    if before == "sales" and after == "marketing":
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
    before, after = comparison.old_shares, comparison.new_shares
    sentences.append(
        t(
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
    )
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


def document_title(comparison: Comparison) -> str:
    t = Translator(comparison.lang)
    return t("RACI comparison \u2014 {old} to {new}").format(old=comparison.old.title, new=comparison.new.title)


# --- helpers -----------------------------------------------------------------------------------


def _function(role: Role | None) -> str | None:
    return role.function if role is not None else None


def _responsible(matrix: Matrix, row: Row) -> tuple[str, ...]:
    return tuple(role.title for role, letter in zip(matrix.roles, row.letters, strict=True) if letter in RESPONSIBLE)


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
        if len(taken) == size:
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


def _by_key(profile: Profile) -> dict[str, Role]:
    return {role.key: role for role in profile.roles}


def _original(role: Role | None, originals: dict[str, Role]) -> Role | None:
    """The profile's own role for a role of its localised copy (found by key)."""
    return None if role is None else originals.get(role.key, role)
