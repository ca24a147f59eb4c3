"""A client's own role titles: renaming, people, merging two hats into one, dropping a role."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from raci.cli import main
from raci.core.assign import build_matrix
from raci.core.roles import apply_roles, merge_letters
from raci.exceptions import RaciError
from raci.inputs.profiles import builtin_profile
from raci.inputs.roles import read_role_mapping
from raci.inputs.workbook import read_workbook
from raci.jobs.generate import generate
from raci.model import Catalogue

from .conftest import DATA


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("A", "R", "A/R"),
        ("R", "A", "A/R"),
        ("A", "C", "A"),
        ("C", "R", "R"),
        ("I", "", "I"),
        ("A/R", "C", "A/R"),
        ("C", "I", "C"),
        ("", "", ""),
    ],
)
def test_letters_combine_the_stronger_wins_and_a_with_r_is_a_r(first: str, second: str, merged: str) -> None:
    assert merge_letters(first, second) == merged


def test_rename_merge_and_person(catalogue: Catalogue) -> None:
    small = build_matrix(catalogue, builtin_profile("small"))
    mapped = apply_roles(small, read_role_mapping(DATA / "roles.csv"))
    assert [(r.title, r.function, r.person) for r in mapped.roles] == [
        ("Direktur Utama", "leadership", "Sari Dewi"),
        ("Direktur Penjualan", "sales", "Budi Santoso"),
        ("Sales Team", "sales", ""),
        ("Finance & Admin", "finance", ""),
    ]
    before = {row.item.id: dict(zip([r.key for r in small.roles], row.letters, strict=True)) for row in small.rows}
    for row in mapped.rows:
        old = before[row.item.id]
        assert row.letters[1] == merge_letters(old["sales_lead"], old["marketing_exec"]), row.item.id
        assert row.letters[0] == old["ceo"]
    # PM-02: marketing exec A/R, head of sales C -> one person holding A/R.
    pm02 = next(row for row in mapped.rows if row.item.id == "PM-02")
    assert pm02.letters[1] == "A/R"


def test_a_merge_runs_the_checks_on_the_merged_matrix(tmp_path: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("small"), roles=DATA / "roles.csv")
    assert "Marketing Executive" not in [role.title for role in outcome.report.matrix.roles]
    found = {(finding.rule, finding.role) for finding in outcome.report.findings}
    assert ("role-overloaded", "Direktur Penjualan") in found
    book = openpyxl.load_workbook(outcome.workbook)
    roles = [(*row[:4], row[-1]) for row in book["Roles"].iter_rows(min_row=1, values_only=True)]
    assert roles[0] == ("Role", "Function", "Other hats", "Person", "Key")  # the key in a hidden last column
    # Head of Sales and Marketing Executive merged: the merged role wears the marketing hat too.
    assert roles[2] == ("Direktur Penjualan", "Sales", "Marketing", "Budi Santoso", "sales_lead")
    matrix, problems = read_workbook(outcome.workbook)
    assert problems == ()
    assert [role.person for role in matrix.roles] == [role.person for role in outcome.report.matrix.roles]


def test_dropping_a_role_that_answers_for_work_is_refused(tmp_path: Path) -> None:
    mapping = tmp_path / "drop.csv"
    mapping.write_text("role,title\nmarketing_exec,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "--roles", str(mapping), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {mapping}, line 2, column `title`: dropping Marketing Executive would leave 2 responsibilities "
        "without an accountable role: PM-02, MP-05 "
        "(map the role to another role's title to merge it instead)"
    )
    assert not (tmp_path / "out").exists()


def test_dropping_a_role_without_any_a_is_allowed(tmp_path: Path, catalogue: Catalogue) -> None:
    mapping = tmp_path / "drop.csv"
    mapping.write_text("role,title\nfinance,\n", encoding="utf-8")
    mapped = apply_roles(build_matrix(catalogue, builtin_profile("small")), read_role_mapping(mapping))
    assert "Finance & Admin" not in [role.title for role in mapped.roles]
    assert all(len(row.letters) == 4 for row in mapped.rows)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("role,title\ncmo,Boss\n", "line 2, column `role`: 'cmo' is not a role of profile small"),
        ("role,title\nceo,A\nCEO,B\n", "line 3, column `role`: role 'CEO' is mapped twice (first on line 2)"),
        ("rol,title\nceo,A\n", "line 1: missing required column role"),
    ],
)
def test_bad_mappings_are_located(tmp_path: Path, text: str, words: str) -> None:
    mapping = tmp_path / "bad.csv"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(RaciError) as caught:
        generate(tmp_path / "out", builtin_profile("small"), roles=mapping)
    assert words in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_an_english_mapping_works_on_an_indonesian_matrix(tmp_path: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("small"), roles=DATA / "roles.csv", lang="id")
    titles = [role.title for role in outcome.report.matrix.roles]
    assert titles == ["Direktur Utama", "Direktur Penjualan", "Tim Penjualan", "Keuangan & Administrasi"]
