"""What a client reads shows no internal code: no check id, rule syntax, profile key or command on the
page, on the workbook's visible sheets and columns, or in the deck, in English and Indonesian; the
codes stay where machines and auditors look (data attributes, hidden columns and sheets, the JSON)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pptx import Presentation

from raci.cli import main
from raci.core.checks import RULES
from raci.i18n import Translator
from raci.inputs.catalog import read_catalogue
from raci.render.labels import FUNCTION_LABELS
from raci.render.words import function_words
from raci.resources import default_catalogue

from .htmltools import parse, shown_texts

PROFILE_KEYS = ("startup", "small", "medium", "large")  # as a key ("profile small", "(medium)"), not a word
RULE_SYNTAX = re.compile(r"\b(?:area|kind|id|home)=")
CODES = re.compile("|".join(rf"\b{re.escape(rule)}\b" for rule in sorted(RULES, key=len, reverse=True)))


def deliverables(folder: Path, lang: str) -> Path:
    """A small firm's page, workbook and deck for a client whose head of sales is also its director."""
    roles = folder / "jabatan.csv"
    roles.write_text(
        "role,title,person\nceo,Direktur Utama,Sari Dewi\nsales_lead,Direktur Utama,\n"
        "Marketing Executive,Staf Pemasaran,Rina Wijaya\n",
        encoding="utf-8",
    )
    out = folder / lang
    args = ["generate", "--size", "small", "--roles", str(roles), "--client", "PT Maju Jaya", "--pptx"]
    result = CliRunner().invoke(main, [*args, "--lang", lang, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


SNAKE_KEYS = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # an area, role or kind key: sales_process, head_sales
LINE_IDS = re.compile(r"\bline \d+\b")  # an English word for a row of a file without ids, in any language


def codes_in(text: str) -> list[str]:
    found = [match.group(0) for match in CODES.finditer(text)]
    found += [match.group(0) for match in SNAKE_KEYS.finditer(text)]
    found += [match.group(0) for match in LINE_IDS.finditer(text)]
    found += [match.group(0) for match in RULE_SYNTAX.finditer(text)]
    found += [key for key in PROFILE_KEYS if re.search(rf"(?:profile|profil|\(){key}\b|\b{key}(?: profile|\))", text)]
    return found + (["raci compare"] if "raci compare" in text else [])


@pytest.fixture(scope="module", params=["en", "id"])
def out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return deliverables(tmp_path_factory.mktemp("surfaces"), str(request.param))


def test_the_page_shows_no_code_key_rule_syntax_or_command(out: Path) -> None:
    root, _ = parse((out / "raci-small.html").read_text(encoding="utf-8"))
    shown = [(where, text) for where, text in shown_texts(root) if codes_in(text)]
    assert shown == []
    # the codes are still there for machines: each finding and row carries its check's id
    rules = {element.attrs.get("data-rule") for element in root.iter()} - {None}
    assert rules
    assert rules <= set(RULES)


def test_the_page_does_not_describe_roles_the_client_merged(out: Path) -> None:
    """The small profile's description speaks of a head of sales; this client's director holds that role."""
    root, _ = parse((out / "raci-small.html").read_text(encoding="utf-8"))
    facts = root.by_id("profile").text()
    assert "head of sales" not in facts.lower()
    assert "kepala penjualan" not in facts.lower()


def keys() -> frozenset[str]:
    """raci's keys a whole cell may hold instead of words: the bundled profiles' role keys, the functions
    (also as Indonesian translates the key, in lower case), areas, kinds of work and the comparison's groups."""
    from raci.inputs.profiles import builtin_profiles
    from raci.render.labels import GROUP_LABELS
    from raci.render.words import KIND_WORDS

    roles = {role.key for profile in builtin_profiles() for role in profile.roles}
    functions = {Translator(lang)(function) for function in FUNCTION_LABELS for lang in ("en", "id")}
    areas = {item.area for item in read_catalogue(default_catalogue()).items}
    return frozenset(roles | functions | areas | set(KIND_WORDS) | set(GROUP_LABELS) | set(PROFILE_KEYS))


def codes_on_sheets(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, cell, text) of every cell a client sees in the workbook at `path` that shows a code or is a
    key: the visible sheets, their hidden columns (kept for auditors) left out."""
    shown = []
    known = keys()
    for sheet in openpyxl.load_workbook(path).worksheets:
        if sheet.sheet_state != "visible":
            continue
        hidden = {letter for letter, column in sheet.column_dimensions.items() if column.hidden}
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or cell.column_letter in hidden:
                    continue
                if codes_in(cell.value) or cell.value.strip() in known:
                    shown.append((sheet.title, cell.coordinate, cell.value))
    return shown


def test_the_workbook_s_visible_sheets_show_no_code(out: Path) -> None:
    assert codes_on_sheets(out / "raci-small.xlsx") == []


def test_the_workbook_keeps_its_codes_in_hidden_columns_for_auditors(out: Path) -> None:
    book = openpyxl.load_workbook(out / "raci-small.xlsx")
    legend = book.worksheets[3]
    hidden = [letter for letter, column in legend.column_dimensions.items() if column.hidden]
    codes = [cell.value for letter in hidden for cell in legend[letter] if isinstance(cell.value, str)]
    assert "kind=pay" in codes


def test_the_workbook_s_sheets_are_named_in_the_deliverable_s_language(out: Path) -> None:
    book = openpyxl.load_workbook(out / "raci-small.xlsx")
    shown = [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
    if out.name == "en":
        assert shown == ["Summary", "RACI", "Roles", "Legend", "Checks", "Sizes", "Communication"]
    else:
        assert shown == ["Ringkasan", "RACI", "Peran", "Keterangan", "Pemeriksaan", "Ukuran", "Komunikasi"]


def test_the_deck_shows_no_code(out: Path) -> None:
    deck = Presentation(str(out / "raci-small.pptx"))
    shown = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            texts = [shape.text_frame.text] if shape.has_text_frame else []
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            shown += [(number, text) for text in texts if codes_in(text)]
    assert shown == []


@pytest.fixture(scope="module", params=["en", "id"])
def plan_out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan and a summary for a client's own matrix (a CSV with no ids, its rows named by their cell), and
    the plan between two bundled sizes, with its hires."""
    from .conftest import DATA

    lang = str(request.param)
    out = tmp_path_factory.mktemp("plan") / lang
    matrix = str(DATA / "matrices" / "sinar-jaya-id.csv")
    runs = (
        ["compare", "--from", matrix, "--to", "medium", "--pptx"],
        ["generate", matrix, "--pptx"],
        ["compare", "--from", "small", "--to", "large"],
    )
    for args in runs:
        result = CliRunner().invoke(main, [*args, "--lang", lang, "--out", str(out)])
        assert result.exit_code == 0, result.output
    return out


def test_a_plan_and_a_summary_of_a_clients_matrix_show_no_code_and_no_line_id(plan_out: Path) -> None:
    shown: list[tuple[object, ...]] = []
    for book_path in plan_out.glob("*.xlsx"):
        shown += [(book_path.name, *where) for where in codes_on_sheets(book_path)]
    for page in plan_out.glob("*.html"):
        root, _ = parse(page.read_text(encoding="utf-8"))
        shown += [(page.name, where, text) for where, text in shown_texts(root) if codes_in(text)]
    for deck_path in plan_out.glob("*.pptx"):
        for number, slide in enumerate(Presentation(str(deck_path)).slides, start=1):
            for shape in slide.shapes:
                texts = [shape.text_frame.text] if shape.has_text_frame else []
                if shape.has_table:
                    texts += [cell.text for row in shape.table.rows for cell in row.cells]
                shown += [(deck_path.name, number, text) for text in texts if codes_in(text)]
    assert shown == []


def test_the_compare_sheet_names_rows_areas_and_functions_in_words(plan_out: Path) -> None:
    t = Translator(plan_out.name)
    (book_path,) = plan_out.glob("*-to-medium.xlsx")
    sheet = openpyxl.load_workbook(book_path).worksheets[1]
    assert sheet["A4"].value == t("Row")  # the file gives no ids: its rows by where they stand
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert rows[0][0] == t("Row {row}").format(row=3)  # under the file's title and header rows
    assert all(row[0].startswith(t("Row {row}").format(row="")) for row in rows if row[2])
    note = [
        row[0]
        for row in rows
        if row[0] and t("the client's matrix ({client})").format(client="PT Sinar Jaya") in row[0]
    ]
    assert len(note) == 1, rows[-1]
    functions = {row[4] for row in rows} | {row[6] for row in rows}
    expected = {"Leadership", "Sales", "Marketing", "Service"} if plan_out.name == "en" else {"Pimpinan", "Penjualan"}
    assert expected <= functions
    assert all(value is None or value[:1].isupper() for value in functions)


def test_the_plan_sheet_names_each_hire_s_function_in_words(plan_out: Path) -> None:
    """The hires table under a step says "Service" ("Layanan"), as the Compare sheet does, not the key."""
    t = Translator(plan_out.name)
    sheet = openpyxl.load_workbook(plan_out / "raci-small-to-large.xlsx").worksheets[0]
    words = {function_words(function, t) for function in FUNCTION_LABELS}
    functions, tables, in_table = [], 0, False
    for row in sheet.iter_rows(values_only=True):
        if row[:2] == (t("Role"), t("Function")):
            tables, in_table = tables + 1, True
        elif in_table and row[1] is not None:
            functions.append(row[1])
        else:
            in_table = False
    assert tables == 2, "the plan hires someone in each of its two steps"
    assert functions
    assert [value for value in functions if value not in words] == []


@pytest.mark.parametrize(
    ("matrix", "first", "header"),
    [
        ("bank-analytics.xlsx", "Marketing analytics, row 3", "Row"),  # a workbook's rows by sheet and row
        ("rasci-agency.csv", "MK-01", "ID"),  # a matrix with its own ids keeps them
    ],
)
def test_the_compare_sheet_names_a_row_as_the_client_finds_it(
    tmp_path: Path, matrix: str, first: str, header: str
) -> None:
    from .conftest import DATA

    args = ["compare", "--from", str(DATA / "matrices" / matrix), "--to", "medium", "--out", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (book_path,) = tmp_path.glob("*.xlsx")
    sheet = openpyxl.load_workbook(book_path)["Compare"]
    ids = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True) if row[2]]
    assert (sheet["A4"].value, ids[0]) == (header, first)
    assert codes_on_sheets(book_path) == []
