"""The report as an Excel workbook: sheets Summary (the story), RACI (the matrix), Roles (with each role's
and person's load), Legend, Checks, Sizes, Communication (whom to ask before and tell after) and the
hidden _raci.

The Summary sheet comes first: the headline, the four shares each with a plain reading, the
size chart, the checks one line each and what to change first, all as the story (`story.py`)
tells them, so the page and the deck say the same. Every cell a client sees is in
words and in the report's language (areas, homes, horizons, functions, the rule that decided a
row); the technical forms stay in the Legend for auditors and in hidden places for the reader.
Colours come from `palette`, the one visual language of the pages and the workbook.

Letters are coloured by conditional formatting and checked by a drop-down, so a user's
edit recolours itself. Every string from a catalogue or a profile is written as text,
never as a formula.

The RACI sheet, one row per responsibility, is streamed: in openpyxl's write-only mode each
row's XML is written as the row is appended, and no cell of it is kept. The other sheets are
small and built whole, as openpyxl's normal sheets.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.drawing.colors import ColorChoice
from openpyxl.drawing.fill import PatternFillProperties
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import Rule as FormatRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.report import Report
from ..i18n import DEFAULT, N_, Translator
from ..model import Logo, Role, Row, Rule
from ..scheme import RACI, Scheme
from . import palette
from .openpyxl_compat import (
    BuiltSheet,
    StreamedSheet,
    StyleArray,
    add_sheet,
    closed_on_failure,
    remember_styles,
    standard_library_xml,
    styled_cell,
)
from .people import hats, load_flag, someone
from .schemes import converted_line
from .story import Story, matrix_title, roles_kept, told
from .words import (
    HEADER,
    SEVERITY_WORDS,
    SHARE_NOTES,
    area_words,
    function_words,
    home_words,
    horizon_words,
    row_rule_words,
    rule_words,
)
from .xlsx import (
    AREA_EDGE,
    BAND_FILL,
    BODY_FONT,
    BOLD,
    CENTRE,
    FONT,
    GRID,
    HEADER_FILL,
    HEADER_ROW,
    LINE_HEIGHT,
    NOTE_FONT,
    THIN,
    TITLE_FONT,
    WRAP_MIDDLE,
    WRAP_TOP,
    cell_at,
    header_row,
    line_capacity,
    print_setup,
    put_text,
    wrapped_lines,
    xlsx_bytes,
)

# Columns after the role columns; the reader (raci.workbook) finds the role columns' end by these names.
TRAILER = (N_("Home"), N_("Horizon"), N_("Rule"), N_("Description"))
DATA_SHEET = "_raci"
AREAS_SHEET = "_raci_areas"  # hidden: each area as the catalogue names it, beside the words the RACI sheet shows
SHEETS_SHEET = "_raci_sheets"  # hidden: each part (summary, roles...) beside its sheet name in the language
# The sheets a person reads, named in the workbook's language; readers find them through SHEETS_SHEET.
SHEET_NAMES = {
    "summary": N_("Summary"),
    "roles": N_("Roles"),
    "legend": N_("Legend"),
    "checks": N_("Checks"),
    "confirm": N_("Confirm"),
    "read_as": N_("Read as"),
    "sizes": N_("Sizes"),
    "communication": N_("Communication"),
}
FIRST_ROLE_COLUMN = len(HEADER) + 1
LOGO_HEIGHT = 40  # pixels: the two title rows

# Column widths in characters: ID, Area, Responsibility, each role, Rule.
WIDTHS = (9.0, 16.0, 48.0)
ROLE_WIDTH = 14.0
RULE_WIDTH = 28.0
# Home and Horizon wide enough for "Marketing" and "Short term" on one line; Rule; Description.
TRAILER_WIDTHS = (13.0, 13.0, RULE_WIDTH, 70.0)
CELL_LIMIT = 32_767  # characters a cell holds
DATA_CHUNK = 32_000  # characters of a profile line per cell of the hidden data sheet
LEGEND_WIDTHS = (30.0, 60.0, 40.0, 10.0, 36.0)


def workbook_bytes(report: Report | Story, when: datetime | None = None, *, lang: str = DEFAULT) -> bytes:
    """The report as the bytes of an .xlsx file in `lang`, dated `when` (a reproducible run's date; None:
    now); the caller writes them."""
    with standard_library_xml(), closed_on_failure():  # the same bytes whether openpyxl came with lxml or not
        return _workbook_bytes(told(report, lang), when)


def _workbook_bytes(story: Story, when: datetime | None) -> bytes:
    report, t = story.report, story.t
    workbook = remember_styles(Workbook(write_only=True))  # the RACI sheet streams; _sheet adds the others whole
    styles = _register_row_styles(workbook)
    names = {part: t(name) for part, name in SHEET_NAMES.items()}
    sizes = BuiltSheet(workbook, names["sizes"])  # filled first: the Summary's chart reads its cells; added later
    _sizes_sheet(sizes, report, t)
    _summary_sheet(_sheet(workbook, names["summary"]), story, sizes)
    _matrix_sheet(workbook, report, styles, t)
    _roles_sheet(_sheet(workbook, names["roles"]), report, t)
    _legend_sheet(_sheet(workbook, names["legend"]), report, t)
    _checks_sheet(_sheet(workbook, names["checks"]), story)
    if story.confirm:
        _confirm_sheet(_sheet(workbook, names["confirm"]), story)
    if story.read_as:
        _read_as_sheet(_sheet(workbook, names["read_as"]), story)
    add_sheet(workbook, sizes)
    _communication_sheet(_sheet(workbook, names["communication"]), story)
    _data_sheet(_sheet(workbook, DATA_SHEET), report)
    _areas_sheet(_sheet(workbook, AREAS_SHEET), report, t)
    _sheets_sheet(_sheet(workbook, SHEETS_SHEET), names)
    _properties(workbook, report, when, t)
    return xlsx_bytes(workbook, when)


def _sheet(workbook: Workbook, title: str) -> Worksheet:
    return add_sheet(workbook, BuiltSheet(workbook, title))


def logo_warning(report: Report, lang: str = DEFAULT) -> str | None:
    """One line for stderr when the client's logo cannot go into the workbook (SVG), else None."""
    logo = report.branding.logo
    if logo is None or logo.mime != "image/svg+xml":
        return None
    t = Translator(lang)
    return t("The logo is an SVG image, which a workbook cannot hold: the workbook has no logo; the summary shows it.")


