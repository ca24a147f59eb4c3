"""One opener: every input is read once and is the same thing to every command, and `raci check FILE`
and the deliverable of FILE report the same findings, counted the same."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from raci.cli import main
from raci.inputs.source import SourceKind, open_source
from tests.test_matrix import DISTRIBUTOR, save

MATRICES = Path(__file__).parent / "data" / "matrices"
SIZES = ("startup", "small", "medium", "large")

_opened: list[str] = []
_watching: list[bool] = [False]


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _watching[0] and event == "open" and args and isinstance(args[0], str | bytes | Path):
        _opened.append(str(Path(str(args[0], "utf-8") if isinstance(args[0], bytes) else args[0]).resolve()))


sys.addaudithook(_audit)  # a no-op unless a test below is watching


def opens_of(path: Path, *args: str) -> int:
    """How many times running `raci ARGS` opens `path`."""
    _opened.clear()
    _watching[0] = True
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        _watching[0] = False
    assert result.exit_code in (0, 1), result.output
    return _opened.count(str(path.resolve()))


def bank(folder: Path) -> Path:
    """A bank's workbook: a legend, an abbreviations sheet and two sheets of tables, footnote marks."""
    retail = [
        ["Lending"],
        ["Activity", "Branch Head", "Sales Officer", "Marketing Manager", "Credit Analyst"],
        ["Set the branch's monthly loan sales targets", "A", "R", "C", "I"],
        ["Visit prospects for working-capital loans", "A*", "R", "I", "C"],
        ["Assess the loan application", "A", "I", None, "R"],
        [],
        ["Deposits"],
        ["Activity", "Branch Head", "Teller", "Marketing Manager"],
        ["Run the savings promotion", "I", "R", "A/R**"],
        ["Answer customer complaints at the counter", "A", "R", "A"],
    ]
    corporate = [
        ["Corporate banking"],
        ["Activity", "branch head", "Relationship Mgr", "Marketing  Manager"],
        ["Negotiate the credit line with a key account", "A", "R", "I"],
        ["Design the cash-management brand campaign", "C", "C", "R"],
    ]
    return save(
        folder / "bank.xlsx",
        {
            "Legend": [["Letter", "Meaning"], ["R", "Responsible"], ["A", "Accountable"]],
            "Retail": retail,
            "Corporate": corporate,
        },
    )


def matrices(folder: Path) -> Iterator[Path]:
    """Every matrix made elsewhere the tests know: the files under tests/data/matrices, a bank workbook
    and an Indonesian distributor's with planted defects."""
    yield from sorted(MATRICES.iterdir())
    yield bank(folder)
    yield save(folder / "sinar.xlsx", {"Matriks": DISTRIBUTOR})
    yield cup(folder)
    export = folder / "export.tsv"
    export.write_text(
        "Responsibility\tSales Manager\tMarketing Manager\tOwner\n"
        "Set sales targets\tA/R\tR\tI\nRun Instagram ads\tC\tA/R\tI\n",
        encoding="utf-16",
    )
    yield export
    listed = folder / "listed.csv"
    listed.write_text(
        "id,area,responsibility,home,Head of Sales,CMO\nQ1,quotas,Set quotas,sales,A,R\n"
        "P1,pricng,Set prices,marketing,C,A/R\n",
        encoding="utf-8",
    )
    yield listed


def cup(folder: Path) -> Path:
    """A café's matrix saved by LibreOffice (.ods): letters spelt out, a stray 'x', two A's on a row."""
    import pandas as pd

    sheet = [
        ["Daily jobs at the Corner Cup", None, None, None, None],
        [None, None, None, None, None],
        ["Task", "Manager", "Server", "Barista", "Customer"],
        ["Open the shop and count the float", "Accountable", "Responsible", "Informed", None],
        ["Take orders at the counter", "A", "R/A", "i", "C"],
        ["Make the drinks", "Accountable", "Informed", "Responsible", "x"],
    ]
    path = folder / "cup.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame(sheet).to_excel(writer, sheet_name="Shop", header=False, index=False)
    return path


