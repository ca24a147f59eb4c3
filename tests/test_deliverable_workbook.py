"""The workbook as a client deliverable: one visual language with the pages, the story first, plain
words in the client's language, the same bytes with or without lxml."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from raci.core.report import Report
from raci.i18n import Translator
from raci.inputs.profiles import builtin_profile, builtin_profiles
from raci.inputs.workbook import read_workbook
from raci.jobs.generate import Outcome, generate
from raci.model import FUNCTIONS, HOMES, HORIZONS, KNOWN_AREAS, LETTERS, Branding, Logo
from raci.render import palette
from raci.render.html import render_summary
from raci.render.messages import tell
from raci.render.words import check_title
from raci.render.workbook import logo_warning, workbook_bytes
from raci.resources import templates

from .conftest import DATA
from .helpers import header_row

SIZES = ("startup", "small", "medium", "large")
RULE_SYNTAX = re.compile(r"\b(area|home|id|kind)=")
CLIENTS = sorted((DATA / "clients").glob("*.csv"))


def load(report: Report) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(report)))


def sheet(book: Workbook, name: str) -> Worksheet:
    ws = book[name]
    assert isinstance(ws, Worksheet)
    return ws


def english_keys() -> set[str]:
    """raci's English vocabulary: area keys (and their plain forms), homes, horizons, functions, size names."""
    sizes = {profile.name for profile in builtin_profiles()}
    areas = {*KNOWN_AREAS, *(area.replace("_", " ") for area in KNOWN_AREAS)}
    return {key.casefold() for key in (*areas, *HOMES, *HORIZONS, *FUNCTIONS, *sizes)}


def visible_cells(book: Workbook) -> list[tuple[str, str]]:
    """(sheet!cell, text) of every text cell a reader sees: hidden sheets and hidden columns left out."""
    found = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        hidden = {letter for letter, dimension in ws.column_dimensions.items() if dimension.hidden}
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.column_letter not in hidden:
                    found.append((f"{ws.title}!{cell.coordinate}", cell.value))
    return found


@pytest.fixture(scope="module")
def indonesian(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    folder = tmp_path_factory.mktemp("id")
    return {size: generate(folder, builtin_profile(size), lang="id") for size in SIZES}


# --- one visual language -------------------------------------------------------------------


def css_variables(css: str) -> dict[str, str]:
    return {name: value.lower() for name, value in re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css)}


def test_each_letter_fill_in_the_workbook_is_the_palette_and_the_page_colour(large_report: Report) -> None:
    ws = sheet(load(large_report), "RACI")
    top = header_row(ws) + 1
    page = css_variables(render_summary(large_report))
    fills, inks = {}, {}
    for entry in ws.conditional_formatting:
        for rule in entry.rules:
            if found := re.fullmatch(r'UPPER\(TRIM\(D\d+\)\)="([A-Z/]+)"', rule.formula[0]):
                assert str(entry.sqref).startswith(f"D{top}:")
                assert rule.dxf is not None
                assert rule.dxf.fill is not None
                assert rule.dxf.font is not None
                fills[found.group(1)] = "#" + str(rule.dxf.fill.fgColor.rgb)[-6:].lower()
                inks[found.group(1)] = "#" + str(rule.dxf.font.color.rgb)[-6:].lower()
    assert set(fills) == set(LETTERS)
    for letter in LETTERS:
        swatch, name = palette.LETTERS[letter], palette.CSS_NAMES[letter]
        assert fills[letter] == swatch.fill == page[f"{name}-bg"]
        assert inks[letter] == swatch.ink == page[f"{name}-fg"]
    assert "c00000" not in {fill.lstrip("#") for fill in fills.values()}  # red is for errors only


def test_the_legend_shows_the_letters_in_the_same_colours(large_report: Report) -> None:
    ws = sheet(load(large_report), "Legend")
    cells = {cell.value: cell for row in ws.iter_rows(max_col=1) for cell in row if cell.value in LETTERS}
    for letter in LETTERS:
        assert str(cells[letter].fill.fgColor.rgb)[-6:].lower() == palette.LETTERS[letter].fill.lstrip("#")


def test_the_theme_template_holds_the_palette_letter_block() -> None:
    assert palette.css_letters() in (templates() / "theme.css.j2").read_text(encoding="utf-8")