# --- Summary --------------------------------------------------------------------------

SUMMARY_WIDTHS = (34.0, 12.0, 98.0)
CHART_ROWS = 19  # rows of 15 points the size chart (9 cm high) covers
HEADLINE_FONT = Font(name=FONT, bold=True, size=12)


def _wide_text(ws: Worksheet, number: int, text: str, font: Font, fit: float) -> None:
    """`text` across the Summary's three columns (merged), wrapped, its row as tall as it wraps to
    (`fit`: the share of a column's characters a line of this font holds)."""
    cell = put_text(cell_at(ws, number, 1), text)
    cell.font = font
    cell.alignment = WRAP_TOP
    ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=len(SUMMARY_WIDTHS))
    lines = wrapped_lines(text, sum(SUMMARY_WIDTHS) * fit)
    ws.row_dimensions[number].height = (LINE_HEIGHT + (2 if font.sz and font.sz > 11 else 0)) * lines + 2


def _section(ws: Worksheet, number: int, title: str, colour: str = HEADER_FILL) -> None:
    """A section's heading across the Summary's three columns, on one line, in the client's accent."""
    header_row(ws, number, [title, "", ""], colour=colour)
    cell_at(ws, number, 1).alignment = Alignment(vertical="center", wrap_text=False)
    ws.row_dimensions[number].height = LINE_HEIGHT + 4


