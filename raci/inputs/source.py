"""The one opener: read an input once (a file or standard input), decide once what it is, and hand the
same bytes to the reader of that kind. Every command and batch job asks here; nothing else opens an input."""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..exceptions import CatalogueError

if TYPE_CHECKING:
    from .matrix import Grid

INPUT_LIMIT = 64 * 2**20  # bytes of an input raci reads: far above any real file, far below a runaway one
STDIN = Path("-")  # a path of "-" reads standard input
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ODS_SUFFIX = ".ods"
RACI_SHEETS = ("RACI", "_raci")  # the matrix and the data sheet of a workbook raci wrote


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


def read_input(path: Path, *, what: str = "the default catalogue") -> bytes:
    """The bytes of `path` (standard input for "-"): refused in one line when it is no regular file of sane size."""
    if path == STDIN:
        data = sys.stdin.buffer.read(INPUT_LIMIT + 1)
    else:
        if not path.exists():
            raise CatalogueError("no such file", path=path, hint=f"check the path, or omit it to use {what}")
        if path.is_dir():
            raise CatalogueError("is a folder, not a CSV file", path=path, hint="give the path of the CSV inside it")
        if not path.is_file():
            raise CatalogueError(
                "is not a regular file (a device, a pipe or a socket)",
                path=path,
                hint="save the list to a file, or pipe it to '-'",
            )
        size = path.stat().st_size
        if size > INPUT_LIMIT:
            raise CatalogueError(
                f"is {size // 2**20:,} MiB, over the {INPUT_LIMIT // 2**20} MiB raci reads",
                path=path,
                hint="split the list into several files",
            )
        try:
            data = path.read_bytes()
        except OSError as err:
            raise CatalogueError(f"cannot be read: {err.strerror}", path=path) from err
    if len(data) > INPUT_LIMIT:
        raise CatalogueError(
            f"holds more than the {INPUT_LIMIT // 2**20} MiB raci reads", path=path, hint="split the list"
        )
    return data


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
    if form is Format.XLSX:
        from .workbook import sheet_names

        if all(name in sheet_names(source) for name in RACI_SHEETS):
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