def test_the_id_flag_is_a_countif_every_spreadsheet_evaluates_in_the_error_red(small_report: Report) -> None:
    ws = sheet(load(small_report), "RACI")
    top = header_row(ws) + 1
    flags = [rule for entry in ws.conditional_formatting if str(entry.sqref).startswith("A") for rule in entry.rules]
    assert len(flags) == 1
    last = openpyxl.utils.get_column_letter(3 + len(small_report.matrix.roles))
    assert flags[0].formula == [f'COUNTIF($D{top}:${last}{top},"A")+COUNTIF($D{top}:${last}{top},"A/R")<>1']
    assert flags[0].dxf is not None
    assert flags[0].dxf.fill is not None
    assert str(flags[0].dxf.fill.fgColor.rgb)[-6:].lower() == palette.ERROR.fill.lstrip("#")


# --- the story first -----------------------------------------------------------------------


def test_the_first_sheet_is_the_summary_with_the_four_shares_and_a_chart(small_report: Report) -> None:
    book = load(small_report)
    ws = book.worksheets[0]
    assert ws.title == "Summary"
    shares = small_report.shares
    values = [cell.value for row in ws.iter_rows() for cell in row if type(cell.value) in (int, float)]
    expected = [shares.sales_led, shares.marketing_led, shares.home_alignment, shares.strategy_alignment]
    assert values[:4] == pytest.approx(expected)
    assert len(ws._charts) == 1  # type: ignore[attr-defined]  # openpyxl reads charts back, unstubbed
    texts = [str(cell.value) for row in ws.iter_rows() for cell in row if cell.value]
    assert texts[1].startswith("Sales leads")  # the headline, under the title
    assert "Most marketing work is still signed off by sales, as expected while sales leads." in texts
    assert "What to change first" in texts


def test_the_summary_names_each_check_once_per_advice(small_report: Report) -> None:
    ws = sheet(load(small_report), "Summary")
    titles = [str(row[0].value) for row in ws.iter_rows() if row[0].value]
    t = Translator("en")
    for rule in {finding.rule for finding in small_report.findings}:
        advice = {told.advice for told in tell(small_report.findings) if told.rule == rule}
        assert titles.count(check_title(rule, t)) == len(advice)


# --- plain words ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_no_cell_of_the_raci_sheet_holds_rule_syntax(tmp_path: Path, size: str) -> None:
    for lang in ("en", "id"):
        outcome = generate(tmp_path / lang, builtin_profile(size), lang=lang)
        ws = sheet(openpyxl.load_workbook(outcome.workbook), "RACI")
        found = [cell.coordinate for row in ws.iter_rows() for cell in row if RULE_SYNTAX.search(str(cell.value))]
        assert found == []


@pytest.mark.parametrize("catalogue", CLIENTS, ids=lambda path: path.stem)
def test_client_catalogues_read_in_words_too(tmp_path: Path, catalogue: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("medium"), catalogue)
    ws = sheet(openpyxl.load_workbook(outcome.workbook), "RACI")
    assert [cell.coordinate for row in ws.iter_rows() for cell in row if RULE_SYNTAX.search(str(cell.value))] == []
    matrix, problems = read_workbook(outcome.workbook)
    assert problems == ()
    assert [row.letters for row in matrix.rows] == [row.letters for row in outcome.report.matrix.rows]


def test_the_checks_sheet_groups_repeated_findings_under_a_sentence(small_report: Report) -> None:
    repeated = [finding for finding in small_report.findings if finding.rule == "sales-sets-marketing-strategy"]
    assert len(repeated) > 1
    ws = sheet(load(small_report), "Checks")
    header = [cell.value for cell in ws[1]]
    rows = [dict(zip(header, row, strict=False)) for row in ws.iter_rows(min_row=2, values_only=True)]
    grouped = [row for row in rows if row["Rule"] == "sales-sets-marketing-strategy"]
    assert len(grouped) == 1
    assert grouped[0]["Check"] == "Sales sets marketing strategy"
    assert str(grouped[0]["Rows"]).split(", ") == [finding.id for finding in repeated]
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(header.index("Rule") + 1)].hidden


