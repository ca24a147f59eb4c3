"""`raci check` on matrices made elsewhere: found from their content, letters read as people write them,
every reading reported with its cell, and only the file's own roles and rows checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from raci.cli import main
from raci.inputs.letters import read_letter
from raci.inputs.matrix import read_matrix
from raci.inputs.titles import functions_of

MATRICES = Path(__file__).parent / "data" / "matrices"


def check(path: Path, *options: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", *options])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def roles(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(role["title"], role["function"]) for role in data["matrix"]["roles"]]


def normalised(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(n["cell"], n["from"], n["to"]) for n in data["normalised"]]


def errors(data: dict[str, Any]) -> set[tuple[str, str | None, str | None]]:
    return {(f["rule"], f["id"], f["role"]) for f in data["findings"] if f["severity"] == "error"}


def save(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# --- letters and titles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("R", "R"),
        (" r ", "R"),
        ("A/R", "A/R"),
        ("R/A", "A/R"),
        ("AR", "A/R"),
        ("ra", "A/R"),
        ("A,R", "A/R"),
        ("A+R", "A/R"),
        ("R & A", "A/R"),
        ("Responsible", "R"),
        ("accountable", "A"),
        ("Consulted", "C"),
        ("Informed", "I"),
        ("Accountable & Responsible", "A/R"),
        ("Pelaksana", "R"),
        ("Penanggung jawab", "A"),
        ("Dikonsultasikan", "C"),
        ("Diinformasikan", "I"),
        ("\u0421", "C"),  # Cyrillic Es
        ("\u0410", "A"),  # Cyrillic A
        ("\u0420", "R"),  # Cyrillic Er
        ("\u0406", "I"),  # Cyrillic I
        ("\u0391", "A"),  # Greek Alpha
        ("\u03a1", "R"),  # Greek Rho
        ("\u0399", "I"),  # Greek Iota
        ("\uff21", "A"),  # fullwidth
        ("\uff32/\uff21", "A/R"),
        ("A*", "A"),
        ("I**", "I"),
        ("C\u00b9", "C"),
        ("-", ""),
        ("\u2013", ""),
        ("n/a", ""),
        ("", ""),
        ("x", None),
        ("\u2713", None),
        ("R/C", None),
        ("maybe", None),
    ],
)
def test_letters_are_read_as_people_write_them(written: str, read: str | None) -> None:
    assert read_letter(written) == read


@pytest.mark.parametrize(
    ("title", "function"),
    [
        ("Head of Sales", "sales"),
        ("Sales Director", "sales"),
        ("Sales Manager", "sales"),
        ("Kepala Penjualan", "sales"),
        ("Direktur Penjualan", "sales"),
        ("Sales", "sales"),
        ("CMO", "marketing"),
        ("Marketing Lead", "marketing"),
        ("Staf Marketing", "marketing"),
        ("Pemasaran", "marketing"),
        ("CEO", "leadership"),
        ("Owner", "leadership"),
        ("Founder", "leadership"),
        ("Managing Director", "leadership"),
        ("Direktur Utama", "leadership"),
        ("Direktur", "leadership"),
        ("Pemilik", "leadership"),
        ("CFO", "finance"),
        ("Keuangan", "finance"),
        ("Customer Success", "service"),
        ("CS", "service"),
        ("Layanan Pelanggan", "service"),
        ("Product Owner", "product"),
        ("Logistik", "operations"),
        ("Customer", None),
        ("Designer", None),
    ],
)
def test_a_role_function_is_told_from_its_title(title: str, function: str | None) -> None:
    hats = functions_of(title)
    assert (hats[0] if hats else None) == function


# --- the matrices -------------------------------------------------------------------------------


def test_a_coffee_shop_matrix_in_full_words(tmp_path: Path) -> None:
    path = save(
        tmp_path / "coffee.xlsx",
        {
            "Shop": [
                ["Daily jobs at the Corner Cup"],
                [],
                ["Task", "Manager", "Server", "Barista", "Customer"],
                ["Open the shop and count the float", "Accountable", "Responsible", "Informed", None],
                ["Take orders at the counter", "Accountable", "Responsible", "Informed", "Consulted"],
                ["Make the drinks", "Accountable", "Informed", "Responsible", "Informed"],
                ["Set menu prices", "Accountable & Responsible", "Informed", "Consulted", "Informed"],
                ["Handle customer complaints", "Accountable", "Responsible", "Consulted", "Informed"],
            ]
        },
    )
    code, data = check(path)
    assert code == 0
    assert roles(data) == [
        ("Manager", "leadership"),
        ("Server", "service"),
        ("Barista", "operations"),
        ("Customer", None),
    ]
    assert data["matrix"]["rows"] == 5
    assert ("Shop!B7", "Accountable & Responsible", "A/R") in normalised(data)
    assert ("Shop!E5", "Consulted", "C") in normalised(data)
    assert len(normalised(data)) == 19  # every word read as its letter, each with its cell
    rules = {(f["rule"], f["role"]) for f in data["findings"]}
    assert ("unknown-function", "Customer") in rules
    assert ("idle-role", "Customer") in rules  # the customer holds no R nor A: true, and said
    assert errors(data) == set()


def test_a_bank_workbook_with_legend_abbreviations_and_several_tables(tmp_path: Path) -> None:
    lending = [
        ["Lending"],
        ["Activity", "Branch Head", "Sales Officer", "Marketing Manager", "Credit Analyst"],
        ["Set the branch's monthly loan sales targets", "A", "R", "C", "I"],
        ["Visit prospects for working-capital loans", "A*", "R", "I", "C"],
        ["Assess the loan application", "A", "I", None, "R"],
        [],
        ["Deposits"],
        ["Activity", "Branch Head", "Teller", "Marketing Manager"],
        ["Run the savings promotion", "I", "R", "A/R**"],
        ["Answer customer complaints at the counter", "A", "R", "I"],
        [],
        ["* subject to the credit committee   ** with head office approval"],
    ]
    corporate = [
        ["Corporate banking"],
        ["Activity", "branch head", "Relationship Mgr", "Marketing  Manager"],
        ["Negotiate the credit line with a key account", "A", "R", "I"],
        ["Design the cash-management brand campaign", "C", "C", "A/R"],
    ]
    path = save(
        tmp_path / "bank.xlsx",
        {
            "Legend": [["Letter", "Meaning"], ["R", "Responsible"], ["A", "Accountable"], ["C", "Consulted"]],
            "Abbreviations": [
                ["Abbreviation", "Stands for"],
                ["RM", "Relationship manager"],
                ["KYC", "Know your customer"],
            ],
            "Retail": lending,
            "Corporate": corporate,
        },
    )
    code, data = check(path)
    assert code == 0, data["findings"]
    assert roles(data) == [
        ("Branch Head", None),
        ("Sales Officer", "sales"),
        ("Marketing Manager", "marketing"),
        ("Credit Analyst", None),
        ("Teller", None),
        ("Relationship Mgr", None),
    ]
    assert data["matrix"]["rows"] == 7
    assert data["matrix"]["skipped"] == [
        {"sheet": "Legend", "why": "a legend"},
        {"sheet": "Abbreviations", "why": "no letter columns"},
    ]
    assert normalised(data) == [
        ("Corporate!B2", "branch head", "Branch Head"),  # one role, spelt two ways
        ("Corporate!D2", "Marketing  Manager", "Marketing Manager"),
        ("Retail!B4", "A*", "A"),
        ("Retail!D9", "A/R**", "A/R"),
    ]
    # rows without an ID column are named by their sheet and cell
    ids = {f["id"] for f in data["findings"] if f["id"]}
    assert ids <= {"Retail!A3", "Retail!A4", "Retail!A5", "Retail!A9", "Retail!A10", "Corporate!A3", "Corporate!A4"}


def test_a_csv_with_activity_deliverable_and_r_slash_a() -> None:
    code, data = check(MATRICES / "agency-deliverables.csv")
    assert code == 0
    assert roles(data) == [
        ("Owner", "leadership"),
        ("Sales Lead", "sales"),
        ("Marketing Lead", "marketing"),
        ("Designer", None),
    ]
    assert data["matrix"]["rows"] == 6
    assert normalised(data) == [("C3", "R/A", "A/R"), ("D5", "RA", "A/R"), ("B6", "R/A", "A/R"), ("E7", "r", "R")]
    assert errors(data) == set()


def test_a_long_export_one_line_per_letter() -> None:
    code, data = check(MATRICES / "crm-export-long.csv")
    assert code == 1
    assert roles(data) == [
        ("Sales Development Rep", "sales"),
        ("Head of Sales", "sales"),
        ("Marketing Manager", "marketing"),
        ("CFO", "finance"),
    ]
    assert data["matrix"]["rows"] == 4
    assert normalised(data) == [("C11", "Head of sales", "Head of Sales"), ("D9", "c", "C")]
    assert errors(data) == {("marketing-carries-quota", "T3", "Marketing Manager")}


def test_a_long_export_is_told_by_its_content_whatever_its_column_names() -> None:
    path = MATRICES / "action-export-long.csv"
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "group_id,group_title,action_id,action_name,role_id,role_name,raci"
    )
    code, data = check(path)
    assert code == 0, data["findings"]
    assert roles(data) == [
        ("Marketing Manager", "marketing"),
        ("Head of Sales", "sales"),
        ("CEO", "leadership"),
        ("Content Writer", "marketing"),
        ("Sales Development Rep", "sales"),
        ("Finance Controller", "finance"),
    ]
    assert data["matrix"]["rows"] == 6
    assert normalised(data) == [("G13", "i", "I")]
    matrix, _, _ = read_matrix(path)
    # the action ids name the rows; the groups are the sections, whose titles name the area where they can
    assert [(row.item.id, matrix.area_of(row)) for row in matrix.rows] == [
        ("A-101", "promotion"),
        ("A-102", "promotion"),
        ("A-201", "promotion"),
        ("A-202", "promotion"),
        ("A-301", "quotas"),
        ("A-302", "quotas"),
    ]
    holders = {row.item.id: getattr(matrix.accountable_role(row), "title", None) for row in matrix.rows}
    assert holders == {
        "A-101": "Marketing Manager",
        "A-102": "Marketing Manager",
        "A-201": "Marketing Manager",
        "A-202": "Head of Sales",
        "A-301": "Head of Sales",
        "A-302": "Head of Sales",
    }


def test_a_role_whose_only_letters_sit_at_row_900_and_placeholder_rows(tmp_path: Path) -> None:
    path = MATRICES / "florist-daily.csv"
    code, data = check(path)
    assert code == 1
    assert [title for title, _ in roles(data)] == [
        "Store Manager",
        "Sales Lead",
        "Marketing Lead",
        "Cashier",
        "Quality Auditor",  # its one letter is on line 900
    ]
    assert data["matrix"]["rows"] == 899  # every line under the header, the TBD row too
    # the placeholders are read as no letter, each reported where it stands, never taken for a header
    assert normalised(data)[-5:] == [
        ("B901", "TBD", ""),
        ("C901", "TBD", ""),
        ("D901", "TBD", ""),
        ("E901", "TBD", ""),
        ("F902", "?", ""),
    ]
    assert errors(data) == {("no-accountable", "A901", None), ("no-responsible", "A901", None)}
    matrix, _, _ = read_matrix(path)
    last = {row.item.responsibility: row for row in matrix.rows[-3:]}
    assert getattr(matrix.accountable_role(last["Year-end quality audit"]), "title", None) == "Quality Auditor"
    assert getattr(matrix.accountable_role(last["Plan the Valentine's campaign"]), "title", None) == "Marketing Lead"


def test_a_placeholder_row_in_a_short_matrix_is_a_row(tmp_path: Path) -> None:
    path = tmp_path / "pricing.csv"
    path.write_text(
        "Activity,Owner,Sales Manager,Marketing Manager\n"
        "Set the list prices,A,C,R\n"
        "Review pricing,TBD,TBD,TBD\n"
        "Run the Ramadan promotion,I,C,A/R\n",
        encoding="utf-8",
    )
    assert check(path)[0] == 1
    _, data = check(path)
    assert data["matrix"]["rows"] == 3
    assert [title for title, _ in roles(data)] == ["Owner", "Sales Manager", "Marketing Manager"]
    assert normalised(data) == [("B3", "TBD", ""), ("C3", "TBD", ""), ("D3", "TBD", "")]
    assert errors(data) == {("no-accountable", "A3", None), ("no-responsible", "A3", None)}


def test_a_bank_workbook_whose_footnote_marks_make_accountability_conditional() -> None:
    """A*/A** (accountable for Tier 1 or Tier 2 initiatives, as its Variations sheet says) is one A or the
    other: a warning naming the marks and the note, not the error of two A's; an unmarked double A stays one."""
    code, data = check(MATRICES / "bank-analytics.xlsx")
    assert code == 1
    assert data["matrix"]["rows"] == 9
    assert errors(data) == {("multiple-accountable", "Retail sales analytics!A5", "Head of Retail Sales (HoRS)")}
    conditional = [f for f in data["findings"] if f["rule"] == "conditional-accountable"]
    assert [(f["severity"], f["id"], f["params"]["marks"]) for f in conditional] == [
        ("warning", "Marketing analytics!A3", ["A*", "A**"]),
        ("warning", "Marketing analytics!A6", ["A*", "A**"]),
    ]
    assert conditional[0]["params"]["roles"] == [
        "Business Sponsor (BizSpon) (A*)",
        "Chief Marketing Officer (CMO) (A**)",
    ]
    assert conditional[0]["params"]["notes"] == [
        "A*: Accountable for Tier 1 initiatives (budget above IDR 5 bn) [Variations!A4]",
        "A**: Accountable for Tier 2 initiatives (budget up to IDR 5 bn) [Variations!A5]",
    ]
    assert "conditional accountability" in conditional[0]["message"]
    assert "Tier 2 initiatives" in conditional[0]["message"]
    # the abbreviations spelt out as the Overview sheet spells them, their functions told from the full title
    assert roles(data) == [
        ("Business Sponsor (BizSpon)", None),
        ("Chief Marketing Officer (CMO)", "marketing"),
        ("Head of Retail Sales (HoRS)", "sales"),
        ("Relationship Manager (RM)", "sales"),
        ("Data Scientist (DS)", None),
        ("Machine Learning Engineer (MLE)", None),
        ("Data Protection Officer (DPO)", None),
    ]
    spelt = [(e["written"], e["read_as"], e["cells"]) for e in data["read_as"] if e["kind"] == "role"]
    assert ("BizSpon", "Business Sponsor (BizSpon)", ["Overview!A4"]) in spelt
    assert len(spelt) == 7
    # the marks are read as A and every one is listed where it stands
    assert [n for n in normalised(data) if not n[0].startswith("Overview!")] == [
        ("Marketing analytics!B3", "A*", "A"),
        ("Marketing analytics!C3", "A**", "A"),
        ("Marketing analytics!B6", "A*", "A"),
        ("Marketing analytics!D6", "A**", "A"),
    ]
    # in Indonesian too
    _, indonesian = check(MATRICES / "bank-analytics.xlsx", "--lang", "id")
    said = [f["message"] for f in indonesian["findings"] if f["rule"] == "conditional-accountable"]
    assert said
    assert all("akuntabilitas bersyarat" in message for message in said)


