"""The workbook contract: sheets, header, letters, roles, legend, formatting, print, safety, dates."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from raci.core.report import Report
from raci.i18n import Translator
from raci.inputs.profiles import builtin_profile
from raci.model import LETTERS, Catalogue, Responsibility
from raci.output import source_date
from raci.render.words import area_words, function_words, home_words, horizon_words, row_rule_words, rule_words
from raci.render.workbook import put_text, workbook_bytes
from raci.render.xlsx import WIDEST_COLUMN

from .helpers import build_report, header_row

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
INJECTIONS = ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1")


def load(report: Report) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(report)))


def sheet(workbook: Workbook, name: str) -> Worksheet:
    ws = workbook[name]
    assert isinstance(ws, Worksheet)
    return ws


def role_range(ws: Worksheet, report: Report) -> tuple[str, list[str]]:
    """The role cells' range as A1:B2 text, and every coordinate in it."""
    header = header_row(ws)
    first, last = header + 1, header + len(report.matrix.rows)
    columns = [openpyxl.utils.get_column_letter(4 + index) for index in range(len(report.matrix.roles))]
    cells = [f"{column}{row}" for row in range(first, last + 1) for column in columns]
    return f"{columns[0]}{first}:{columns[-1]}{last}", cells


@pytest.fixture(params=["small_report", "large_report"])
def report(request: pytest.FixtureRequest) -> Report:
    value = request.getfixturevalue(request.param)
    assert isinstance(value, Report)
    return value


@pytest.fixture
def hostile_report() -> Report:
    """Responsibilities, ids and areas that a spreadsheet would read as formulas."""
    items = (
        *(
            Responsibility(id=f"X-{index}", area="quotas", responsibility=text, home="shared")
            for index, text in enumerate(INJECTIONS, start=1)
        ),
        Responsibility(id="=1+1", area="=area", responsibility="plain", home="shared"),
    )
    return build_report(Catalogue(path=Path("hostile.csv"), items=items), builtin_profile("small"))


def test_sheets_start_summary_raci_roles_legend(small_report: Report) -> None:
    assert load(small_report).sheetnames[:4] == ["Summary", "RACI", "Roles", "Legend"]


def test_header_names_roles_in_order_then_home_horizon_rule_description(report: Report) -> None:
    ws = sheet(load(report), "RACI")
    header = header_row(ws)
    values = [cell.value for cell in ws[header]]
    titles = [role.title for role in report.matrix.roles]
    assert values[3 : 3 + len(titles)] == titles
    assert values[3 + len(titles) :] == ["Home", "Horizon", "Rule", "Description"]


def test_data_rows_are_the_matrix_rows(report: Report) -> None:
    ws = sheet(load(report), "RACI")
    header = header_row(ws)
    rows = report.matrix.rows
    assert ws.max_row == header + len(rows)
    width = len(report.matrix.roles)
    t = Translator("en")
    for number, row in enumerate(rows, start=header + 1):
        cells = [cell.value for cell in ws[number]]
        assert cells[:3] == [row.item.id, area_words(row.item.area, t), row.item.responsibility]
        assert cells[3 : 3 + width] == [letter or None for letter in row.letters]
        item = row.item
        words = [home_words(item.home, t), horizon_words(item.horizon, t) or None, row_rule_words(row, t)]
        assert cells[3 + width :] == [*words, item.description or None]
        assert set(cells[3 : 3 + width]) <= {*LETTERS, None}


def test_role_cells_have_no_static_fill(large_report: Report) -> None:
    ws = sheet(load(large_report), "RACI")
    _, cells = role_range(ws, large_report)
    assert all(ws[coordinate].fill.fill_type is None for coordinate in cells)


def test_areas_are_banded_on_text_cells(large_report: Report) -> None:
    ws = sheet(load(large_report), "RACI")
    header = header_row(ws)
    fills: dict[str, set[str | None]] = {}
    for number, row in enumerate(large_report.matrix.rows, start=header + 1):
        fills.setdefault(row.item.area, set()).add(ws.cell(number, 1).fill.fill_type)
    assert all(len(kinds) == 1 for kinds in fills.values())
    assert {kind for kinds in fills.values() for kind in kinds} == {None, "solid"}