def _summary_sheet(ws: Worksheet, story: Story, sizes: Worksheet) -> None:
    """The story first: the headline, the four shares each with a plain reading, the size chart,
    the checks one line each, and what to change first."""
    report, t = story.report, story.t
    for column, width in enumerate(SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    put_text(cell_at(ws, 1, 1), _title(report, t)).font = Font(name=FONT, bold=True, size=14, color=_accent(report))
    ws.row_dimensions[1].height = 22
    _wide_text(ws, 2, story.headline, HEADLINE_FONT, 0.75)
    if report.matrix.catalogue is not None:
        note = t("Catalogue: {name}").format(name=report.matrix.catalogue.path.name)
        put_text(cell_at(ws, 3, 1), note).font = NOTE_FONT
    if story.diagnosis:
        put_text(cell_at(ws, 4, 1), story.diagnosis).font = BOLD

    if report.branding.logo is not None:  # right of the title, beside the tables
        _place_logo(ws, report.branding.logo, len(SUMMARY_WIDTHS) + 1)
    accent = _accent(report)
    number = 5
    header_row(ws, number, [t("Share"), t("Value"), t("What it means")], colour=accent)
    missing = t("n/a")
    for label, value, text in story.shares:
        number += 1
        label_cell = put_text(cell_at(ws, number, 1), label)
        label_cell.font = BOLD
        value_cell = cell_at(ws, number, 2)
        if value is None:
            put_text(value_cell, missing)
        else:
            value_cell.value = value
            value_cell.number_format = "0%"
        value_cell.alignment = Alignment(horizontal="center", vertical="top")
        put_text(cell_at(ws, number, 3), text)
        for column in (1, 2, 3):
            cell = cell_at(ws, number, column)
            cell.border = GRID
            if column != 2:
                cell.alignment = WRAP_TOP
        ws.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(text, SUMMARY_WIDTHS[2])

    number += 2
    _section(ws, number, t("How the split changes with company size"), accent)
    ws.add_chart(_size_chart(sizes, report, t), f"A{number + 1}")
    number += CHART_ROWS + 2

    header_row(ws, number, [t("Check"), t("Severity"), t("What to do")], colour=accent)
    for line in story.lines:
        number += 1
        text, severity = line.line, line.severity
        texts = (line.title, t(SEVERITY_WORDS.get(severity, severity)), text)
        for column, words in enumerate(texts, start=1):
            cell = put_text(cell_at(ws, number, column), words)
            cell.alignment = WRAP_TOP
            cell.border = GRID
            if severity == "error" and column == 2:
                cell.font = Font(name=FONT, bold=True, color=palette.ERROR.xlsx_ink)
        ws.row_dimensions[number].height = LINE_HEIGHT * max(
            wrapped_lines(text, SUMMARY_WIDTHS[2]), wrapped_lines(texts[0], SUMMARY_WIDTHS[0])
        )
    if not story.lines:
        number += 1
        put_text(cell_at(ws, number, 1), t("No findings: the matrix passes every check.")).font = NOTE_FONT

    number += 2
    _section(ws, number, t("What to change first"), accent)
    number += 1
    _wide_text(ws, number, story.first_change, BOLD, 0.85)
    ws.sheet_view.showGridLines = False
    _print_setup(ws, report, t, landscape=True, title_rows=None)


# --- RACI -----------------------------------------------------------------------------


def _matrix_sheet(workbook: Workbook, report: Report, styles: dict[str, StyleArray], t: Translator) -> None:
    """Title rows, the header row, one row per responsibility; coloured, checked, frozen, filtered."""
    matrix = report.matrix
    titles = [role.title for role in matrix.roles]
    widths = [*WIDTHS, *(_role_width(title) for title in titles), *TRAILER_WIDTHS]
    last_row = HEADER_ROW + max(len(matrix.rows), 1)
    last_column = get_column_letter(len(widths))
    ws = add_sheet(workbook, StreamedSheet(workbook, "RACI", f"A1:{last_column}{last_row}"))
    page = ws.page

    top = _top_rows(workbook, report, titles, widths, t)
    for key, column in top.column_dimensions.items():
        ws.column_dimensions[key].width = column.width
    ws.freeze_panes = f"{get_column_letter(FIRST_ROLE_COLUMN)}{HEADER_ROW + 1}"
    ws.sheet_view.showGridLines = False
    _print_setup(page, report, t, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.print_area = f"A1:{get_column_letter(len(widths) - 1)}{last_row}"  # the long descriptions stay on screen
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{last_row}"
    if report.branding.logo is not None:  # top right, above the Rule column, clear of the title text
        _place_logo(page, report.branding.logo, FIRST_ROLE_COLUMN + len(matrix.roles) + TRAILER.index("Rule"))

    for number, cells in enumerate(top.iter_rows(min_row=1, max_row=HEADER_ROW, max_col=len(widths)), start=1):
        if number in top.row_dimensions:
            ws.row_dimensions[number].height = top.row_dimensions[number].height
        ws.append(list(cells))
    band, previous = False, None
    words: dict[tuple[int, str], tuple[str, int]] = {}  # per rule (and synonym): its words and their lines
    for number, row in enumerate(matrix.rows, start=HEADER_ROW + 1):
        new_area = previous is not None and row.item.area != previous
        band = band != new_area
        decided_by = (id(row.rule), row.item.area if row.area else "")
        if decided_by not in words:
            text = row_rule_words(row, t)
            words[decided_by] = (text, _lines(text, RULE_WIDTH))
        _matrix_row(ws, number, row, band, new_area, styles, words[decided_by], t)
        previous = row.item.area
    if not matrix.rows:  # the ranges below still cover one row under the header
        ws.append([])

    last_role = get_column_letter(FIRST_ROLE_COLUMN + len(titles) - 1)
    first_role = get_column_letter(FIRST_ROLE_COLUMN)
    role_range = f"{first_role}{HEADER_ROW + 1}:{last_role}{last_row}"
    _colour_letters(ws.conditional_formatting, role_range, matrix.scheme)
    _flag_accountability(
        ws.conditional_formatting,
        f"A{HEADER_ROW + 1}:A{last_row}",
        f"${first_role}{HEADER_ROW + 1}:${last_role}{HEADER_ROW + 1}",
        matrix.scheme,
    )
    ws.data_validations.append(_letter_dropdown(role_range, t, matrix.scheme))


def _top_rows(workbook: Workbook, report: Report, titles: list[str], widths: list[float], t: Translator) -> Worksheet:
    """The rows above the matrix (title, catalogue and shares, who holds each role, the header) on
    a normal sheet of `workbook`'s styles, left out of it: the RACI sheet streams these rows."""
    ws = Worksheet(workbook)
    matrix, shares = report.matrix, report.shares
    put_text(cell_at(ws, 1, 1), _title(report, t)).font = Font(name=FONT, bold=True, size=14, color=_accent(report))
    parts = [
        t("Catalogue: {name}").format(name=matrix.catalogue.path.name) if matrix.catalogue else "",
        t("Sales-led share: {share}").format(share=t.percent(shares.sales_led)),
        t("Marketing-led share: {share}").format(share=t.percent(shares.marketing_led)),
        t("Home alignment: {share}").format(share=t.percent(shares.home_alignment)),
        t("Strategy alignment: {share}").format(share=t.percent(shares.strategy_alignment)),
    ]
    put_text(cell_at(ws, 2, 1), "   \u00b7   ".join(part for part in parts if part)).font = NOTE_FONT
    _people_row(ws, HEADER_ROW - 1, matrix.roles, t)
    header_row(ws, HEADER_ROW, [*map(t, HEADER), *titles, *map(t, TRAILER)], widths, _accent(report))
    for column in range(FIRST_ROLE_COLUMN, FIRST_ROLE_COLUMN + len(titles)):
        cell_at(ws, HEADER_ROW, column).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return ws


def _accent(report: Report) -> str:
    """The client's accent colour as openpyxl wants it (RRGGBB), or the built-in navy."""
    return report.branding.accent.lstrip("#") or HEADER_FILL


def _place_logo(ws: Worksheet, logo: Logo, column: int) -> None:
    """The client's logo at the top right of the title rows; SVG has no place in .xlsx, so it is left out."""
    if logo.mime == "image/svg+xml":
        return
    from openpyxl.drawing.image import Image

    image = Image(io.BytesIO(logo.data))
    scale = LOGO_HEIGHT / image.height if image.height else 1.0
    image.height, image.width = LOGO_HEIGHT, round(image.width * scale)
    ws.add_image(image, f"{get_column_letter(column)}1")


def _title(report: Report, t: Translator) -> str:
    """The workbook's title, with the client's name when branding gives one."""
    title = matrix_title(report, t)
    client = report.branding.client
    return t("{title} for {client}").format(title=title, client=client) if client else title


def _people_row(ws: Worksheet, number: int, roles: tuple[Role, ...], t: Translator) -> None:
    """Above each role column, the person who holds it, when any is named."""
    if not any(role.person for role in roles):
        ws.row_dimensions[number].height = 6
        return
    label = put_text(cell_at(ws, number, len(HEADER)), t("Held by"))
    label.font = NOTE_FONT
    label.alignment = Alignment(horizontal="right", vertical="bottom")
    for column, role in enumerate(roles, start=FIRST_ROLE_COLUMN):
        if role.person:
            cell = put_text(cell_at(ws, number, column), role.person)
            cell.font = NOTE_FONT
            cell.alignment = Alignment(horizontal="center", vertical="bottom", wrap_text=True)
    lines = max(wrapped_lines(role.person, _role_width(role.title)) for role in roles)
    ws.row_dimensions[number].height = LINE_HEIGHT * lines + 2


def _style_name(kind: str, band: bool, area_edge: bool) -> str:
    return f"raci {kind}{' band' if band else ''}{' edge' if area_edge else ''}"


def _register_row_styles(workbook: Workbook) -> dict[str, StyleArray]:
    """Named styles for matrix cells, made once; by name, the style array a cell takes whole."""
    styles = {}
    for area_edge in (False, True):
        border = Border(left=THIN, right=THIN, top=AREA_EDGE if area_edge else THIN, bottom=THIN)
        letter = NamedStyle(
            name=_style_name("letter", False, area_edge), font=BODY_FONT, alignment=CENTRE, border=border
        )
        workbook.add_named_style(letter)
        styles[letter.name] = letter.as_tuple()
        for band in (False, True):
            text = NamedStyle(
                name=_style_name("text", band, area_edge), font=BODY_FONT, alignment=WRAP_MIDDLE, border=border
            )
            if band:
                text.fill = PatternFill(fill_type="solid", start_color=BAND_FILL, end_color=BAND_FILL)
            workbook.add_named_style(text)
            styles[text.name] = text.as_tuple()
    return styles


def _matrix_row(
    ws: StreamedSheet,
    number: int,
    row: Row,
    band: bool,
    new_area: bool,
    styles: dict[str, StyleArray],
    rule: tuple[str, int],
    t: Translator,
) -> None:
    """One responsibility, appended: text cells banded by area, letter cells centred and unfilled;
    area, home, horizon and rule in words; as tall as its longest text wraps to (`rule`: the rule's
    words and their lines, worked out per rule)."""
    item = row.item
    text_style = styles[_style_name("text", band, new_area)]
    letter_style = styles[_style_name("letter", False, new_area)]
    first_trailer = FIRST_ROLE_COLUMN + len(row.letters)
    rule_text, rule_lines = rule
    texts = (item.id, area_words(item.area, t), item.responsibility)
    trailer = (home_words(item.home, t), horizon_words(item.horizon, t), rule_text, item.description)
    cells = [
        *(put_text(styled_cell(ws, number, column, None, text_style), text) for column, text in enumerate(texts, 1)),
        *(
            styled_cell(ws, number, column, letter or None, letter_style)
            for column, letter in enumerate(row.letters, FIRST_ROLE_COLUMN)
        ),
        *(
            put_text(styled_cell(ws, number, column, None, text_style), text)
            for column, text in enumerate(trailer, first_trailer)
        ),
    ]
    lines = max(
        rule_lines,
        *(_lines(text, width) for text, width in zip(texts[1:], WIDTHS[1:], strict=True)),
        *(_lines(text, width) for text, width in zip(trailer[:2], TRAILER_WIDTHS[:2], strict=True)),
        _lines(item.description, TRAILER_WIDTHS[-1]),
    )
    dimensions = ws.row_dimensions
    dimensions[number].height = LINE_HEIGHT * lines + 4
    ws.append(cells)
    del dimensions[number]  # written with the row: nothing of a written row is kept


def _lines(text: str, width: float) -> int:
    """wrapped_lines(text, width), without wrapping a text that fits on one line (most do)."""
    if len(text) <= line_capacity(width) and "\t" not in text:  # a tab may widen it; nothing else does
        return 1
    return wrapped_lines(text, width)


def _colour_letters(formats: ConditionalFormattingList, cells: str, scheme: Scheme) -> None:
    """Conditional formats per letter, case- and space-insensitive, so edits recolour themselves."""
    top_left = cells.split(":")[0]
    for letter in scheme.ranked:
        swatch = scheme.colours[letter]
        fill = swatch.xlsx_fill
        style = DifferentialStyle(
            font=Font(color=swatch.xlsx_ink, bold=swatch.bold),
            fill=PatternFill(fill_type="solid", start_color=fill, end_color=fill, bgColor=fill),
        )
        rule = FormatRule(type="expression", dxf=style, stopIfTrue=True)
        rule.formula = [f'UPPER(TRIM({top_left}))="{letter}"']
        formats.add(cells, rule)


def accountability_formula(first_row_roles: str, scheme: Scheme) -> str:
    """The ID flag's condition for the first row: not exactly one accountable letter (A or A/R). COUNTIF
    (case-insensitive) is evaluated alike by Excel, LibreOffice and Gnumeric; an array form is not."""
    accountable = [letter for letter in scheme.letters if letter in scheme.accountable]
    return "+".join(f'COUNTIF({first_row_roles},"{letter}")' for letter in accountable) + "<>1"


def _flag_accountability(formats: ConditionalFormattingList, ids: str, first_row_roles: str, scheme: Scheme) -> None:
    """Shade an ID in the error red when its row does not hold exactly one A or A/R."""
    error = palette.ERROR
    style = DifferentialStyle(
        font=Font(color=error.xlsx_ink, bold=error.bold),
        fill=PatternFill(
            fill_type="solid", start_color=error.xlsx_fill, end_color=error.xlsx_fill, bgColor=error.xlsx_fill
        ),
    )
    rule = FormatRule(type="expression", dxf=style, stopIfTrue=True)
    rule.formula = [accountability_formula(first_row_roles, scheme)]
    formats.add(ids, rule)


def _letter_dropdown(cells: str, t: Translator, scheme: Scheme) -> DataValidation:
    """A drop-down of the letters on every role cell; anything else is refused."""
    check = DataValidation(
        type="list",
        formula1='"' + ",".join(scheme.letters) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("Not a RACI letter"),
        error=t("Use one of R, A, A/R, C or I, or leave the cell empty."),
    )
    check.add(cells)
    return check


# --- Roles ----------------------------------------------------------------------------


def _roles_sheet(ws: Worksheet, report: Report, t: Translator) -> None:
    """One row per role column of RACI: title, primary function and other hats in words, person, how
    many of each letter it holds, its load (letters weighted) and its person's, and what stands out;
    then the role's key, in a hidden column the reader maps roles by."""
    letters = report.matrix.scheme.letters
    load = report.load
    headers = [
        t("Role"),
        t("Function"),
        t("Other hats"),
        t("Person"),
        *letters,
        t("Load"),
        t("Share of load"),
        t("Person's load"),
        t("Person's share"),
        t("Flag"),
        t("Key"),
    ]
    first_letter = 5
    first_load = first_letter + len(letters)
    widths = [28.0, 16.0, 18.0, 24.0, *(7.0 for _ in letters), 9.0, 10.0, 10.0, 10.0, 30.0, 20.0]
    header_row(ws, 1, headers, widths)
    person_of = {role.key: person for person in load.people for role in person.roles}
    for number, entry in enumerate(load.roles, start=2):
        role = entry.role
        person = person_of[role.key]
        hats = ", ".join(function_words(hat, t) for hat in role.also)
        texts = (role.title, function_words(role.function, t), hats, role.person)
        for column, text in enumerate(texts, start=1):
            cell = put_text(cell_at(ws, number, column), text)
            cell.border = GRID
            cell.alignment = WRAP_TOP
        ws.row_dimensions[number].height = LINE_HEIGHT * max(
            wrapped_lines(text, width) for text, width in zip(texts, widths, strict=False)
        )
        for column, letter in enumerate(letters, start=first_letter):
            cell = cell_at(ws, number, column, entry.counts.get(letter, 0))
            cell.alignment = CENTRE
            cell.border = GRID
        figures = ((entry.points, None), (entry.share, "0%"), (person.points, None), (person.share, "0%"))
        for column, (value, shown) in enumerate(figures, start=first_load):
            cell = ws.cell(number, column, value)
            cell.alignment = CENTRE
            cell.border = GRID
            if shown:
                cell.number_format = shown
        put_text(cell_at(ws, number, first_load + 4), load_flag(entry, person, load.settings.limit, t)).border = GRID
        put_text(cell_at(ws, number, len(headers)), role.key)
    for column in range(first_letter, first_load + 4):  # centred over the figures, still wrapped
        cell_at(ws, 1, column).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.column_dimensions[get_column_letter(len(headers))].hidden = True  # for raci check, not the client
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers) - 1)}{1 + max(len(report.workload), 1)}"
    _print_setup(ws, report, t, landscape=True, title_rows="1:1")


