"""Everything raci needs from openpyxl beyond its public API, in one place (tested with openpyxl 3.1).

- `standard_library_xml`: the same workbook bytes whether openpyxl writes through lxml or through
  the standard library. openpyxl picks its XML writer once, when it is first imported (lxml when
  it can import it, unless OPENPYXL_LXML says otherwise), and the bytes differ; Gnumeric also drops
  the charts lxml writes. While a workbook is built and saved, the lxml names of openpyxl's modules
  are swapped for the ones openpyxl binds without lxml, then put back. Nothing is set for the
  process: whoever imports openpyxl, before or after raci, keeps the writer they chose.
- `BuiltSheet` and `StreamedSheet`: a normal sheet inside a write-only workbook, and a write-only
  sheet told its extent up front, so the RACI sheet streams while the small sheets are built whole.
- `add_sheet`, `styled_cell` and `save`: adding such a sheet, a cell born with a named style's
  array, and saving into a zip of raci's own.
- `closed_on_failure`: a sheet still being written when the workbook's build is interrupted (Ctrl-C) is
  closed at once and its temporary file removed; left to the interpreter's shutdown, its writer's
  generator would be closed after its file, and Python print "Exception ignored ... ValueError".
- `remember_styles`: openpyxl finds a style (font, fill, border...) among the workbook's by value,
  hashing it whole, each time one is set on a cell; raci sets the same few objects thousands of times,
  and they are found by identity first.

openpyxl is pinned below the next minor version in setup.cfg; a new version is taken after the
tests here pass on it (the byte-identity test in tests/test_deliverable_workbook.py first).
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import sys
import threading
from collections.abc import Iterator
from functools import partial
from typing import TypeVar, cast
from zipfile import ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.datavalidation import DataValidationList
from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder, RowDimension
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

__all__ = [
    "BuiltSheet",
    "StreamedSheet",
    "StyleArray",
    "add_sheet",
    "closed_on_failure",
    "remember_styles",
    "save",
    "standard_library_xml",
    "styled_cell",
]


class BuiltSheet(Worksheet):
    """A normal sheet (its cells kept, written in any order) in a write-only workbook.

    openpyxl saves a write-only workbook by closing each sheet and copying what the sheet's
    writer wrote; this one, on closing, writes itself whole, as openpyxl writes a normal sheet.
    """

    _writer: WorksheetWriter | None = None

    def __init__(self, parent: Workbook, title: str) -> None:
        super().__init__(parent, title)
        _made(self)

    @property
    def closed(self) -> bool:
        return self._writer is not None

    def close(self) -> None:
        self._writer = WorksheetWriter(self)
        self._writer.write()

    def discard(self) -> None:
        """Close what writing the sheet left open and remove its temporary file (see `closed_on_failure`)."""
        _discard(None, self._writer)


class StreamedSheet(WriteOnlyWorksheet):
    """openpyxl's write-only sheet, told its extent up front, which a normal sheet records first.

    What the sheet's XML holds before the rows (column widths, panes, page-fit) must be set
    before the first row is appended, and a row's height before that row; what it holds after
    them (filter, formats, drop-downs, page setup), at any time before the workbook is saved.
    Rows are appended as cells already placed and styled, and written as they are.
    """

    PAPERSIZE_A4 = Worksheet.PAPERSIZE_A4  # print setup reads it; openpyxl copies only part of Worksheet here
    # Made by openpyxl (Worksheet._setup), left out of the type stubs.
    row_dimensions: DimensionHolder[int, RowDimension]
    column_dimensions: DimensionHolder[str, ColumnDimension]
    auto_filter: AutoFilter
    conditional_formatting: ConditionalFormattingList
    data_validations: DataValidationList

    def __init__(self, parent: Workbook, title: str, dimension: str) -> None:
        super().__init__(parent, title)
        self._dimension = dimension
        _made(self)

    def discard(self) -> None:
        """Close the rows' generator, then the writer, and remove its temporary file (see `closed_on_failure`)."""
        _discard(getattr(self, "_rows", None), getattr(self, "_writer", None))  # openpyxl's, not in its stubs

    def calculate_dimension(self) -> str:
        return self._dimension

    def _values_to_row(self, values: list[Cell], row_idx: int) -> list[Cell]:
        return values  # openpyxl's own turns values into cells, and would copy a cell passed in

    @property
    def page(self) -> Worksheet:
        """The sheet as a Worksheet, for the page setup and images, which openpyxl shares between the two kinds."""
        return cast(Worksheet, self)


_Sheet = TypeVar("_Sheet", Worksheet, StreamedSheet)

_MADE: contextvars.ContextVar[list[BuiltSheet | StreamedSheet] | None] = contextvars.ContextVar(
    "sheets_made", default=None
)


def _made(sheet: BuiltSheet | StreamedSheet) -> None:
    made = _MADE.get()
    if made is not None:
        made.append(sheet)


def _discard(rows: object, writer: WorksheetWriter | None) -> None:
    """Close a sheet's row generator (its closing tags go to a file still open), then its writer's stream
    (which closes the file), then remove the file: in that order, each whatever the one before did."""
    with contextlib.suppress(Exception):
        if rows is not None:
            rows.close()  # type: ignore[attr-defined]  # a generator
    if writer is None:
        return
    with contextlib.suppress(Exception):
        writer.close()
    with contextlib.suppress(Exception):
        writer.cleanup()


