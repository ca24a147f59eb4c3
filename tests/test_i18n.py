"""Languages: the Indonesian catalogue is complete, and every output speaks it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from raci.cli import main
from raci.i18n import LANGUAGES, LOCALE_DIR, PERCENT_PATTERNS, Translator
from raci.inputs.profiles import builtin_profile
from raci.inputs.workbook import read_workbook
from raci.jobs.generate import generate

from .htmltools import parse

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "raci.po"
POT = LOCALE_DIR / "raci.pot"
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)[sd]")


def messages(path: Path) -> dict[str, tuple[str, ...]]:
    with path.open("rb") as stream:
        catalog = read_po(stream)
    found = {}
    for message in catalog:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            found[key] = tuple(strings)
    return found


def test_every_extracted_message_is_translated_with_its_placeholders() -> None:
    template, translated = messages(POT), messages(PO)
    assert set(template) <= set(translated), sorted(set(template) - set(translated))[:5]
    for msgid in template:
        strings = translated[msgid]
        assert all(strings), msgid
        assert {*PLACEHOLDER.findall(msgid)} == {p for s in strings for p in PLACEHOLDER.findall(s)}, msgid


def test_the_message_catalogue_holds_what_the_code_says_today(tmp_path: Path) -> None:
    """Extracted afresh (babel.cfg's command), the sources give exactly the catalogue's messages: a sentence
    added to the code without extracting it would otherwise reach an Indonesian client in English."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    fresh = tmp_path / "fresh.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_", "-k", "t"]
    command += ["-k", "plural:1,2", "--no-location", "--omit-header", "--sort-output", "-o", str(fresh), "."]
    subprocess.run(command, cwd=root, check=True, capture_output=True)
    assert set(messages(fresh)) == set(messages(POT))


def test_numbers_follow_the_language() -> None:
    assert Translator("en").number(1234.5) == "1,234.5"
    assert Translator("id").number(1234.5) == "1.234,5"
    assert Translator("id").percent(0.918) == "92%"
    assert Translator("id").percent(None) == "t/a"


def test_percentages_counts_and_lists_are_written_as_babel_writes_them_in_every_language() -> None:
    """Shares, counts and lists are written without Babel's locale data where raci knows the pattern: the same."""
    from babel.lists import format_list
    from babel.numbers import format_decimal, format_percent

    values = [step / 10_000 for step in range(10_001)] + [0.0005 + step / 1000 for step in range(1000)]
    values += [0.145, 0.285, 0.565, 1 / 3, 2 / 3, 0.9949999, 9.994, 9.9999, 12.0, -0.5]
    assert set(PERCENT_PATTERNS) <= set(LANGUAGES)
    for lang in LANGUAGES:
        t = Translator(lang)
        lists = [
            items
            for size in range(6)
            if t.listed(items := [f"w{n}" for n in range(size)]) != format_list(items, locale=lang)
        ]
        assert lists == [], lang
        counts = [
            (count, t.number(count))
            for count in range(-1200, 1200)
            if t.number(count) != format_decimal(count, locale=lang)
        ]
        assert counts == [], lang
        wrong = [
            (value, t.percent(value))
            for value in values
            if t.percent(value) != format_percent(value, "#,##0%", locale=lang)
        ]
        assert wrong == [], lang


@pytest.fixture(scope="module")
def indonesian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("id")
    generate(out, builtin_profile("large"), lang="id")
    return out


def test_the_default_catalogue_and_the_workbook_are_in_indonesian(indonesian: Path) -> None:
    book = openpyxl.load_workbook(indonesian / "raci-large.xlsx")
    shown = [name for name in book.sheetnames if book[name].sheet_state == "visible"]
    assert shown[:6] == ["Ringkasan", "RACI", "Peran", "Keterangan", "Pemeriksaan", "Ukuran"]  # the client's language
    assert "Komunikasi" in shown
    sheet = book["RACI"]
    header = [cell.value for cell in sheet[4]]
    assert header[:3] == ["ID", "Bidang", "Tanggung jawab"]
    assert "Direktur Pemasaran (CMO)" in header
    assert sheet["C5"].value == "Menetapkan target penjualan per tenaga penjual"
    legend = [row[0] for row in book["Keterangan"].iter_rows(values_only=True) if row[0]]
    assert "Cara membaca buku kerja ini" in legend


def test_an_indonesian_workbook_is_read_back_and_checked(indonesian: Path) -> None:
    matrix, problems = read_workbook(indonesian / "raci-large.xlsx")
    assert problems == ()
    assert len(matrix.rows) == 49
    result = CliRunner().invoke(main, ["check", str(indonesian / "raci-large.xlsx"), "--lang", "id"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Telah diperiksa 49 tanggung jawab, 11 peran")


def test_an_indonesian_workbook_s_roles_sheet_is_found_by_its_part_not_its_name(tmp_path: Path) -> None:
    """The Peran sheet gives the roles back their hats although it is not called Roles: a merged
    owner-director keeps the sales hat, so the workbook read back is as sales-led as the one written."""
    roles = tmp_path / "jabatan.csv"
    roles.write_text("role,title\nceo,Direktur Utama\nsales_lead,Direktur Utama\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["generate", "--size", "small", "--roles", str(roles), "--lang", "id", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "raci-small.xlsx")
    assert "Roles" not in book.sheetnames
    assert "Peran" in book.sheetnames
    matrix, problems = read_workbook(tmp_path / "raci-small.xlsx")
    assert problems == ()
    director = next(role for role in matrix.roles if role.title == "Direktur Utama")
    assert set(director.functions) == {"leadership", "sales"}


def test_check_messages_and_the_plain_summary_are_in_indonesian(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", str(LOCALE_DIR.parent.parent / "responsibilities.id.csv"), "--lang", "id", "--format", "json"]
    )
    findings = json.loads(result.stdout)["findings"]
    overloaded = next(f for f in findings if f["rule"] == "role-overloaded")
    assert overloaded["role"] == "Kepala Penjualan"
    assert overloaded["message"].startswith("Kepala Penjualan ")
    assert "accountable" not in overloaded["message"]
    result = CliRunner().invoke(main, ["generate", "--lang", "id", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "Tanggung jawab: 49"


def test_sizes_and_compare_speak_indonesian_from_the_command_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sizes", "--lang", "id"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Ukuran")
    result = CliRunner().invoke(
        main, ["compare", "--from", "small", "--to", "large", "--lang", "id", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raci-small-to-large.html", "raci-small-to-large.xlsx"]
    root, problems = parse((tmp_path / "raci-small-to-large.html").read_text(encoding="utf-8"))
    assert problems == []
    assert root.find("html").attrs["lang"] == "id"