# --- Legend ---------------------------------------------------------------------------


def _legend_sheet(ws: Worksheet, report: Report, t: Translator) -> None:
    """The letters, the profile, the shares, the rules and the rows each decided, and the tool."""
    for column, width in enumerate(LEGEND_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    put_text(cell_at(ws, 1, 1), t("How to read this workbook")).font = TITLE_FONT
    number = _letters_table(ws, 3, t, report.matrix.scheme)
    converted = report.converted
    if converted is not None and converted.decisions:  # which rows DACI or RAPID shows as decisions
        note = put_text(cell_at(ws, number, 2), converted_line(converted, t, shown=len(converted.decisions)))
        note.font = NOTE_FONT
        note.alignment = WRAP_TOP
        ws.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(str(note.value), LEGEND_WIDTHS[1])
        number += 1
    number = _profile_table(ws, report, number + 1, t)
    number = _shares_table(ws, report, number + 1, t)
    number = _rules_table(ws, report, number + 1, t) + 1
    put_text(cell_at(ws, number, 1), t("Generated by raci")).font = BOLD
    put_text(cell_at(ws, number, 2), report.version).alignment = Alignment(horizontal="left")
    ws.sheet_view.showGridLines = False
    _print_setup(ws, report, t, landscape=True, title_rows=None)


def _letters_table(ws: Worksheet, number: int, t: Translator, scheme: Scheme) -> int:
    """Each letter in its matrix colour with its meaning; returns the next free row."""
    header_row(ws, number, [t("Letter"), t("Meaning")])
    for letter in scheme.letters:
        number += 1
        swatch = scheme.colours[letter]
        cell = cell_at(ws, number, 1, str(letter))
        cell.fill = PatternFill(fill_type="solid", start_color=swatch.xlsx_fill, end_color=swatch.xlsx_fill)
        cell.font = Font(name=FONT, color=swatch.xlsx_ink, bold=swatch.bold)
        cell.alignment = CENTRE
        cell.border = GRID
        meaning = cell_at(ws, number, 2, t(scheme.meanings[letter]))
        meaning.border = GRID
        meaning.alignment = WRAP_TOP
        ws.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(t(scheme.meanings[letter]), LEGEND_WIDTHS[1])
    note = put_text(
        cell_at(ws, number + 1, 2),
        t("On the RACI sheet an ID turns red when its row does not hold exactly one A or A/R.")
        if scheme is RACI
        else t("On the RACI sheet an ID turns red when its row does not hold exactly one of {letters}.").format(
            letters=", ".join(letter for letter in scheme.letters if letter in scheme.accountable)
        ),
    )
    note.font = NOTE_FONT
    note.alignment = WRAP_TOP
    ws.row_dimensions[number + 1].height = LINE_HEIGHT * wrapped_lines(str(note.value), LEGEND_WIDTHS[1])
    return number + 2


def _profile_table(ws: Worksheet, report: Report, number: int, t: Translator) -> int:
    """The profile as label and value rows; returns the next free row."""
    profile = report.profile
    header_row(ws, number, [t("Profile"), ""])
    values = (
        (t("Title"), t(profile.title)),
        (t("Headcount"), t("{people} people").format(people=profile.headcount_label)),
        (t("Structure"), t(profile.structure)),
        *([(t("Description"), t(profile.description))] if roles_kept(report) else []),
        (t("Roles"), ", ".join(role.title for role in report.matrix.roles)),
    )
    for label, value in values:
        number += 1
        _label_value(ws, number, label, value)
    return number + 1


def _shares_table(ws: Worksheet, report: Report, number: int, t: Translator) -> int:
    """The shares as percentages with what each counts; returns the next free row."""
    shares = report.shares
    header_row(ws, number, [t("Share"), t("Value"), t("What it counts")])
    values = (
        (t("Sales-led share"), shares.sales_led),
        (t("Marketing-led share"), shares.marketing_led),
        (t("Home alignment"), shares.home_alignment),
        (t("Strategy alignment"), shares.strategy_alignment),
    )
    missing = (t("n/a (no row has a sales or marketing home)"), t("n/a (no row is marketing strategy)"))
    for index, ((label, value), note) in enumerate(zip(values, map(t, SHARE_NOTES), strict=True)):
        number += 1
        label_cell = put_text(cell_at(ws, number, 1), label)
        label_cell.border = GRID
        label_cell.alignment = WRAP_MIDDLE
        cell = cell_at(ws, number, 2)
        cell.border = GRID
        cell.alignment = Alignment(horizontal="left", vertical="center")
        if value is None:
            cell.value = missing[index - 2]
        else:
            cell.value = value
            cell.number_format = "0%"
        note_cell = cell_at(ws, number, 3, note)
        note_cell.alignment = WRAP_MIDDLE
        note_cell.border = GRID
        ws.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(note, LEGEND_WIDTHS[2])
    number += 1
    counted = t(
        "Over {rows} responsibilities, {homed} of them with a sales or marketing home, {strategic} of them "
        "marketing strategy."
    ).format(rows=shares.rows, homed=shares.homed_rows, strategic=shares.strategy_rows)
    put_text(cell_at(ws, number, 2), counted).font = NOTE_FONT
    return number + 1


def _rules_table(ws: Worksheet, report: Report, number: int, t: Translator) -> int:
    """Each rule of the profile that decided rows, in file order: in words, with its note, the rows it
    decided, and its technical form (as the profile writes it) for auditors, in a hidden column."""
    ws.column_dimensions[get_column_letter(len(LEGEND_WIDTHS))].hidden = True  # a code, not for a client's eyes
    header_row(ws, number, [t("Rule"), t("Note"), t("Rows it decided"), t("Count"), t("As the profile writes it")])
    rules = report.profile.rules
    for rule, decided in zip(rules, _decided(report.matrix.rows, rules), strict=True):
        if not decided:
            continue
        number += 1
        texts = (rule_words(rule, t), t(rule.note), _ids(decided, t), "", rule.label)
        for column, text in enumerate(texts, start=1):
            cell = put_text(cell_at(ws, number, column), text) if text else cell_at(ws, number, column)
            cell.alignment = WRAP_TOP
            cell.border = GRID
        count = cell_at(ws, number, 4, len(decided))
        count.alignment = Alignment(horizontal="center", vertical="top")
        count.border = GRID
        lines = max(wrapped_lines(text, width) for text, width in zip(texts, LEGEND_WIDTHS, strict=False))
        ws.row_dimensions[number].height = LINE_HEIGHT * lines
    return number + 1


def _ids(ids: Sequence[str], t: Translator) -> str:
    """The ids, comma-separated, and "… and N more" when a cell cannot hold them all."""
    text = ", ".join(ids)
    if len(text) <= CELL_LIMIT:
        return text
    shown = text[: CELL_LIMIT - 200].rsplit(", ", 1)[0]
    rest = len(ids) - shown.count(", ") - 1
    return t("{ids} … and {rest} more (the RACI sheet's Rule column names each row's rule)").format(
        ids=shown, rest=rest
    )


def _decided(rows: Sequence[Row], rules: Sequence[Rule]) -> list[list[str]]:
    """For each rule, the ids of the rows whose rule equals it, in row order; in one pass over the rows."""
    distinct = {id(row.rule): row.rule for row in rows}  # a few rule objects, shared by many rows
    equal = {key: [index for index, rule in enumerate(rules) if rule == found] for key, found in distinct.items()}
    decided: list[list[str]] = [[] for _ in rules]
    for row in rows:
        for index in equal[id(row.rule)]:
            decided[index].append(row.item.id)
    return decided


def _label_value(ws: Worksheet, number: int, label: str, value: str) -> None:
    """A bold label in A and a wrapped value in B."""
    label_cell = put_text(cell_at(ws, number, 1), label)
    label_cell.font = BOLD
    label_cell.alignment = WRAP_TOP
    label_cell.border = GRID
    value_cell = put_text(cell_at(ws, number, 2), value)
    value_cell.alignment = WRAP_TOP
    value_cell.border = GRID
    ws.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(value, LEGEND_WIDTHS[1])


# --- Checks ---------------------------------------------------------------------------


def _checks_sheet(ws: Worksheet, story: Story) -> None:
    """The findings of the quality checks, errors first: one row per check and advice (a repeated
    finding once, naming its rows), the check as a sentence; its id in a hidden last column."""
    report, t = story.report, story.t
    widths = (10.0, 30.0, 24.0, 24.0, 80.0, 24.0)
    headers = [t("Severity"), t("Check"), t("Rows"), t("Roles"), t("What to do"), t("Rule")]
    header_row(ws, 1, headers, widths)
    groups = story.lines
    for number, first in enumerate(groups, start=2):
        ids, roles, text = first.ids, first.roles, first.text
        texts = (t(SEVERITY_WORDS.get(first.severity, first.severity)), first.title, ids, roles, text)
        for column, value in enumerate(texts, start=1):
            cell = put_text(cell_at(ws, number, column), value) if value else cell_at(ws, number, column)
            cell.alignment = WRAP_TOP
            cell.border = GRID
            if first.severity == "error" and column == 1:
                cell.font = Font(name=FONT, bold=True, color=palette.ERROR.xlsx_ink)
        put_text(cell_at(ws, number, len(headers)), first.rule)
        lines = max(wrapped_lines(text, widths[4]), wrapped_lines(ids, widths[2]), wrapped_lines(roles, widths[3]))
        ws.row_dimensions[number].height = LINE_HEIGHT * lines
    if not groups:
        put_text(cell_at(ws, 2, 1), t("No findings: the matrix passes every check.")).font = NOTE_FONT
    ws.column_dimensions[get_column_letter(len(headers))].hidden = True  # the check's id, for auditors
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{1 + max(len(groups), 1)}"
    _print_setup(ws, report, t, landscape=True, title_rows="1:1")


def _communication_sheet(ws: Worksheet, story: Story) -> None:
    """The communication plan per person, over every role they hold: the rows they decide on, whom they
    ask before and whom they tell after, on which rows, and how often; one line per (person, decides,
    ask or tell, other person)."""
    report, t = story.report, story.t
    plan = story.communication
    widths = (22.0, 28.0, 18.0, 22.0, 28.0, 9.0, 50.0)
    headers = [t("Person"), t("Roles"), t("When"), t("Whom"), t("Their roles"), t("Rows"), t("IDs")]
    header_row(ws, 1, headers, widths)
    put_text(cell_at(ws, 1, len(headers) + 2), t("How often")).font = Font(name=FONT, bold=True)
    put_text(cell_at(ws, 2, len(headers) + 2), story.cadence).alignment = WRAP_TOP
    ws.column_dimensions[get_column_letter(len(headers) + 2)].width = 36.0
    number = 1
    for entry in plan.people:
        lines = [(t("Decides on"), "", "", entry.decides)]
        for when, contacts in ((t("Before deciding, ask"), entry.consult), (t("After, tell"), entry.inform)):
            lines += [(when, someone(c.person, c.roles, t), hats(c.person, c.roles, t), c.ids) for c in contacts]
        for when, whom, their, found in lines:
            number += 1
            ids = ", ".join(found)
            texts = (someone(entry.person, entry.roles, t), hats(entry.person, entry.roles, t), when, whom, their)
            for column, text in enumerate(texts, start=1):
                cell = put_text(cell_at(ws, number, column), text) if text else cell_at(ws, number, column)
                cell.alignment = WRAP_TOP
                cell.border = GRID
            count = cell_at(ws, number, 6, len(found))
            count.alignment = CENTRE
            count.border = GRID
            cell = put_text(cell_at(ws, number, 7), ids)
            cell.alignment = WRAP_TOP
            cell.border = GRID
            shown = (*texts, "", ids)  # every text column, the count aside
            ws.row_dimensions[number].height = LINE_HEIGHT * max(
                wrapped_lines(text, width) for text, width in zip(shown, widths, strict=True)
            )
    if number == 1:
        put_text(
            cell_at(ws, 2, 1), t("No one is asked before or told after: the matrix holds no C or I.")
        ).font = NOTE_FONT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(number, 2)}"
    _print_setup(ws, report, t, landscape=True, title_rows="1:1")


