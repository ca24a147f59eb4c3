"""Nothing a person made is lost: atomic writes, no overwriting of edited outputs, safe names."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from raci import output as core
from raci.inputs.profiles import builtin_profile
from raci.jobs.generate import generate
from raci.names import safe_name

from .helpers import run


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_failure_mid_write_leaves_the_old_file_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, builtin_profile("small"))
    before = snapshot(tmp_path)

    real_fsync = os.fsync

    def crash(descriptor: int) -> None:
        real_fsync(descriptor)
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C after half the bytes were out

    monkeypatch.setattr(core.os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        generate(tmp_path, builtin_profile("small"))
    assert snapshot(tmp_path) == before


def test_a_full_disk_is_reported_and_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate(tmp_path, builtin_profile("small"))
    before = snapshot(tmp_path)

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(core.os, "replace", full)
    code, _, err = run("generate", "--out", str(tmp_path))
    assert code == 2
    assert "No space left on device" in err
    assert snapshot(tmp_path) == before


def test_an_edited_workbook_is_not_overwritten_without_force(tmp_path: Path) -> None:
    workbook = generate(tmp_path, builtin_profile("small")).workbook
    book = openpyxl.load_workbook(workbook)
    book["RACI"]["D5"] = "I"  # was C
    book.save(workbook)
    edited = snapshot(tmp_path)

    code, _, err = run("generate", "--out", str(tmp_path))
    assert code == 2
    assert err.strip() == (
        f"Error: {workbook}: was changed after raci wrote it (or raci did not write it); not overwriting "
        "(move it away, choose another --out, or pass --force to replace it)"
    )
    assert snapshot(tmp_path) == edited
    assert run("generate", "--out", str(tmp_path), "--force", "-q")[0] == 0
    assert openpyxl.load_workbook(workbook)["RACI"]["D5"].value == "C"


def test_an_edited_summary_is_not_overwritten_without_force(tmp_path: Path) -> None:
    summary = generate(tmp_path, builtin_profile("small")).summary
    summary.write_text(summary.read_text(encoding="utf-8").replace("Head of Sales", "Sales Boss"), encoding="utf-8")
    edited = snapshot(tmp_path)
    code, _, err = run("generate", "--out", str(tmp_path))
    assert code == 2
    assert f"{summary}: was changed after raci wrote it" in err
    assert snapshot(tmp_path) == edited


def test_a_file_raci_did_not_write_is_not_overwritten(tmp_path: Path) -> None:
    mine = tmp_path / "raci-small.html"
    mine.write_text("<p>my own notes</p>", encoding="utf-8")
    assert run("generate", "--out", str(tmp_path))[0] == 2
    assert mine.read_text(encoding="utf-8") == "<p>my own notes</p>"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("../../x", "x"),
        ("a/b\\c", "a-b-c"),
        ("..", "unnamed"),
        ("PT Maju Jaya, Tbk.", "PT-Maju-Jaya-Tbk"),
        ("", "unnamed"),
    ],
)
def test_names_from_user_text_stay_inside_the_folder(text: str, name: str) -> None:
    assert safe_name(text) == name
