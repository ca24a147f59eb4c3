"""A spreadsheet's sheets read from the cells they hold, never from the size they claim.

A workbook's `<dimension>`, a cell at XFD1048576 or an .ods row repeated a million times can make a
file of a few kilobytes stand for billions of cells. Here a sheet is read as the cells that hold a
value; its used range (from A1 to the farthest row and column holding one) is bounded before any
row is made, and a sheet past `CELL_LIMIT` is refused in one line naming the cell that reaches it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..exceptions import CatalogueError, RaciError, WorkbookError

if TYPE_CHECKING:
    from .source import Source

CELL_LIMIT = 2**23  # cells of a sheet's used range: a whole sheet (1,048,576 rows) of a list's eight columns
SHEET_ROWS, SHEET_COLUMNS = 1_048_576, 16_384  # what a sheet holds
TEXT_LIMIT = 32_768  # characters a run of repeated spaces in an .ods cell may stand for: one over a cell's

Rows = list[tuple[Any, ...]]

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
CELLS = (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")


def cell_name(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}" if column <= SHEET_COLUMNS else f"R{row}C{column}"


class UsedRange:
    """The cells of one sheet that hold a value, gathered until they would stand for too many."""

    def __init__(self, path: Path, sheet: str, error: type[RaciError]) -> None:
        self.path, self.sheet, self.error = path, sheet, error
        self.height = self.width = 0
        self.rows: dict[int, list[tuple[int, Any]]] = {}

    def reach(self, row: int, column: int) -> None:
        """Refuse, before anything is made, a used range that reaching (row, column) would make too large."""
        height, width = max(self.height, row), max(self.width, column)
        if height > SHEET_ROWS or width > SHEET_COLUMNS:
            reason = f"beyond the {SHEET_ROWS:,} rows and {SHEET_COLUMNS:,} columns a sheet has"
        elif height * width > CELL_LIMIT:
            reason = (
                f"which makes it {height:,} rows by {width:,} columns ({height * width:,} cells), "
                f"over the {CELL_LIMIT:,} cells raci reads from a sheet"
            )
        else:
            self.height, self.width = height, width
            return
        raise self.error(
            f"sheet '{self.sheet}' holds a value at {cell_name(row, column)}, {reason}",
            path=self.path,
            hint="delete what lies beyond the table, or split the sheet",
        )

    def add(self, row: int, column: int, value: Any) -> None:
        self.reach(row, column)
        self.rows.setdefault(row, []).append((column, value))

    def table(self) -> Rows:
        """Rows from 1 to the last holding a value, each as wide as the widest; empty cells are None."""
        blank: tuple[Any, ...] = (None,) * self.width
        made: Rows = []
        shared: dict[int, tuple[Any, ...]] = {}  # a repeated row is made once
        for number in range(1, self.height + 1):
            cells = self.rows.get(number)
            if not cells:
                made.append(blank)
                continue
            if id(cells) not in shared:
                line: list[Any] = [None] * self.width
                for column, value in cells:
                    line[column - 1] = value
                shared[id(cells)] = tuple(line)
            made.append(shared[id(cells)])
        return made


# --- .xlsx ------------------------------------------------------------------------------------------

RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
HOLDS = frozenset({"v", "is", "f"})  # a cell's children that give it a value (saved, inline, or to compute)


def xlsx_rows(book: Any, name: str, extent: tuple[int, int]) -> Rows:
    """The values of sheet `name` of the read-only openpyxl workbook `book`, as rows over `extent` (its
    used range, from `sheet_extent`): openpyxl alone would pad each row to the size the sheet claims."""
    height, width = extent
    if not height:
        return []
    return list(book[name].iter_rows(min_row=1, max_row=height, min_col=1, max_col=width, values_only=True))


def sheet_extent(path: Path, data: bytes, name: str) -> tuple[int, int]:
    """The farthest row and column of sheet `name` holding a value or a formula, its XML streamed
    (defusedxml) before openpyxl makes any row; refused in one line past the limits."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    used = UsedRange(path, name, WorkbookError)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = _sheet_parts(archive).get(name)
        if part is None:
            return 0, 0
        with archive.open(part) as stream:
            row = column = 0
            for event, element in iterparse(stream, events=("start", "end")):
                local = element.tag.rpartition("}")[2]
                if event == "start":
                    if local == "row":
                        row, column = int(float(element.get("r") or row + 1)), 0
                    continue
                if local == "c":
                    where = element.get("r")
                    column = column_index_from_string(coordinate_from_string(where)[0]) if where else column + 1
                    if any(_holds(child) for child in element):
                        used.reach(row, column)
                elif local == "row":
                    element.clear()
    return used.height, used.width


