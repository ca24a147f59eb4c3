"""The open formats: a Markdown page for a wiki and a long CSV for a notebook, both read back by raci to
the matrix they were written from."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from raci.i18n import Translator
from raci.inputs.profiles import builtin_profile
from raci.inputs.workbook import read_workbook
from raci.jobs.generate import generate
from raci.model import Matrix
from raci.scheme import RACI
from tests.helpers import run

DATA = Path(__file__).parent / "data"
MATRICES = sorted((DATA / "matrices").iterdir())


def facts(matrix: Matrix) -> tuple[object, ...]:
    """What a matrix holds, as a reader sees it: its scheme, roles, and each row's words and letters."""
    roles = [(role.key, role.title, role.function, role.also, role.person) for role in matrix.roles]
    rows = [
        (row.item.id, row.item.area, row.item.responsibility, row.item.home, row.item.horizon, row.item.description)
        for row in matrix.rows
    ]
    letters = [row.letters for row in matrix.rows]
    return matrix.scheme.name, roles, rows, letters


def _round_trip(tmp_path: Path, written: Matrix, outcome_md: Path, outcome_csv: Path) -> None:
    for path in (outcome_md, outcome_csv):
        read, problems = read_workbook(path)
        assert not problems, path.name
        assert facts(read) == facts(written), path.name
    frame = pd.read_csv(outcome_csv)
    assert len(frame) == len(written.rows) * len(written.roles)
    assert {"scheme", "area", "id", "role", "letter"} <= set(frame.columns)
    assert set(frame["scheme"]) == {written.scheme.name}
    letters = [letter for row in written.rows for letter in row.letters]
    assert frame["letter"].fillna("").tolist() == letters


@pytest.mark.parametrize("size", ["startup", "small", "medium", "large"])
@pytest.mark.parametrize(("scheme", "lang"), [("raci", "en"), ("daci", "id"), ("rasci", "id"), ("rapid", "en")])
def test_the_bundled_catalogue_goes_out_and_comes_back_identical(
    tmp_path: Path, size: str, scheme: str, lang: str
) -> None:
    code, _, err = run(
        "generate", "--size", size, "--scheme", scheme, "--lang", lang, "--format", "markdown", "--csv-long",
        "--out", str(tmp_path), "-q",
    )  # fmt: skip
    assert code == 0, err
    written, _ = read_workbook(tmp_path / f"raci-{size}.xlsx")
    _round_trip(tmp_path, written, tmp_path / f"raci-{size}.md", tmp_path / f"raci-{size}.csv")


@pytest.mark.parametrize("path", MATRICES, ids=[path.name for path in MATRICES])
def test_every_test_matrix_goes_out_and_comes_back_identical(tmp_path: Path, path: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("small"), path, markdown=True, csv_long=True)
    assert outcome.markdown is not None
    assert outcome.csv_long is not None
    _round_trip(tmp_path, outcome.report.matrix, outcome.markdown, outcome.csv_long)


def test_the_markdown_page_is_a_table_per_area_with_the_legend(tmp_path: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("small"), markdown=True, lang="id")
    assert outcome.markdown is not None
    text = outcome.markdown.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("<!-- raci-markdown ")
    meaning = Translator("id")(RACI.meanings["A/R"])
    assert meaning != RACI.meanings["A/R"]
    assert f"| A/R | {meaning} |" in lines
    areas = [line for line in lines if line.startswith("## ")]
    assert areas[:3] == ["## Peran", "## Target penjualan", "## Produk"]
    header = next(line for line in lines if line.startswith("| ID |"))
    titles = [role.title for role in outcome.report.matrix.roles]
    t = Translator("id")
    trailer = " | ".join(t(label) for label in ("Home", "Horizon", "Description"))
    assert header == f"| ID | {t('Responsibility')} | " + " | ".join(titles) + f" | {trailer} |"
    rule = lines[lines.index(header) + 1]
    assert rule == "| --- | --- | " + " | ".join([":-:"] * len(titles)) + " | --- | --- | --- |"


def test_an_edited_markdown_page_is_read_as_edited_and_kept_from_being_overwritten(tmp_path: Path) -> None:
    generate(tmp_path, builtin_profile("medium"), markdown=True)
    page = tmp_path / "raci-medium.md"
    text = page.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| QT-03 |"))
    cells = row.split(" | ")
    edited = " | ".join([*cells[:3], "a", *cells[4:]])  # the head of sales answers for it too
    page.write_text(text.replace(row, edited), encoding="utf-8")
    matrix, _ = read_workbook(page)
    assert next(r for r in matrix.rows if r.item.id == "QT-03").letters[:2] == ("A", "A")
    code, out, _ = run("check", str(page), "--format", "json")
    assert ("multiple-accountable", "QT-03") in {(f["rule"], f["id"]) for f in json.loads(out)["findings"]}
    code, _, err = run("generate", "--size", "medium", "--format", "markdown", "--out", str(tmp_path))
    assert code == 2
    assert "raci-medium.md" in err
    assert "changed after raci wrote it" in err
    assert page.read_text(encoding="utf-8") == text.replace(row, edited)


def test_a_pipe_and_a_line_break_in_the_words_survive_the_markdown_table(tmp_path: Path) -> None:
    catalogue = tmp_path / "list.csv"
    catalogue.write_text(
        "id,area,responsibility,home,horizon,description\n"
        'X-1,pricing,"Set list prices | per channel",marketing,long,"Two lines:\nonline and stores"\n',
        encoding="utf-8",
    )
    outcome = generate(tmp_path, builtin_profile("small"), catalogue, markdown=True, csv_long=True)
    assert outcome.markdown is not None
    assert outcome.csv_long is not None
    _round_trip(tmp_path, outcome.report.matrix, outcome.markdown, outcome.csv_long)


def test_a_long_csv_with_a_letter_raci_cannot_read_names_its_line(tmp_path: Path) -> None:
    outcome = generate(tmp_path, builtin_profile("startup"), csv_long=True)
    assert outcome.csv_long is not None
    lines = outcome.csv_long.read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    fields[-2] = "Q"
    lines[3] = ",".join(fields)
    outcome.csv_long.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run("check", str(outcome.csv_long))
    assert code == 1
    assert "line 4, column letter: 'Q' is not a RACI letter" in out