def test_roles_sheet_matches_roles_and_workload(report: Report) -> None:
    ws = sheet(load(report), "Roles")
    header = [cell.value for cell in ws[1]]
    role, function, key = header.index("Role"), header.index("Function"), header.index("Key")
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=2)]
    t = Translator("en")
    assert [(row[role], row[function], row[key]) for row in rows] == [
        (item.title, function_words(item.function, t), item.key) for item in report.matrix.roles
    ]
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(key + 1)].hidden  # the key: for raci check only
    for row, load_ in zip(rows, report.workload, strict=True):
        assert [row[header.index(letter)] for letter in LETTERS] == [load_.counts[letter] for letter in LETTERS]


def test_drop_down_on_every_role_cell(report: Report) -> None:
    ws = sheet(load(report), "RACI")
    _, cells = role_range(ws, report)
    lists = [check for check in ws.data_validations.dataValidation if check.type == "list"]
    assert len(lists) == 1
    check = lists[0]
    assert check.formula1 == '"R,A,A/R,C,I"'
    assert check.allow_blank
    assert check.showErrorMessage
    assert check.error
    assert all(coordinate in check.sqref for coordinate in cells)
    header = header_row(ws)
    assert f"C{header + 1}" not in check.sqref
    assert f"D{header}" not in check.sqref


def test_freeze_panes_and_autofilter(report: Report) -> None:
    ws = sheet(load(report), "RACI")
    header = header_row(ws)
    last_column = openpyxl.utils.get_column_letter(7 + len(report.matrix.roles))
    assert ws.freeze_panes == f"D{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:{last_column}{header + len(report.matrix.rows)}"


def test_every_sheet_prints_landscape_with_no_column_wider_than_the_page(large_report: Report) -> None:
    """One orientation (Gnumeric pages every sheet by the first's) and no column a page cannot hold whole."""
    book = load(large_report)
    shown = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    assert {ws.page_setup.orientation for ws in shown} == {"landscape"}
    too_wide = [
        (ws.title, letter, column.width)
        for ws in shown
        for letter, column in ws.column_dimensions.items()
        if column.width > WIDEST_COLUMN
    ]
    assert too_wide == []


def test_print_setup(large_report: Report) -> None:
    ws = sheet(load(large_report), "RACI")
    header = header_row(ws)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize or 0) == int(ws.PAPERSIZE_A4)
    assert int(ws.page_setup.fitToWidth or 0) == 1
    assert int(ws.page_setup.fitToHeight or 0) == 0
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.oddFooter is not None
    assert "&P" in (ws.oddFooter.right.text or "")


def test_document_properties(small_report: Report) -> None:
    props = load(small_report).properties
    assert props.creator == f"raci {small_report.version}"
    assert props.title is not None
    assert small_report.profile.title in props.title
    assert props.keywords is not None
    assert "RACI" in props.keywords


def test_legend_explains_letters_profile_shares_and_rules(large_report: Report) -> None:
    ws = sheet(load(large_report), "Legend")
    cells = [cell for row in ws.iter_rows() for cell in row if cell.value is not None]
    values = [cell.value for cell in cells]
    for letter in LETTERS:
        assert letter in values
    profile, shares = large_report.profile, large_report.shares
    for text in (profile.title, profile.structure, profile.description, large_report.version):
        assert text in values
    assert profile.name not in values
    assert "Generated by raci" in values
    labelled = {row[0].value: row[1] for row in ws.iter_rows() if row[0].value}
    for label, share in (
        ("Sales-led share", shares.sales_led),
        ("Marketing-led share", shares.marketing_led),
        ("Home alignment", shares.home_alignment),
    ):
        assert labelled[label].value == pytest.approx(share)
        assert labelled[label].number_format == "0%"
    # The rules that decided rows, in words, with their technical form for auditors; the others left out.
    t = Translator("en")
    used = [rule for rule in profile.rules if any(row.rule == rule for row in large_report.matrix.rows)]
    assert len(used) < len(profile.rules)
    rule_rows = [
        row for row in ws.iter_rows() if len(row) > 4 and row[4].value in {rule.label for rule in profile.rules}
    ]
    assert [(row[0].value, row[4].value) for row in rule_rows] == [(rule_words(rule, t), rule.label) for rule in used]
    for row, rule in zip(rule_rows, used, strict=True):
        decided = [item.item.id for item in large_report.matrix.rows if item.rule == rule]
        assert row[1].value == (rule.note or None)
        assert row[2].value == ", ".join(decided)
        assert row[3].value == len(decided)