def raci_workbooks(folder: Path, lang: str = "en") -> Iterator[Path]:
    for size in SIZES:
        out = folder / f"own-{size}-{lang}"
        result = CliRunner().invoke(main, ["generate", "--size", size, "--lang", lang, "--out", str(out), "-q"])
        assert result.exit_code == 0, result.output
        yield out / f"raci-{size}.xlsx"


def checked(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def delivered(path: Path, out: Path) -> tuple[Path, Path]:
    result = CliRunner().invoke(main, ["generate", str(path), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    workbook = next(out.glob("*.xlsx"))
    return workbook, workbook.with_suffix(".html")


def sheet_findings(workbook: Path) -> Counter[tuple[str, str]]:
    """(check id, row id) per finding listed on the Checks sheet; a row naming several rows is several."""
    sheet = openpyxl.load_workbook(workbook)["Checks"]
    found: Counter[tuple[str, str]] = Counter()
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[-1] is None:
            continue
        ids = [part.strip() for part in str(row[2] or "").split(",") if part.strip()]
        roles = [part.strip() for part in str(row[3] or "").split(",") if part.strip()]
        for ident in ids or [""] * max(len(roles), 1):
            found[(str(row[-1]), ident)] += 1
    return found


def sheet_severities(workbook: Path) -> dict[str, int]:
    """Findings per severity on the Checks sheet (its Severity column, in the workbook's language), a row
    naming several rows counting each."""
    sheet = openpyxl.load_workbook(workbook)["Checks"]
    words = {"Error": "error", "Warning": "warning", "Note": "info", "Kesalahan": "error", "Peringatan": "warning"}
    words["Catatan"] = "info"
    found: Counter[str] = Counter()
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[-1] is None:
            continue
        ids = [part.strip() for part in str(row[2] or "").split(",") if part.strip()]
        roles = [part.strip() for part in str(row[3] or "").split(",") if part.strip()]
        found[words[str(row[0])]] += len(ids) or max(len(roles), 1)
    return dict(found)


def json_findings(data: dict[str, Any]) -> Counter[tuple[str, str]]:
    """The same tally from the JSON: a finding naming a role but no row counts once per role."""
    return Counter((finding["rule"], finding["id"] or "") for finding in data["findings"])


def page_counts(page: Path) -> dict[str, int]:
    """The counts the page states per severity, and the findings it lists (a note group counts its members)."""
    tree = lxml_html.fromstring(page.read_bytes())
    stated = {li.get("data-severity"): int(li.get("data-count")) for li in tree.xpath('//*[@id="tally"]/li')}
    listed: Counter[str] = Counter()
    for li in tree.xpath('//*[@id="checks"]//li[@data-severity][not(ancestor::*[@id="tally"])]'):
        if li.xpath("ancestor::li[@data-severity]"):
            continue  # a finding inside a note group is counted by its group
        listed[li.get("data-severity")] += int(li.get("data-count") or 1)
    return {**{f"stated-{k}": v for k, v in stated.items()}, **{f"listed-{k}": v for k, v in listed.items()}}


def test_every_kind_of_input_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = [*matrices(tmp_path), *raci_workbooks(tmp_path), Path(__file__).parent / "data" / "mini.csv"]
    for path in inputs:
        assert opens_of(path, "check", str(path)) == 1, path
        assert opens_of(path, "generate", str(path), "--out", str(tmp_path / "out" / path.stem), "-q") == 1, path


def test_batch_jobs_and_compare_from_read_each_input_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from raci.jobs.batch import read_manifest, run_batch

    monkeypatch.chdir(tmp_path)
    (own,) = [path for path in raci_workbooks(tmp_path) if path.stem == "raci-medium"]
    matrix, csv = bank(tmp_path), Path(__file__).parent / "data" / "mini.csv"
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"name,input,size\nBank,{matrix},\nOwn,{own},\nList,{csv},large\n", encoding="utf-8")
    _opened.clear()
    _watching[0] = True
    try:
        with ThreadPoolExecutor(max_workers=1) as executor:
            result = run_batch(read_manifest(manifest, tmp_path / "batch"), executor=executor)
    finally:
        _watching[0] = False
    assert not result.failed, result.failures
    assert [result.profile for result in result.results] == ["bank", "medium", "large"]
    for path in (manifest, matrix, own, csv):
        assert _opened.count(str(path.resolve())) == 1, path
    assert opens_of(matrix, "compare", "--from", str(matrix), "--to", "medium", "--out", "compared") == 1


def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each openpyxl.load_workbook call from now on, as whether it read the saved values (data_only)."""
    loads: list[bool] = []
    load = openpyxl.load_workbook

    def counted(*args: Any, **kwargs: Any) -> Any:
        loads.append(kwargs.get("data_only", False))
        return load(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counted)
    return loads


def test_every_workbook_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened once is not enough: the sheets are parsed once too, by whichever readers ask for them."""
    monkeypatch.chdir(tmp_path)
    loads = counted_loads(monkeypatch)
    workbooks = [*raci_workbooks(tmp_path), bank(tmp_path), save(tmp_path / "sinar.xlsx", {"Matriks": DISTRIBUTOR})]
    book = openpyxl.Workbook()
    book.active.append(["id", "area", "responsibility", "home"])
    book.active.append(["X1", "pricing", "Set the list prices", "sales"])
    book.save(tmp_path / "list.xlsx")
    workbooks.append(tmp_path / "list.xlsx")
    for path in workbooks:
        for args in (["check", str(path)], ["generate", str(path), "--out", str(tmp_path / "out" / path.stem), "-q"]):
            loads.clear()
            result = CliRunner().invoke(main, args)
            assert result.exit_code in (0, 1), result.output
            assert loads == [True], (args, loads)  # the saved values, once; no formula to read


def test_a_workbook_with_formulas_is_parsed_once_more_for_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    book.active.append(["id", "area", "responsibility", "home"])
    book.active.append(["X1", "pricing", '=CONCAT("Set ", "prices")', "sales"])
    book.save(tmp_path / "list.xlsx")
    loads = counted_loads(monkeypatch)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "list.xlsx")])
    assert result.exit_code == 2
    assert "cell C2 holds a formula whose result was never saved" in result.stderr
    assert sorted(loads) == [False, True]


