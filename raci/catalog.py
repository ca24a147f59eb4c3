"""Read a responsibilities CSV into a Catalogue, or say exactly where it is wrong."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .exceptions import CatalogueError
from .model import HOMES, HORIZONS, Catalogue, Responsibility

REQUIRED = ("id", "area", "responsibility", "home")
OPTIONAL = ("horizon", "description")


def read_catalogue(path: Path | str) -> Catalogue:
    """Read `path`; header names match case-insensitively with surrounding spaces ignored."""
    path = Path(path)
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            raise CatalogueError(
                "the file is empty", path=path, hint="it needs a header row: id,area,responsibility,home"
            )
        columns = _columns(path, reader.line_num, header)
        items: list[Responsibility] = []
        seen: dict[str, int] = {}
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            item = _item(path, line, columns, cells)
            if item.id in seen:
                raise CatalogueError(
                    f"duplicate id '{item.id}' (first on line {seen[item.id]})",
                    path=path,
                    line=line,
                    column="id",
                    hint="give every responsibility its own id",
                )
            seen[item.id] = line
            items.append(item)
    except csv.Error as err:
        raise CatalogueError(f"not a readable CSV: {err}", path=path, line=reader.line_num) from err
    if not items:
        raise CatalogueError(
            "the header has no responsibilities under it", path=path, hint="add one row per responsibility"
        )
    return Catalogue(path=path, items=tuple(items))


def _read_text(path: Path) -> str:
    if not path.exists():
        raise CatalogueError("no such file", path=path, hint="check the path, or omit it to use the default catalogue")
    if path.is_dir():
        raise CatalogueError("is a folder, not a CSV file", path=path, hint="give the path of the CSV inside it")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise CatalogueError(
            f"is not UTF-8 text (byte {err.start})", path=path, hint="save it as 'CSV UTF-8' and try again"
        ) from err
    except OSError as err:
        raise CatalogueError(f"cannot be read: {err.strerror}", path=path) from err


def _columns(path: Path, line: int, header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "none"
        raise CatalogueError(
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            path=path,
            line=line,
            hint=f"columns found: {found}; required: {', '.join(REQUIRED)}",
        )
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in REQUIRED + OPTIONAL:
            if name in columns:
                raise CatalogueError(f"column `{name}` appears twice", path=path, line=line, hint="keep one of them")
            columns[name] = index
    return columns


def _item(path: Path, line: int, columns: dict[str, int], cells: list[str]) -> Responsibility:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def fail(name: str, message: str, hint: str) -> CatalogueError:
        return CatalogueError(message, path=path, line=line, column=name, hint=hint)

    values = {name: cell(name) for name in REQUIRED + OPTIONAL}
    for name in ("id", "area", "responsibility"):
        if not values[name]:
            raise fail(name, f"`{name}` is empty", f"every row needs a{'n' if name[0] in 'ai' else ''} {name}")
    home = values["home"].lower()
    if home not in HOMES:
        raise fail("home", f"'{values['home']}' is not one of {', '.join(HOMES)}", "use one of those three words")
    horizon = values["horizon"].lower()
    if horizon and horizon not in HORIZONS:
        raise fail(
            "horizon", f"'{values['horizon']}' is not one of {', '.join(HORIZONS)}", "use short, long or leave it empty"
        )
    return Responsibility(
        id=values["id"],
        area=values["area"].lower(),
        responsibility=values["responsibility"],
        home=home,
        horizon=horizon,
        description=values["description"],
        line=line,
    )
