"""The communication plan the C and I letters make: for each role that answers for work (or does it,
where no one answers for a row), whom to ask before deciding and whom to tell after, on which rows,
and how often the profile says they meet.

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
class CommunicationPlan:
    settings: CommunicationSettings
    roles: tuple[RoleCommunication, ...]  # in column order; only roles with someone to ask or tell

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
    return CommunicationPlan(settings=settings or matrix.profile.communication, roles=entries)


def _contacts(matrix: Matrix, found: dict[int, list[str]]) -> Iterator[Contact]:
    for index in sorted(found):
        yield Contact(matrix.roles[index], tuple(dict.fromkeys(found[index])))


def communication_json(plan: CommunicationPlan) -> dict[str, object]:
    """The plan as `raci check --format json` gives it: codes, titles, people and row ids."""

    def contacts(found: tuple[Contact, ...]) -> list[dict[str, object]]:
        return [{"role": c.role.title, "person": c.role.person, "ids": list(c.ids)} for c in found]

    return {
        "cadence": plan.settings.cadence,
        "forum": plan.settings.forum,
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
