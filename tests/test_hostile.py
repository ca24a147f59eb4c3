"""Hostile templates: a templates folder (or a manifest naming one) can lay a page out, never run code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

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
    assert (tmp_path / "out" / "ours" / "raci-small.html").is_file()
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
