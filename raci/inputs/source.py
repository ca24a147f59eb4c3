"""The one opener: read an input once (a file or standard input), decide once what it is, and hand the
same bytes to the reader of that kind. Every command and batch job asks here; nothing else opens an input."""

from __future__ import annotations

import contextlib
import io
import re
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..exceptions import CatalogueError, RaciError, WorkbookError
from ..files import Refusal, read_bounded

if TYPE_CHECKING:
    from .matrix import Grid

INPUT_LIMIT = 64 * 2**20  # bytes of an input raci reads: far above any real file, far below a runaway one
STDIN = Path("-")  # a path of "-" reads standard input
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ODS_SUFFIX = ".ods"
RACI_SHEETS = ("RACI", "_raci")  # the matrix and the data sheet of a workbook raci wrote
UNZIPPED_LIMIT = 200 * 1024 * 1024  # far above any real workbook, far below a zip bomb
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a formula element in a sheet's XML
_T = TypeVar("_T")


class SourceKind(StrEnum):
    LIST = "list"  # a responsibilities list (CSV, or a workbook's first sheet)
    WORKBOOK = "workbook"  # a workbook raci wrote, as a person may have edited it
    MATRIX = "matrix"  # a matrix made elsewhere: letters in role columns, or a long export


class Format(StrEnum):
    TEXT = "text"  # CSV, TSV, any delimited text
    XLSX = "xlsx"
    ODS = "ods"


@dataclass(frozen=True)
class Source:
    """An input as read: its name for messages, its bytes (read once), their format, and what they hold."""

    path: Path
    data: bytes = field(repr=False)
    format: Format
    kind: SourceKind
    encoding: str | None = None
    delimiter: str | None = None
    memo: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)  # what is parsed, once

    def stream(self) -> io.BytesIO:
        """A fresh reader over the bytes, for a parser that wants a file."""
        return io.BytesIO(self.data)

    @cached_property
    def grids(self) -> list[Grid]:
        """Every sheet (or the one table of a text file) as rows of text cells, parsed once."""
        from .matrix import read_grids

        return read_grids(self)

    # --- a workbook's sheets, parsed once whoever asks ---------------------------------------------

    def book(self) -> Any:
        """The workbook these bytes hold, as saved values (not formulas), opened once."""
        if "book" not in self.memo:
            self.memo["book"] = open_workbook(self.path, self.data)
        return self.memo["book"]

    def sheet_names(self) -> list[str]:
        return list(self.book().sheetnames)

    def sheet_rows(self, sheet: str | int = 0) -> list[tuple[Any, ...]]:
        """The cell values of one sheet (by name, or by place from 0), row by row over the cells it
        holds (never the size it claims), parsed once."""
        from .sheets import xlsx_rows

        name = self._sheet_name(self.book(), sheet)
        key = ("rows", name)
        if key not in self.memo:
            self.memo[key] = self._parsed(lambda: xlsx_rows(self.book(), name, self._extent(name)))
        rows: list[tuple[Any, ...]] = self.memo[key]
        return rows

    def _extent(self, name: str) -> tuple[int, int]:
        """The used range of sheet `name` (rows, columns) from the cells it holds, bounded, found once."""
        from .sheets import sheet_extent

        key = ("extent", name)
        if key not in self.memo:
            self.memo[key] = self._parsed(lambda: sheet_extent(self.path, self.data, name))
        extent: tuple[int, int] = self.memo[key]
        return extent

    def _sheet_name(self, book: Any, sheet: str | int) -> str:
        if isinstance(sheet, str):
            return sheet
        if sheet >= len(book.sheetnames):
            raise WorkbookError("holds no sheet", path=self.path, hint="save it again from a spreadsheet program")
        return str(book.sheetnames[sheet])

    def _parsed(self, read: Callable[[], _T]) -> _T:
        """What `read` makes of a sheet read lazily, which may be damaged where open_workbook could not see."""
        try:
            with warnings.catch_warnings():  # openpyxl's words about parts it skips are not the user's business
                warnings.simplefilter("ignore")
                return read()
        except RaciError:
            raise
        except Exception as err:
            raise damaged(self.path, err) from err

    def unsaved_formulas(self, sheet: str | int = 0) -> dict[tuple[int, int], str]:
        """Formulas whose result was never saved in the file ((row, column) -> formula, 1-based): a
        spreadsheet program computes them when it saves, a script writing the file may not. Such a
        cell reads as empty; raci says so instead of taking it as empty. The formulas are parsed once,
        and only from a workbook that holds any."""
        import openpyxl

        from .sheets import xlsx_rows

        values = self.sheet_rows(sheet)
        if "formulas" not in self.memo:
            self.memo["formulas"] = None
            if _holds_formulas(self.data):
                with contextlib.suppress(Exception), warnings.catch_warnings():  # the values were read already
                    warnings.simplefilter("ignore")
                    self.memo["formulas"] = openpyxl.load_workbook(io.BytesIO(self.data), read_only=True)
        formulas = self.memo["formulas"]
        if formulas is None:
            return {}
        name = self._sheet_name(formulas, sheet)
        written = self._parsed(lambda: xlsx_rows(formulas, name, self._extent(name)))
        found = {}
        for number, (row, saved) in enumerate(zip(written, values, strict=False), start=1):
            for column, (formula, value) in enumerate(zip(row, saved, strict=False), start=1):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    found[(number, column)] = formula
        return found