CONFIRM_SHEET = "Confirm"


def _confirm_sheet(ws: Worksheet, story: Story) -> None:
    """The rows raci could not place with confidence, each with raci's guess, why and the fix ("please
    confirm"); then the rows whose Accountable the client chose."""
    report, t = story.report, story.t
    widths = (10.0, 40.0, 28.0, 60.0, 50.0)
    header_row(ws, 1, [t("ID"), t("Responsibility"), t("Accountable (raci's guess)"), t("Why"), t("Fix")], widths)
    for number, line in enumerate(story.confirm, start=2):
        texts = (line.id, line.responsibility, line.guess, line.why, line.fix)
        for column, value in enumerate(texts, start=1):
            written = value or not line.chosen  # a chosen row leaves its empty cells empty
            cell = put_text(cell_at(ws, number, column), value) if written else cell_at(ws, number, column)
            cell.alignment = WRAP_TOP
            cell.border = GRID
        if not line.chosen:
            ws.row_dimensions[number].height = LINE_HEIGHT * max(
                wrapped_lines(text, width) for text, width in zip(texts, widths, strict=True)
            )
    ws.freeze_panes = "A2"
    _print_setup(ws, report, t, landscape=True, title_rows="1:1")


def _read_as_sheet(ws: Worksheet, story: Story) -> None:
    """The audit trail of a matrix made elsewhere: each way a cell was written that raci read as
    something else, how it read it and in which cells; changes of meaning first, spelling only last."""
    report, t = story.report, story.t
    widths = (16.0, 16.0, 8.0, 16.0, 70.0)
    header_row(ws, 1, [t("Written"), t("Read as"), t("Cells"), t("Change"), t("Where")], widths)
    for number, entry in enumerate(story.read_as, start=2):
        texts = (entry.written, entry.shown, "", entry.change, ", ".join(entry.cells))
        for column, value in enumerate(texts, start=1):
            cell = put_text(cell_at(ws, number, column), value) if value else cell_at(ws, number, column)
            cell.alignment = WRAP_TOP
            cell.border = GRID
        count = cell_at(ws, number, 3)
        count.value = len(entry.cells)
        ws.row_dimensions[number].height = LINE_HEIGHT * max(
            wrapped_lines(text, width) for text, width in zip(texts, widths, strict=True)
        )
    ws.freeze_panes = "A2"
    _print_setup(ws, report, t, landscape=True, title_rows="1:1")


