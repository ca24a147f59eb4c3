"""A client's own role titles: rename, name the person, merge two roles into one, or drop one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import reduce

from ..exceptions import RoleMappingError
from ..model import Matrix, Role, RoleEntry, RoleMapping, Row
from ..scheme import RACI, Scheme


def merge_letters(first: str, second: str, scheme: Scheme = RACI) -> str:
    """The letter of one role that holds both: A and R make A/R, otherwise the stronger wins."""
    return scheme.merge(first, second)


def apply_roles(matrix: Matrix, mapping: RoleMapping, titles: Mapping[str, str] | None = None) -> Matrix:
    """`matrix` with roles renamed, merged (same title) or dropped (empty title).

    A mapping names a role by its key or its title; `titles` (key -> title) adds the title the
    profile gives it in its own language, so an English mapping works on a translated matrix.
    """
    names = [_names(role, titles or {}) for role in matrix.roles]
    targets = _targets(matrix, mapping, names)
    dropped = [index for index, target in enumerate(targets) if target is None]
    _refuse_lost_accountability(matrix, mapping, dropped, names)
    # roles given one title are merged; a role the mapping leaves alone joins them when the title is one of
    # its own in any language raci speaks, so the merge is the same whatever the language of the outputs
    given = {entry.title.casefold() for entry in mapping.entries if entry.title}
    columns: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        if target is not None:
            kept = target is matrix.roles[index]
            title = next((name for name in sorted(names[index]) if name in given), None) if kept else None
            columns.setdefault(title or target.title.casefold(), []).append(index)
    groups = [[target for index in indexes if (target := targets[index]) is not None] for indexes in columns.values()]
    # a merge the client named keeps the client's title, not the built-in role's in the reader's language
    named = [next((role for role in group if role not in matrix.roles), None) for group in groups]
    roles = tuple(
        _merged_role(group) if client is None else replace(_merged_role(group), title=client.title, aliases=())
        for group, client in zip(groups, named, strict=True)
    )
    rows = tuple(_merged_row(row, list(columns.values()), matrix.scheme) for row in matrix.rows)
    return replace(matrix, roles=roles, rows=rows)


def _names(role: Role, titles: Mapping[str, str]) -> set[str]:
    """A role's key and its titles: as shown, as its profile writes it and in every language raci speaks,
    so a mapping naming "Kepala Penjualan" works whatever the language of the outputs."""
    return {name.casefold() for name in (role.key, role.title, titles.get(role.key, role.title), *role.aliases)}


def _targets(matrix: Matrix, mapping: RoleMapping, names: list[set[str]]) -> list[Role | None]:
    """Per original role: the role it becomes (new title and person), or None when it is dropped."""
    targets: list[Role | None] = list(matrix.roles)
    seen: dict[int, int] = {}
    for entry in mapping.entries:
        index = _find(matrix, mapping, entry, names)
        if index in seen:
            raise RoleMappingError(
                f"role '{entry.role}' is mapped twice (first on line {seen[index]})",
                path=mapping.path,
                line=entry.line,
                column="role",
                hint="keep one line per role",
            )
        seen[index] = entry.line
        role = matrix.roles[index]
        if entry.functions:
            role = replace(role, function=entry.functions[0], also=entry.functions[1:])
        # the client's title is the role's own from here on: what it says is judged, in every language
        targets[index] = replace(role, title=entry.title, person=entry.person, aliases=()) if entry.title else None
    return targets


def _find(matrix: Matrix, mapping: RoleMapping, entry: RoleEntry, names: list[set[str]]) -> int:
    wanted = entry.role.casefold()
    for index, aliases in enumerate(names):
        if wanted in aliases:
            return index
    known = ", ".join(f"{role.key} ({role.title})" for role in matrix.roles)
    raise RoleMappingError(
        f"'{entry.role}' is not a role of profile {matrix.profile.name}",
        path=mapping.path,
        line=entry.line,
        column="role",
        hint=f"roles are {known}",
    )


def _refuse_lost_accountability(
    matrix: Matrix, mapping: RoleMapping, dropped: list[int], names: list[set[str]]
) -> None:
    for index in dropped:
        losing = [row.item.id for row in matrix.rows if row.letters[index] in matrix.scheme.accountable]
        if losing:
            role = matrix.roles[index]
            entry = next(e for e in mapping.entries if e.role.casefold() in names[index])
            shown = ", ".join(losing[:8]) + (f" and {len(losing) - 8} more" if len(losing) > 8 else "")
            raise RoleMappingError(
                f"dropping {role.title} would leave {len(losing)} "
                f"responsibilit{'y' if len(losing) == 1 else 'ies'} without an accountable role: "
                f"{shown}",
                path=mapping.path,
                line=entry.line,
                column="title",
                hint="map the role to another role's title to merge it instead",
            )


def _merged_role(group: list[Role]) -> Role:
    """The first role of a merge gives key and primary function, and the role wears every hat of the
    roles merged into it (an owner-director who also heads sales is leadership and sales); the
    first person named is kept."""
    people = [role.person for role in group if role.person]
    first = group[0]
    hats = tuple(dict.fromkeys(hat for role in group for hat in role.functions if hat != first.function))
    return replace(first, person=people[0] if people else "", also=hats)


def _merged_row(row: Row, columns: list[list[int]], scheme: Scheme) -> Row:
    return replace(
        row, letters=tuple(reduce(scheme.merge, (row.letters[i] for i in indexes), "") for indexes in columns)
    )
