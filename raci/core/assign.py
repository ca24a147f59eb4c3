"""Apply a profile's rules to a catalogue: the most specific matching rule sets each row."""

from __future__ import annotations

from ..exceptions import ProfileError
from ..model import Catalogue, Matrix, Profile, Responsibility, Row, Rule, area_key


def build_matrix(catalogue: Catalogue, profile: Profile) -> Matrix:
    rows = tuple(_row(item, profile) for item in catalogue.items)
    return Matrix(profile=profile, roles=profile.roles, rows=rows, catalogue=catalogue)


def winning_rule(item: Responsibility, profile: Profile) -> Rule:
    """The rule that decides `item`'s letters; ties at the top specificity are an error.

    Area conditions compare the built-in area the item's area stands for (`Profile.area_of`).
    """
    area = profile.area_of(item.area)
    matching = [rule for rule in profile.rules if rule.matches(item, area)]
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


def _row(item: Responsibility, profile: Profile) -> Row:
    rule = winning_rule(item, profile)
    letters = tuple(rule.letters.get(role.key, "") for role in profile.roles)
    area = profile.area_of(item.area)
    return Row(item=item, letters=letters, rule=rule, area=area if area != area_key(item.area) else "")