# --- Sizes ----------------------------------------------------------------------------

SIZE_HEADER = (
    N_("Size"),
    N_("Headcount"),
    N_("Roles"),
    N_("Sales"),
    N_("Marketing"),
    N_("One person for both"),
    N_("Others"),
    N_("Home alignment"),
    N_("Strategy alignment"),
    N_("This profile"),
)
SEGMENT_COLUMNS = 4  # Sales to Others: who answers, summing to 100%; the chart's series
SERIES_COLOURS = tuple(palette.xlsx(colour) for colour in palette.SERIES.values())  # as on the pages


def _sizes_sheet(ws: Worksheet, report: Report, t: Translator) -> None:
    """Who answers (sales, marketing, one person for both, others) and the alignments for every size on
    this catalogue, with a native 100% stacked bar chart; this profile marked."""
    widths = (30.0, 18.0, 8.0, 11.0, 12.0, 14.0, 10.0, 15.0, 15.0, 12.0)  # sizes and headcounts in bold fit
    header_row(ws, 1, [t(name) for name in SIZE_HEADER], widths)
    for number, entry in enumerate(report.sizes, start=2):
        profile, shares = entry.profile, entry.shares
        texts = (t(profile.title), t("{people} people").format(people=profile.headcount_label))
        for column, text in enumerate(texts, start=1):
            put_text(cell_at(ws, number, column), text).border = GRID
        cell_at(ws, number, 3, len(profile.roles)).border = GRID
        values = (*shares.segments.values(), shares.home_alignment, shares.strategy_alignment)
        for column, value in enumerate(values, start=4):
            cell = cell_at(ws, number, column)
            cell.value = value
            cell.number_format = "0%"
            cell.border = GRID
        mark = put_text(cell_at(ws, number, len(SIZE_HEADER)), t("this profile") if entry.current else "")
        mark.border = GRID
        if entry.current:
            for column in range(1, len(SIZE_HEADER) + 1):
                cell_at(ws, number, column).font = Font(name=FONT, bold=True)
    ws.freeze_panes = "A2"
    ws.add_chart(_size_chart(ws, report, t), f"A{len(report.sizes) + 4}")
    _print_setup(ws, report, t, landscape=True, title_rows=None)


