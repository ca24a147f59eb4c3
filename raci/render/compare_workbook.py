"""A comparison as an Excel workbook: sheets Plan (the plan, step by step, with its counts) and Compare (row by row)."""

from __future__ import annotations

import re
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.compare import Comparison
from ..core.plan import scope_of
from ..i18n import DEFAULT, N_, Translator
from ..model import Responsibility
from .labels import GROUP_LABELS, SHARE_LABELS
from .openpyxl_compat import remember_styles
from .plan_text import document_title, plan_opening, plan_text, size_heading, size_title, step_sections
from .words import area_words, function_words
from .xlsx import (
    AREA_EDGE,
    BOLD,
    CENTRE,
    FONT,
    GRID,
    HEADER_ROW,
    LINE_HEIGHT,
    NOTE_FONT,
    THIN,
    TITLE_FONT,
    WRAP_MIDDLE,
    WRAP_TOP,
    cell_at,
    header_row,
    print_setup,
    put_text,
    wrapped_lines,
    xlsx_bytes,
)

# In English, marked for the catalogue; translated where the sheet is written.
COMPARE_HEADER = (
    N_("ID"),
    N_("Area"),
    N_("Responsibility"),
    N_("From (role)"),
    N_("From (function)"),
    N_("To (role)"),
    N_("To (function)"),
    N_("Group"),
    N_("R before"),
    N_("R after"),
)
COMPARE_WIDTHS = (9.0, 16.0, 44.0, 22.0, 13.0, 22.0, 13.0, 26.0, 28.0, 28.0)
STEP_WIDTH = 90.0  # the Plan sheet's sentences: a line of print; within WIDEST_COLUMN, so a page holds it whole
GROUP_FILLS = {
    "sales-to-marketing": "F6E4D6",
    "stays-with-sales": "DBE8F2",
    "to-new-roles": "E2EFDA",
    "stays-with-leadership": "E7EAEE",
    "stays-with-marketing": "FBEFE4",
    "other-changes": "FFF2CC",
    "stays-elsewhere": "F2F2F2",
}
NO_SINGLE_A = N_("(no single A)")
CELL = re.compile(r"(?:(?P<sheet>.+)!)?\$?[A-Z]{1,3}\$?(?P<row>[0-9]+)")  # a row named by its cell: "A4", "Sheet1!B7"


def workbook_bytes(comparison: Comparison, when: datetime | None = None, *, lang: str = DEFAULT) -> bytes:
    """The comparison as the bytes of an .xlsx file in `lang` dated `when` (None: now): sheets Plan (first:
    the workbook opens on it) and Compare (row by row), named so in every language."""
    t = Translator(lang)
    workbook = remember_styles(Workbook())
    workbook.remove(workbook.worksheets[0])
    _plan_sheet(workbook.create_sheet("Plan"), comparison, t)
    _compare_sheet(workbook.create_sheet("Compare"), comparison, t)
    _workbook_properties(workbook, comparison, when, t)
    return xlsx_bytes(workbook, when)