def unpacked_size(path: Path, data: bytes, error: type[CatalogueError] | type[WorkbookError]) -> int:
    """The unpacked size of a zip (a workbook, a spreadsheet), refused in one line past UNZIPPED_LIMIT."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    if unpacked > UNZIPPED_LIMIT:
        raise error(
            f"unpacks to {unpacked // 2**20:,} MiB, over the {UNZIPPED_LIMIT // 2**20} MiB raci reads",
            path=path,
            hint="this is no RACI workbook; check the file",
        )
    return unpacked


def open_workbook(path: Path, data: bytes) -> Any:
    """An .xlsx's bytes opened read-only for their saved values, after checking they are a zip of sane
    unpacked size; XML is parsed with defusedxml. `path` names it in messages."""
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError("is not an .xlsx workbook", path=path, hint="give a workbook saved as .xlsx, or a CSV")
    unpacked_size(path, data, WorkbookError)
    try:
        with warnings.catch_warnings():  # e.g. a Gnumeric-saved workbook: openpyxl's words, with its own path
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise damaged(path, err) from err


def damaged(path: Path, err: Exception) -> WorkbookError:
    """The one line for a workbook whose parts cannot be parsed, whenever that shows."""
    reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    return WorkbookError(f"cannot be read as a workbook ({reason})", path=path)


def _holds_formulas(data: bytes) -> bool:
    """Whether any sheet of the workbook holds a formula (most hold none, and then nothing more is parsed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                with archive.open(entry) as part:
                    if FORMULA.search(part.read()):
                        return True
    return False


def read_input(path: Path, *, what: str = "the default catalogue") -> bytes:
    """The bytes of `path` (standard input for "-"): refused in one line when it is no regular file of sane size."""
    if path == STDIN:
        if sys.stdin is None or sys.stdin.closed:
            raise CatalogueError("standard input is closed", path=path, hint="pipe the list in, or give its path")
        try:
            data = sys.stdin.buffer.read(INPUT_LIMIT + 1)
        except OSError as err:
            raise CatalogueError(f"standard input cannot be read: {err.strerror}", path=path) from err
    else:
        data = read_bounded(path, INPUT_LIMIT, lambda why: _refused_input(path, what, why))
    if len(data) > INPUT_LIMIT:
        raise CatalogueError(
            f"holds more than the {INPUT_LIMIT // 2**20} MiB raci reads", path=path, hint="split the list"
        )
    return data


def _refused_input(path: Path, what: str, why: Refusal) -> CatalogueError:
    """Why the list at `path` was not read, in words."""
    if why.kind == "missing":
        return CatalogueError("no such file", path=path, hint=f"check the path, or omit it to use {what}")
    if why.kind == "folder":
        return CatalogueError("is a folder, not a CSV file", path=path, hint="give the path of the CSV inside it")
    if why.kind == "special":
        return CatalogueError(
            "is not a regular file (a device, a pipe or a socket)",
            path=path,
            hint="save the list to a file, or pipe it to '-'",
        )
    if why.kind == "size":
        return CatalogueError(
            f"is {why.size // 2**20:,} MiB, over the {INPUT_LIMIT // 2**20} MiB raci reads",
            path=path,
            hint="split the list into several files",
        )
    return CatalogueError(f"cannot be read: {why.reason}", path=path)


def format_of(path: Path, data: bytes) -> Format:
    """A workbook by its name, or (from standard input, or misnamed) by its bytes: a zip holding a workbook."""
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return Format.XLSX
    if suffix == ODS_SUFFIX:
        return Format.ODS
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return Format.TEXT
        if "xl/workbook.xml" in names:
            return Format.XLSX
        if "content.xml" in names:
            return Format.ODS
    return Format.TEXT


def open_source(
    path: Path | str,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    what: str = "the default catalogue",
) -> Source:
    """Read `path` once and decide what it is: raci's own workbook, a matrix made elsewhere, or a list."""
    path = Path(path)
    data = read_input(path, what=what)
    form = format_of(path, data)
    source = Source(path, data, form, SourceKind.LIST, encoding, delimiter)
    if form is Format.XLSX and all(name in source.sheet_names() for name in RACI_SHEETS):
        return _as(source, SourceKind.WORKBOOK)
    if form is Format.XLSX and RACI_SHEETS[1] in source.sheet_names():
        raise WorkbookError(
            f"is a workbook raci wrote, but its {RACI_SHEETS[0]} sheet is missing "
            f"(sheets: {', '.join(source.sheet_names())})",
            path=path,
            hint=f"restore or rename the matrix sheet to {RACI_SHEETS[0]}, or generate the workbook again",
        )
    from .opentext import own_text

    if form is Format.TEXT and own_text(data):  # raci's Markdown page or long CSV: read back as its workbook
        return _as(source, SourceKind.WORKBOOK)
    from .matrix import grids_hold_matrix

    if grids_hold_matrix(source.grids):
        return _as(source, SourceKind.MATRIX)
    return source


def _as(source: Source, kind: SourceKind) -> Source:
    """`source` as `kind`, keeping what was parsed already."""
    made = Source(source.path, source.data, source.format, kind, source.encoding, source.delimiter, source.memo)
    if "grids" in source.__dict__:
        made.__dict__["grids"] = source.__dict__["grids"]
    return made