def test_user_strings_are_text_never_formulas(hostile_report: Report, tmp_path: Path) -> None:
    data = workbook_bytes(hostile_report)
    (tmp_path / "hostile.xlsx").write_bytes(data)
    ws = sheet(openpyxl.load_workbook(tmp_path / "hostile.xlsx"), "RACI")
    header = header_row(ws)
    written = {ws.cell(number, 3).value: ws.cell(number, 3) for number in range(header + 1, ws.max_row + 1)}
    for text in INJECTIONS:
        assert written[text].data_type == "s"
    assert ws.cell(ws.max_row, 1).value == "=1+1"
    assert ws.cell(ws.max_row, 2).value == "=area"

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("xl/worksheets/sheet2.xml"))  # RACI, after Summary
    assert root.findall(f".//{MAIN}f") == []
    texts = {
        "".join(node.itertext()): cell.get("t") for cell in root.iter(f"{MAIN}c") if (node := cell.find(f"{MAIN}is"))
    }
    for text in (*INJECTIONS, "=1+1", "=area"):
        assert texts[text] == "inlineStr"


def test_legend_says_n_a_without_homed_rows(hostile_report: Report) -> None:
    assert hostile_report.shares.home_alignment is None
    ws = sheet(load(hostile_report), "Legend")
    row = next(row for row in ws.iter_rows() if row[0].value == "Home alignment")
    assert str(row[1].value).startswith("n/a")


def test_put_text_keeps_plain_strings_and_escapes_formula_starts() -> None:
    ws = Workbook().create_sheet("t")
    assert put_text(ws["A1"], "=1+1").data_type == "s"
    assert put_text(ws["A2"], "plain").value == "plain"
    assert put_text(ws["A3"], "bad\x01char").value == "badchar"


def test_source_date_epoch_fixes_dates(small_report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = workbook_bytes(small_report, source_date())  # as a job reads it once and passes it down
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
        stamps = {entry.date_time for entry in archive.infolist()}
    assert core.count("2023-11-14T22:13:20Z") == 2
    assert stamps == {(2023, 11, 14, 22, 13, 20)}
    assert workbook_bytes(small_report, source_date()) == first


def test_without_a_date_passed_down_dates_are_now(small_report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the job reads SOURCE_DATE_EPOCH: the renderer dates what it is given, else now."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(small_report))) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" not in core
    assert "<dcterms:created" in core


def test_an_unset_or_broken_source_date_epoch_is_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert source_date() is None


def test_sizes_sheet_has_the_shares_of_every_size_and_a_native_chart(small_report: Report) -> None:
    data = workbook_bytes(small_report)
    ws = sheet(openpyxl.load_workbook(io.BytesIO(data)), "Sizes")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [entry.profile.title for entry in small_report.sizes]
    for row, entry in zip(rows, small_report.sizes, strict=True):
        shares = entry.shares
        assert row[3:7] == pytest.approx(tuple(shares.segments.values()))
        assert sum(row[3:7]) == pytest.approx(1.0)
        assert row[7:9] == pytest.approx((shares.home_alignment, shares.strategy_alignment))
        assert row[9] == ("this profile" if entry.current else None)
    assert [row[9] for row in rows].count("this profile") == 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # One on the Summary sheet, one on the Sizes sheet; both read the Sizes sheet's cells.
        names = [name for name in archive.namelist() if name.startswith("xl/charts/")]
        assert names == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
        charts = [ElementTree.fromstring(archive.read(name)) for name in names]
    last = 1 + len(small_report.sizes)
    for chart in charts:
        # A 100% stacked bar: one series per segment, each naming the cells of its name, the sizes and its values.
        assert chart.find(f".//{CHART}grouping").attrib["val"] == "percentStacked"
        series = [[ref.text for ref in ser.iter(f"{CHART}f")] for ser in chart.iter(f"{CHART}ser")]
        assert series == [
            [f"'Sizes'!{column}1", f"'Sizes'!$A$2:$A${last}", f"'Sizes'!${column}$2:${column}${last}"]
            for column in "DEFG"
        ]