DISTRIBUTOR = [
    ["Matriks RACI \u2014 PT Sinar Niaga Distribusi"],
    [],
    ["No", "Kegiatan", "Direktur", "Kepala Penjualan", "Staf Marketing", "Keuangan", "Gudang"],
    [1, "Menyusun rencana pemasaran tahunan", "C", "C", "A/R", "I", "-"],
    [2, "Menetapkan target penjualan bulanan per salesman", "C", "A", "R", "C", "-"],
    [3, "Menetapkan harga jual ke toko", "A", "R", "C", "C", "I"],
    [4, "Memilih distributor dan sub-agen baru", "A*", "R", "I", "C", "\u2013"],
    [5, "Kunjungan rutin ke toko", "A", "R/A", "I", None, None],
    [6, "Membuat konten media sosial", "I", "C", "ar", None, None],
    [7, "Mengelola pameran dagang", "C", "R", "A", "I", None],
    [8, "Menagih piutang toko", "I", "R", "-", "R", None],
    [9, "Menangani keluhan pelanggan", "I", "A", "C", None, "R"],
    [10, "Survei kepuasan pelanggan", "I", "C", "A/R", None, None],
    [11, "Mengatur pengiriman barang ke toko", "I", "A/R", None, "C", "X"],
    [12, "Membuat laporan penjualan mingguan", "I", " a/r ", "i", "C", None],
    [13, "Menetapkan anggaran promosi", "A", "C", "Pelaksana", "\u0421", None],
    [14, "Menjaga citra merek", "C", "I", "A/R", None, None],
    [15, "Negosiasi kontrak dengan toko besar", "A", "R", None, "C", None],
    [16, "Mencatat stok gudang", "I", "I", None, "C", "\uff21/R"],
    [],
    ["Keterangan:"],
    ["R = Pelaksana"],
    ["A = Penanggung jawab"],
    ["C = Dikonsultasikan"],
    ["I = Diinformasikan"],
]


