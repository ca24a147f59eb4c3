"""Verified in the real applications: the summary in headless Chromium, the workbook in LibreOffice.

Slow and dependent on installed programs, so marked `apps`: `pytest -m "not apps"` runs the
rest alone. Missing programs skip these tests locally and fail them when CI=true (tests/apps.py).
Each module-scoped fixture starts an application once and the tests assert on what it produced.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from click.testing import CliRunner

from raci.cli import main
from raci.core.report import Report
from raci.i18n import Translator
from raci.inputs.profiles import builtin_profile
from raci.inputs.workbook import read_workbook
from raci.jobs.generate import Outcome, generate
from raci.model import LETTERS, Row
from raci.render.words import area_words, function_words, home_words, horizon_words, row_rule_words

from .apps import (
    A4_PRINTABLE_PX,
    CSV_FILTER,
    GNUMERIC,
    PageCase,
    Rendered,
    chromium_browser,
    gnumeric_charts,
    outside_margins,
    overprinted,
    pdf_pages,
    pdf_words,
    render,
    require,
    screenshot_dir,
    soffice_convert,
    ssconvert,
    words,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.apps

SIZES = ("small", "large")  # sales-led with 5 roles, separate with 11: the narrowest and the widest matrix


# --- the pages the browser opens: one entry per page ----------------------------------------


def summary(size: str) -> PageCase:
    def build(folder: Path) -> tuple[Path, tuple[str, ...]]:
        outcome = generate(folder, builtin_profile(size))
        return outcome.summary, tuple(row.item.id for row in outcome.report.matrix.rows)

    return PageCase(
        name=f"summary-{size}",
        build=build,
        rows="#matrix > tbody > tr",
        visible=("#sizes-chart",),
        wide=("#matrix",),
    )


def explore(size: str) -> PageCase:
    """The page to explore (`--interactive`): every size in one page, the report's own size shown."""

    def build(folder: Path) -> tuple[Path, tuple[str, ...]]:
        outcome = generate(folder, builtin_profile(size), interactive=True)
        assert outcome.explore is not None
        return outcome.explore, tuple(row.item.id for row in outcome.report.matrix.rows)

    return PageCase(
        name=f"explore-{size}",
        build=build,
        rows="#matrix > tbody > tr",
        visible=("#explore-chart", "#controls"),
        wide=("#matrix",),
    )


def comparison(old: str, new: str) -> PageCase:
    def build(folder: Path) -> tuple[Path, tuple[str, ...]]:
        from raci.core.compare import compare
        from raci.inputs.catalog import read_catalogue
        from raci.jobs.compare import write_compare
        from raci.resources import default_catalogue

        catalogue = read_catalogue(default_catalogue())
        _, page = write_compare(folder, compare(catalogue, builtin_profile(old), builtin_profile(new)))
        return page, tuple(item.id for item in catalogue.items)

    return PageCase(
        name=f"compare-{old}-to-{new}",
        build=build,
        rows="#changes tbody tr[data-id], #unchanged tbody tr[data-id]",
        ordered=False,  # grouped by what happens to each responsibility
        visible=("#plan",),
        wide=("#changes", "#unchanged"),
    )


def batch_index() -> PageCase:
    def build(folder: Path) -> tuple[Path, tuple[str, ...]]:
        from raci.jobs.batch import read_manifest, run_batch

        manifest = folder / "manifest.csv"
        manifest.write_text("name,size,input\nAcme,small,\nBeta,large,\nGamma,medium,missing.csv\n")
        run_batch(read_manifest(manifest, folder / "out"), workers=1)
        return folder / "out" / "index.html", ("Acme", "Beta", "Gamma")

    return PageCase(
        name="batch-index", build=build, rows="#jobs tbody tr", row_key="job", visible=("#jobs",), wide=("#jobs",)
    )


PAGES = [*(summary(size) for size in SIZES), explore("large"), comparison("small", "large"), batch_index()]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium_browser("pdftotext")


