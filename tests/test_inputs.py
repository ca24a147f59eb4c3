"""Inputs that real exports produce, and every bad input: one line, exit 2, nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from raci.cli import main
from raci.inputs import catalog
from raci.inputs.catalog import read_catalogue

from .helpers import run

ROWS = [
    ["id", "area", "responsibility", "home", "horizon", "description"],
    ["P-1", "pricing", "Set list prices; by segment, region", "marketing", "long", "Line one\nline two"],
    ["Q-1", "quotas", "Set rep quotas \u2014 per quarter (caf\u00e9 chain)", "sales", "short", ""],
]


def csv_text(delimiter: str) -> str:
    def quote(cell: str) -> str:
        return f'"{cell}"' if any(c in cell for c in f'{delimiter}"\n') else cell

    return "\r\n".join(delimiter.join(quote(cell) for cell in row) for row in ROWS) + "\r\n"


def assert_read(path: Path, **options: str) -> None:
    items = read_catalogue(path, **options).items
    assert [(i.id, i.responsibility, i.description) for i in items] == [
        ("P-1", ROWS[1][2], ROWS[1][5]),
        ("Q-1", ROWS[2][2], ""),
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),  # Excel's "Unicode text"
        ("cp1252", ";"),  # Excel in a European or Indonesian locale
        ("utf-8", "\t"),
    ],
)
def test_common_exports_are_detected(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(delimiter).encode(encoding))
    assert_read(path)


def test_blank_lines_and_trailing_spaces_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "spaces.csv"
    text = csv_text(",").replace("P-1,", "P-1  ,  ").replace("\r\nQ-1", "\r\n\r\n   \r\nQ-1")
    path.write_text(text, encoding="utf-8")
    items = read_catalogue(path).items
    assert [(i.id, i.area, i.line) for i in items] == [
        ("P-1", "pricing", 2),
        ("Q-1", "quotas", 6),
    ]  # P-1 spans lines 2-3


def test_encoding_and_delimiter_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "forced.csv"
    path.write_bytes(csv_text("|").encode("cp1252"))
    assert_read(path, encoding="cp1252", delimiter="|")


def test_a_workbook_first_sheet_is_a_catalogue(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS:
        sheet.append([cell or None for cell in row])
    book.create_sheet("Other").append(["not", "read"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    assert_read(path)
    result = CliRunner().invoke(main, ["generate", str(path), "--size", "large", "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.stderr


def bad_files(tmp_path: Path) -> list[tuple[Path, str]]:
    header = "id,area,responsibility,home\n"
    files: list[tuple[Path, str]] = []

    def add(name: str, data: bytes | str, words: str) -> None:
        path = tmp_path / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        files.append((path, words))

    add("empty.csv", b"", "empty.csv: the file is empty")
    add("blank.csv", b"\n\n  \n", "blank.csv: the file is empty")
    add("header.csv", header, "header.csv: the header has no responsibilities under it")
    add("garbage.csv", bytes(range(256)) * 8, "garbage.csv: looks like a binary file")
    add("long.csv", header + "A,pricing," + "x" * 32_768 + ",sales\n", "long.csv, line 2, column `responsibility`")
    add("fake.xlsx", b"PK\x03\x04 not really", "fake.xlsx: is not an .xlsx workbook")
    add("text.xlsx", header, "text.xlsx: is not an .xlsx workbook")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (201 * 2**20))
    files.append((bomb, "bomb.xlsx: unpacks to 201 MiB"))
    return files


def test_every_bad_file_is_one_line_exit_2_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for path, words in bad_files(tmp_path):
        for command in ("generate", "check"):
            args = [command, str(path), "--out", str(out)] if command == "generate" else [command, str(path)]
            code, _, err = run(*args)
            assert code == 2, (command, path.name)
            lines = err.strip().splitlines()
            assert len(lines) == 1, err
            assert lines[0].startswith(f"Error: {tmp_path}")
            assert words in lines[0], (words, lines[0])
        assert not out.exists()


def test_more_rows_than_a_sheet_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "EXCEL_ROW_LIMIT", 3)
    path = tmp_path / "many.csv"
    path.write_text("id,area,responsibility,home\n" + "".join(f"R{n},pricing,x,sales\n" for n in range(4)))
    code, _, err = run("generate", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "many.csv, line 5: has more than 3 responsibilities, more than a sheet holds" in err
    assert not (tmp_path / "out").exists()


def test_workbooks_are_parsed_with_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True
