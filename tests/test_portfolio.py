"""The batch's portfolio: files named for each client, portfolio.xlsx and portfolio.csv (one row
per job, read back and compared with each job's own workbook), the index's sortable table and --title."""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest

from raci.core.shares import compute_shares
from raci.exceptions import ManifestError, OutputError
from raci.fingerprint import unchanged
from raci.inputs.manifest import read_manifest
from raci.inputs.workbook import read_workbook
from raci.jobs.batch import PORTFOLIO_COLUMNS, SHARE_KEYS, BatchResult, client_stem, run_batch
from raci.names import NAME_BYTES

from .conftest import DATA
from .helpers import run
from .htmltools import Element, parse

MANIFEST = (
    "name,input,size,headcount,profile\n"
    "Acme Corp,,small,,\n"
    f"Beta & Sons,{DATA / 'mini.csv'},,,{DATA / 'mini_profile.toml'}\n"
    "Gamma Ltd,,,300,\n"
    "Delta,missing.csv,medium,,\n"
    "Epsilon,,startup,,\n"
)


def batch_of(folder: Path, text: str = MANIFEST, **options: object) -> BatchResult:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "clients.csv"
    manifest.write_text(text, encoding="utf-8")
    with ThreadPoolExecutor(max_workers=2) as executor:
        return run_batch(read_manifest(manifest, folder / "out", **options), executor=executor)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    return batch_of(tmp_path_factory.mktemp("portfolio"), title="Q4 clients")


def csv_rows(batch: BatchResult) -> list[dict[str, str]]:
    with (batch.plan.out_dir / "portfolio.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def xlsx_rows(batch: BatchResult) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(batch.plan.out_dir / "portfolio.xlsx")["Portfolio"]
    header, *rows = sheet.iter_rows(values_only=True)
    keys = {title: key for key, title in PORTFOLIO_COLUMNS.items()}
    return [{keys[str(title)]: value for title, value in zip(header, row, strict=True)} for row in rows]


# --- files named for the client ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "profile", "stem"),
    [
        ("Acme Corp", "small", "raci-acme-corp-small"),
        ("Beta & Sons <GmbH>", "mini", "raci-beta-sons-gmbh-mini"),
        ("PT Maju Jaya", "medium", "raci-pt-maju-jaya-medium"),
        ("../../x", "large", "raci-x-large"),
        ("..", "large", "raci-unnamed-large"),
        ("Kopi Nusantara Ñ", "small", "raci-kopi-nusantara-ñ-small"),
    ],
)
def test_a_job_s_files_are_named_for_its_client(name: str, profile: str, stem: str) -> None:
    assert client_stem(name, profile) == stem


def test_a_long_client_name_is_cut_and_keeps_the_size() -> None:
    stem = client_stem("Perusahaan " * 40 + "东京" * 40, "large")
    assert stem.endswith("-large")
    assert len(stem.encode("utf-8")) <= NAME_BYTES


def test_every_job_writes_its_client_named_files(portfolio: BatchResult) -> None:
    for result in portfolio.results:
        if not result.ok:
            continue
        stem = client_stem(result.job.name, result.profile)
        assert result.workbook == result.job.out_dir / f"{stem}.xlsx"
        assert result.summary == result.job.out_dir / f"{stem}.html"
        assert result.workbook.is_file()
        assert result.summary.is_file()
    assert (portfolio.plan.out_dir / "Acme-Corp" / "raci-acme-corp-small.xlsx").is_file()