RENDERED: dict[str, Rendered] = {}  # each case rendered once, whichever test asks first
SUMMARIES = [case for case in PAGES if case.name.startswith("summary")]


def rendered(case: PageCase, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    if case.name not in RENDERED:
        RENDERED[case.name] = render(browser, case, tmp_path_factory.mktemp(case.name), screenshot_dir())
    return RENDERED[case.name]


@pytest.fixture(scope="module", params=PAGES, ids=str)
def page(request: pytest.FixtureRequest, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return rendered(request.param, browser, tmp_path_factory)


def test_page_requests_nothing_but_itself(page: Rendered) -> None:
    assert page.requests, "the browser did not even load the page"
    assert page.outside_requests == []


def test_page_has_no_console_errors(page: Rendered) -> None:
    assert page.errors == []


def test_one_body_row_per_responsibility(page: Rendered) -> None:
    assert page.case.rows is not None, "every page lists its rows"
    if page.case.ordered:
        assert page.row_ids == list(page.ids)
    else:
        assert sorted(page.row_ids) == sorted(page.ids)


def test_figures_are_visible_with_a_size(page: Rendered) -> None:
    for selector in page.case.visible:
        box = page.boxes[selector]
        assert page.visible[selector], f"{selector} is not visible"
        assert box is not None
        assert box["width"] > 0
        assert box["height"] > 0


def test_screenshot_saved(page: Rendered) -> None:
    assert page.screenshot is not None
    assert page.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_fits_the_a4_printable_width_in_print(page: Rendered) -> None:
    assert page.print_width == A4_PRINTABLE_PX
    assert page.print_scroll_width <= page.print_width, "the printed page scrolls sideways"
    for selector, right in page.print_right_edges.items():
        assert right is not None, f"no {selector} on the page"
        assert right <= page.print_width + 0.5, f"{selector} reaches {right}px, past {page.print_width}px"


def test_prints_to_pdf_with_every_responsibility(page: Rendered) -> None:
    assert page.pdf is not None
    pages = pdf_pages(page.pdf)
    assert pages
    text = " ".join(pages)
    assert [ident for ident in page.ids if ident not in text] == []


@pytest.mark.parametrize("case", SUMMARIES, ids=str)
def test_the_matrix_heading_prints_on_the_page_of_its_first_rows(
    case: PageCase, browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The heading and the legend never end a page while the table starts on the next."""
    page = rendered(case, browser, tmp_path_factory)
    assert page.pdf is not None
    (heading,) = [text for text in pdf_pages(page.pdf) if re.search(r"The matrix (R )?Responsible does the work", text)]
    assert page.ids[0] in heading.split("The matrix", 1)[1]


def test_pdf_text_stays_inside_the_page(page: Rendered) -> None:
    assert page.pdf is not None
    found = pdf_words(page.pdf)
    assert found
    cut = [
        f"page {word.page}: {word.text!r} ends at {word.x_max:.0f}pt" for word in found if word.x_max > word.page_width
    ]
    assert cut == []


# --- LibreOffice: one workbook per size, each conversion run once for both ------------------


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    folder = tmp_path_factory.mktemp("generated")
    return {size: generate(folder, builtin_profile(size)) for size in SIZES}


def convert(outcomes: dict[str, Outcome], target: str, folder: Path) -> list[Path]:
    return soffice_convert(
        [outcome.workbook for outcome in outcomes.values()], target, folder / "out", folder / "profile"
    )


@pytest.fixture(scope="module")
def csv_folder(outcomes: dict[str, Outcome], tmp_path_factory: pytest.TempPathFactory) -> Path:
    require("soffice")
    return convert(outcomes, CSV_FILTER, tmp_path_factory.mktemp("csv"))[0].parent


@pytest.fixture(scope="module")
def pdf_folder(outcomes: dict[str, Outcome], tmp_path_factory: pytest.TempPathFactory) -> Path:
    require("soffice", "pdftotext")
    return convert(outcomes, "pdf", tmp_path_factory.mktemp("pdf"))[0].parent


@pytest.fixture(scope="module")
def resaved_folder(outcomes: dict[str, Outcome], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every workbook opened and saved again by LibreOffice, as a person editing it would."""
    require("soffice")
    return convert(outcomes, "xlsx", tmp_path_factory.mktemp("resaved"))[0].parent


@pytest.fixture(params=SIZES)
def outcome(request: pytest.FixtureRequest, outcomes: dict[str, Outcome]) -> Outcome:
    return outcomes[request.param]


def sheet_csv(folder: Path, workbook: Path, sheet: str) -> list[list[str]]:
    """One sheet as LibreOffice exported it, trailing empty cells dropped."""
    path = folder / f"{workbook.stem}-{sheet}.csv"
    if not path.exists() and sheet == "RACI":  # LibreOffice < 7.2 writes only the first sheet, as name.csv
        path = folder / f"{workbook.stem}.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        return [trimmed(row) for row in csv.reader(stream)]


def trimmed(cells: list[str]) -> list[str]:
    while cells and cells[-1] == "":
        cells = cells[:-1]
    return cells


def header(report: Report) -> list[str]:
    return ["ID", "Area", "Responsibility", *(role.title for role in report.matrix.roles), "Home", "Horizon", "Rule"]


def matrix_grid(report: Report, lang: str) -> list[list[str]]:
    """The RACI sheet's header row and rows as raci wrote them in `lang`, as text."""
    grid = [[*header(report), "Description"]]
    t = Translator(lang)
    for row in report.matrix.rows:
        item = row.item
        cells = [
            item.id,
            area_words(item.area, t),
            item.responsibility,
            *row.letters,
            home_words(item.home, t),
            horizon_words(item.horizon, t),
            row_rule_words(row, t),
        ]
        grid.append(trimmed([*cells, item.description]))
    return grid


def test_csv_raci_sheet_is_the_matrix_cell_for_cell(outcome: Outcome, csv_folder: Path) -> None:
    rows = sheet_csv(csv_folder, outcome.workbook, "RACI")
    expected = matrix_grid(outcome.report, outcome.lang)
    start = rows.index(expected[0])
    assert rows[start:] == expected


def test_csv_raci_sheet_matches_the_whole_sheet_openpyxl_wrote(outcome: Outcome, csv_folder: Path) -> None:
    book = openpyxl.load_workbook(outcome.workbook)
    assert book.sheetnames[:2] == ["Summary", "RACI"]
    written = [trimmed(["" if value is None else str(value) for value in row]) for row in book["RACI"].values]
    assert sheet_csv(csv_folder, outcome.workbook, "RACI") == written


def test_csv_roles_sheet_has_every_role_and_its_workload(outcome: Outcome, csv_folder: Path) -> None:
    rows = sheet_csv(csv_folder, outcome.workbook, "Roles")
    names = rows[0]
    role, function = names.index("Role"), names.index("Function")
    assert [(row[role], row[function]) for row in rows[1:]] == [
        (item.title, function_words(item.function, Translator())) for item in outcome.report.matrix.roles
    ]
    for row, load in zip(rows[1:], outcome.report.workload, strict=True):
        assert [row[names.index(letter)] for letter in LETTERS] == [str(load.counts[letter]) for letter in LETTERS]


def test_pdf_holds_the_header_and_every_responsibility(outcome: Outcome, pdf_folder: Path) -> None:
    pages = pdf_pages(pdf_folder / f"{outcome.workbook.stem}.pdf")
    assert pages
    text = " ".join(pages)
    labels = header(outcome.report)
    assert [label for label in labels if label not in text] == []
    for row in outcome.report.matrix.rows:
        assert row.item.id in text
        assert words(row.item.responsibility) in text


def test_pdf_prints_one_page_wide_with_the_header_on_every_page(outcome: Outcome, pdf_folder: Path) -> None:
    """Every row is printed on a page that also carries the whole header: no columns pushed to a later page."""
    pages = pdf_pages(pdf_folder / f"{outcome.workbook.stem}.pdf")
    labels = header(outcome.report)
    with_header = [page for page in pages if all(label in page for label in labels)]
    assert with_header
    missing = [
        row.item.id for row in outcome.report.matrix.rows if not any(row.item.id in page for page in with_header)
    ]
    assert missing == []


def test_workbook_saved_by_libreoffice_reads_back_the_same(outcome: Outcome, resaved_folder: Path) -> None:
    matrix, findings = read_workbook(resaved_folder / outcome.workbook.name)
    original, _ = read_workbook(outcome.workbook)
    report = outcome.report
    assert findings == ()
    assert matrix == original
    assert matrix.profile == report.profile
    assert matrix.roles == report.matrix.roles
    assert [row.letters for row in matrix.rows] == [row.letters for row in report.matrix.rows]
    assert [row.item.id for row in matrix.rows] == [row.item.id for row in report.matrix.rows]


def test_raci_check_passes_a_workbook_saved_by_libreoffice(outcome: Outcome, resaved_folder: Path) -> None:
    resaved = resaved_folder / outcome.workbook.name
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(resaved)])
    assert result.exit_code == 0, result.output
    assert f"{len(outcome.report.matrix.rows)} responsibilities" in result.output
    assert f"profile {outcome.report.profile.title} (" in result.output
    as_json = runner.invoke(main, ["check", "--format", "json", str(resaved)])
    before = runner.invoke(main, ["check", "--format", "json", str(outcome.workbook)])
    assert json.loads(as_json.output) == json.loads(before.output)


# --- Gnumeric: the workbook as ssconvert reads it -------------------------------------------


def test_gnumeric_reads_the_workbook_with_the_summary_and_sizes_charts(outcome: Outcome, tmp_path: Path) -> None:
    require("ssconvert")
    target = tmp_path / "book.gnumeric"
    ssconvert(outcome.workbook, target)
    charts = gnumeric_charts(target)
    assert list(charts)[:6] == ["Summary", "RACI", "Roles", "Legend", "Checks", "Sizes"]
    assert (charts["Summary"], charts["Sizes"]) == (1, 1)


def test_gnumeric_draws_the_size_chart_in_raci_s_colours_with_this_profile_s_bar_alike(
    outcome: Outcome, tmp_path: Path
) -> None:
    """Gnumeric draws a plain solid fill in its own colours (and this profile's bar all in one); every
    series, and this profile's point of it, comes through in the palette's colour."""
    import gzip
    from xml.etree import ElementTree

    from raci.render import palette

    require("ssconvert")
    target = tmp_path / "book.gnumeric"
    ssconvert(outcome.workbook, target)
    root = ElementTree.fromstring(gzip.decompress(target.read_bytes()))
    wanted = [palette.xlsx(colour).upper() for colour in palette.SERIES.values()]
    for sheet in root.iter(f"{GNUMERIC}Sheet"):
        for graph in sheet.iter(f"{GNUMERIC}SheetObjectGraph"):
            drawn = []
            for series in (obj for obj in graph.iter("GogObject") if obj.get("role") == "Series"):
                own = [series.find("property[@name='style']/fill/pattern")]
                points = [obj.find("property[@name='style']/fill/pattern") for obj in series.iter("GogObject")]
                colours = {
                    "".join(part.zfill(2) for part in pattern.get(side, "").split(":")[:3]).upper()
                    for pattern in own + points
                    if pattern is not None
                    for side in ("fore", "back")
                }
                drawn.append(colours)
            assert drawn == [{colour} for colour in wanted], sheet.findtext(f"{GNUMERIC}Name")


def test_libreoffice_prints_no_text_over_other_text(outcomes: dict[str, Outcome], pdf_folder: Path) -> None:
    """Every wrapped cell of every sheet (areas, homes, horizons, rules, notes, headers) fits its row in
    LibreOffice's print, which draws Calibri's text in a wider font when Calibri is missing."""
    require("pdftotext")
    clashes = {size: overprinted(pdf_folder / f"{outcome.workbook.stem}.pdf") for size, outcome in outcomes.items()}
    assert clashes == {size: [] for size in outcomes}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_gnumeric_prints_no_text_over_other_text(lang: str, tmp_path: Path) -> None:
    """Gnumeric draws Calibri's text in a wider font; a row sized for Calibri cut its wrapped cells' last
    lines ("Short" with "term" over the next row, "Marketin" / "g", a role's title cut in its header)."""
    require("ssconvert", "pdftotext")
    clashes = {}
    for size in ("small", "large"):
        outcome = generate(tmp_path / size, builtin_profile(size), lang=lang)
        target = tmp_path / f"{size}.pdf"
        ssconvert(outcome.workbook, target, "--export-type=Gnumeric_pdf:pdf_assistant")
        clashes[size] = overprinted(target)
    assert clashes == {"small": [], "large": []}


def test_gnumeric_prints_every_row_of_the_matrix(outcome: Outcome, tmp_path: Path) -> None:
    """Gnumeric's PDF of the whole workbook holds every responsibility: it lays out every sheet's pages
    by the first sheet's orientation, so a portrait Summary before the landscape matrix cut its last rows."""
    require("ssconvert")
    require("pdftotext")
    target = tmp_path / "book.pdf"
    ssconvert(outcome.workbook, target, "--export-type=Gnumeric_pdf:pdf_assistant")
    pages = pdf_pages(target)

    def printed(row: Row) -> bool:  # its ID and its first words (the rest may wrap beside other cells)
        start = " ".join(row.item.responsibility.split()[:4])
        return any(row.item.id in page and start in page for page in pages)

    assert [row.item.id for row in outcome.report.matrix.rows if not printed(row)] == []


def test_gnumeric_evaluates_the_id_flag_on_exactly_the_rows_without_one_accountable(
    outcome: Outcome, tmp_path: Path
) -> None:
    """The ID column's conditional rule, as raci wrote it, evaluated by Gnumeric in a helper column written
    for this test only, on a matrix edited into a second A, a missing A and a lower-case a/r."""
    require("ssconvert")
    book = openpyxl.load_workbook(outcome.workbook)
    ws = book["RACI"]
    flags = [
        (str(entry.sqref), rule.formula[0])
        for entry in ws.conditional_formatting
        for rule in entry.rules
        if str(entry.sqref).startswith("A")
    ]
    assert len(flags) == 1
    ids, formula = flags[0]
    first, last = (int(number) for number in re.findall(r"\d+", ids))
    roles = len(outcome.report.matrix.roles)
    grid = {n: [ws.cell(n, 4 + offset).value or "" for offset in range(roles)] for n in range(first, last + 1)}

    def accountable(n: int) -> int:
        return next(offset for offset, letter in enumerate(grid[n]) if letter in ("A", "A/R"))

    second = next(offset for offset, letter in enumerate(grid[first]) if letter not in ("A", "A/R"))
    edits = {
        (first, second): "A",  # two accountable roles
        (first + 1, accountable(first + 1)): "C",  # nobody accountable
        (first + 2, accountable(first + 2)): "a/r",  # lower case counts
    }
    for (n, offset), letter in edits.items():
        ws.cell(n, 4 + offset).value = letter
        grid[n][offset] = letter
    helper = ws.max_column + 1
    for n in range(first, last + 1):
        ws.cell(n, helper).value = "=" + re.sub(rf"(\$[A-Z]+){first}\b", rf"\g<1>{n}", formula)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)

    ssconvert(edited, tmp_path / "sheet-%s.csv", "--recalc", "-S", "--export-type=Gnumeric_stf:stf_csv")
    with (tmp_path / "sheet-RACI.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))[first - 1 : last]
    flagged = [row[0] for row in rows if row[helper - 1].strip().upper() == "TRUE"]
    expected = [
        rows[n - first][0]
        for n in range(first, last + 1)
        if sum(letter.upper() in ("A", "A/R") for letter in grid[n]) != 1
    ]
    assert expected == [rows[0][0], rows[1][0]]
    assert flagged == expected


# --- the comparison's workbook on paper: LibreOffice and Gnumeric ----------------------------

MARGIN_PT = 18.0  # less than the sheets' 0.4-inch margins and Gnumeric's header: a word nearer an edge is cut
COMPARES = {
    # a café's matrix, mostly not sales work: its Plan sheet is the column of sentences alone
    "cafe-en": (["--from", "{data}/matrices/kopi-senja-cafe.csv", "--to", "medium"], "en"),
    "sinar-jaya-id": (["--from", "{data}/matrices/sinar-jaya-id.csv", "--to", "medium"], "id"),
    "small-to-large-en": (["--from", "small", "--to", "large"], "en"),  # two steps, each with a hires table
}


@pytest.fixture(scope="module")
def compare_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from .conftest import DATA

    folder = tmp_path_factory.mktemp("compare-books")
    books = {}
    for name, (options, lang) in COMPARES.items():
        args = [value.format(data=DATA) for value in options]
        result = CliRunner().invoke(main, ["compare", *args, "--lang", lang, "--out", str(folder / name), "-q"])
        assert result.exit_code == 0, result.output
        (books[name],) = (folder / name).glob("*.xlsx")
    return books


@pytest.fixture(scope="module")
def compare_pdfs(compare_books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require("soffice", "pdftotext")
    folder = tmp_path_factory.mktemp("compare-pdf")
    pdfs = {}
    for name, book in compare_books.items():  # one run each: the workbooks share their file names' stems
        (pdfs[name],) = soffice_convert([book], "pdf", folder / name, folder / f"profile-{name}")
    return pdfs


def test_libreoffice_prints_the_plan_and_compare_sheets_within_the_page(compare_pdfs: dict[str, Path]) -> None:
    """LibreOffice scales a sheet to the page's width only across columns: the Plan sheet's column of
    sentences, alone and wider than a portrait page, printed cut at both edges ("an: from your current
    matrix", "ep 1:")."""
    cut = {name: outside_margins(pdf, MARGIN_PT) for name, pdf in compare_pdfs.items()}
    assert cut == {name: [] for name in compare_pdfs}
    clashes = {name: overprinted(pdf) for name, pdf in compare_pdfs.items()}
    assert clashes == {name: [] for name in compare_pdfs}


def test_libreoffice_prints_every_sentence_of_the_plan(
    compare_books: dict[str, Path], compare_pdfs: dict[str, Path]
) -> None:
    """Each sentence of the Plan sheet is on paper: its first and last words (a line may wrap between)."""
    missing = {}
    for name, book in compare_books.items():
        text = " ".join(pdf_pages(compare_pdfs[name]))
        sentences = [
            words(str(value))
            for (value,) in openpyxl.load_workbook(book)["Plan"].iter_rows(max_col=1, values_only=True)
            if value
        ]
        missing[name] = [
            sentence
            for sentence in sentences
            if " ".join(sentence.split()[:3]) not in text or " ".join(sentence.split()[-2:]) not in text
        ]
    assert missing == {name: [] for name in compare_books}


def test_gnumeric_prints_the_plan_and_compare_sheets_within_the_page(
    compare_books: dict[str, Path], tmp_path: Path
) -> None:
    require("ssconvert", "pdftotext")
    cut, clashes = {}, {}
    for name, book in compare_books.items():
        target = tmp_path / f"{name}.pdf"
        ssconvert(book, target, "--export-type=Gnumeric_pdf:pdf_assistant")
        cut[name], clashes[name] = outside_margins(target, MARGIN_PT), overprinted(target)
    assert cut == {name: [] for name in compare_books}
    assert clashes == {name: [] for name in compare_books}
