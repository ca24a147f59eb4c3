"""Read a --roles file: the client's own titles and the people who hold the roles."""

from __future__ import annotations

from pathlib import Path

from ..exceptions import RoleMappingError
from ..model import RoleEntry, RoleMapping
from .catalog import columns_of, header_and_rows, read_records


def read_role_mapping(path: Path | str) -> RoleMapping:
    """Read a CSV with columns role, title and optionally person."""
    path = Path(path)
    line, header, rows = header_and_rows(path, read_records(path, what="no --roles file"), ("role", "title"))
    columns = columns_of(path, line, header, ("role", "title"), ("person",))
    entries = []
    for number, cells in rows:
        values = {name: cells[index].strip() if index < len(cells) else "" for name, index in columns.items()}
        if not any(values.values()):
            continue
        if not values["role"]:
            raise RoleMappingError("`role` is empty", path=path, line=number, column="role", hint="name a role key")
        entries.append(RoleEntry(values["role"], values["title"], values.get("person", ""), number))
    return RoleMapping(path=path, entries=tuple(entries))
