"""Hostile templates: a templates folder (or a manifest naming one) can lay a page out, never run code."""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci.cli import main

ESCAPES = {
    "popen": "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ self._TemplateReference__context.cycler.__init__.__globals__ }}",
    "file": "{% include '/etc/hostname' %}",
}


def hostile_folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "header.html.j2").write_text(f"<header>\n<h1>Acme</h1>\n{body}\n</header>\n", encoding="utf-8")
    return folder


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_generate_refuses_a_template_that_reaches_for_python(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = hostile_folder(tmp_path, ESCAPES[name])
    out = tmp_path / "out"
    code, err = invoke("generate", "--templates", str(folder), "--out", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "header.html.j2" in err
    assert not (tmp_path / "PWNED").exists()
    assert not out.exists() or not list(out.iterdir())


def test_the_refusal_names_the_template_line(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path, ESCAPES["popen"])
    code, err = invoke("generate", "--templates", str(folder), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "line 3" in err


def test_compare_renders_user_templates_in_the_sandbox_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "compare.html.j2").write_text(ESCAPES["popen"] + "\n", encoding="utf-8")
    code, err = invoke("compare", "--from", "small", "--to", "large", "--templates", str(folder), "--out", "out")
    assert code == 2
    assert "compare.html.j2" in err
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_manifest_naming_hostile_templates_fails_that_job_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    hostile_folder(tmp_path, ESCAPES["popen"])
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("name,size,templates\nsent to us,small,templates\nours,small,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(manifest), "--out", "out", "--jobs", "1"])
    assert result.exit_code == 1
    assert "sent to us" in result.stderr
    assert "header.html.j2" in result.stderr
    assert not (tmp_path / "PWNED").exists()
    assert (tmp_path / "out" / "ours" / "raci-ours-small.html").is_file()
    assert not (tmp_path / "out" / "sent-to-us").exists() or not list((tmp_path / "out" / "sent-to-us").iterdir())


def test_a_plain_user_template_still_renders(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path, "<p>{{ profile.title }} for {{ branding.client }}</p>")
    code, err = invoke("generate", "--templates", str(folder), "--client", "Toko Maju", "--out", str(tmp_path / "out"))
    assert code == 0, err
    page = (tmp_path / "out" / "raci-small.html").read_text(encoding="utf-8")
    assert "<p>Small company for Toko Maju</p>" in page


# --- data that would be changed silently --------------------------------------------------------


def test_utf8_with_one_stray_byte_is_refused_not_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "katalog.csv"
    rows = "id,area,responsibility,home\nPR-01,pricing,Harga untuk Café Ümlaut,sales\nPR-02,pricing,Diskon\xff,sales\n"
    path.write_bytes(rows.encode("utf-8").replace("\xff".encode(), b"\xff"))
    out = tmp_path / "out"
    code, err = invoke("generate", str(path), "--out", str(out))
    assert code == 2
    assert "katalog.csv, line 3" in err
    assert "0xFF" in err
    assert not out.exists()


def test_a_control_character_in_an_id_is_refused_with_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("id,area,responsibility,home\nA\x01B,pricing,Set prices,sales\nAB,pricing,Discounts,sales\n")
    code, err = invoke("generate", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "list.csv, line 2, column `id`" in err
    assert "U+0001" in err
    assert len(err.strip().splitlines()) == 1


# --- limits, devices, images, terminals ------------------------------------------------------------


def test_a_device_or_a_pipe_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        code, err = invoke("generate", str(path), "--out", str(tmp_path / "out"))
        assert code == 2
        assert f"{path}: is not a regular file" in err
    code, err = invoke("generate", "--profile", "/dev/zero", "--out", str(tmp_path / "out"))
    assert code == 2
    assert "/dev/zero: is not a regular file" in err
    assert not (tmp_path / "out").exists()


def test_a_list_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(65 * 2**20)  # sparse: no disk used
    code, err = invoke("check", str(path))
    assert code == 2
    assert "huge.csv: is 65 MiB, over the 64 MiB raci reads" in err


def test_more_roles_than_a_sheet_has_columns_is_refused(tmp_path: Path) -> None:
    roles = "".join(f'[[roles]]\nkey = "r{n}"\ntitle = "Role {n}"\nfunction = "sales"\n\n' for n in range(16_378))
    path = tmp_path / "wide.toml"
    path.write_text(f'name = "wide"\ntitle = "Wide"\n{roles}[[rules]]\nletters = {{ r0 = "A/R" }}\n')
    code, err = invoke("generate", "--profile", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "has 16,378 roles, more than the 16,377 columns a sheet holds" in err


def test_deeply_nested_toml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n")
    code, err = invoke("generate", "--profile", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "deep.toml" in err


def test_a_boolean_headcount_is_refused(tmp_path: Path) -> None:
    text = (Path(__file__).parent / "data" / "mini_profile.toml").read_text(encoding="utf-8")
    path = tmp_path / "bool.toml"
    path.write_text(text.replace("headcount_min = 5", "headcount_min = true"))
    code, err = invoke("generate", "--profile", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "headcount_min and headcount_max must be whole numbers" in err


def png_image(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def bomb() -> bytes:
    """A small PNG file that claims 60000 x 60000 pixels (its header patched, CRC fixed)."""
    data = bytearray(png_image(1, 1))
    data[16:24] = struct.pack(">II", 60_000, 60_000)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.png", b"<html><body><svg></svg></body></html>", "is not a PNG, JPEG or SVG image"),
        ("fake.jpg", b"\xff\xd8\xff" + b"\x00" * 64, "is not a readable JPEG image"),
        ("broken.png", png_image(4, 4)[:40], "is not a readable PNG image"),
        ("bomb.png", bomb(), "is an image of more than 40,000,000 pixels"),
    ],
)
def test_a_logo_is_checked_as_an_image(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    logo = tmp_path / name
    logo.write_bytes(content)
    code, err = invoke("generate", "--logo", str(logo), "--out", str(tmp_path / "out"))
    assert code == 2
    assert f"{logo}: {message}" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_real_logo_still_works(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_image(120, 40))
    svg = tmp_path / "logo.svg"
    svg.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n')
    for path in (logo, svg):
        code, err = invoke("generate", "--logo", str(path), "--out", str(tmp_path / path.suffix[1:]))
        assert code == 0, err


def test_a_read_only_output_is_kept_without_force(tmp_path: Path) -> None:
    assert invoke("generate", "--out", str(tmp_path))[0] == 0
    summary = tmp_path / "raci-small.html"
    summary.chmod(0o444)
    before = summary.read_bytes()
    code, err = invoke("generate", "--out", str(tmp_path))
    assert code == 2  # even for root, who could write it: the mode says "do not touch"
    assert "raci-small.html: is read-only" in err
    assert summary.read_bytes() == before
    assert invoke("generate", "--out", str(tmp_path), "--force")[0] == 0
    assert stat.S_IMODE(summary.stat().st_mode) == 0o444


def test_control_characters_from_files_never_reach_the_terminal(tmp_path: Path) -> None:
    """Nor a workbook: a profile title with an escape sequence is refused, the character named, not printed."""
    text = (Path(__file__).parent / "data" / "mini_profile.toml").read_text(encoding="utf-8")
    profile = tmp_path / "title.toml"
    profile.write_text(text.replace('title = "Mini firm"', 'title = "Mini \\u001b]0;pwned\\u0007\\u001b[2J firm"'))
    result = CliRunner().invoke(main, ["generate", "--profile", str(profile), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: {profile}: title holds a control character (U+001B) at position 6 (remove it)"
    ]
    assert not (tmp_path / "out").exists()


def test_a_job_name_with_a_line_break_cannot_forge_a_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    manifest = tmp_path / "jobs.csv"
    manifest.write_text('name,size\n"acme\nFailed: everything",nonsense\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(manifest), "--out", "out", "--jobs", "1"])
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith("Failed: everything")]


def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("raci.jobs.generate.write_files", interrupted)
    result = CliRunner().invoke(main, ["generate", "--out", str(tmp_path / "out")])
    assert result.exit_code == 130
    assert result.stderr.strip() == "Interrupted: no output was replaced."


def test_a_far_future_source_date_still_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    code, err = invoke("generate", "--out", str(tmp_path))
    assert code == 0, err


def test_punycode_and_a_literal_tab_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "list.tsv"
    path.write_text("id\tarea\tresponsibility\thome\nX1\tpricing\tSet prices\tsales\n", encoding="utf-8")
    assert invoke("check", str(path), "--delimiter", "\\t")[0] == 0
    code, err = invoke("check", str(path), "--encoding", "punycode")
    assert code == 2
    assert len(err.strip().splitlines()) == 1


# --- messages that say what is wrong -----------------------------------------------------------------


def test_an_unclosed_quote_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('id,area,responsibility,home\nX1,pricing,Set prices,sales\nX2,pricing,"Discounts,sales\n')
    code, err = invoke("check", str(path))
    assert code == 2
    assert f"{path}, line 3: a quoted cell that starts on this line is never closed" in err


def test_a_file_that_is_not_a_table_is_not_quoted_back(tmp_path: Path) -> None:
    path = tmp_path / "shadow"
    path.write_text("root:$6$saltsalt$hashhashhash:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n")
    code, err = invoke("check", str(path))
    assert code == 2
    assert "root:" not in err
    assert "hashhash" not in err
    assert "does not look like a row of column names" in err


def test_a_client_name_longer_than_a_title_is_refused(tmp_path: Path) -> None:
    code, err = invoke("generate", "--client", "A" * 40_000, "--out", str(tmp_path / "out"))
    assert code == 2
    assert "--client is 40,000 characters long, over the 200 a title can show" in err
    assert not (tmp_path / "out").exists()


def test_a_role_title_longer_than_a_column_head_is_refused(tmp_path: Path) -> None:
    text = (Path(__file__).parent / "data" / "mini_profile.toml").read_text(encoding="utf-8")
    path = tmp_path / "long.toml"
    path.write_text(text.replace('title = "Boss"', f'title = "{"Boss " * 100}"', 1))
    code, err = invoke("generate", "--profile", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "role 'boss''s title is 499 characters long, over the 200 it may take" in err


def test_a_long_profile_line_survives_the_round_trip(tmp_path: Path) -> None:
    text = (Path(__file__).parent / "data" / "mini_profile.toml").read_text(encoding="utf-8")
    wide = tmp_path / "wide.toml"
    # one TOML line over the 32,767 characters a cell holds: a rule listing many ids
    ids = ", ".join(f'"X-{n:05d}"' for n in range(3_500))
    wide.write_text(text + f'\n[[rules]]\nwhen = {{ id = [{ids}] }}\nletters = {{ boss = "A/R" }}\n')
    assert max(len(line) for line in wide.read_text().splitlines()) > 32_767
    code, err = invoke("generate", "--profile", str(wide), "--out", str(tmp_path / "out"))
    assert code == 0, err
    book = tmp_path / "out" / "raci-mini.xlsx"
    import openpyxl

    data = openpyxl.load_workbook(book)["_raci"]
    assert max(len(str(cell.value or "")) for row in data.iter_rows() for cell in row) <= 32_767  # what a cell holds
    code, err = invoke("check", str(book))
    assert code in (0, 1), err
    assert "damaged" not in err


@pytest.mark.slow  # a list long enough to overflow the legend
def test_the_legend_says_how_many_rows_it_could_not_list(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "many.csv"
    rows = "".join(f"LONG-ID-{n:06d},pricing,Price line {n},sales\n" for n in range(3_000))
    path.write_text("id,area,responsibility,home\n" + rows)
    code, err = invoke("generate", str(path), "--out", str(tmp_path / "out"))
    assert code == 0, err
    legend = openpyxl.load_workbook(tmp_path / "out" / "raci-small.xlsx")["Legend"]
    cells = [str(cell) for row in legend.iter_rows(values_only=True) for cell in row if cell]
    long = [cell for cell in cells if "LONG-ID-000000" in cell]
    assert len(long) == 1
    assert len(long[0]) <= 32_767
    assert "… and " in long[0]
    assert long[0].endswith("more (the RACI sheet's Rule column names each row's rule)")


def test_a_template_without_head_keeps_its_fingerprint(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "summary.html.j2").write_text("<!DOCTYPE html>\n<p>{{ profile.title }}</p>\n", encoding="utf-8")
    for _ in range(2):
        code, err = invoke("generate", "--templates", str(folder), "--out", str(tmp_path / "out"))
        assert code == 0, err


def test_a_workbook_naming_an_unknown_profile_is_named(tmp_path: Path) -> None:
    import openpyxl

    assert invoke("generate", "--out", str(tmp_path))[0] == 0
    path = tmp_path / "raci-small.xlsx"
    book = openpyxl.load_workbook(path)
    data = book["_raci"]
    for row in data.iter_rows(min_row=3):
        for cell in row[1:]:
            cell.value = None
    data["B2"] = "enormous"
    book.save(path)
    code, err = invoke("check", str(path))
    assert code == 2
    assert f"{path}: names profile 'enormous', which is not built in" in err


def test_batch_failures_are_printed_even_when_the_index_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from raci.exceptions import OutputError

    monkeypatch.chdir(tmp_path)
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("name,size\nbroken,small\nfine,small\n", encoding="utf-8")
    (tmp_path / "missing.csv")
    manifest.write_text("name,input,size\nbroken,missing.csv,small\nfine,,small\n", encoding="utf-8")

    def full(*_: object, **__: object) -> None:
        raise OutputError("cannot be written: No space left on device", path=tmp_path / "out" / "index.html")

    monkeypatch.setattr("raci.jobs.batch.write_index", full)
    result = CliRunner().invoke(main, ["batch", str(manifest), "--out", "out", "--jobs", "1"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Failed: broken (line 2): ")
    assert lines[-1] == f"Error: {tmp_path / 'out' / 'index.html'}: cannot be written: No space left on device"


def test_an_svg_logo_left_out_of_the_workbook_is_said_on_stderr(tmp_path: Path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n')
    result = CliRunner().invoke(main, ["generate", "--logo", str(svg), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        "Warning: The logo is an SVG image, which a workbook cannot hold: "
        "the workbook has no logo; the summary shows it."
    )
    png = tmp_path / "logo.png"
    png.write_bytes(png_image(4, 4))
    result = CliRunner().invoke(main, ["generate", "--logo", str(png), "--out", str(tmp_path / "png"), "--quiet"])
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_formula_whose_result_was_never_saved_is_named_not_read_as_empty(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "area", "responsibility", "home"])
    sheet.append(["X1", "pricing", '=CONCAT("Set ","prices")', "sales"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    code, err = invoke("check", str(path))
    assert code == 2
    assert "line 2: cell C2 holds a formula whose result was never saved" in err

    assert invoke("generate", "--out", str(tmp_path / "out"))[0] == 0
    workbook = tmp_path / "out" / "raci-small.xlsx"
    book = openpyxl.load_workbook(workbook)
    ws = book["RACI"]
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "ID")
    ws.cell(header + 1, 4).value = '=CONCAT("A","")'
    book.save(workbook)
    result = CliRunner().invoke(main, ["check", str(workbook), "--format", "json"])
    assert result.exit_code == 1
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "invalid-letter"]
    assert finding["message"].startswith(f"RACI!D{header + 1}: holds a formula (=CONCAT(")


# --- any bytes given as a matrix: a result, or one line and exit 2 -----------------------------------

LETTERISH = ["R", "A", "C", "I", "A/R", "R/A", "x", "\u2713", "-", "", "Responsible", "\u0421", "A*", "n/a", "=SUM(A1)"]


EXAMPLES = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


def checked_as_a_matrix(path: Path) -> None:
    """`raci check PATH --format json` gives a result (exit 0 or 1, JSON) or one line and exit 2, never a traceback."""
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        json.loads(result.stdout)


@pytest.mark.slow
@EXAMPLES
@given(data=st.binary(max_size=600))
def test_any_bytes_as_a_matrix_give_a_result_or_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "matrix.csv"
    path.write_bytes(data)
    checked_as_a_matrix(path)


@pytest.mark.slow
@EXAMPLES
@given(
    grid=st.lists(
        st.lists(
            st.one_of(st.sampled_from(LETTERISH), st.text(max_size=8), st.integers(-5, 50)), min_size=1, max_size=6
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_grid_in_a_workbook_gives_a_result_or_one_line(tmp_path: Path, grid: list[list[object]]) -> None:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = openpyxl.Workbook()
    for row in grid:
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell for cell in row])
    path = tmp_path / "matrix.xlsx"
    book.save(path)
    checked_as_a_matrix(path)


def test_more_faults_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    assert invoke("generate", "--out", str(tmp_path / "ok"))[0] == 0
    source = zipfile.ZipFile(tmp_path / "ok" / "raci-small.xlsx")
    truncated = tmp_path / "truncated.xlsx"
    with zipfile.ZipFile(truncated, "w") as target:
        for entry in source.infolist():
            part = source.read(entry)
            target.writestr(entry, part[: len(part) // 2] if entry.filename.endswith("sheet1.xml") else part)
    for args in (
        ("check", str(truncated)),
        ("generate", str(truncated), "--out", str(tmp_path / "t")),
        ("generate", "--out", str(tmp_path / ("a" * 300))),
    ):
        code, err = invoke(*args)
        assert code == 2, args
        assert len(err.strip().splitlines()) == 1, err
    monkeypatch.chdir(tmp_path)
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("name,size\nCON,small\naux,small\nnul.txt,small\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(manifest), "--out", "batch", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "batch").iterdir() if path.is_dir()) == ["CON_", "aux_", "nul.txt_"]


def test_the_rest_of_the_broken_inputs_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    data = Path(__file__).parent / "data"
    zero = tmp_path / "zero.png"  # a PNG that claims 0 x 0 pixels
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", 0, 0, 8, 2, 0, 0, 0)
    zero.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr)))
    drop_all = tmp_path / "drop.csv"
    drop_all.write_text("role,title\nboss,\nseller,\nmarketer,\n", encoding="utf-8")
    book = tmp_path / "roles.xlsx"  # a roles file and a manifest given as workbooks, their sheet cut short
    plain = tmp_path / "plain.xlsx"
    import openpyxl

    sheet = (workbook := openpyxl.Workbook()).active
    for row in [["role", "title"], ["ceo", "Direktur"]] + [["sales_team", f"Tim {n}"] for n in range(400)]:
        sheet.append(row)
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(book, "w") as target:
        for entry in source.infolist():
            part = source.read(entry)
            target.writestr(entry, part[: len(part) // 2] if entry.filename.endswith("sheet1.xml") else part)
    manifest = tmp_path / "jobs.xlsx"
    manifest.write_bytes(book.read_bytes())
    cases = [
        (("generate", "--logo", str(zero)), f"{zero}: is not a readable PNG image"),
        (
            (
                "generate",
                str(data / "mini.csv"),
                "--profile",
                str(data / "mini_profile.toml"),
                "--roles",
                str(drop_all),
            ),
            "would leave 1 responsibility without an accountable role",
        ),
        (("generate", "--roles", str(book)), f"{book}: cannot be read as a workbook"),
        (("batch", str(manifest)), f"{manifest}: cannot be read as a workbook"),
    ]
    for args, message in cases:
        code, err = invoke(*args, "--out", str(tmp_path / "out"))
        assert code == 2, args
        assert message in err
        assert len(err.strip().splitlines()) == 1
        assert not (tmp_path / "out").exists()
    unreadable = tmp_path / "list.csv"
    unreadable.write_text("id,area,responsibility,home\nX1,pricing,Set prices,sales\n", encoding="utf-8")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name in ("list.csv", "jobs.csv"):
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("name,size\nacme,small\n", encoding="utf-8")
    for args in (("check", str(unreadable)), ("batch", str(jobs), "--out", str(tmp_path / "b"))):
        code, err = invoke(*args)
        assert code == 2, args
        assert "cannot be read: Permission denied" in err
        assert len(err.strip().splitlines()) == 1


# --- bombs that fit in a few kilobytes --------------------------------------------------------------

MEMORY = 2**30  # address space a bounded run may use: raci needs a tenth of it, a bomb would need gigabytes
BOUNDED = (
    "import resource, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))\n"
    "from raci.cli import main\n"
    "main(sys.argv[1:], prog_name='raci')\n"
)


def bounded(*args: str, cwd: Path) -> tuple[int, str, str]:
    """raci run in a process that cannot take more than MEMORY: a bomb ends it in a MemoryError, not the machine."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", BOUNDED, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    return done.returncode, done.stdout, done.stderr


def list_workbook(path: Path, extra_cells: bytes = b"", dimension: str | None = None) -> Path:
    """A three-row responsibilities list as a spreadsheet program saves it, with `extra_cells` (sheet XML
    rows) added after its last row and its `<dimension>` set to `dimension`."""
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Daftar"
    for row in [
        ["id", "area", "responsibility", "home"],
        ["PR-01", "pricing", "Set list prices", "sales"],
        ["PR-02", "pricing", "Approve discounts over 10%", "sales"],
    ]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            part = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b"</sheetData>", extra_cells + b"</sheetData>")
                if dimension is not None:
                    part = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), part)
            target.writestr(entry, part)
    return path


FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def test_a_five_kilobyte_workbook_with_one_cell_at_the_sheet_end_is_refused_in_one_line(tmp_path: Path) -> None:
    bomb = list_workbook(tmp_path / "daftar.xlsx", FAR_CELL, "A1:XFD1048576")
    assert bomb.stat().st_size < 6_000
    for command in (["check", "daftar.xlsx"], ["generate", "daftar.xlsx", "--out", "out"]):
        code, _, err = bounded(*command, cwd=tmp_path)
        assert code == 2, err
        assert err.strip().splitlines() == [
            "Error: daftar.xlsx: sheet 'Daftar' holds a value at XFD1048576, which makes it 1,048,576 rows by "
            "16,384 columns (17,179,869,184 cells), over the 8,388,608 cells raci reads from a sheet "
            "(delete what lies beyond the table, or split the sheet)"
        ]
    assert not (tmp_path / "out").exists()


def test_a_workbook_claiming_a_whole_sheet_is_read_from_the_cells_it_holds(tmp_path: Path) -> None:
    import openpyxl

    # a claimed dimension of a whole sheet, and an empty styled cell far away: neither holds a value
    styled = b'<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    list_workbook(tmp_path / "daftar.xlsx", styled, "A1:XFD1048576")
    code, _, err = bounded("generate", "daftar.xlsx", "--out", "out", "-q", cwd=tmp_path)
    assert code == 0, err
    book = openpyxl.load_workbook(tmp_path / "out" / "raci-small.xlsx")
    data = [row for row in book["RACI"].iter_rows(values_only=True) if row[0] in ("PR-01", "PR-02")]
    assert [row[0] for row in data] == ["PR-01", "PR-02"]


ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_file(path: Path, rows: str, name: str = "Shop") -> Path:
    """An OpenDocument spreadsheet of one sheet holding `rows` (table:table-row XML), zipped as LibreOffice does."""
    import zipfile

    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f'<office:body><office:spreadsheet><table:table table:name="{name}">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return path


def ods_cell(text: str = "", repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if not text:
        return f"<table:table-cell{repeated}/>"
    return f'<table:table-cell{repeated} office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def ods_row(*cells: str, repeat: int = 1) -> str:
    repeated = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{repeated}>{''.join(cells)}</table:table-row>"


CAFE = [
    ["Task", "Manager", "Server", "Barista"],
    ["Open the shop and count the float", "A", "R", "I"],
    ["Take orders at the counter", "A", "R", "C"],
    ["Make the drinks", "A", "I", "R"],
]


@pytest.mark.parametrize(
    ("bomb", "cell", "reason"),
    [
        (ods_row(ods_cell("R", 16_384), repeat=1_000), "XFD1004", "1,004 rows by 16,384 columns"),
        (ods_row(ods_cell(repeat=16_000), ods_cell("R"), repeat=1_000), "WQK1004", "1,004 rows by 16,001 columns"),
        (ods_row(ods_cell(), repeat=2_000_000) + ods_row(ods_cell("R")), "A2000005", "beyond the 1,048,576 rows"),
        (ods_row(ods_cell("R", 2**31)), "R5C2147483648", "beyond the 1,048,576 rows and 16,384 columns"),
    ],
)
def test_an_ods_of_repeated_rows_and_columns_is_refused_without_making_them(
    tmp_path: Path, bomb: str, cell: str, reason: str
) -> None:
    rows = "".join(ods_row(*(ods_cell(text) for text in row)) for row in CAFE) + bomb
    path = ods_file(tmp_path / "shop.ods", rows)
    assert path.stat().st_size < 2_000
    code, _, err = bounded("check", "shop.ods", cwd=tmp_path)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"Error: shop.ods: sheet 'Shop' holds a value at {cell}, "), err
    assert reason in err


def test_an_ods_as_libreoffice_saves_it_is_read_whole(tmp_path: Path) -> None:
    """LibreOffice ends every sheet with its empty columns and rows repeated to the sheet's end."""
    tail = ods_cell(repeat=16_380)
    rows = ods_row(ods_cell('Daily jobs at the<text:s text:c="2"/>Corner Cup'), tail)
    rows += ods_row(ods_cell(repeat=16_384), repeat=2)
    rows += "".join(ods_row(*(ods_cell(text) for text in row), tail) for row in CAFE)
    rows += ods_row(ods_cell(repeat=16_384), repeat=1_048_570)
    ods_file(tmp_path / "shop.ods", rows)
    code, out, err = bounded("check", "shop.ods", "--format", "json", cwd=tmp_path)
    assert code == 0, err
    report = json.loads(out)
    assert report["matrix"]["rows"] == 3
    assert [role["title"] for role in report["matrix"]["roles"]] == ["Manager", "Server", "Barista"]


# --- outputs that are not files ---------------------------------------------------------------------


def test_an_output_that_is_a_pipe_a_device_or_huge_is_never_read(tmp_path: Path) -> None:
    pipe, device, huge = (tmp_path / name for name in ("pipe", "device", "huge"))
    for folder in (pipe, device, huge):
        folder.mkdir()
    os.mkfifo(pipe / "raci-small.xlsx")  # reading it for its fingerprint would wait for ever
    (device / "raci-small.html").symlink_to("/dev/zero")  # reading it would never end
    with (huge / "raci-small.xlsx").open("wb") as stream:
        stream.truncate(20 * 2**30)  # sparse: 20 GiB that take no disk
    cases = [
        (pipe, "raci-small.xlsx: is a named pipe, not a file raci wrote; not replacing it"),
        (device, "raci-small.html: is a device, not a file raci wrote; not replacing it"),
        (huge, "raci-small.xlsx: is 20,480 MiB, larger than any file raci writes; not overwriting"),
    ]
    os.mkfifo(pipe / "raci-small-to-medium.html")
    cases.append((pipe, "raci-small-to-medium.html: is a named pipe, not a file raci wrote; not replacing it"))
    for folder, message in cases:
        args = ["compare", "--from", "small", "--to", "medium"] if "-to-" in message else ["generate"]
        code, err = invoke(*args, "--out", str(folder))
        assert code == 2, err
        assert message in err
        assert len(err.strip().splitlines()) == 1
    assert sorted(path.name for path in pipe.iterdir()) == ["raci-small-to-medium.html", "raci-small.xlsx"]
    assert [path.name for path in device.iterdir()] == ["raci-small.html"]
    assert [path.name for path in huge.iterdir()] == ["raci-small.xlsx"]
    assert stat.S_ISFIFO((pipe / "raci-small.xlsx").lstat().st_mode)
    assert (device / "raci-small.html").readlink() == Path("/dev/zero")
    assert (huge / "raci-small.xlsx").stat().st_size == 20 * 2**30
    code, err = invoke("generate", "--out", str(device), "--force")  # --force replaces files, not devices
    assert code == 2
    assert "is a device" in err


def test_an_out_folder_that_is_not_one_is_named_for_what_it_is(tmp_path: Path) -> None:
    dangling = tmp_path / "deliverables"
    dangling.symlink_to(tmp_path / "gone")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, err = invoke("generate", "--out", str(dangling))
    assert code == 2
    assert err.strip() == (
        f"Error: {dangling}: is a symbolic link to {tmp_path / 'gone'}, which does not exist "
        "(create that folder, or give --out another one)"
    )
    code, err = invoke("generate", "--out", str(pipe))
    assert code == 2
    assert err.strip() == f"Error: {pipe}: is a named pipe, not a folder (give --out a folder)"
    assert not (tmp_path / "gone").exists()


# --- signals between renames, and a person's own files beside the outputs ---------------------------

HOOKED = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
real = os.replace
def replace(source, target):
    real(source, target)
    os.replace = real
    signal.raise_signal(getattr(signal, sys.argv[1]))
os.replace = replace
from raci.cli import main
main(sys.argv[2:], prog_name="raci")
"""


def signalled_after_first_rename(signal_name: str, *args: str, cwd: Path) -> tuple[int, str]:
    """raci run in a process that receives `signal_name` right after it renames its first output.

    The child takes Ctrl-C as a terminal's foreground program does, whatever it inherits: a test suite
    started in the background (`pytest &`, nohup, some CI runners) hands its children SIGINT ignored, and
    raci rightly keeps an ignored Ctrl-C ignored. The signal is raised in the renaming thread itself, before
    the rename returns: no other thread (a maths library's) can take it later."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", HOOKED, signal_name, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stderr


def hidden(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def two_runs(tmp_path: Path) -> tuple[Path, Path, bytes, bytes]:
    """A folder holding one run's pair, for Toko Lama; the next run (for Toko Baru) is the one signalled."""
    out = tmp_path / "out"
    assert invoke("generate", "--client", "Toko Lama", "--out", str(out), "-q")[0] == 0
    workbook, page = out / "raci-small.xlsx", out / "raci-small.html"
    return workbook, page, workbook.read_bytes(), page.read_bytes()


def test_ctrl_c_during_the_first_rename_leaves_one_runs_pair_and_says_so(tmp_path: Path) -> None:
    workbook, page, old_workbook, _ = two_runs(tmp_path)
    code, err = signalled_after_first_rename(
        "SIGINT", "generate", "--client", "Toko Baru", "--out", "out", cwd=tmp_path
    )
    assert code == 130
    assert err.strip().splitlines() == ["Interrupted after writing out/raci-small.xlsx, out/raci-small.html."]
    assert workbook.read_bytes() != old_workbook
    assert "Toko Baru" in page.read_text(encoding="utf-8")  # both of the new run: Ctrl-C waited for the renames
    assert hidden(tmp_path / "out") == []
    assert invoke("check", str(workbook))[0] in (0, 1)


def test_a_run_killed_between_renames_is_undone_by_the_next_run_there(tmp_path: Path) -> None:
    workbook, page, old_workbook, old_page = two_runs(tmp_path)
    code, _ = signalled_after_first_rename("SIGKILL", "generate", "--client", "Toko Baru", "--out", "out", cwd=tmp_path)
    assert code == -9
    assert workbook.read_bytes() != old_workbook  # a mixed pair, for now
    assert page.read_bytes() == old_page
    assert hidden(tmp_path / "out")  # the killed run's journal, copies and temporary
    code, err = invoke("compare", "--from", "small", "--to", "medium", "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    assert workbook.read_bytes() == old_workbook
    assert page.read_bytes() == old_page
    assert hidden(tmp_path / "out") == []


def test_recovery_never_overwrites_a_file_edited_after_the_kill(tmp_path: Path) -> None:
    import openpyxl

    workbook, page, _, _ = two_runs(tmp_path)
    code, _ = signalled_after_first_rename("SIGKILL", "generate", "--client", "Toko Baru", "--out", "out", cwd=tmp_path)
    assert code == -9
    book = openpyxl.load_workbook(workbook)  # a person opens the new workbook and notes who does what
    book["RACI"]["A1"] = "RACI matrix: agreed with Bu Sari on Monday"
    book.save(workbook)
    edited = workbook.read_bytes()
    code, err = invoke("compare", "--from", "small", "--to", "medium", "--out", str(tmp_path / "out"), "-q")
    assert code == 0, err
    assert workbook.read_bytes() == edited  # never the old workbook over the edit
    assert "Toko Baru" in page.read_text(encoding="utf-8")  # the killed run finished: one run's pair
    assert hidden(tmp_path / "out") == []
    code, err = invoke("generate", "--out", str(tmp_path / "out"))
    assert code == 2
    assert "raci-small.xlsx: was changed after raci wrote it" in err
    assert workbook.read_bytes() == edited


PAUSED = """
import os, sys
real = os.replace
def replace(source, target):
    os.replace = real
    print("renaming", flush=True)
    sys.stdin.readline()
    real(source, target)
os.replace = replace
from raci.cli import main
main(sys.argv[1:], prog_name="raci")
"""


def test_a_live_run_in_the_same_folder_is_left_alone_whatever_its_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    live = subprocess.Popen(
        [sys.executable, "-c", PAUSED, "generate", "--client", "Toko Baru", "--out", str(out), "-q"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert live.stdout is not None
    assert live.stdout.readline().strip() == "renaming"  # its temporaries written, its journal locked
    code, err = invoke("compare", "--from", "small", "--to", "medium", "--out", str(out), "-q")
    assert code == 0, err
    _, errors = live.communicate("go on\n", timeout=300)
    assert live.returncode == 0, errors
    assert "Toko Baru" in (out / "raci-small.html").read_text(encoding="utf-8")
    assert invoke("check", str(out / "raci-small.xlsx"))[0] in (0, 1)
    assert hidden(out) == []


def test_a_persons_hidden_files_and_a_stray_journal_change_nothing(tmp_path: Path) -> None:
    workbook, _, _, _ = two_runs(tmp_path)
    code, _ = signalled_after_first_rename("SIGKILL", "generate", "--client", "Toko Baru", "--out", "out", cwd=tmp_path)
    assert code == -9
    journal = next((tmp_path / "out").glob(".*.journal"))
    mine = tmp_path / "mine"
    mine.mkdir()
    stray = mine / journal.name  # a killed run's journal, copied elsewhere with the files around it
    stray.write_bytes(journal.read_bytes())
    own = {
        "raci-small.xlsx": b"my own workbook",
        "raci-small.html": b"my own page",
        ".raci-small.xlsx.1234.y.part": b"a hidden draft",
        ".raci-small.html.keep": b"kept by me",
    }
    for name, data in own.items():
        (mine / name).write_bytes(data)
    for name in hidden(tmp_path / "out"):  # and the killed run's own temporaries and copies, by name
        if not name.endswith(".journal"):
            (mine / name).write_bytes(b"a person's file of that name")
    code, err = invoke("compare", "--from", "small", "--to", "medium", "--out", str(mine), "-q")
    assert code == 0, err
    for name, data in own.items():
        assert (mine / name).read_bytes() == data
    for name in hidden(tmp_path / "out"):
        if not name.endswith(".journal"):
            assert (mine / name).read_bytes() == b"a person's file of that name"
    assert workbook.exists()


# --- control characters in what a person types ------------------------------------------------------


def test_control_characters_in_client_roles_and_manifest_text_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    roles = tmp_path / "peran.csv"
    roles.write_text("role,title\nceo,Dir\x01ektur\n", encoding="utf-8")
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("name,size,client\nacme,small,Toko\x1b[2JMaju\n", encoding="utf-8")
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    cases = [
        (["generate", "--client", "Toko\x1bMaju"], "Error: --client holds a control character (U+001B) at position 5"),
        (["generate", "--client", "Toko\x1bMaju", "--pptx"], "Error: --client holds a control character (U+001B)"),
        (["generate", "--roles", "peran.csv"], "Error: peran.csv, line 2, column `title`: the cell holds a control"),
        (["batch", "jobs.csv"], "Error: jobs.csv, line 2, column `client`: the cell holds a control character"),
        (["batch", "pipe.csv"], "Error: pipe.csv: is not a regular file (a device, a pipe or a socket)"),
        (["batch", "jobs.csv", "--title", "Q3\x07"], "Error: --title holds a control character (U+0007) at position 3"),
    ]
    for args, message in cases:
        result = CliRunner().invoke(main, [*args, "--out", "out"])
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith(message), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "\x1b" not in result.stderr
        assert not (tmp_path / "out").exists()


def test_a_client_name_in_any_script_still_passes_raci_check(tmp_path: Path) -> None:
    client = "Toko Maju — 北京 «Ümlaut»\tcabang"
    code, err = invoke("generate", "--client", client, "--pptx", "--out", str(tmp_path), "-q")
    assert code == 0, err
    code, err = invoke("check", str(tmp_path / "raci-small.xlsx"))
    assert code in (0, 1), err


# --- templates that would run for hours or fill memory ----------------------------------------------

BOMBS = {
    "nested ranges": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "the template takes more than 10,000,000 loop steps and calls",
    ),
    "nested loops over a list": (
        "{% set xs = range(100000)|list %}{% for x in xs %}{% for y in xs %}{% endfor %}{% endfor %}",
        "the template takes more than 10,000,000 loop steps and calls",
    ),
    "nested loops over a string": (
        '{% for c in "x" * 10**6 %}{% for d in "x" * 10**6 %}{{ "" }}{% endfor %}{% endfor %}',
        "the template takes more than 10,000,000 loop steps and calls",
    ),
    "a recursive loop": (
        "{% set tree = [{'kids': range(1000)|list}] %}{% for node in tree * 100000 recursive %}"
        "{% if node is mapping %}{{ loop(node.kids) }}{% endif %}{% endfor %}",
        "the template takes more than 10,000,000 loop steps and calls",
    ),
    "string multiply": ('{{ "x" * 100000000000 }}', "a text or list of more than 16,777,216 made with *"),
    "format filter width": ('{{ "%999999999d"|format(1) }}', "a format width or precision over 10,000"),
    "str.format width": ('{{ "{:>999999999}".format(1) }}', "a format width or precision over 10,000"),
    "percent width": ('{{ "%0999999999d" % 1 }}', "a format width or precision over 10,000"),
    "self include": ('{% include "header.html.j2" %}', "the template includes or calls itself without end"),
    "doubling macro": (
        "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}",
        "the template includes or calls itself without end",
    ),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_template_that_would_run_for_hours_or_fill_memory_is_one_line(tmp_path: Path, name: str) -> None:
    body, message = BOMBS[name]
    folder = hostile_folder(tmp_path, body)
    code, err = invoke("generate", "--templates", str(folder), "--out", str(tmp_path / "out"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"Error: {folder / 'header.html.j2'}, line 3: {message}")
    assert err.strip().endswith(f"(templates from {folder} replace raci's own)")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bomb", ["nested ranges", "nested loops over a string"])
def test_a_template_bomb_in_a_batch_fails_its_job_and_the_index_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bomb: str
) -> None:
    monkeypatch.chdir(tmp_path)
    hostile_folder(tmp_path, BOMBS[bomb][0])
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("name,size,templates\nsent to us,small,templates\nours,small,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(manifest), "--out", "out", "--jobs", "1"])
    assert result.exit_code == 1
    assert "sent to us" in result.stderr
    assert "header.html.j2, line 3: the template takes more than 10,000,000 loop steps" in result.stderr
    assert (tmp_path / "out" / "ours" / "raci-ours-small.html").is_file()
    assert (tmp_path / "out" / "index.html").is_file()


# --- the rest: a person's own files and the one line for each odd input -----------------------------


def test_a_workbook_open_in_a_spreadsheet_program_is_not_replaced_without_force(tmp_path: Path) -> None:
    assert invoke("generate", "--out", str(tmp_path), "-q")[0] == 0
    workbook = tmp_path / "raci-small.xlsx"
    before = workbook.read_bytes()
    for lock in (".~lock.raci-small.xlsx#", "~$raci-small.xlsx"):  # LibreOffice's, Excel's
        (tmp_path / lock).write_text("Bu Sari,sari-pc,/home/sari,04.12.2026 09:12;", encoding="utf-8")
        code, err = invoke("generate", "--client", "Toko Baru", "--out", str(tmp_path))
        assert code == 2
        assert err.strip() == (
            f"Error: {workbook}: is open in a spreadsheet program (its lock file {lock} is there); "
            "not replacing it (close it there first, or pass --force to replace it)"
        )
        assert workbook.read_bytes() == before
        (tmp_path / lock).unlink()
    (tmp_path / ".~lock.raci-small.xlsx#").write_text("Bu Sari", encoding="utf-8")
    assert invoke("generate", "--client", "Toko Baru", "--out", str(tmp_path), "--force", "-q")[0] == 0
    assert workbook.read_bytes() != before


def test_batch_folders_never_take_a_name_windows_reserves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jobs.csv").write_text("name,size\nCOM¹,small\nLPT²,small\nlpt³.txt,small\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", "jobs.csv", "--out", "out", "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.stderr
    folders = sorted(path.name for path in (tmp_path / "out").iterdir() if path.is_dir())
    assert folders == ["COM¹_", "LPT²_", "lpt³.txt_"]


def test_a_right_to_left_override_in_a_title_is_shown_escaped(tmp_path: Path) -> None:
    matrix = tmp_path / "shop.csv"
    matrix.write_text(
        "Task,Manager,Server,\u202eOEC\nOpen the shop,A,R,I\nTake orders,A,R,C\nMake drinks,A,I,R\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", str(matrix)])
    assert result.exit_code in (0, 1), result.output
    assert "\u202e" not in result.stdout
    assert "\\u202eOEC" in result.stdout


def test_odd_inputs_are_each_one_line(tmp_path: Path) -> None:
    import re
    import subprocess
    import sys
    import zipfile

    import openpyxl

    assert invoke("generate", "--out", str(tmp_path / "own"), "-q")[0] == 0
    book = openpyxl.load_workbook(tmp_path / "own" / "raci-small.xlsx")
    del book["RACI"]  # a person deleted the matrix sheet and saved
    no_matrix = tmp_path / "no-matrix.xlsx"
    book.save(no_matrix)
    no_sheets = tmp_path / "no-sheets.xlsx"
    with zipfile.ZipFile(list_workbook(tmp_path / "list.xlsx")) as source, zipfile.ZipFile(no_sheets, "w") as target:
        for entry in source.infolist():
            part = source.read(entry)
            if entry.filename == "xl/workbook.xml":
                part = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", part, flags=re.DOTALL)
            target.writestr(entry, part)
    cases = [
        (no_matrix, "is a workbook raci wrote, but its RACI sheet is missing (sheets: Summary, "),
        (no_sheets, "holds no sheet"),
    ]
    for path, message in cases:
        for args in (["check", str(path)], ["generate", str(path), "--out", str(tmp_path / "out")]):
            code, err = invoke(*args)
            assert code == 2, err
            assert err.startswith(f"Error: {path}: {message}"), err
            assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
    closed = subprocess.run(  # standard input closed (`raci generate - <&-`)
        [sys.executable, "-m", "raci", "generate", "-", "--out", str(tmp_path / "out")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(0),  # the child starts with no standard input
    )
    assert closed.returncode == 2, closed.stderr
    assert closed.stderr.strip() == "Error: -: standard input is closed (pipe the list in, or give its path)"
    solo = tmp_path / "solo.toml"
    solo.write_text(
        'name = "solo"\ntitle = "Solo trader"\nheadcount_min = 1\nheadcount_max = 1\nstructure = "sales-led"\n\n'
        '[[roles]]\nkey = "owner"\ntitle = "Owner"\nfunction = "leadership"\n\n'
        '[[rules]]\nnote = "default"\nletters = { owner = "A/R" }\n',
        encoding="utf-8",
    )
    roles = tmp_path / "peran.csv"
    roles.write_text("role,title\nowner,\n", encoding="utf-8")  # drops the profile's only role
    code, err = invoke("generate", "--profile", str(solo), "--roles", str(roles), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.startswith(f"Error: {roles}, line 2, column `title`: dropping Owner would leave 49 responsibilities")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


LONG_TASK = "Open the shop " + "x" * 39_997  # 40,011 characters: over the 32,767 a workbook cell holds


def excel_matrix(path: Path, rows: list[list[str]]) -> Path:
    """A matrix as Excel saves one: a control character written `_x001B_`, a cell as long as it was typed
    (openpyxl alone would cut it), in shared strings."""
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Matriks"
    placeholders: dict[str, str] = {}
    for row in rows:
        cells = []
        for cell in row:
            if re.search(r"[\x00-\x08\x0b-\x1f]", cell) or len(cell) > 32_767:
                placeholders[f"CELL{len(placeholders)}X"] = re.sub(
                    r"[\x00-\x08\x0b-\x1f]", lambda found: f"_x{ord(found.group()):04X}_", cell
                )
                cell = f"CELL{len(placeholders) - 1}X"
            cells.append(cell)
        book.active.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            part = source.read(entry)
            for mark, text in placeholders.items():
                part = part.replace(mark.encode(), text.encode())
            target.writestr(entry, part)
    return path


def assert_sound_workbook(book: Path) -> None:
    """The workbook opens, every XML part of it parses, and `raci check` reads it back without an error."""
    import zipfile
    from xml.etree import ElementTree

    import openpyxl

    openpyxl.load_workbook(book)
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
    code, err = invoke("check", str(book))
    assert code == 0, err


def test_a_matrix_cell_no_workbook_can_hold_is_cleaned_and_named(tmp_path: Path) -> None:
    """A control character (which no workbook holds and no spreadsheet shows) is dropped and a cell over
    32,767 characters cut, in a matrix from a CSV, Excel or LibreOffice; each such cell is named on the
    console, in the Read as sheet, on the page and in `raci check --format json`."""
    import openpyxl

    rows = [
        ["Task", "Manager", "Server", "CE\x1bO"],
        ["Set\x01prices", "A", "R", "I"],
        ["Take orders", "A", "R", "C"],
        ["Make drinks", "A", "I", "R"],
        [LONG_TASK, "A", "R", "I"],
    ]
    csv = tmp_path / "kafe.csv"
    csv.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    xlsx = excel_matrix(tmp_path / "kafe.xlsx", rows)
    long_row = [[LONG_TASK, "A", "R", "I"]]
    ods = ods_file(
        tmp_path / "kafe.ods", "".join(ods_row(*(ods_cell(text) for text in row)) for row in CAFE + long_row)
    )
    expected = {
        csv: {
            "D1": ("control", "CE\\u001bO", "CEO"),
            "A2": ("control", "Set\\u0001prices", "Setprices"),
            "A5": ("cut",),
        },
        xlsx: {
            "Matriks!D1": ("control", "CE\\u001bO", "CEO"),
            "Matriks!A2": ("control", "Set\\u0001prices", "Setprices"),
            "Matriks!A5": ("cut",),
        },
        ods: {"Shop!A5": ("cut",)},
    }
    for path, cells in expected.items():
        out = tmp_path / path.suffix[1:]
        result = CliRunner().invoke(main, ["generate", str(path), "--out", str(out), "-q"])
        assert result.exit_code == 0, result.stderr
        (warning,) = result.stderr.strip().splitlines()
        assert warning.startswith(f"Warning: {path.name}: cells no workbook holds as written were changed: ")
        assert "\x1b" not in warning
        for cell, (kind, *_) in cells.items():
            assert cell in warning
            assert ("cut at 32,767 characters" if kind == "cut" else "control characters dropped") in warning
        book = out / f"raci-{path.stem}.xlsx"
        assert_sound_workbook(book)
        loaded = openpyxl.load_workbook(book)
        trail = [row for row in loaded["Read as"].iter_rows(values_only=True)]
        changes = {
            "cut": "over the 32,767 characters a cell holds: cut",
            "control": "control character no workbook holds: dropped",
        }
        for cell, (kind, *texts) in cells.items():
            (line,) = [row for row in trail if row[4] == cell and row[3] == changes[kind]]
            if texts:
                assert line[:2] == tuple(texts)
        tasks = [str(row[2]) for row in loaded["RACI"].iter_rows(values_only=True) if row[2]]
        (long,) = [task for task in tasks if task.startswith("Open the shop xxx")]
        assert len(long) == 32_767
        assert long.endswith("x\u2026")
        if path != ods:
            assert "Setprices" in tasks
        page = (out / f"raci-{path.stem}.html").read_text(encoding="utf-8")
        section = page[page.index('id="read-as"') :]
        for cell in cells:
            assert cell in section
        assert "control characters dropped" in section  # the section's hint says cells were cleaned
        cleaned = [row for row in section.split("<tr")[1:] if 'data-kind="control"' in row or 'data-kind="cut"' in row]
        assert cleaned
        assert all(row.count("<code>") == 2 for row in cleaned)  # as written and as read, alike
        report = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).stdout)
        read = {entry["cells"][0]: entry for entry in report["read_as"] if entry["kind"] in ("control", "cut")}
        assert set(read) == set(cells)
        assert read[next(iter(cells))]["read_as"] in ("CEO", "Open the shop " + "x" * 46 + "... (32,767 characters)")
        console = CliRunner().invoke(main, ["check", str(path)])
        assert console.exit_code == 0, console.stderr
        for cell in cells:
            assert f"  {cell}: '" in console.stdout
        assert "\x1b" not in console.stdout


def test_no_inode_left_for_the_journal_is_one_line_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    assert invoke("generate", "--out", str(tmp_path), "-q")[0] == 0
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    real = os.open

    def no_inodes(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".journal") and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, flags, mode)

    monkeypatch.setattr(os, "open", no_inodes)
    code, err = invoke("generate", "--client", "Toko Baru", "--out", str(tmp_path))
    assert code == 2
    assert err.strip() == f"Error: {tmp_path}: cannot keep a journal there: No space left on device"
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_ctrl_c_while_the_options_are_read_is_the_same_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(click.Path, "convert", interrupted)  # Ctrl-C as click checks --out
    result = CliRunner().invoke(main, ["generate", "--out", str(tmp_path / "out")])
    assert result.exit_code == 130
    assert result.stderr.strip() == "Interrupted: no output was replaced."
    assert not (tmp_path / "out").exists()


def test_ctrl_c_while_raci_is_loading_is_the_same_one_line(tmp_path: Path) -> None:
    """Ctrl-C while the command's modules are still being imported (the first fraction of a second) ends in the
    same one line and exit 130, not in Python's traceback: the entry point catches it around the import."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'raci.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['raci', 'generate', '--out', 'out']\n"
        "from raci.entry import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 130
    assert done.stderr == "Interrupted: no output was replaced.\n"
    assert list(tmp_path.iterdir()) == []


def test_a_matrix_piped_to_check_is_read_as_a_matrix() -> None:
    """`raci check -` with a matrix made elsewhere on standard input reads its roles and letters (it was once
    taken for a list of responsibilities)."""
    matrix = "Task,CEO,Sales Manager,Marketing Manager\nSet list prices,A,R,C\nRun the campaigns,I,C,A/R\n"
    result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=matrix)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [role["title"] for role in data["matrix"]["roles"]] == ["CEO", "Sales Manager", "Marketing Manager"]
    assert data["matrix"]["rows"] == 2
    assert data["errors"] == 0


# --- a workbook saved again by Gnumeric or LibreOffice, read back quietly --------------------------


@pytest.mark.apps
@pytest.mark.parametrize("program", ["ssconvert", "soffice"])
def test_a_workbook_saved_again_by_gnumeric_or_libreoffice_is_checked_without_a_warning(
    tmp_path: Path, program: str
) -> None:
    """raci's own workbook and a client's matrix, each opened and saved as .xlsx by Gnumeric or LibreOffice,
    are read back by `raci check` run as a person runs it (its own process: pytest would swallow a warning)
    with nothing on stderr: no openpyxl UserWarning naming site-packages, no traceback."""
    import subprocess
    import sys

    import openpyxl

    from .apps import require, soffice_convert, ssconvert

    require(program)
    assert invoke("generate", "--client", "Toko Maju", "--out", str(tmp_path / "own"), "-q")[0] == 0
    matrix = openpyxl.Workbook()
    matrix.active.title = "Matriks"
    for row in [["Matriks RACI Toko Maju"], [], *CAFE]:
        matrix.active.append(row)
    matrix.save(tmp_path / "kafe.xlsx")
    saved = tmp_path / "saved"
    saved.mkdir()
    for book in (tmp_path / "own" / "raci-small.xlsx", tmp_path / "kafe.xlsx"):
        if program == "ssconvert":
            ssconvert(book, saved / book.name)
        else:
            soffice_convert([book], "xlsx", saved, tmp_path / f"profile-{book.stem}")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    for name, checked in (
        ("raci-small.xlsx", "49 responsibilities, 5 roles, profile Small company"),
        ("kafe.xlsx", "3 roles"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "raci", "check", str(saved / name)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        assert checked in done.stdout


# --- Ctrl-C at any moment of a long run ---------------------------------------------------------------


@pytest.mark.slow  # thirty runs of a few seconds each
def test_ctrl_c_at_any_moment_of_a_long_run_leaves_one_runs_pair_and_no_python_noise(tmp_path: Path) -> None:
    """`raci generate` of a 4,000-row workbook, sent Ctrl-C at thirty moments from reading it to renaming its
    outputs: each run ends in one line (or finishes), never in "Exception ignored" (openpyxl's streamed sheet
    closed after its file, at the interpreter's shutdown) or a traceback; the folder always holds one run's
    pair, the old one or the new, and no temporary file."""
    import hashlib
    import signal
    import subprocess
    import sys
    import time
    import zipfile

    rows = "".join(
        f"PR-{n:05d},pricing,Set the list price of product line {n} each quarter,sales\n" for n in range(4000)
    )
    (tmp_path / "daftar.csv").write_text("id,area,responsibility,home\n" + rows, encoding="utf-8")
    assert invoke("generate", str(tmp_path / "daftar.csv"), "--out", str(tmp_path / "first"), "-q")[0] == 0
    source = tmp_path / "daftar.xlsx"
    source.write_bytes((tmp_path / "first" / "raci-small.xlsx").read_bytes())
    out = tmp_path / "out"
    raci = str(Path(sys.executable).parent / "raci")

    def run(client: str, delay: float | None) -> tuple[int, str]:
        child = subprocess.Popen(
            [raci, "generate", str(source), "--out", str(out), "-q", "--client", client],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a terminal's Ctrl-C, whatever we got
        )
        if delay is not None:
            time.sleep(delay)
            child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=600)
        return child.returncode, err

    def pair() -> dict[str, str]:
        return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in out.iterdir()}

    assert run("Toko Awal", None) == (0, "")
    started = time.monotonic()
    assert run("Toko Kedua", None) == (0, "")  # as the runs below: over a pair it checks before replacing
    took = time.monotonic() - started
    before = pair()
    outcomes = set()
    for number in range(30):
        client = f"Toko {number:02d}"
        code, err = run(client, took * (0.3 + number / 30))
        assert "Exception ignored" not in err, err
        assert "Traceback" not in err, err
        assert code in (0, 130, -signal.SIGINT), err  # finished; interrupted; or Ctrl-C as Python exits
        if code == 130:
            assert len(err.strip().splitlines()) == 1, err
        now = pair()
        assert sorted(now) == ["raci-small.html", "raci-small.xlsx"]  # no temporary, no journal
        changed = {name: now[name] != before[name] for name in now}
        assert len(set(changed.values())) == 1, (code, err)  # both old or both new, never a mix
        if all(changed.values()):
            assert client in (out / "raci-small.html").read_text(encoding="utf-8")
            with zipfile.ZipFile(out / "raci-small.xlsx") as book:
                assert any(client.encode() in book.read(name) for name in book.namelist())
            outcomes.add("new")
        else:
            outcomes.add("old")
        before = now
    assert "old" in outcomes  # some runs were cut short (and, on a machine not busier than at the start, some finished)
