"""Read a --roles file: the client's own titles and the people who hold the roles."""

from __future__ import annotations

import re
from pathlib import Path

from ..exceptions import RoleMappingError, control_character
from ..model import FUNCTIONS, Function, RoleEntry, RoleMapping
from .catalog import columns_of, header_and_rows, read_records


def read_role_mapping(path: Path | str) -> RoleMapping:
    """Read a CSV with columns role, title and optionally person and function.

    `function` says what the client's role does: one function, or several hats joined by "+"
    (`leadership+sales`), the primary one first.
    """
    path = Path(path)
    line, header, rows = header_and_rows(path, read_records(path, what="no --roles file"), ("role", "title"))
    columns = columns_of(path, line, header, ("role", "title"), ("person", "function"))
    entries = []
    for number, cells in rows:
        values = {name: cells[index].strip() if index < len(cells) else "" for name, index in columns.items()}
        if not any(values.values()):
            continue
        for column, value in values.items():
            control = control_character(value)
            if control is not None:
                raise RoleMappingError(
                    f"the cell holds {control}", path=path, line=number, column=column, hint="remove it"
                )
        if not values["role"]:
            raise RoleMappingError("`role` is empty", path=path, line=number, column="role", hint="name a role key")
        hats = _hats(values.get("function", ""), path, number)
        entries.append(RoleEntry(values["role"], values["title"], values.get("person", ""), number, hats))
    return RoleMapping(path=path, entries=tuple(entries))


def _hats(text: str, path: Path, line: int) -> tuple[Function, ...]:
    """A `function` cell: "sales", or hats joined by "+", "/", "," or ";" ("leadership+sales")."""
    hats = tuple(dict.fromkeys(part.strip().lower() for part in re.split(r"[+/,;]", text) if part.strip()))
    wrong = [hat for hat in hats if hat not in FUNCTIONS]
    if wrong:
        raise RoleMappingError(
            f"'{wrong[0]}' is not a function",
            path=path,
            line=line,
            column="function",
            hint=f"functions are {', '.join(FUNCTIONS)}; join several with +, e.g. leadership+sales",
        )
    return tuple(Function(hat) for hat in hats)
