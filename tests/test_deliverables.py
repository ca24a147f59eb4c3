"""Client-ready deliverables: branding in both outputs, reproducible files, bad branding refused."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from raci.inputs.branding import make_branding, parse_accent
from raci.inputs.profiles import builtin_profile
from raci.jobs.generate import generate

from .helpers import header_row, run


def png(width: int = 4, height: int = 2) -> bytes:
    """A small red PNG, built with the standard library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>'


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    path.write_bytes(png())
    return path


def test_branding_reaches_the_workbook(tmp_path: Path, logo: Path) -> None:
    branding = make_branding("PT Maju Jaya", logo, "#0b6e4f")
    outcome = generate(tmp_path / "out", builtin_profile("small"), branding=branding)
    book = openpyxl.load_workbook(outcome.workbook)
    sheet = book["RACI"]
    title = sheet["A1"].value
    assert isinstance(title, str)
    assert title.endswith("for PT Maju Jaya")
    assert book.properties.title == title
    header = header_row(sheet)
    assert sheet.cell(header, 1).fill.start_color.rgb.endswith("0B6E4F")
    with zipfile.ZipFile(outcome.workbook) as archive:
        media = [name for name in archive.namelist() if name.startswith("xl/media/")]
        assert len(media) == 2  # on the Summary and on the RACI sheet
        assert all(archive.read(name).startswith(b"\x89PNG") for name in media)


def test_the_summary_sheet_wears_the_client_s_accent_and_logo(tmp_path: Path, logo: Path) -> None:
    outcome = generate(tmp_path / "out", builtin_profile("small"), branding=make_branding("Acme", logo, "#0b6e4f"))
    summary = openpyxl.load_workbook(outcome.workbook).worksheets[0]
    assert len(summary._images) == 1  # openpyxl keeps a sheet's pictures there
    bands = [row[0] for row in summary.iter_rows() if row[0].fill.fill_type == "solid"]
    assert len(bands) >= 4  # the shares' and the checks' headers, and the two sections
    assert {cell.fill.start_color.rgb[-6:] for cell in bands} == {"0B6E4F"}


def test_an_svg_logo_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_bytes(SVG)
    branding = make_branding(None, path, None)
    assert branding.logo is not None
    assert branding.logo.mime == "image/svg+xml"
    assert branding.logo.data_uri.startswith("data:image/svg+xml;base64,")
    outcome = generate(tmp_path / "out", builtin_profile("small"), branding=branding)
    with zipfile.ZipFile(outcome.workbook) as archive:  # .xlsx cannot hold SVG: left out of the workbook
        assert not [name for name in archive.namelist() if name.startswith("xl/media/")]


@pytest.mark.parametrize(("text", "colour"), [("#0b6e4f", "#0B6E4F"), ("0B6E4F", "#0B6E4F"), ("#abc", "#AABBCC")])
def test_accent_colours_are_normalised(text: str, colour: str) -> None:
    assert parse_accent(text) == colour


def test_bad_branding_is_one_line_and_exit_2(tmp_path: Path) -> None:
    notes = tmp_path / "logo.png"
    notes.write_text("not an image", encoding="utf-8")
    cases = [
        (["--logo", str(notes)], f"{notes}: is not a PNG, JPEG or SVG image"),
        (["--logo", str(tmp_path / "none.png")], "none.png: no such logo file"),
        (["--accent", "teal-ish"], "accent 'teal-ish' is not a colour (give a hex colour such as #1F6FEB)"),
        (["--lang", "fr"], "Invalid value for '--lang'"),
    ]
    for args, words in cases:
        code, _, err = run("generate", *args, "--out", str(tmp_path / "out"))
        assert code == 2, args
        assert words in err
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_same_inputs_give_byte_identical_files(tmp_path: Path, logo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    args = ["generate", "--size", "medium", "--client", "PT Maju Jaya", "--logo", str(logo), "-q"]
    for folder in ("one", "two"):
        assert run(*args, "--out", str(tmp_path / folder))[0] == 0
    for name in ("raci-medium.html", "raci-medium.xlsx"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    with zipfile.ZipFile(tmp_path / "one" / "raci-medium.xlsx") as archive:  # no date but the epoch's:
        assert archive.read("docProps/core.xml").count(b"2026-01-01T00:00:00Z") == 2  # created, modified
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_without_a_fixed_date_the_contents_are_identical(tmp_path: Path) -> None:
    outcomes = [generate(tmp_path / folder, builtin_profile("large")) for folder in ("one", "two")]
    assert outcomes[0].summary.read_bytes() == outcomes[1].summary.read_bytes()
    books = [openpyxl.load_workbook(io.BytesIO(outcome.workbook.read_bytes())) for outcome in outcomes]
    for first, second in zip(books[0].worksheets, books[1].worksheets, strict=True):
        assert list(first.iter_rows(values_only=True)) == list(second.iter_rows(values_only=True))
