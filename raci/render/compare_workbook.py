"""A comparison as an Excel workbook: sheets Compare (row by row) and Plan (the sentences and the counts)."""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.compare import Comparison, document_title, plan_sentences
from ..core.labels import SHARE_LABELS
from ..i18n import N_, Translator
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
    source_date,
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
PLAN_WIDTH = 110.0
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


def workbook_bytes(comparison: Comparison) -> bytes:
    """The comparison as the bytes of an .xlsx file: sheets Compare and Plan (named so in every language)."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    _compare_sheet(workbook.create_sheet("Compare"), comparison)
    _plan_sheet(workbook.create_sheet("Plan"), comparison)
    when = source_date()
    _workbook_properties(workbook, comparison, when)
    return xlsx_bytes(workbook, when)


def _compare_sheet(ws: Worksheet, comparison: Comparison) -> None:
    t = Translator(comparison.lang)
    old, new = comparison.old, comparison.new
    title = t("Who answers for what \u2014 {old} ({old_people}) to {new} ({new_people})").format(
        old=old.title, old_people=old.headcount_label, new=new.title, new_people=new.headcount_label
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
    put_text(cell_at(ws, 2, 1), "   \u00b7   ".join([changed, *shifts])).font = NOTE_FONT
    header_row(ws, HEADER_ROW, [t(name) for name in COMPARE_HEADER], COMPARE_WIDTHS)

    previous = None
    for number, move in enumerate(comparison.moves, start=HEADER_ROW + 1):
        new_area = previous is not None and move.item.area != previous
        previous = move.item.area
        border = Border(left=THIN, right=THIN, top=AREA_EDGE if new_area else THIN, bottom=THIN)
        texts = (
            move.item.id,
            move.item.area,
            move.item.responsibility,
            move.old.title if move.old else t(NO_SINGLE_A),
            t(move.old_function or ""),
            move.new.title if move.new else t(NO_SINGLE_A),
            t(move.new_function or ""),
            t(move.group_label),
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
    put_text(cell_at(ws, last_row + 2, 1), note).font = Font(name=FONT, italic=True, color="595959")
    cell_at(ws, last_row + 2, 1).alignment = Alignment(wrap_text=False)
    _page_setup(ws, comparison, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _plan_sheet(ws: Worksheet, comparison: Comparison) -> None:
    t = Translator(comparison.lang)
    old, new = comparison.old, comparison.new
    put_text(cell_at(ws, 1, 1), t("Plan: from {old} to {new}").format(old=old.title, new=new.title)).font = TITLE_FONT
    ws.column_dimensions[get_column_letter(1)].width = PLAN_WIDTH
    ws.column_dimensions[get_column_letter(2)].width = 18.0
    number = 2
    for sentence in plan_sentences(comparison):
        number += 1
        cell = put_text(cell_at(ws, number, 1), sentence)
        cell.alignment = WRAP_TOP
        ws.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(sentence, PLAN_WIDTH) + 4
    number += 2
    header_row(ws, number, [t("Group"), t("Responsibilities")])
    ws.row_dimensions[number].height = LINE_HEIGHT + 4
    for entry in comparison.groups:
        number += 1
        put_text(cell_at(ws, number, 1), t(entry.group.label)).border = GRID
        count = cell_at(ws, number, 2, len(entry.moves))
        count.border = GRID
        count.alignment = CENTRE
    number += 1
    total = put_text(cell_at(ws, number, 1), t("All responsibilities"))
    total.alignment = Alignment(horizontal="right")
    cell_at(ws, number, 2, len(comparison.moves)).alignment = CENTRE
    ws.sheet_view.showGridLines = False
    _page_setup(ws, comparison, landscape=False, title_rows=None)


def _page_setup(ws: Worksheet, comparison: Comparison, *, landscape: bool, title_rows: str | None) -> None:
    """The page settings of raci.excel's sheets, with this comparison's title."""
    title = document_title(comparison)
    t = Translator(comparison.lang)
    print_setup(ws, title, comparison.version, t, landscape=landscape, title_rows=title_rows)


def _workbook_properties(workbook: Workbook, comparison: Comparison, when: datetime | None) -> None:
    t = Translator(comparison.lang)
    old, new = comparison.old.name, comparison.new.name
    props = workbook.properties
    props.title = document_title(comparison)
    props.subject = t("Sales and marketing responsibilities (RACI): how ownership changes with company size")
    props.creator = f"raci {comparison.version}"
    props.keywords = t("RACI, sales, marketing, comparison, {old}, {new}").format(old=old, new=new)
    props.description = t("Generated by raci {version}: {old} to {new}.").format(
        version=comparison.version, old=old, new=new
    )
    if when is not None:
        props.created = props.modified = when