def test_the_roles_sheet_hides_the_key_and_names_functions_in_words(small_report: Report) -> None:
    ws = sheet(load(small_report), "Roles")
    header = [cell.value for cell in ws[1]]
    key = header.index("Key") + 1
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(key)].hidden
    functions = [ws.cell(row, header.index("Function") + 1).value for row in range(2, ws.max_row + 1)]
    assert all(str(function)[:1].isupper() for function in functions)


# --- Indonesian throughout -----------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_no_visible_cell_of_an_indonesian_workbook_is_an_english_key(indonesian: dict[str, Outcome], size: str) -> None:
    book = openpyxl.load_workbook(indonesian[size].workbook)
    keys = english_keys()
    assert [(where, text) for where, text in visible_cells(book) if text.strip().casefold() in keys] == []


@pytest.mark.parametrize("size", SIZES)
def test_an_indonesian_workbook_reads_back_to_the_keys(indonesian: dict[str, Outcome], size: str) -> None:
    outcome = indonesian[size]
    matrix, problems = read_workbook(outcome.workbook)
    assert problems == ()
    fields = ("id", "area", "home", "horizon")
    assert [[getattr(row.item, name) for name in fields] for row in matrix.rows] == [
        [getattr(row.item, name) for name in fields] for row in outcome.report.matrix.rows
    ]
    assert [(role.key, role.function, role.also) for role in matrix.roles] == [
        (role.key, role.function, role.also) for role in outcome.report.matrix.roles
    ]


def test_an_old_workbook_with_keys_in_its_cells_still_reads(tmp_path: Path) -> None:
    """Workbooks written before the words: areas, homes, horizons and functions as keys."""
    outcome = generate(tmp_path, builtin_profile("small"))
    book = openpyxl.load_workbook(outcome.workbook)
    ws = sheet(book, "RACI")
    top = header_row(ws)
    header = [cell.value for cell in ws[top]]
    home, horizon = header.index("Home") + 1, header.index("Horizon") + 1
    for number, row in enumerate(outcome.report.matrix.rows, start=top + 1):
        ws.cell(number, 2).value = row.item.area
        ws.cell(number, home).value = row.item.home
        ws.cell(number, horizon).value = row.item.horizon or None
    roles = sheet(book, "Roles")
    for number, role in enumerate(outcome.report.matrix.roles, start=2):
        roles.cell(number, 2).value = role.function
    book.save(outcome.workbook)
    matrix, problems = read_workbook(outcome.workbook)
    assert problems == ()
    assert [(row.item.area, row.item.home, row.item.horizon) for row in matrix.rows] == [
        (row.item.area, row.item.home, row.item.horizon) for row in outcome.report.matrix.rows
    ]


# --- the logo and the bytes ----------------------------------------------------------------


def test_an_svg_logo_gets_a_warning_line_and_a_png_none(small_report: Report) -> None:
    from dataclasses import replace

    svg = replace(small_report, branding=Branding(logo=Logo(data=b"<svg/>", mime="image/svg+xml", name="logo.svg")))
    png = replace(small_report, branding=Branding(logo=Logo(data=b"", mime="image/png", name="logo.png")))
    warning = logo_warning(svg)
    assert warning is not None
    assert "\n" not in warning
    assert "SVG" in warning
    assert logo_warning(png) is None
    assert logo_warning(small_report) is None


GENERATE = """
import sys
if sys.argv[2] == "hidden":
    sys.modules["lxml"] = None  # as on a machine without lxml
elif sys.argv[2] == "first":
    import openpyxl  # imported before raci, with lxml: openpyxl chose its lxml writer
    assert openpyxl.LXML
from raci.cli import main
main(["generate", "--size", "large", "--lang", "id", "--client", "PT Maju Jaya", "--out", sys.argv[1], "-q"])
"""


@pytest.mark.slow  # three fresh interpreters
def test_the_workbook_is_byte_identical_with_and_without_lxml(tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("OPENPYXL_LXML", None)
    books = {}
    for how in ("hidden", "installed", "first"):
        out = tmp_path / how
        run = subprocess.run(
            [sys.executable, "-c", GENERATE, str(out), how], env=env, capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stderr
        books[how] = (out / "raci-large.xlsx").read_bytes()
    assert books["installed"] == books["hidden"]
    assert books["first"] == books["hidden"]