@contextlib.contextmanager
def closed_on_failure() -> Iterator[None]:
    """Every sheet made while the block runs is closed, and its temporary file removed, if the block
    ends in an exception (Ctrl-C included): then, not at the interpreter's shutdown, where a write-only
    sheet's generator is closed after its file and Python prints "Exception ignored ... ValueError"."""
    made: list[BuiltSheet | StreamedSheet] = []
    token = _MADE.set(made)
    try:
        yield
    except BaseException:
        for sheet in made:
            sheet.discard()
        raise
    finally:
        _MADE.reset(token)


def add_sheet(workbook: Workbook, sheet: _Sheet) -> _Sheet:
    """`sheet`, added to `workbook` last; create_sheet makes only openpyxl's own kind of sheet."""
    workbook._add_sheet(sheet)  # type: ignore[attr-defined]  # openpyxl's own step, left out of the stubs
    return sheet


def styled_cell(sheet: Worksheet | StreamedSheet, row: int, column: int, value: str | None, style: StyleArray) -> Cell:
    """A cell that takes a named style's array whole (`NamedStyle.as_tuple()`), without openpyxl
    hashing its font, fill, border and alignment one by one."""
    return Cell(sheet, row, column, value, style_array=style)


class _KnownStyles(IndexedList):  # type: ignore[type-arg]
    """A workbook's list of one kind of style that finds an object it was given before by identity.

    It keeps every object it was given, so an object's id is never reused for another while the
    workbook lives; style objects set on cells are immutable in openpyxl (a cell hands out proxies).
    """

    def __init__(self, styles: IndexedList) -> None:  # type: ignore[type-arg]
        super().__init__(styles)
        self._known: dict[int, tuple[object, int]] = {}

    def add(self, value: object) -> int:
        known = self._known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        index: int = super().add(value)
        self._known[id(value)] = (value, index)
        return index


STYLE_LISTS = ("_fonts", "_fills", "_borders", "_alignments", "_protections")


def remember_styles(workbook: Workbook) -> Workbook:
    """`workbook`, its style lists finding the objects they were given before by identity (see `_KnownStyles`)."""
    for name in STYLE_LISTS:
        setattr(workbook, name, _KnownStyles(getattr(workbook, name)))
    return workbook


def save(workbook: Workbook, archive: ZipFile) -> None:
    """Write `workbook` into `archive` (raci's zip, which fingerprints what it holds)."""
    ExcelWriter(workbook, archive).save()


@contextlib.contextmanager
def standard_library_xml() -> Iterator[None]:
    """openpyxl's writer on the standard library's XML while the block runs (see the module's doc);
    without lxml, nothing to do."""
    import openpyxl

    if not openpyxl.LXML:
        yield
        return
    with _SWAP, _swapped():  # the swap is process-wide: one workbook at a time while it holds
        yield


_SWAP = threading.RLock()


@contextlib.contextmanager
def _swapped() -> Iterator[None]:
    from xml.etree import ElementTree

    from openpyxl.cell import _writer as cell_writer
    from openpyxl.xml import constants
    from openpyxl.xml import functions as xml_functions

    etree = importlib.import_module("lxml.etree")

    plain: dict[int, object] = {
        id(etree.Element): ElementTree.Element,
        id(etree.SubElement): ElementTree.SubElement,
        id(etree.QName): ElementTree.QName,
        id(xml_functions.tostring): partial(ElementTree.tostring, encoding="utf-8"),
        id(etree.register_namespace): ElementTree.register_namespace,
        id(etree.xmlfile): importlib.import_module("et_xmlfile").xmlfile,
        id(cell_writer.lxml_write_cell): cell_writer.etree_write_cell,
    }
    # The prefixes openpyxl registers with the standard library when it is imported without lxml.
    for prefix, namespace in (
        (constants.DCTERMS_PREFIX, constants.DCTERMS_NS),
        ("dcmitype", "http://purl.org/dc/dcmitype/"),
        ("cp", constants.COREPROPS_NS),
        ("c", constants.CHART_NS),
        ("a", constants.DRAWING_NS),
        ("s", constants.SHEET_MAIN_NS),
        ("r", constants.REL_NS),
        ("vt", constants.VTYPES_NS),
        ("xdr", constants.SHEET_DRAWING_NS),
        ("cdr", constants.CHART_DRAWING_NS),
        ("xml", constants.XML_NS),
        ("cust", constants.CUSTPROPS_NS),
    ):
        with contextlib.suppress(ValueError):  # "xml" is reserved: the standard library knows it already
            ElementTree.register_namespace(prefix, namespace)
    swapped: list[tuple[object, str, object]] = []
    for name, loaded in list(sys.modules.items()):
        if name == "openpyxl" or name.startswith("openpyxl."):
            for attribute, value in list(vars(loaded).items()):
                if id(value) in plain:
                    swapped.append((loaded, attribute, value))
                    setattr(loaded, attribute, plain[id(value)])
    try:
        yield
    finally:
        for owner, attribute, value in swapped:
            setattr(owner, attribute, value)