def test_an_indonesian_distributor_matrix_with_planted_defects(tmp_path: Path) -> None:
    path = save(tmp_path / "sinar.xlsx", {"Matriks": DISTRIBUTOR})
    code, data = check(path)
    assert code == 1
    assert roles(data) == [
        ("Direktur", "leadership"),
        ("Kepala Penjualan", "sales"),
        ("Staf Marketing", "marketing"),
        ("Keuangan", "finance"),
        ("Gudang", "operations"),
    ]
    assert data["matrix"]["rows"] == 16
    assert normalised(data) == [
        ("Matriks!G4", "-", ""),
        ("Matriks!G5", "-", ""),
        ("Matriks!C7", "A*", "A"),
        ("Matriks!G7", "\u2013", ""),
        ("Matriks!D8", "R/A", "A/R"),
        ("Matriks!E9", "ar", "A/R"),
        ("Matriks!E11", "-", ""),
        ("Matriks!D15", " a/r ", "A/R"),
        ("Matriks!E15", "i", "I"),
        ("Matriks!E16", "Pelaksana", "R"),
        ("Matriks!F16", "\u0421", "C"),
        ("Matriks!G19", "\uff21/R", "A/R"),
    ]
    assert errors(data) == {
        ("multiple-accountable", "5", "Kepala Penjualan"),
        ("no-accountable", "8", None),
        ("marketing-carries-quota", "2", "Staf Marketing"),
        ("invalid-letter", "11", "Gudang"),
    }
    invalid = next(f for f in data["findings"] if f["rule"] == "invalid-letter")
    assert invalid["message"].startswith("Matriks!G14: 'X' is not a RACI letter")
    # the rows whose wording names no area are said once, not row by row
    unknown = [f for f in data["findings"] if f["rule"] == "unknown-area"]
    assert [(f["severity"], f["id"]) for f in unknown] == [("info", None)]
    assert "(16)" in unknown[0]["message"]  # collecting receivables (8) is read as the sales process