def _holds(child: Any) -> bool:
    local = child.tag.rpartition("}")[2]
    return local in HOLDS and (local != "v" or bool(child.text))


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip part holding it, found as openpyxl finds them (package and workbook relations)."""
    from defusedxml.ElementTree import fromstring

    def targets(rels: str) -> dict[str, tuple[str, str]]:
        if rels not in archive.namelist():
            return {}
        base = posixpath.dirname(posixpath.dirname(rels))
        found = {}
        for relation in fromstring(archive.read(rels)):
            target = relation.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            found[relation.get("Id", "")] = (relation.get("Type", ""), part)
        return found

    workbook = next(
        (part for kind, part in targets("_rels/.rels").values() if kind.endswith("/officeDocument")),
        "xl/workbook.xml",
    )
    folder, leaf = posixpath.split(workbook)
    relations = targets(posixpath.join(folder, "_rels", f"{leaf}.rels"))
    parts = {}
    for element in fromstring(archive.read(workbook)).iter():
        if element.tag.rpartition("}")[2] == "sheet" and element.get(RELATIONSHIP) in relations:
            parts[element.get("name", "")] = relations[element.get(RELATIONSHIP)][1]
    return parts


# --- .ods -------------------------------------------------------------------------------------------


def ods_sheets(source: Source) -> list[tuple[str, Rows]]:
    """Every sheet of an OpenDocument spreadsheet as (name, rows over its used range), its XML parsed
    with defusedxml as a stream; repeated rows and columns are counted, not made, until a value
    follows them."""
    from defusedxml.ElementTree import iterparse

    from .source import unpacked_size

    path, data = source.path, source.data
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise CatalogueError("is not an OpenDocument spreadsheet", path=path, hint="save it again as .ods or .xlsx")
    unpacked_size(path, data, CatalogueError)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
            return list(_read_tables(path, iterparse(content, events=("start", "end"))))
    except RaciError:
        raise
    except Exception as err:  # a damaged zip or XML, a forbidden entity, a number that is none
        from .source import damaged

        raise damaged(path, err) from err


def _read_tables(path: Path, events: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Rows]]:
    used: UsedRange | None = None
    row = column = 0  # the row being read, and the last column given in it
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == f"{TABLE}table":
                used, row = UsedRange(path, element.get(f"{TABLE}name", ""), CatalogueError), 0
            elif tag == f"{TABLE}table-row":
                column = 0
            continue
        if used is None:
            continue
        if tag in CELLS:
            repeat = _repeat(element, "number-columns-repeated")
            value = _value(element)
            if value is not None:
                used.reach(row + 1, column + repeat)
                for place in range(column + 1, column + repeat + 1):
                    used.add(row + 1, place, value)
            column += repeat
            element.clear()
        elif tag == f"{TABLE}table-row":
            repeat = _repeat(element, "number-rows-repeated")
            cells = used.rows.get(row + 1)
            if cells and repeat > 1:
                used.reach(row + repeat, used.width)
                for copy in range(row + 2, row + repeat + 1):
                    used.rows[copy] = cells
            row += repeat
            element.clear()
        elif tag == f"{TABLE}table":
            yield used.sheet, used.table()
            used = None
            element.clear()


def _repeat(element: Any, attribute: str) -> int:
    return max(1, int(element.get(f"{TABLE}{attribute}", "1")))


def _value(cell: Any) -> Any:
    """A cell's value as LibreOffice saved it: a number, a date, a truth value or text; None if empty."""
    kind = cell.get(f"{OFFICE}value-type")
    if cell.tag == f"{TABLE}covered-table-cell" and cell.get(f"{OFFICE}value") is None:
        return None
    if kind is None:
        return None
    text = _text(cell)
    if text == "#N/A":
        return None
    if kind == "float":
        number = float(cell.get(f"{OFFICE}value"))
        return int(number) if number.is_integer() else number
    if kind in ("percentage", "currency"):
        return float(cell.get(f"{OFFICE}value"))
    if kind == "boolean":
        return cell.get(f"{OFFICE}boolean-value", "").lower() == "true"
    if kind == "date":
        written = cell.get(f"{OFFICE}date-value", "")
        try:
            return datetime.fromisoformat(written)
        except ValueError:
            return written or text
    return text


def _text(element: Any, top: bool = True) -> str:
    """The text of a cell: paragraphs on lines of their own, runs of spaces (`text:s`) spelt out."""
    parts: list[str] = []
    seen_paragraph = False
    if element.text and not top:
        parts.append(element.text.strip("\n"))
    for child in element:
        tag = child.tag
        if tag == f"{TEXT}s":
            parts.append(" " * min(TEXT_LIMIT, max(1, int(child.get(f"{TEXT}c", "1")))))
        elif tag == f"{TEXT}line-break":
            parts.append("\n")
        elif tag != f"{OFFICE}annotation":
            if tag == f"{TEXT}p":
                if seen_paragraph:
                    parts.append("\n")
                seen_paragraph = True
            parts.append(_text(child, top=False))
        if child.tail:
            parts.append(child.tail.strip("\n"))
    return "".join(parts)
