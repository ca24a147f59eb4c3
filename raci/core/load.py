"""Each role's and each person's load: their letters weighted (doing the work weighs most, being told
least), over the profile's limit or with nothing to do.

The weights and the limit come from the profile's `[load]` table (`LoadSettings`); the workbook's
Roles sheet, the page's bars and `raci check --format json` all read the figures from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import LoadSettings, Matrix, Role
from ..scheme import Scheme


@dataclass(frozen=True)
class LoadOfRole:
    """One role column: its letters counted, their weighted `points`, its `share` of all the matrix's
    points; `over` when that share is above the profile's limit, `idle` when it holds no letter that
    answers for or does work (it is only asked or told, or holds nothing)."""

    role: Role
    counts: Mapping[str, int]
    points: int
    share: float
    over: bool
    idle: bool


@dataclass(frozen=True)
class LoadOfPerson:
    """One person's roles and their points together; `person` is "" for a role no one is named for
    (then it stands alone, its one role in `roles`)."""

    person: str
    roles: tuple[Role, ...]
    points: int
    share: float
    over: bool


@dataclass(frozen=True)
class Load:
    """The load of every role (column order) and every person (first-seen order)."""

    settings: LoadSettings
    weights: Mapping[str, int]  # every letter of the matrix's scheme and what it weighs
    total: int
    roles: tuple[LoadOfRole, ...]
    people: tuple[LoadOfPerson, ...]

    @property
    def over(self) -> tuple[LoadOfPerson, ...]:
        return tuple(person for person in self.people if person.over)

    @property
    def idle(self) -> tuple[LoadOfRole, ...]:
        return tuple(role for role in self.roles if role.idle)


DOING, ANSWERING, HELPING, TOLD = 4, 3, 2, 1  # RACI's R, A, C and I by default; A/R is both, 7


def weights(scheme: Scheme, given: Mapping[str, int] | None = None) -> dict[str, int]:
    """Each letter of `scheme` and its weight: the profile's where it gives one, else what the letter
    means: doing the work 4, answering for it 3 (both 7), supporting or being asked 2, being told 1."""
    found = {}
    for letter in scheme.letters:
        weight = (DOING if letter in scheme.responsible else 0) + (ANSWERING if letter in scheme.accountable else 0)
        if not weight:
            weight = HELPING if letter in scheme.consulted | scheme.supports else TOLD
        found[letter] = weight
    return {**found, **{letter: value for letter, value in (given or {}).items() if letter in found}}


def points(counts: Mapping[str, int], weights: Mapping[str, int]) -> int:
    """Letters weighted: each letter's count times its weight (a letter without a weight weighs 0)."""
    return sum(count * weights.get(letter, 0) for letter, count in counts.items())


def compute_load(matrix: Matrix, settings: LoadSettings | None = None) -> Load:
    """The load on `matrix` under `settings` (default: its profile's)."""
    settings = settings or matrix.profile.load
    weighed = weights(matrix.scheme, settings.weights)
    doing = matrix.scheme.doing
    columns = [dict.fromkeys(matrix.scheme.letters, 0) for _ in matrix.roles]
    for row in matrix.rows:
        for column, letter in zip(columns, row.letters, strict=True):
            if letter in column:
                column[letter] += 1
    role_points = [points(column, weighed) for column in columns]
    total = sum(role_points)

    def share(value: int) -> float:
        return value / total if total else 0.0

    roles = tuple(
        LoadOfRole(
            role=role,
            counts=column,
            points=value,
            share=share(value),
            over=share(value) > settings.limit,
            idle=not any(column[letter] for letter in doing),
        )
        for role, column, value in zip(matrix.roles, columns, role_points, strict=True)
    )
    groups: dict[str, list[LoadOfRole]] = {}
    for index, entry in enumerate(roles):
        name = entry.role.person.strip()
        groups.setdefault(name.casefold() if name else f"\0{index}", []).append(entry)
    people = tuple(
        LoadOfPerson(
            person=group[0].role.person.strip(),
            roles=tuple(entry.role for entry in group),
            points=sum(entry.points for entry in group),
            share=share(sum(entry.points for entry in group)),
            over=share(sum(entry.points for entry in group)) > settings.limit,
        )
        for group in groups.values()
    )
    return Load(settings=settings, weights=weighed, total=total, roles=roles, people=people)


def load_json(load: Load) -> dict[str, object]:
    """The load as `raci check --format json` gives it: the same in every language (keys, numbers, titles)."""
    return {
        "weights": {str(letter): weight for letter, weight in load.weights.items()},
        "limit": load.settings.limit,
        "total": load.total,
        "roles": [
            {
                "role": entry.role.title,
                "key": entry.role.key,
                "person": entry.role.person,
                "counts": {str(letter): count for letter, count in entry.counts.items()},
                "points": entry.points,
                "share": entry.share,
                "over": entry.over,
                "idle": entry.idle,
            }
            for entry in load.roles
        ],
        "people": [
            {
                "person": entry.person,
                "roles": [role.title for role in entry.roles],
                "points": entry.points,
                "share": entry.share,
                "over": entry.over,
            }
            for entry in load.people
        ],
    }