def test_the_text_report_names_every_cell_it_read_differently(tmp_path: Path) -> None:
    path = save(tmp_path / "sinar.xlsx", {"Matriks": DISTRIBUTOR})
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "Checked 16 responsibilities and 5 roles as sinar.xlsx has them." in result.stdout
    assert "  Matriks!D8: 'R/A' \u2192 'A/R'" in result.stdout
    assert "[invalid-letter] Matriks!G14: 'X' is not a RACI letter" in result.stdout
    assert "Kepala Penjualan (sales)" in result.stdout


def test_only_the_files_own_roles_are_checked_never_a_profiles(tmp_path: Path) -> None:
    _, data = check(MATRICES / "agency-deliverables.csv", "--size", "large")
    titles = {f["role"] for f in data["findings"] if f["role"]}
    assert titles <= {"Owner", "Sales Lead", "Marketing Lead", "Designer"}
    assert [role["title"] for role in data["matrix"]["roles"]] == ["Owner", "Sales Lead", "Marketing Lead", "Designer"]


def test_raci_workbook_read_as_a_foreign_file_gives_the_same_findings(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["generate", "--size", "large", "--out", str(out), "-q"]).exit_code == 0
    book = openpyxl.load_workbook(out / "raci-large.xlsx")
    sheet = book["RACI"]
    sheet["E5"] = "A"  # the CMO takes the A on quotas too: two A's, marketing on a quota
    sheet["F6"] = "r"  # and product marketing does quota work
    sheet["D7"] = "x"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    del book["_raci"]
    foreign = tmp_path / "foreign.xlsx"
    book.save(foreign)
    with_sheet, own = check(edited)
    without, read = check(foreign)
    assert with_sheet == without == 1
    assert own["matrix"] == {}
    assert own["normalised"] == []
    assert [(f["rule"], f["severity"], f["id"], f["role"], f["message"]) for f in read["findings"]] == [
        (f["rule"], f["severity"], f["id"], f["role"], f["message"]) for f in own["findings"]
    ]
    assert read["matrix"]["rows"] == 49
    assert ("RACI!F6", "r", "R") in normalised(read)