def _size_chart(ws: Worksheet, report: Report, t: Translator) -> BarChart:
    """A 100% stacked bar per size of who answers, from the Sizes sheet `ws`; this profile's bars outlined."""

    last = 1 + len(report.sizes)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "percentStacked"
    chart.overlap = 100
    chart.title = t("Who answers, by company size")
    chart.x_axis.scaling.orientation = "maxMin"  # smallest size on top, as on the page
    chart.y_axis.title = t("Share of responsibilities")
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.add_data(
        Reference(ws, min_col=4, max_col=3 + SEGMENT_COLUMNS, min_row=1, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    current = next((index for index, entry in enumerate(report.sizes) if entry.current), None)
    for series, colour in zip(chart.series, SERIES_COLOURS, strict=True):
        series.graphicalProperties.pattFill = _even_fill(colour)
        series.graphicalProperties.line.solidFill = colour
        if current is not None:  # this profile's bar outlined in black
            point = DataPoint(idx=current)
            point.graphicalProperties.pattFill = _even_fill(colour)
            point.graphicalProperties.line.solidFill = "000000"
            point.graphicalProperties.line.width = 28575
            series.dPt.append(point)
    if chart.legend is not None:
        chart.legend.position = "b"
    chart.height, chart.width = 9, 18
    return chart


def _even_fill(colour: str) -> PatternFillProperties:
    """A fill of one colour written as a pattern of that colour on itself: Excel and LibreOffice show it
    solid, and Gnumeric, which draws a plain solid fill in its own default colours, shows it too."""
    choice = ColorChoice(srgbClr=colour)  # type: ignore[arg-type]  # the stubs say RGBPercent; openpyxl takes hex
    return PatternFillProperties(prst="pct50", fgClr=choice, bgClr=choice)


# --- Data for reading back -------------------------------------------------------------


def _data_sheet(ws: Worksheet, report: Report) -> None:
    """A hidden sheet with what `raci check` needs to recover the profile: its name, its TOML text and the
    scheme its letters are in."""
    profile = report.profile
    put_text(cell_at(ws, 1, 1), "raci")
    put_text(cell_at(ws, 1, 2), report.version)
    put_text(cell_at(ws, 2, 1), "profile")
    put_text(cell_at(ws, 2, 2), profile.name)
    put_text(cell_at(ws, 1, 3), "scheme")  # the letters' scheme (the profile text may not name it)
    put_text(cell_at(ws, 1, 4), report.matrix.scheme.name)
    put_text(cell_at(ws, 3, 1), "profile.toml")
    for number, line in enumerate(profile.text.splitlines(), start=3):
        # A line longer than a cell holds goes on in the next cells of its row; the reader joins them.
        for column, start in enumerate(range(0, len(line), DATA_CHUNK), start=2):
            put_text(cell_at(ws, number, column), line[start : start + DATA_CHUNK])
    ws.sheet_state = "hidden"


def _areas_sheet(ws: Worksheet, report: Report, t: Translator) -> None:
    """A hidden sheet of each area whose words differ from it: the area as the catalogue names it and
    the words the RACI sheet shows, so `raci check` reads the row's own area back."""
    put_text(cell_at(ws, 1, 1), "area")
    put_text(cell_at(ws, 1, 2), "words")
    number = 1
    for area in dict.fromkeys(row.item.area for row in report.matrix.rows):
        if (words := area_words(area, t)) != area:
            number += 1
            put_text(cell_at(ws, number, 1), area)
            put_text(cell_at(ws, number, 2), words)
    ws.sheet_state = "hidden"


def _sheets_sheet(ws: Worksheet, names: dict[str, str]) -> None:
    """A hidden sheet of each part's sheet name, so a reader finds the Roles sheet of a workbook in any language."""
    put_text(cell_at(ws, 1, 1), "part")
    put_text(cell_at(ws, 1, 2), "sheet")
    for number, (part, name) in enumerate(names.items(), start=2):
        put_text(cell_at(ws, number, 1), part)
        put_text(cell_at(ws, number, 2), name)
    ws.sheet_state = "hidden"


# --- Shared style helpers -------------------------------------------------------------


def _role_width(title: str) -> float:
    """ROLE_WIDTH, or wider when the title's longest word would not fit on one line in bold."""
    return max(ROLE_WIDTH, max((len(word) for word in title.split()), default=0) + 3.0)


def _print_setup(ws: Worksheet, report: Report, t: Translator, *, landscape: bool, title_rows: str | None) -> None:
    """A4, one page wide, page numbers in the footer, the header row on every page."""
    print_setup(ws, _title(report, t), report.version, t, landscape=landscape, title_rows=title_rows)


# --- Properties and bytes -------------------------------------------------------------


def _properties(workbook: Workbook, report: Report, when: datetime | None, t: Translator) -> None:
    """Title, subject, creator and keywords; fixed dates when SOURCE_DATE_EPOCH is set."""
    profile = report.profile
    props = workbook.properties
    props.title = _title(report, t)
    props.subject = t("Sales and marketing responsibilities (RACI)")
    props.creator = f"raci {report.version}"
    props.keywords = f"RACI, {profile.name}"
    props.description = t("Generated by raci {version} for the {profile} profile.").format(
        version=report.version, profile=profile.name
    )
    if when is not None:
        props.created = props.modified = when
