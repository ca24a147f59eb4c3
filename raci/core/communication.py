"""The communication plan the C and I letters make: for each role that answers for work (or does it,
where no one answers for a row), whom to ask before deciding and whom to tell after, on which rows,
and how often the profile says they meet; and the same per person, over every hat the person wears.

Facts only (roles, row ids, cadence and forum codes); `raci.render.people` says them in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import CommunicationSettings, Matrix, Role, Row


@dataclass(frozen=True)
class Contact:
    """Another role, and the rows on which it is asked (or told)."""

    role: Role
    ids: tuple[str, ...]


@dataclass(frozen=True)
class RoleCommunication:
    """One deciding role: whom it asks before (`consult`, the rows' C) and tells after (`inform`, their I)."""

    role: Role
    consult: tuple[Contact, ...]
    inform: tuple[Contact, ...]


@dataclass(frozen=True)
class PersonContact:
    """Another person, the hats through which they are asked (or told), and the rows."""

    person: str  # "" for a role no one is named for: then `roles` is that one role
    roles: tuple[Role, ...]
    ids: tuple[str, ...]


@dataclass(frozen=True)
class PersonCommunication:
    """One person and every hat they wear (`roles`): the rows they decide on (answer for, or do where
    no one answers) and, merged over their hats, whom they ask before and tell after; never
    themselves, and someone asked on a row is not also listed as told on it."""

    person: str  # "" for a role no one is named for: then `roles` is that one role
    roles: tuple[Role, ...]
    decides: tuple[str, ...]
    consult: tuple[PersonContact, ...]
    inform: tuple[PersonContact, ...]


@dataclass(frozen=True)
class CommunicationPlan:
    settings: CommunicationSettings
    roles: tuple[RoleCommunication, ...]  # in column order; only roles with someone to ask or tell
    people: tuple[PersonCommunication, ...] = ()  # first-seen column order; only people with someone to ask or tell

    @property
    def consultations(self) -> int:
        """How many (deciding role, consulted role, row) there are."""
        return sum(len(contact.ids) for entry in self.roles for contact in entry.consult)

    @property
    def notices(self) -> int:
        return sum(len(contact.ids) for entry in self.roles for contact in entry.inform)


def deciders(matrix: Matrix, row: Row) -> tuple[int, ...]:
    """The roles that ask and tell on `row`: those answering for it, else those doing it."""
    scheme = matrix.scheme
    accountable = tuple(i for i, letter in enumerate(row.letters) if letter in scheme.accountable)
    return accountable or tuple(i for i, letter in enumerate(row.letters) if letter in scheme.responsible)


def communication_plan(matrix: Matrix, settings: CommunicationSettings | None = None) -> CommunicationPlan:
    """Who asks whom before and tells whom after, on `matrix`, with its profile's cadence (or `settings`)."""
    scheme = matrix.scheme
    informed = scheme.told  # told after: I (none in RAPID, whose A must agree; RASCI's S helps)
    count = len(matrix.roles)
    consult: list[dict[int, list[str]]] = [{} for _ in range(count)]
    inform: list[dict[int, list[str]]] = [{} for _ in range(count)]
    for row in matrix.rows:
        deciding = deciders(matrix, row)
        if not deciding:
            continue
        for other, letter in enumerate(row.letters):
            table = consult if letter in scheme.consulted else inform if letter in informed else None
            if table is None:
                continue
            for decider in deciding:
                if decider != other:
                    table[decider].setdefault(other, []).append(row.item.id)
    entries = tuple(
        RoleCommunication(
            role=role,
            consult=tuple(_contacts(matrix, consult[index])),
            inform=tuple(_contacts(matrix, inform[index])),
        )
        for index, role in enumerate(matrix.roles)
        if consult[index] or inform[index]
    )
    return CommunicationPlan(
        settings=settings or matrix.profile.communication, roles=entries, people=_by_person(matrix)
    )


def holders(matrix: Matrix) -> list[int]:
    """For each role column, the number of the person holding it, people numbered in first-seen column
    order: one person for roles naming the same one (case and outer spaces aside), one for each role
    naming no one. The load groups people alike."""
    seen: dict[str, int] = {}
    return [
        seen.setdefault(role.person.strip().casefold() or f"\0{index}", len(seen))
        for index, role in enumerate(matrix.roles)
    ]


def _by_person(matrix: Matrix) -> tuple[PersonCommunication, ...]:
    scheme = matrix.scheme
    holder = holders(matrix)
    count = max(holder, default=-1) + 1
    hats: list[list[Role]] = [[] for _ in range(count)]
    for index, role in enumerate(matrix.roles):
        hats[holder[index]].append(role)
    decides: list[list[str]] = [[] for _ in range(count)]
    # per deciding person, per other person: the rows and the other's hats (column numbers)
    consult: list[dict[int, tuple[list[str], set[int]]]] = [{} for _ in range(count)]
    inform: list[dict[int, tuple[list[str], set[int]]]] = [{} for _ in range(count)]
    for row in matrix.rows:
        deciding = dict.fromkeys(holder[index] for index in deciders(matrix, row))
        if not deciding:
            continue
        asked = {holder[i] for i, letter in enumerate(row.letters) if letter in scheme.consulted}
        for person in deciding:
            decides[person].append(row.item.id)
            for other, letter in enumerate(row.letters):
                someone = holder[other]
                if someone == person:
                    continue
                if letter in scheme.consulted:
                    table = consult
                elif letter in scheme.told and someone not in asked:
                    table = inform
                else:
                    continue
                ids, columns = table[person].setdefault(someone, ([], set()))
                if not ids or ids[-1] != row.item.id:
                    ids.append(row.item.id)
                columns.add(other)

    def contacts(found: dict[int, tuple[list[str], set[int]]]) -> tuple[PersonContact, ...]:
        return tuple(
            PersonContact(
                person=hats[someone][0].person.strip(),
                roles=tuple(matrix.roles[column] for column in sorted(columns)),
                ids=tuple(ids),
            )
            for someone, (ids, columns) in sorted(found.items())
        )

    return tuple(
        PersonCommunication(
            person=hats[person][0].person.strip(),
            roles=tuple(hats[person]),
            decides=tuple(decides[person]),
            consult=contacts(consult[person]),
            inform=contacts(inform[person]),
        )
        for person in range(count)
        if consult[person] or inform[person]
    )


def _contacts(matrix: Matrix, found: dict[int, list[str]]) -> Iterator[Contact]:
    for index in sorted(found):
        yield Contact(matrix.roles[index], tuple(dict.fromkeys(found[index])))


def communication_json(plan: CommunicationPlan) -> dict[str, object]:
    """The plan as `raci check --format json` gives it: codes, titles, people and row ids; per deciding
    role (`roles`) and per person (`by_person`, a person no one is named for called by their role's title)."""

    def contacts(found: tuple[Contact, ...]) -> list[dict[str, object]]:
        return [{"role": c.role.title, "person": c.role.person, "ids": list(c.ids)} for c in found]

    def named(person: str, roles: tuple[Role, ...]) -> str:
        return person or roles[0].title

    def people(found: tuple[PersonContact, ...]) -> list[dict[str, object]]:
        return [
            {"person": named(c.person, c.roles), "roles": [role.title for role in c.roles], "ids": list(c.ids)}
            for c in found
        ]

    return {
        "cadence": plan.settings.cadence,
        "forum": plan.settings.forum,
        "by_person": [
            {
                "person": named(entry.person, entry.roles),
                "roles": [role.title for role in entry.roles],
                "decides": list(entry.decides),
                "consult": people(entry.consult),
                "inform": people(entry.inform),
            }
            for entry in plan.people
        ],
        "roles": [
            {
                "role": entry.role.title,
                "key": entry.role.key,
                "person": entry.role.person,
                "consult": contacts(entry.consult),
                "inform": contacts(entry.inform),
            }
            for entry in plan.roles
        ],
    }