def test_a_job_may_not_take_the_portfolio_s_name(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("name,size\nportfolio.CSV,small\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="the batch's portfolio"):
        read_manifest(manifest, tmp_path / "out")


# --- the portfolio's rows against each job's own files -------------------------------------------


def test_the_csv_and_the_workbook_have_one_row_per_job_in_manifest_order(portfolio: BatchResult) -> None:
    names = [result.job.name for result in portfolio.results]
    text = (portfolio.plan.out_dir / "portfolio.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(PORTFOLIO_COLUMNS)
    assert [row["client"] for row in csv_rows(portfolio)] == names
    assert [row["client"] for row in xlsx_rows(portfolio)] == names


def test_every_row_matches_the_shares_of_the_job_s_own_workbook(portfolio: BatchResult) -> None:
    """Each job's workbook is read back from disk and its shares computed afresh: the portfolio agrees."""
    out = portfolio.plan.out_dir
    for result, line, cells in zip(portfolio.results, csv_rows(portfolio), xlsx_rows(portfolio), strict=True):
        if not result.ok:
            continue
        assert result.workbook is not None
        matrix, _ = read_workbook(out / unquote(line["workbook"]))
        shares = compute_shares(matrix)
        assert shares == result.shares
        for key in SHARE_KEYS:
            value = getattr(shares, key)
            assert float(line[key]) == pytest.approx(value, abs=5e-5), (result.job.name, key)
            assert cells[key] == pytest.approx(value), (result.job.name, key)
        assert (line["status"], cells["status"]) == ("ok", "ok")
        assert line["size"] == cells["size"] == result.profile == matrix.profile.name
        # the client's own headcount when the manifest gives one, else the profile's range
        headcount = str(result.job.headcount) if result.job.headcount else matrix.profile.headcount_label
        assert line["headcount"] == cells["headcount"] == headcount
        assert (int(line["errors"]), int(line["warnings"])) == (result.errors, result.warnings)
        assert (cells["errors"], cells["warnings"]) == (result.errors, result.warnings)
        assert out / line["workbook"] == result.workbook
        assert out / line["summary"] == result.summary
        assert line["failure"] == ""
        assert cells["failure"] is None


def test_a_failed_job_has_its_row_with_its_error(portfolio: BatchResult) -> None:
    (delta,) = portfolio.failures
    line = next(row for row in csv_rows(portfolio) if row["client"] == "Delta")
    cells = next(row for row in xlsx_rows(portfolio) if row["client"] == "Delta")
    assert line["status"] == cells["status"] == "failed"
    assert line["failure"] == cells["failure"] == delta.error
    for key in (*SHARE_KEYS, "size", "headcount", "errors", "warnings", "workbook", "summary"):
        assert line[key] == ""
        assert cells[key] is None


def test_a_share_with_nothing_to_count_is_empty_not_zero(tmp_path: Path) -> None:
    """The mini catalogue has no marketing-strategy rows: strategy alignment is n/a, not 0%."""
    batch = batch_of(tmp_path, f"name,input,profile\nMini,{DATA / 'mini.csv'},{DATA / 'mini_profile.toml'}\n")
    (result,) = batch.results
    assert result.shares is not None
    expected = result.shares.strategy_alignment
    (line,) = csv_rows(batch)
    assert line["strategy_alignment"] == ("" if expected is None else f"{expected:.4f}")


def test_the_portfolio_workbook_is_fingerprinted_and_links_each_job_s_files(portfolio: BatchResult) -> None:
    out = portfolio.plan.out_dir
    path = out / "portfolio.xlsx"
    assert unchanged(path.name, path.read_bytes())
    sheet = openpyxl.load_workbook(path)["Portfolio"]
    columns = list(PORTFOLIO_COLUMNS)
    for row in sheet.iter_rows(min_row=2):
        for key in ("workbook", "summary"):
            cell = row[columns.index(key)]
            if cell.value is None:
                continue
            assert cell.hyperlink is not None
            assert (out / unquote(cell.hyperlink.target or "")).is_file()
        for key in SHARE_KEYS:
            cell = row[columns.index(key)]
            assert cell.value is None or cell.number_format == "0%"
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == sheet.dimensions


def test_a_client_name_like_a_formula_stays_text_in_the_workbook(tmp_path: Path) -> None:
    batch = batch_of(tmp_path, 'name,size\n"=HYPERLINK(""http://x"")",small\n')
    sheet = openpyxl.load_workbook(batch.plan.out_dir / "portfolio.xlsx")["Portfolio"]
    assert sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"


# --- written as one unit, guarded like every output ---------------------------------------------


def test_a_second_run_replaces_its_own_portfolio(tmp_path: Path) -> None:
    first = batch_of(tmp_path)
    csv_before = (first.plan.out_dir / "portfolio.csv").read_bytes()
    second = batch_of(tmp_path)
    assert second.index_error is None
    assert (second.plan.out_dir / "portfolio.csv").read_bytes() == csv_before


@pytest.mark.parametrize("name", ["portfolio.csv", "portfolio.xlsx"])
def test_a_changed_portfolio_is_kept_unless_forced(tmp_path: Path, name: str) -> None:
    batch = batch_of(tmp_path)
    path = batch.plan.out_dir / name
    if name.endswith(".xlsx"):  # a note typed into the sheet and saved
        book = openpyxl.load_workbook(path)
        book["Portfolio"]["A20"] = "call Acme back"
        book.save(path)
        changed = path.read_bytes()
    else:
        changed = path.read_bytes().replace(b"Acme Corp", b"Acme Corporation")
        path.write_bytes(changed)
    with pytest.raises(OutputError, match=f"{name}: was changed after raci wrote it"):
        batch_of(tmp_path)
    assert path.read_bytes() == changed
    assert not unchanged(path.name, changed) or name.endswith(".csv")
    assert batch_of(tmp_path, force=True).index_error is None
    assert path.read_bytes() != changed


def test_a_csv_that_no_index_records_is_not_raci_s(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "portfolio.csv").write_text("my own,notes\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"portfolio\.csv: was changed after raci wrote it"):
        batch_of(tmp_path)
    assert not (out / "index.html").exists()
    assert not (out / "Acme-Corp").exists()  # refused before any job ran


def test_the_index_records_the_csv_it_was_written_with(portfolio: BatchResult) -> None:
    import hashlib

    digest = hashlib.sha256((portfolio.plan.out_dir / "portfolio.csv").read_bytes()).hexdigest()
    assert f'<meta name="raci-portfolio-csv" content="{digest}">' in portfolio.index.read_text(encoding="utf-8")


# --- the index: its title and its sortable table --------------------------------------------------


def index_of(batch: BatchResult) -> Element:
    root, errors = parse(batch.index.read_text(encoding="utf-8"))
    assert errors == []
    return root


def test_title_titles_the_index_and_the_manifest_name_is_the_default(portfolio: BatchResult, tmp_path: Path) -> None:
    root = index_of(portfolio)
    assert root.find("title").text() == "RACI batch — Q4 clients"
    assert root.find("h1").text() == "RACI matrices — Q4 clients"
    plain = index_of(batch_of(tmp_path))
    assert plain.find("h1").text() == "RACI matrices — clients.csv"


def test_every_column_of_the_index_sorts(portfolio: BatchResult) -> None:
    root = index_of(portfolio)
    table = root.by_id("jobs")
    heads = table.find("thead").find_all("th")
    keys = [head.attrs.get("data-sort") for head in heads]
    assert keys == [
        "number",
        "client",
        "size",
        "headcount",
        *SHARE_KEYS,
        "errors",
        "warnings",
        "files",
    ]
    for head in heads:
        assert head.attrs["data-type"] in ("number", "text")
        (button,) = head.find_all("button")
        assert button.attrs["type"] == "button"
    rows = table.find("tbody").find_all("tr")
    for number, (row, result) in enumerate(zip(rows, portfolio.results, strict=True), start=1):
        attrs = {key: row.attrs[f"data-sort-{key.replace('_', '-')}"] for key in keys if key is not None}
        assert attrs["number"] == str(number)
        assert attrs["client"] == result.job.name
        for head in heads:  # a number column holds numbers (or nothing, for a failed job)
            value = attrs[head.attrs["data-sort"]]
            if head.attrs["data-type"] == "number" and value:
                float(value)
        if result.ok:
            assert result.shares is not None
            for key in SHARE_KEYS:
                value = getattr(result.shares, key)
                assert attrs[key] == ("" if value is None else f"{value:.6f}")
            assert attrs["errors"] == str(result.errors)
        else:
            assert {attrs[key] for key in (*SHARE_KEYS, "size", "errors", "files")} == {""}
    script = root.find("script").text()
    assert 'addEventListener("click"' in script
    assert "aria-sort" in script


def test_the_index_links_the_portfolio(portfolio: BatchResult) -> None:
    root = index_of(portfolio)
    for name in ("portfolio.xlsx", "portfolio.csv"):
        link = root.by_id(name.replace(".", "-"))
        assert link.attrs["href"] == name
        assert (portfolio.plan.out_dir / link.attrs["href"]).is_file()


# --- the command -------------------------------------------------------------------------------------


def test_cli_title_and_the_portfolio_files(tmp_path: Path) -> None:
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("name,size\nAcme Corp,small\n", encoding="utf-8")
    out = tmp_path / "out"
    code, printed, err = run("batch", str(manifest), "--out", str(out), "--jobs", "1", "--title", "Acme & co")
    assert code == 0, err
    assert printed.splitlines()[-3:] == [
        f"Wrote {out / 'index.html'}",
        f"Wrote {out / 'portfolio.xlsx'}",
        f"Wrote {out / 'portfolio.csv'}",
    ]
    assert "<h1>RACI matrices — Acme &amp; co</h1>" in (out / "index.html").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((out / "portfolio.csv").read_text(encoding="utf-8"))))
    assert [(row["client"], row["workbook"]) for row in rows] == [("Acme Corp", "Acme-Corp/raci-acme-corp-small.xlsx")]


def test_the_readme_documents_the_portfolio_and_title() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    batch = readme[readme.index("## Batch runs") :]
    assert "--title" in batch
    for key in PORTFOLIO_COLUMNS:
        assert f"`{key}`" in batch, key


def test_the_pptx_column_adds_a_deck_linked_from_the_index_and_the_portfolio(tmp_path: Path) -> None:
    batch = batch_of(tmp_path, "name,size,pptx\nAcme Corp,small,yes\nBeta,large,no\nGamma,medium,\n")
    assert [result.error for result in batch.results] == [None, None, None]
    plan = batch.plan
    assert [job.options for job in plan.jobs] == [{"pptx": True}, {"pptx": False}, {}]
    acme, beta, gamma = batch.results
    assert acme.deck == plan.out_dir / "Acme-Corp" / "raci-acme-corp-small.pptx"
    assert acme.deck.is_file()
    assert (beta.deck, gamma.deck) == (None, None)
    assert [row["deck"] for row in csv_rows(batch)] == ["Acme-Corp/raci-acme-corp-small.pptx", "", ""]
    links = [link.attrs["href"] for link in index_of(batch).find_all("a", class_="deck")]
    assert links == ["Acme-Corp/raci-acme-corp-small.pptx"]


# --- in Chromium: the clicks sort ---------------------------------------------------------------------


@pytest.mark.apps
def test_a_click_on_each_header_sorts_the_table_in_chromium(portfolio: BatchResult) -> None:
    from .apps import launch_chromium, require

    require("playwright", "chromium")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(portfolio.index.resolve().as_uri())
            keys = page.eval_on_selector_all("#jobs thead th", "heads => heads.map(head => head.dataset.sort)")
            for key in keys:
                attribute = f"data-sort-{key.replace('_', '-')}"
                numeric = page.get_attribute(f'#jobs thead th[data-sort="{key}"]', "data-type") == "number"
                for direction in ("ascending", "descending"):
                    page.click(f'#jobs thead th[data-sort="{key}"] button')
                    assert page.get_attribute(f'#jobs thead th[data-sort="{key}"]', "aria-sort") == direction
                    values = page.eval_on_selector_all(
                        "#jobs tbody tr", f"rows => rows.map(row => row.getAttribute({attribute!r}))"
                    )
                    filled = [value for value in values if value]
                    assert values[: len(filled)] == filled, (key, values)  # empty (failed) last
                    order: list[float] | list[str] = (
                        [float(value) for value in filled] if numeric else [value.casefold() for value in filled]
                    )  # these names sort the same by casefold as by the page's localeCompare
                    assert order == sorted(order, reverse=direction == "descending"), (key, direction, values)
            page.click('#jobs thead th[data-sort="number"] button')
            names = page.eval_on_selector_all("#jobs tbody tr", "rows => rows.map(row => row.dataset.job)")
            assert names == [result.job.folder for result in portfolio.results]
        finally:
            browser.close()
    assert errors == []
    assert [url for url in requests if url != portfolio.index.resolve().as_uri()] == []


def test_the_portfolio_prints_on_one_page_wide_with_its_header_on_every_page(portfolio: BatchResult) -> None:
    sheet = openpyxl.load_workbook(portfolio.plan.portfolio_xlsx)["Portfolio"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"


@pytest.mark.apps
def test_libreoffice_prints_the_portfolio_on_one_page(portfolio: BatchResult, tmp_path: Path) -> None:
    """Seven pages with cut links before: every column, links included, on one page."""
    from .apps import pdf_pages, require, soffice_convert

    require("soffice", "pdftotext")
    (pdf,) = soffice_convert([portfolio.plan.portfolio_xlsx], "pdf", tmp_path / "out", tmp_path / "profile")
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    rows = list(csv.DictReader(io.StringIO(portfolio.plan.portfolio_csv.read_text(encoding="utf-8"))))
    for row in rows:
        for key in ("workbook", "summary"):
            assert not row[key] or row[key] in pages[0]


def test_the_index_speaks_of_what_exists_in_one_language_without_the_machine_s_folders(tmp_path: Path) -> None:
    """A failure names its file as the manifest does; a failed job's folder, never made, is not shown;
    the client's own headcount is shown; an Indonesian job's size reads in the index's English; no
    profile key."""
    from .htmltools import parse

    text = "name,input,size,headcount,lang\nAcme Corp,,small,,\nPT Maju Jaya,,,120,id\nMissing Co,missing.csv,large,,\n"
    batch = batch_of(tmp_path, text)
    index = batch.plan.index.read_text(encoding="utf-8")
    root, _ = parse(index)
    assert str(tmp_path) not in index
    failure = next(result for result in batch.results if not result.ok)
    assert failure.error is not None
    assert failure.error.startswith("missing.csv: no such file")
    assert not (batch.plan.out_dir / failure.job.folder).exists()
    assert f"{failure.job.folder}/" not in root.find("table").text()
    rows = {row.attrs["data-job"]: row for row in root.find("table").find_all("tr", class_="job")}
    maju = rows["PT-Maju-Jaya"]
    assert maju.find("td", class_="headcount").text() == "120 people"
    assert maju.find("td", class_="profile").text() == "Medium-sized company"
    assert "Perusahaan" not in index
    shown = root.find("table").text().split()
    assert not {"small", "medium", "large", "startup"} & set(shown)
