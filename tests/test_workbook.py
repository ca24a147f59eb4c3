"""Reading back a workbook raci wrote, as a person edited it."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from raci.cli import main
from raci.i18n import Translator
from raci.inputs.profiles import builtin_profile, load_profile
from raci.inputs.workbook import normalise_letter, read_workbook
from raci.jobs.generate import generate
from raci.render.words import row_rule_words

from .conftest import DATA
from .helpers import header_row


def written(tmp_path: Path, size: str = "large") -> Path:
    return generate(tmp_path, builtin_profile(size)).workbook


@pytest.mark.parametrize("size", ["startup", "large"])
def test_generate_then_read_back_gives_the_same_matrix(tmp_path: Path, size: str) -> None:
    outcome = generate(tmp_path, builtin_profile(size))
    matrix, problems = read_workbook(outcome.workbook)
    original = outcome.report.matrix
    assert problems == ()
    assert matrix.roles == original.roles
    assert matrix.profile == original.profile
    assert [row.letters for row in matrix.rows] == [row.letters for row in original.rows]
    fields = ("id", "area", "responsibility", "home", "horizon", "description")
    for got, want in zip(matrix.rows, original.rows, strict=True):
        assert [getattr(got.item, f) for f in fields] == [getattr(want.item, f) for f in fields]
        assert got.rule.label == row_rule_words(want, Translator("en"))  # the Rule column holds the words


def test_a_user_profile_is_recovered_from_the_workbook(tmp_path: Path) -> None:
    outcome = generate(tmp_path, load_profile(DATA / "mini_profile.toml"), DATA / "mini.csv")
    matrix, _ = read_workbook(outcome.workbook)
    assert matrix.profile.name == "mini"
    assert [rule.label for rule in matrix.profile.rules] == [rule.label for rule in outcome.report.profile.rules]


@pytest.mark.parametrize(
    ("cell", "letter"), [("A", "A"), (" a ", "A"), ("a / r", "A/R"), ("r", "R"), (None, ""), ("  ", ""), ("X", None)]
)
def test_letters_forgive_case_and_spaces(cell: object, letter: str | None) -> None:
    assert normalise_letter(cell) == letter


def test_check_takes_every_edit_as_the_person_made_it(tmp_path: Path) -> None:
    path = written(tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["RACI"]
    top = header_row(ws)
    titles = [cell.value for cell in ws[top]]
    column = {title: index + 1 for index, title in enumerate(titles)}
    rows = {ws.cell(n, 1).value: n for n in range(top + 1, ws.max_row + 1)}
    # A second A on QT-01: the CMO now also answers for rep quotas (and so carries a quota).
    ws.cell(rows["QT-01"], column["Chief Marketing Officer"]).value = "A"
    # Lower case and stray spaces are the same letters.
    ws.cell(rows["SP-02"], column["Account Executives"]).value = " r "
    # A cell holding something that is no RACI letter.
    ws.cell(rows["PM-03"], column["Brand & Communications"]).value = "X"
    x_cell = f"RACI!{ws.cell(rows['PM-03'], column['Brand & Communications']).coordinate}"
    # A renamed role column keeps its function through the Roles sheet.
    ws.cell(top, column["VP Sales"]).value = "Sales Director"
    # A deleted row.
    ws.delete_rows(rows["BR-01"])
    book.save(path)

    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    report = json.loads(result.stdout)
    found = sorted((f["rule"], f["severity"], f["id"], f["role"]) for f in report["findings"])
    assert found == sorted(
        [
            ("multiple-accountable", "error", "QT-01", "Sales Director"),
            ("marketing-carries-quota", "error", "QT-01", "Chief Marketing Officer"),
            ("invalid-letter", "error", "PM-03", "Brand & Communications"),
            # The X replaced the A/R of Brand & Communications: nobody answers for PM-03 or does it.
            ("no-accountable", "error", "PM-03", None),
            ("no-responsible", "error", "PM-03", None),
        ]
    )
    assert x_cell in next(f["message"] for f in report["findings"] if f["rule"] == "invalid-letter")
    assert (report["errors"], report["warnings"]) == (5, 0)
    assert result.exit_code == 1

    matrix, _ = read_workbook(path)
    assert "BR-01" not in [row.item.id for row in matrix.rows]
    assert len(matrix.rows) == 48
    assert matrix.roles[5].title == "Sales Director"
    assert matrix.roles[5].function == "sales"
    sp02 = next(row for row in matrix.rows if row.item.id == "SP-02")
    assert sp02.letters[7] == "R"


def test_an_added_row_and_an_unknown_column_are_read(tmp_path: Path) -> None:
    path = written(tmp_path, "small")
    book = openpyxl.load_workbook(path)
    ws = book["RACI"]
    titles = [cell.value for cell in ws[header_row(ws)]]
    new = ws.max_row + 1
    ws.cell(new, 1).value = "NEW-1"
    ws.cell(new, 2).value = "pricng"
    ws.cell(new, 3).value = "Set a price for the new product"
    ws.cell(new, titles.index("Head of Sales") + 1).value = "a/r"
    ws.cell(new, titles.index("Home") + 1).value = "sales"
    book.save(path)
    matrix, problems = read_workbook(path)
    assert problems == ()
    assert matrix.rows[-1].item.id == "NEW-1"
    assert matrix.rows[-1].letters[1] == "A/R"
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    found = [(f["rule"], f["id"]) for f in json.loads(result.stdout)["findings"] if f["severity"] != "info"]
    assert ("unknown-area", "NEW-1") in found
    assert result.exit_code == 0  # warnings only
    assert CliRunner().invoke(main, ["check", str(path), "--strict"]).exit_code == 1


def test_a_file_that_is_no_workbook_is_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(fake)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"Error: {fake}: is not an .xlsx workbook (give a workbook saved as .xlsx, or a CSV)"
    )


def test_a_responsibilities_list_as_xlsx_is_checked_under_the_chosen_profile(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "area", "responsibility", "home"])
    sheet.append(["Q-1", "quotas", "Set rep quotas", "sales"])
    sheet.append(["P-1", "pricng", "Set list prices", "marketing"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    result = CliRunner().invoke(main, ["check", str(path), "--size", "large", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    found = {(f["rule"], f["id"]) for f in json.loads(result.stdout)["findings"]}
    assert ("unknown-area", "P-1") in found


def test_every_kind_of_work_has_words_a_client_reads_in_both_languages() -> None:
    """The Rule column names a kind of work in words ("Deal pricing"), never its key ("Deal_price")."""
    import tomllib

    from raci.render.words import KIND_WORDS

    kinds = tomllib.loads((Path(__file__).parent.parent / "raci" / "vocabulary.toml").read_text(encoding="utf-8"))
    missing = [kind for kind in kinds["kinds"] if kind not in KIND_WORDS]
    assert missing == []
    indonesian = Translator("id")
    untranslated = [words for words in KIND_WORDS.values() if indonesian(words) == words]
    assert untranslated == []