def _compare_sheet(ws: Worksheet, comparison: Comparison, t: Translator) -> None:
    old, new = comparison.old, comparison.new
    client = comparison.branding.client
    title = t("Who answers for what \u2014 {old} to {new}").format(
        old=size_heading(old, t, client), new=size_heading(new, t, client)
    )
    put_text(cell_at(ws, 1, 1), title).font = TITLE_FONT
    total = len(comparison.moves)
    changed = t.plural(
        "{changed} of {total} responsibility changes the function that answers for it",
        "{changed} of {total} responsibilities change the function that answers for them",
        total,
    ).format(changed=len(comparison.changes), total=total)
    shifts = [
        f"{t(SHARE_LABELS[key])} {t.percent(getattr(comparison.old_shares, key))} \u2192 "
        f"{t.percent(getattr(comparison.new_shares, key))}"
        for key in ("sales_led", "marketing_led")
    ]
    note = "   \u00b7   ".join([changed, *shifts])
    if scope_of(comparison).out:  # the size's letters, beside a plan that keeps the rows with the firm's roles
        note = t(
            "Not in the plan: how the {size} profile would assign these rows. "
            "The plan keeps them with the roles you have now."
        ).format(size=new.title)
    put_text(cell_at(ws, 2, 1), note).font = NOTE_FONT
    placed = [_row_of(move.item, t) for move in comparison.moves] if comparison.old.origin else []
    header = [t(name) for name in COMPARE_HEADER]
    if placed and all(placed):  # a matrix without IDs: its rows by where they stand in it
        header[0] = t("Row")
    header_row(ws, HEADER_ROW, header, COMPARE_WIDTHS)

    previous = None
    for number, move in enumerate(comparison.moves, start=HEADER_ROW + 1):
        new_area = previous is not None and move.item.area != previous
        previous = move.item.area
        border = Border(left=THIN, right=THIN, top=AREA_EDGE if new_area else THIN, bottom=THIN)
        texts = (
            placed[number - HEADER_ROW - 1] if placed and placed[number - HEADER_ROW - 1] else move.item.id,
            area_words(move.item.area, t),
            move.item.responsibility,
            move.old.title if move.old else t(NO_SINGLE_A),
            function_words(move.old_function, t) if move.old_function else "",
            move.new.title if move.new else t(NO_SINGLE_A),
            function_words(move.new_function, t) if move.new_function else "",
            t(GROUP_LABELS[move.group]),
            ", ".join(move.old_responsible),
            ", ".join(move.new_responsible),
        )
        for column, text in enumerate(texts, start=1):
            cell = put_text(cell_at(ws, number, column), text)
            cell.alignment = WRAP_MIDDLE
            cell.border = border
        colour = GROUP_FILLS[move.group]
        cell_at(ws, number, 8).fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        if move.changed:
            for column in (6, 7):
                cell_at(ws, number, column).font = BOLD
        lines = max(wrapped_lines(text, width) for text, width in zip(texts, COMPARE_WIDTHS, strict=True))
        ws.row_dimensions[number].height = LINE_HEIGHT * lines + 4

    last_row = HEADER_ROW + max(len(comparison.moves), 1)
    ws.freeze_panes = cell_at(ws, HEADER_ROW + 1, 4)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COMPARE_HEADER))}{last_row}"
    ws.sheet_view.showGridLines = False
    note = t("Bold: the function that answers for the responsibility changes. R: roles that do the work (R or A/R).")
    if any(placed):
        note += " " + t("Row: where the responsibility stands in {matrix}, which gives it no ID.").format(
            matrix=size_title(old, t, client)
        )
    put_text(cell_at(ws, last_row + 2, 1), note).font = Font(name=FONT, italic=True, color="595959")
    cell_at(ws, last_row + 2, 1).alignment = Alignment(wrap_text=False)
    _page_setup(ws, comparison, t, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _row_of(item: Responsibility, t: Translator) -> str:
    """Where a row of a matrix without IDs stands in it, as the client finds it ("Row 4", "Pricing, row 7"),
    for the cell raci names it by ("A4", "Pricing!B7"); "" for a row the matrix gives its own ID."""
    cell = CELL.fullmatch(item.id)
    if cell is None or int(cell.group("row")) != item.line:
        return ""
    if cell.group("sheet"):
        return t("{sheet}, row {row}").format(sheet=cell.group("sheet"), row=item.line)
    return t("Row {row}").format(row=item.line)


HIRES_HEADER = (N_("Role"), N_("Function"), N_("Accountable (A)"), N_("Does the work (R)"))
HIRES_WIDTHS = (STEP_WIDTH, 14.0, 14.0, 16.0)
SECTION_FONT = Font(name=FONT, bold=True, size=12, color="1F3864")


def _plan_sheet(ws: Worksheet, comparison: Comparison, t: Translator) -> None:
    """The plan, step by step: the sentences, each step's hires as a table, then the groups."""
    old, new = comparison.old, comparison.new
    client = comparison.branding.client
    plan = t("Plan: from {old} to {new}").format(old=size_title(old, t, client), new=size_title(new, t, client))
    top = put_text(cell_at(ws, 1, 1), plan)
    top.font = TITLE_FONT
    top.alignment = WRAP_TOP  # within the column, not over empty ones a page may leave out
    scale = _font_scale(TITLE_FONT)
    ws.row_dimensions[1].height = LINE_HEIGHT * scale * wrapped_lines(plan, STEP_WIDTH / scale) + 4
    for column, width in enumerate(HIRES_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    number = 2

    def sentence(text: str, font: Font | None = None) -> None:
        nonlocal number
        number += 1
        cell = put_text(cell_at(ws, number, 1), text)
        cell.alignment = WRAP_TOP
        if font is not None:
            cell.font = font
        scale = _font_scale(font)  # a heading's larger, bolder letters: fewer to a line, taller lines
        ws.row_dimensions[number].height = LINE_HEIGHT * scale * wrapped_lines(text, STEP_WIDTH / scale) + 4

    for text in plan_opening(comparison, t):
        sentence(text)
    for step_text in plan_text(comparison, t):
        step = step_text.step
        number += 1
        sentence(step_text.heading, SECTION_FONT)
        sentence(step_text.trigger, BOLD)
        for title, texts in step_sections(step_text):
            if title == "What changes":  # the counts, under the step's heading as on the page
                for text in texts:
                    sentence(text)
                continue
            if not texts:
                continue
            sentence(t(title), BOLD)
            for text in texts:
                sentence(text)
            if title == "Hires, in order" and step.hires:
                number += 2
                header_row(ws, number, [t(name) for name in HIRES_HEADER], HIRES_WIDTHS)
                for hire in step.hires:
                    number += 1
                    values: tuple[str | int, ...] = (
                        hire.role.title,
                        function_words(hire.role.function, t),
                        len(hire.takes),
                        len(hire.does),
                    )
                    for column, value in enumerate(values, start=1):
                        cell = (
                            put_text(cell_at(ws, number, column), value)
                            if isinstance(value, str)
                            else cell_at(ws, number, column, value)
                        )
                        cell.border = GRID
                        if column > 2:  # the two counts
                            cell.alignment = CENTRE
                number += 1
        if step_text.shares:
            sentence(step_text.shares, NOTE_FONT)
    if not scope_of(comparison).out:  # out of scope, the groups would speak of moves the plan does not make
        _group_table(ws, comparison, t, number + 2)
    ws.sheet_view.showGridLines = False
    _page_setup(ws, comparison, t, landscape=True, title_rows=None)  # as Compare: Gnumeric pages both alike


def _font_scale(font: Font | None) -> float:
    """How much wider and taller than the body's 11 points `font` draws: its size, and a tenth more when bold."""
    if font is None:
        return 1.0
    return (font.size or 11.0) / 11.0 * (1.1 if font.bold else 1.0)


def _group_table(ws: Worksheet, comparison: Comparison, t: Translator, number: int) -> None:
    """All responsibilities by where they end up, from row `number` down."""
    total = len(comparison.moves)
    text = t("All {total} responsibilities, by where they end up:").format(total=total)
    cell = put_text(cell_at(ws, number, 1), text)
    cell.font = BOLD
    cell.alignment = WRAP_TOP
    number += 1
    header_row(ws, number, [t("Group"), t("Responsibilities")], HIRES_WIDTHS[:2])  # sized for its names
    for entry in comparison.groups:
        number += 1
        put_text(cell_at(ws, number, 1), t(GROUP_LABELS[entry.group.key])).border = GRID
        count = cell_at(ws, number, 2, len(entry.moves))
        count.border = GRID
        count.alignment = CENTRE
    number += 1
    put_text(cell_at(ws, number, 1), t("All responsibilities")).alignment = Alignment(horizontal="right")
    cell_at(ws, number, 2, total).alignment = CENTRE


def _page_setup(
    ws: Worksheet, comparison: Comparison, t: Translator, *, landscape: bool, title_rows: str | None
) -> None:
    """The page settings of raci.excel's sheets, with this comparison's title."""
    title = document_title(comparison, t)
    print_setup(ws, title, comparison.version, t, landscape=landscape, title_rows=title_rows)


def _workbook_properties(workbook: Workbook, comparison: Comparison, when: datetime | None, t: Translator) -> None:
    # a size by its name; a matrix made elsewhere as the client's matrix, not by its file's name
    old = size_title(comparison.old, t, comparison.branding.client) if comparison.old.origin else comparison.old.name
    new = comparison.new.name
    props = workbook.properties
    props.title = document_title(comparison, t)
    props.subject = t("Sales and marketing responsibilities (RACI): how ownership changes with company size")
    props.creator = f"raci {comparison.version}"
    props.keywords = t("RACI, sales, marketing, comparison, {old}, {new}").format(old=old, new=new)
    props.description = t("Generated by raci {version}: {old} to {new}.").format(
        version=comparison.version, old=old, new=new
    )
    if when is not None:
        props.created = props.modified = when
