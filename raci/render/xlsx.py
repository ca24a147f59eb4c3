"""The style kit every raci workbook shares: fonts, fills, borders, header rows, text cells, page
setup, and the .xlsx bytes (with the fixed date a job passes, for reproducible files)."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..fingerprint import PLACEHOLDER, PROPERTY, FingerprintingZip
from ..i18n import Translator
from .openpyxl_compat import save, standard_library_xml

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TITLE_ROWS = 3  # title, subtitle, and the people holding the roles (when a --roles file names them)
HEADER_ROW = TITLE_ROWS + 1
LINE_HEIGHT = 15.0
# The widest column a sheet may give, in characters (of "0"): LibreOffice scales a sheet to the page's width
# only across columns, so a single column wider than the page prints cut at both edges. 104 fit a landscape A4
# page between margins of 0.4 inch (1,046 px) in the wider font LibreOffice and Gnumeric draw when Calibri is
# missing (DejaVu Sans: 9.3 px a "0" at 11 pt).
WIDEST_COLUMN = 104.0

HEADER_FILL = "1F3864"
BAND_FILL = "EEF3F8"
FONT = "Calibri"
BODY_FONT = Font(name=FONT, size=11)
TITLE_FONT = Font(name=FONT, bold=True, size=14, color=HEADER_FILL)
NOTE_FONT = Font(name=FONT, italic=True, color="595959")
BOLD = Font(name=FONT, bold=True)
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
THIN = Side(style="thin", color="BFBFBF")
AREA_EDGE = Side(style="medium", color="7F7F7F")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_MIDDLE = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center")
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)


@cache
def solid(colour: str) -> PatternFill:
    """A solid fill of `colour` (RRGGBB), one object per colour: a workbook finds it again at once."""
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def put_text(cell: Cell, text: str) -> Cell:
    """Write `text` as a text cell: never a formula, whatever it starts with."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    return cell


def cell_at(ws: Worksheet, row: int, column: int, value: int | str | None = None) -> Cell:
    """The cell at (row, column), given `value` when one is passed; this workbook merges no cells."""
    cell = ws.cell(row, column, value)
    if not isinstance(cell, Cell):
        raise TypeError(f"{cell.coordinate} is a merged cell")
    return cell


def header_row(
    ws: Worksheet, number: int, names: Sequence[str], widths: Sequence[float] = (), colour: str = HEADER_FILL
) -> None:
    """A bold white-on-navy (or `colour`) header row; sets column widths and a height that fits wrapped names."""
    fill = solid(colour)
    for column, name in enumerate(names, start=1):
        cell = put_text(cell_at(ws, number, column), name) if name else cell_at(ws, number, column)
        cell.font = HEADER_FONT
        cell.fill = fill
        cell.border = GRID
        cell.alignment = HEADER_ALIGNMENT
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    lines = max((wrapped_lines(name, width * 0.85) for name, width in zip(names, widths, strict=False)), default=1)
    ws.row_dimensions[number].height = LINE_HEIGHT * lines + 4


def line_capacity(width: float) -> int:
    """The characters that surely fit on one line of a column `width` characters (of "0") wide, in
    Excel's Calibri and in the wider font Gnumeric and LibreOffice draw when Calibri is missing
    (DejaVu Sans): four fifths of the width, less the cell's margins. A row sized by it is a little
    tall in Excel, never clipped in Gnumeric."""
    return max(1, int(width * 0.82) - 1)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` wraps to at most in a column `width` characters (of "0") wide."""
    return max(1, len(textwrap.wrap(text, line_capacity(width))))


def print_setup(
    ws: Worksheet, title: str, version: str, t: Translator, *, landscape: bool, title_rows: str | None
) -> None:
    """The page settings of every raci sheet: A4, one page wide, `title` and page numbers around it.

    Every sheet of a workbook prints in one orientation: Gnumeric lays out the pages of every sheet
    by the first sheet's, so a portrait Summary before a landscape matrix cut the matrix's last rows."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    header, footer = ws.oddHeader, ws.oddFooter
    if header is not None and footer is not None:  # openpyxl gives every sheet both
        header.left.text = _escape_header(title)
        header.right.text = "&A"
        footer.left.text = _escape_header(t("Generated by raci {version}").format(version=version))
        footer.right.text = t("Page &P of &N")


def _escape_header(text: str) -> str:
    """Header and footer text with its ampersands doubled, so they print as written."""
    return text.replace("&", "&&")


def xlsx_bytes(workbook: Workbook, when: datetime | None) -> bytes:
    """The workbook's .xlsx bytes, fingerprinted (see raci.fingerprint); with `when`, every zip entry
    carries that date too."""
    workbook.custom_doc_props.append(StringProperty(name=PROPERTY, value=PLACEHOLDER))  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    with standard_library_xml():
        save(workbook, FingerprintingZip(buffer))
    if when is None:
        return buffer.getvalue()
    stamp = min(max(when, datetime(1980, 1, 1)), datetime(2107, 12, 31, 23, 59, 58)).timetuple()[:6]  # zip's years
    restamped = io.BytesIO()
    with ZipFile(buffer) as source, ZipFile(restamped, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, source.read(entry))
    return restamped.getvalue()