def test_a_catalogue_stays_a_catalogue() -> None:
    code, data = check(Path(__file__).parent.parent / "responsibilities.csv", "--size", "large")
    assert code == 0
    assert data["matrix"] == {}
    assert data["normalised"] == []


def test_a_file_with_no_matrix_says_what_it_found(tmp_path: Path) -> None:
    path = save(
        tmp_path / "notes.xlsx",
        {
            "Overview": [["Letter", "Meaning"], ["R", "Responsible: does the work"], ["A", "Accountable"]],
            "Notes": [["Meeting notes", "Owner"], ["Agree the plan", "Budi"]],
        },
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: no table with letter columns; sheets read: Overview (a legend), Notes (no letter columns) "
        "(raci reads a matrix of an activity column and one column per role holding R, A, C or I, "
        "or a long export of one line per activity and role with a column of letters)"
    ]


def test_a_matrix_of_ticks_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "ticks.csv"
    path.write_text(
        "Activity,Owner,Sales,Marketing\nSet targets,x,x,\nRun ads,,\u2713,x\nVisit clients,x,x,\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "its letters are almost all unreadable: 6 of 6 role cells" in result.stderr
    assert "'x' at B2" in result.stderr


def test_a_tab_separated_export_and_a_list_with_letter_columns(tmp_path: Path) -> None:
    tsv = tmp_path / "export.tsv"
    tsv.write_text(
        "Responsibility\tSales Manager\tMarketing Manager\tOwner\n"
        "Set sales targets\tA/R\tR\tI\nRun Instagram ads\tC\tA/R\tI\n",
        encoding="utf-16",
    )
    code, data = check(tsv)
    assert code == 1
    assert errors(data) == {("marketing-carries-quota", "A2", "Marketing Manager")}
    listed = tmp_path / "listed.csv"
    listed.write_text(
        "id,area,responsibility,home,Head of Sales,CMO\nQ1,quotas,Set quotas,sales,A,R\n"
        "P1,pricng,Set prices,marketing,C,A/R\n",
        encoding="utf-8",
    )
    code, data = check(listed)
    assert code == 1
    assert roles(data) == [("Head of Sales", "sales"), ("CMO", "marketing")]
    assert {(f["rule"], f["id"]) for f in data["findings"]} == {
        ("marketing-carries-quota", "Q1"),
        ("unknown-area", "P1"),
    }


def test_generate_writes_the_clients_own_matrix_and_check_reads_it_back(tmp_path: Path) -> None:
    path = save(tmp_path / "sinar.xlsx", {"Matriks": DISTRIBUTOR})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "Responsibilities: 16" in result.stdout
    book = openpyxl.load_workbook(out / "raci-sinar.xlsx")
    found = [
        row
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        if "Kepala Penjualan" in row and "Gudang" in row
    ]
    assert found, "the client's roles head the matrix"
    sheet = book["RACI"]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(index for index, row in enumerate(rows) if row[0] == "ID")
    header = list(rows[start])
    roles_shown = header[3 : header.index("Home")]
    assert roles_shown == ["Direktur", "Kepala Penjualan", "Staf Marketing", "Keuangan", "Gudang"]
    body = [row for row in rows[start + 1 :] if row[0] is not None]
    assert len(body) == 16
    by_id = {str(row[0]): dict(zip(roles_shown, row[3 : 3 + len(roles_shown)], strict=True)) for row in body}
    assert by_id["5"]["Kepala Penjualan"] == "A/R"  # written R/A in the client's file
    assert by_id["16"]["Gudang"] == "A/R"  # written with a fullwidth A
    from .htmltools import parse

    root, _ = parse((out / "raci-sinar.html").read_text(encoding="utf-8"))
    current = root.by_id("sizes-chart").find_all("g", class_="current")
    assert [group.attrs["data-size"] for group in current] == ["sinar"]  # placed on the size curve
    assert len(root.by_id("sizes-chart").find_all("g", class_="size")) == 5  # beside the four built-in sizes
    code, data = check(out / "raci-sinar.xlsx")
    assert code == 1
    assert errors(data) == {  # the X was read as no letter: the rest as the client wrote it
        ("multiple-accountable", "5", "Kepala Penjualan"),
        ("no-accountable", "8", None),
        ("marketing-carries-quota", "2", "Staf Marketing"),
    }


def test_compare_from_todays_matrix_to_a_size_writes_a_plan(tmp_path: Path) -> None:
    path = save(tmp_path / "sinar.xlsx", {"Matriks": DISTRIBUTOR})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["compare", "--from", str(path), "--to", "medium", "--out", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    (step,) = plan["steps"]
    assert (step["from"], step["to"]) == ("sinar", "medium")
    moved = {move["id"]: (move["from_role"], move["to_role"]) for move in step["moves"]}
    # the file's own roles on the FROM side, the medium profile's on the TO side
    assert moved["14"] == ("Staf Marketing", "Marketing Manager")
    assert all(
        role in {"Direktur", "Kepala Penjualan", "Staf Marketing", "Keuangan", "Gudang", None}
        for role, _ in moved.values()
    )
    assert step["changed"] == len(step["moves"])
    assert any(hire["role"] == "Marketing Manager" and hire["takes"] for hire in step["hires"])
    assert sorted(path.name for path in out.iterdir()) == ["raci-sinar-to-medium.html", "raci-sinar-to-medium.xlsx"]


def test_an_ods_from_libreoffice_is_read_like_a_workbook(tmp_path: Path) -> None:
    """An OpenDocument spreadsheet: the same matrix, the same findings and cells as the .xlsx."""
    from .test_source import cup  # the café's matrix as LibreOffice saves it

    ods = cup(tmp_path)
    code, data = check(ods)
    assert code == 1  # the 'x' is an invalid letter, two A's on row 5
    assert roles(data) == [
        ("Manager", "leadership"),
        ("Server", "service"),
        ("Barista", "operations"),
        ("Customer", None),
    ]
    assert data["matrix"]["rows"] == 3
    assert ("Shop!C5", "R/A", "A/R") in normalised(data)
    assert ("Shop!D5", "i", "I") in normalised(data)
    invalid = [f for f in data["findings"] if f["rule"] == "invalid-letter"]
    assert len(invalid) == 1
    assert "Shop!E6" in invalid[0]["message"]
    assert "multiple-accountable" in {f["rule"] for f in data["findings"]}


def test_generate_of_a_matrix_with_a_size_says_how_it_differs_from_that_size(tmp_path: Path) -> None:
    from .htmltools import parse

    path = save(tmp_path / "sinar.xlsx", {"Matriks": DISTRIBUTOR})
    result = CliRunner().invoke(main, ["generate", str(path), "--size", "medium", "--out", str(tmp_path / "sized")])
    assert result.exit_code == 0, result.stderr
    root, _ = parse((tmp_path / "sized" / "raci-sinar.html").read_text(encoding="utf-8"))
    section = root.by_id("next-step")
    assert section.attrs["data-size"] == "medium"
    assert (
        section.by_id("next-step-title").text() == "How this matrix differs from the profile of a Medium-sized company"
    )
    hires = [p.text() for p in section.find_all("p", class_="next-hire")]
    assert hires[0].startswith("Hire 1: Marketing Manager (marketing) answers for 6 responsibilities (A)")
    assert "raci compare" not in section.text()  # plain words on a client's page, no command
    # without a size the matrix is shown as it is, with no next size to speak of
    result = CliRunner().invoke(main, ["generate", str(path), "--out", str(tmp_path / "plain")])
    assert result.exit_code == 0, result.stderr
    root, _ = parse((tmp_path / "plain" / "raci-sinar.html").read_text(encoding="utf-8"))
    assert root.find_all(id="next-step") == []


def test_a_legend_line_under_the_table_is_no_row(tmp_path: Path) -> None:
    """ "Legenda: R = pelaksana, A = penanggung jawab ..." on the last line is the file's legend, not a responsibility
    without letters (it stopped a matrix beside a size with "no rule matches responsibility 'line 21'")."""
    path = MATRICES / "sinar-jaya-id.csv"
    code, data = check(path)
    assert code == 0
    last = path.read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last.startswith('"Legenda: R = pelaksana')
    rows = len(path.read_text(encoding="utf-8").strip().splitlines()) - 3  # title, header and the legend line
    assert data["matrix"]["rows"] == rows
    result = CliRunner().invoke(main, ["generate", str(path), "--size", "large", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(next(tmp_path.glob("*.xlsx")), read_only=True)
    text = " ".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row)
    assert "Legenda: R = pelaksana" not in text


def test_a_row_without_letters_is_kept_beside_a_size(tmp_path: Path) -> None:
    """A row the client left empty stays a row (nobody accountable), also when the matrix is set beside a size."""
    path = tmp_path / "tim.csv"
    path.write_text("Task,CEO,Sales Manager,Marketing Manager\nSet prices,A,R,C\nReview the website,,,\n", "utf-8")
    result = CliRunner().invoke(main, ["generate", str(path), "--size", "large", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    code, data = check(tmp_path / "out" / "raci-tim.xlsx")
    assert code == 1
    assert ("no-accountable", "A3") in {(finding["rule"], finding["id"]) for finding in data["findings"]}


def test_a_matrix_rows_area_is_told_by_the_class_of_work_first(tmp_path: Path) -> None:
    """Without an area column, a row's area is read as a list's is: the class of work before single words (a
    product demo is the sales process, not product; a trade fair is promotion)."""
    path = tmp_path / "tim.csv"
    path.write_text(
        "Task,CEO,Sales Manager,Marketing Manager\nProduct demo for prospects,I,A,C\n"
        "Exhibition stand at the trade fair,I,C,A\nCollect overdue invoices,I,A,C\n",
        "utf-8",
    )
    _, data = check(path)
    areas = {cell: entry["read_as"] for entry in data["read_as"] if entry["kind"] == "area" for cell in entry["cells"]}
    assert areas == {"A2": "sales_process", "A3": "promotion", "A4": "sales_process"}


def test_look_alike_titles_are_one_role_and_the_merge_is_reported(tmp_path: Path) -> None:
    """A fullwidth CEO beside "CEO", or one title with its accent composed and decomposed, are one role each,
    not two identical-looking columns; the reading is on the audit trail."""
    composed, decomposed = "G\u00e9rant", "Ge\u0301rant"
    path = tmp_path / "lookalike.csv"
    path.write_text(
        f"Task,CEO,\uff23\uff25\uff2f,{composed},{decomposed}\nSet prices,A,,R,\nRun campaigns,,A,,R\n",
        encoding="utf-8",
    )
    _, data = check(path)
    assert [role["title"] for role in data["matrix"]["roles"]] == ["CEO", composed]
    merged = {(entry["written"], entry["read_as"]) for entry in data["read_as"] if entry["kind"] == "role"}
    assert merged == {("\uff23\uff25\uff2f", "CEO"), (decomposed, composed)}