def test_raci_s_own_workbook_on_standard_input_is_that_workbook(tmp_path: Path) -> None:
    (workbook,) = [path for path in raci_workbooks(tmp_path) if path.stem == "raci-large"]
    from_file = checked(workbook)
    result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=workbook.read_bytes())
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["findings"] == from_file["findings"]
    result = CliRunner().invoke(main, ["check", "-"], input=workbook.read_bytes())
    assert "profile Large company (" in result.output


def test_raci_s_own_workbook_is_the_same_thing_to_every_command(tmp_path: Path) -> None:
    (workbook,) = [path for path in raci_workbooks(tmp_path) if path.stem == "raci-medium"]
    assert open_source(workbook).kind is SourceKind.WORKBOOK
    result = CliRunner().invoke(main, ["generate", str(workbook), "--out", str(tmp_path / "again")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Profile: Medium-sized company (")
    assert (tmp_path / "again" / "raci-medium.xlsx").is_file()
    read = openpyxl.load_workbook(tmp_path / "again" / "raci-medium.xlsx")
    assert read["_raci"]["B2"].value == "medium"


def test_raci_s_own_workbook_is_never_replaced_by_its_own_output(tmp_path: Path) -> None:
    (workbook,) = [path for path in raci_workbooks(tmp_path) if path.stem == "raci-small"]
    before = workbook.read_bytes()
    result = CliRunner().invoke(main, ["generate", str(workbook), "--out", str(workbook.parent), "--force"])
    assert result.exit_code == 2
    assert "would be replaced by its own output" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert workbook.read_bytes() == before


def test_a_matrix_on_standard_input_is_read_as_a_matrix(tmp_path: Path) -> None:
    path = MATRICES / "agency-deliverables.csv"
    from_file = checked(path)
    result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=path.read_bytes())
    assert result.exit_code in (0, 1), result.output
    from_stdin = json.loads(result.stdout)
    assert from_stdin["findings"] == from_file["findings"]
    assert from_stdin["matrix"]["rows"] == from_file["matrix"]["rows"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_check_and_the_deliverable_report_the_same_findings(tmp_path: Path, lang: str) -> None:
    inputs = [*matrices(tmp_path), *raci_workbooks(tmp_path, lang)]
    with_findings = 0
    for number, path in enumerate(inputs):
        data = checked(path)
        workbook, page = delivered(path, tmp_path / "deliverables" / str(number))
        expected = {"error": data["errors"], "warning": data["warnings"], "info": data["notes"]}
        assert sum(expected.values()) == len(data["findings"]), path
        severities = Counter(finding["severity"] for finding in data["findings"])
        assert expected == {severity: severities[severity] for severity in expected}, path
        assert sheet_severities(workbook) == {key: count for key, count in expected.items() if count}, path
        assert sheet_findings(workbook) == json_findings(data), path
        counts = page_counts(page)
        for severity, count in expected.items():
            assert counts.get(f"stated-{severity}", 0) == count, (path, severity, counts)
            assert counts.get(f"listed-{severity}", 0) == count, (path, severity, counts)
        with_findings += bool(data["findings"])
    assert with_findings >= len(inputs) // 2, "most inputs have findings, so the comparison compares something"


def test_the_deliverable_of_a_matrix_keeps_the_audit_trail_of_every_cell_read_differently(tmp_path: Path) -> None:
    """What `raci check` lists as read differently, or told from the file, is in the workbook's Read as sheet
    and on the page with the same counts as the JSON's `read_as`, alike cells together: what is worth
    checking (a footnote mark, a word, a look-alike letter, a role spelt two ways, an area told from the
    wording, a function told from a title) before spelling only (case, order, a dash for none)."""
    path = save(tmp_path / "sinar.xlsx", {"Matriks": DISTRIBUTOR})
    data = checked(path)
    letters = Counter((n["from"], n["to"]) for n in data["normalised"])
    trail = data["read_as"]
    assert sum(len(entry["cells"]) for entry in trail) > sum(letters.values())  # more than letters alone
    assert {entry["kind"] for entry in trail} >= {"meaning", "spelling", "function", "unreadable"}
    assert {(entry["written"], entry["read_as"]) for entry in trail if entry["kind"] == "function"} >= {
        ("Kepala Penjualan", "sales"),
        ("Staf Marketing", "marketing"),
    }
    assert [entry["cells"] for entry in trail if entry["kind"] == "unreadable"] == [["Matriks!G14"]]  # the X
    workbook, page = delivered(path, tmp_path / "out")
    sheet = openpyxl.load_workbook(workbook)["Read as"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(trail)
    assert sum(int(row[2]) for row in rows) == sum(len(entry["cells"]) for entry in trail)
    written = {str(row[0]).split(" (U+")[0]: row for row in rows if row[3] in ("worth checking", "spelling only")}
    for (before, after), count in letters.items():
        row = written[before]
        assert (row[1] if after else "") == (after or ""), before
        assert row[2] == count
    kinds = [row[3] for row in rows]
    assert kinds == sorted(kinds, key=lambda kind: kind == "spelling only")
    assert written["A*"][3] == "worth checking"
    assert written["R/A"][3] == "spelling only"
    assert written["\u0421"][0] == "\u0421 (U+0421)"  # a Cyrillic look-alike named, not shown as a plain C
    assert ("Gudang", "Operations", 1, "function told from the title") in {row[:4] for row in rows}  # in words
    tree = lxml_html.fromstring(page.read_bytes())
    listed = tree.xpath('//*[@id="read-as-table"]/tbody/tr')
    assert sum(int(tr.get("data-count")) for tr in listed) == sum(len(entry["cells"]) for entry in trail)
    assert [tr.get("data-kind") for tr in listed] == [entry["kind"] for entry in trail]
    assert [tr.get("class") for tr in listed][:1] == ["meaning"]


def test_a_list_has_no_audit_trail(tmp_path: Path) -> None:
    workbook, page = delivered(Path(__file__).parent / "data" / "mini.csv", tmp_path / "out")
    assert "Read as" not in openpyxl.load_workbook(workbook).sheetnames
    assert not lxml_html.fromstring(page.read_bytes()).xpath('//*[@id="read-as"]')
