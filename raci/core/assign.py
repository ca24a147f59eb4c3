"""Apply a profile's rules to a catalogue: the most specific matching rule sets each row.

A row's area is one signal among several: the kind of work its words name decides first (a pay
scheme filed under "Produk" is still a pay scheme), then an area raci or the profile knows, then the
area the wording names. A row raci cannot place with confidence keeps the letters of the rule that
matches it and carries a `Doubt`, so every output can ask the client to confirm it. A row whose
catalogue names its Accountable (`accountable` column) gets that role's A: the client's choice.
"""

from __future__ import annotations

from ..exceptions import ProfileError
from ..model import (
    KNOWN_AREAS,
    RACI,
    Catalogue,
    Doubt,
    Matrix,
    Profile,
    Responsibility,
    Role,
    Row,
    Rule,
    Scheme,
    area_key,
)

# Functions as Indonesian catalogues name them, for the `accountable` column.
FUNCTION_WORDS = {
    "penjualan": "sales",
    "pemasaran": "marketing",
    "keuangan": "finance",
    "layanan": "service",
    "layanan pelanggan": "service",
    "customer success": "service",
    "pimpinan": "leadership",
    "direksi": "leadership",
    "direktur": "leadership",
    "operasional": "operations",
    "operasi": "operations",
    "produk": "product",
}


def build_matrix(catalogue: Catalogue, profile: Profile) -> Matrix:
    rules = _Rules(profile)
    rows = tuple(_row(item, profile, rules) for item in catalogue.items)
    return Matrix(profile=profile, roles=profile.roles, rows=rows, catalogue=catalogue)


class _Rules:
    """A profile's rules, each looked up once per distinct (id a rule names, kind, area, home, language):
    what a rule matches on. A catalogue of thousands of rows has a few dozen distinct ones."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.areas = _named_areas(profile)
        self.ids = frozenset(ident for rule in profile.rules for ident in rule.when.get("id", ()))
        self.found: dict[tuple[str, str, str, str, str], Rule] = {}

    def winner(self, item: Responsibility, area: str) -> Rule:
        named = item.id in self.ids and self.profile.names_row(item)
        key = (item.id if named else "", item.kind, area, item.home, item.lang)
        rule = self.found.get(key)
        if rule is None:
            rule = self.found[key] = winning_rule(item, self.profile, area)
        return rule


def _named_areas(profile: Profile) -> frozenset[str]:
    """The areas raci knows and the ones the profile's rules name."""
    return frozenset(KNOWN_AREAS).union(*(rule.when.get("area", ()) for rule in profile.rules))


def placed(item: Responsibility, profile: Profile, named: frozenset[str] | None = None) -> tuple[str, Doubt | None]:
    """The built-in area the rules see for `item`, and the doubt when raci cannot tell it with confidence."""
    column = profile.area_of(item.area) if item.area else ""
    named = _named_areas(profile) if named is None else named
    reading = item.reading
    if column in named and column not in KNOWN_AREAS:
        return column, None  # an area the profile's own rules name: the profile's author decided
    if reading.kind_area:
        return reading.kind_area, None
    general = reading.general_area and area_key(item.area) not in KNOWN_AREAS
    if column in named and not (general and reading.area and reading.strong):
        return column, None  # an area raci knows, unless it is only "Marketing" and the wording is specific
    if reading.area and reading.strong:
        return reading.area, None
    own = column or area_key(item.area)
    if reading.area:  # only generic words ("product", "delivery") or the description hint at an area
        return own, Doubt("weak-wording", reading.area_words, reading.area)
    return own, Doubt("no-area")


def winning_rule(item: Responsibility, profile: Profile, area: str | None = None) -> Rule:
    """The rule that decides `item`'s letters; ties at the top specificity are an error.

    Area conditions compare the built-in area the item is placed in (`placed`), or `area` when given.
    """
    if area is None:
        area = placed(item, profile)[0]
    named = profile.names_row(item)
    matching = [rule for rule in profile.rules if (named or "id" not in rule.when) and rule.matches(item, area)]
    if not matching:
        raise ProfileError(
            f"no rule matches responsibility '{item.id}' (area {item.area}, home {item.home})",
            path=profile.source,
            hint="add a default rule: a [[rules]] table with letters and no 'when'",
        )
    best = max(rule.specificity for rule in matching)
    top = [rule for rule in matching if rule.specificity == best]
    if len(top) > 1:
        raise ProfileError(
            f"rules '{top[0].label}' and '{top[1].label}' both match responsibility '{item.id}'",
            path=profile.source,
            hint="narrow one of them so each responsibility has one rule at that level",
        )
    return top[0]


def _row(item: Responsibility, profile: Profile, rules: _Rules) -> Row:
    area, doubt = placed(item, profile, rules.areas)
    rule = rules.winner(item, area)
    if "id" in rule.when or "kind" in rule.when:
        doubt = None  # the rule names this very row, or what the work is: its area does not decide
    letters = tuple(rule.letters.get(role.key, "") for role in profile.roles)
    pinned = ""
    if item.accountable:
        index = pinned_role(item.accountable, profile.roles)
        if index is None:
            doubt = Doubt("pin-unknown", value=item.accountable, area=doubt.area if doubt else area)
        else:
            letters, pinned, doubt = pin(letters, index, profile.scheme), item.accountable, None
    return Row(
        item=item,
        letters=letters,
        rule=rule,
        area=area if area != area_key(item.area) else "",
        doubt=doubt,
        pinned=pinned,
    )


def pinned_role(value: str, roles: tuple[Role, ...]) -> int | None:
    """The role an `accountable` value names: a role key or title, or the head of a function (the
    first role whose own function it is, else the first wearing its hat)."""
    wanted = value.strip().lower()
    for index, role in enumerate(roles):
        if wanted in (role.key.lower(), role.title.lower()):
            return index
    function = FUNCTION_WORDS.get(wanted, wanted)
    for index, role in enumerate(roles):
        if role.function == function:
            return index
    for index, role in enumerate(roles):
        if role.wears(function):
            return index
    return None


def pin(letters: tuple[str, ...], index: int, scheme: Scheme = RACI) -> tuple[str, ...]:
    """`letters` with the role at `index` the owner (A in RACI): the former owner keeps doing the work it
    did (A/R -> R) or is asked (A -> C); with nobody left doing the work, the new owner does it too."""
    moved = []
    for position, letter in enumerate(letters):
        if position == index:
            moved.append(scheme.merge(letter, scheme.owner) if letter in scheme.responsible else scheme.owner)
        elif letter in scheme.accountable:
            moved.append(scheme.doer if letter in scheme.responsible else scheme.asked)
        else:
            moved.append(letter)
    if not any(letter in scheme.responsible for letter in moved):
        moved[index] = scheme.merge(scheme.owner, scheme.doer)
    return tuple(moved)
