from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from raci.cli import main

from .conftest import DATA
from .helpers import run

README = Path(__file__).parent.parent / "README.md"


def test_generate_writes_both_files_and_prints_the_headline(tmp_path: Path) -> None:
    code, out, err = run("generate", "--headcount", "15", "--out", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["raci-small.html", "raci-small.xlsx"]
    assert "Profile: Small company (10\u201349 people" in out
    assert re.search(r"Sales-led share: \d+%", out)
    assert "raci-small.xlsx" in out
    sheet = openpyxl.load_workbook(tmp_path / "out" / "raci-small.xlsx")["RACI"]
    assert any(row[:3] == ("ID", "Area", "Responsibility") for row in sheet.iter_rows(values_only=True))


def test_generate_with_a_csv_and_profile_file_and_quiet(tmp_path: Path) -> None:
    code, out, _ = run(
        "generate", str(DATA / "mini.csv"), "--profile", str(DATA / "mini_profile.toml"), "--out", str(tmp_path), "-q"
    )
    assert (code, out) == (0, "")
    assert (tmp_path / "raci-mini.xlsx").is_file()
    assert (tmp_path / "raci-mini.html").is_file()


def test_generate_replaces_its_own_earlier_output(tmp_path: Path) -> None:
    for _ in range(2):
        assert run("generate", "--size", "large", "--out", str(tmp_path), "-q")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raci-large.html", "raci-large.xlsx"]


def bad_inputs(tmp_path: Path) -> list[tuple[list[str], str]]:
    def csv(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    header = "id,area,responsibility,home\n"
    return [
        ([str(tmp_path / "missing.csv")], "missing.csv: no such file"),
        ([str(tmp_path)], "is a folder"),
        (
            [csv("nocol.csv", "id,area,home\nA,pricing,sales\n")],
            "nocol.csv, line 1: missing required column responsibility",
        ),
        (
            [csv("dup.csv", header + "A,pricing,x,sales\nA,pricing,y,sales\n")],
            "dup.csv, line 3, column `id`: duplicate id 'A'",
        ),
        (
            [csv("empty.csv", header + "A,pricing,,sales\n")],
            "empty.csv, line 2, column `responsibility`: `responsibility` is empty",
        ),
        ([csv("home.csv", header + "A,pricing,x,sale\n")], "home.csv, line 2, column `home`: 'sale' is not one of"),
        (["--size", "huge"], "unknown size 'huge' (sizes are startup, small, medium, large"),
        (["--profile", csv("bad.toml", 'name = "x\n')], "bad.toml, line 1: is not valid TOML"),
        (["--profile", str(tmp_path / "none.toml")], "none.toml: no such profile file"),
        (["--size", "small", "--headcount", "4"], "--size and --headcount both choose a profile"),
    ]


def test_each_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for args, message in bad_inputs(tmp_path):
        code, stdout, err = run("generate", *args, "--out", str(out))
        assert code == 2, args
        assert stdout == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("Error: ")
        assert message in lines[0], (message, lines[0])
        assert "Traceback" not in err
        assert not out.exists(), args


def test_bad_input_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    assert run("generate", "--out", str(tmp_path), "-q")[0] == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    bad = tmp_path / "bad.csv"
    bad.write_text("id,area,responsibility,home\nA,pricing,x,nowhere\n", encoding="utf-8")
    assert run("generate", str(bad), "--out", str(tmp_path))[0] == 2
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != "bad.csv"}
    assert after == before


def test_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run("generate", "--out", str(target))
    assert code == 2
    assert "is a file, not a folder" in err
    assert target.read_text(encoding="utf-8") == "mine"


def test_profiles_lists_every_builtin_with_range_and_roles() -> None:
    code, out, _ = run("profiles")
    assert code == 0
    heads = [line.split(" ")[0] for line in out.splitlines() if not line.startswith(" ")]
    assert heads == ["startup", "small", "medium", "large"]
    assert "small (10\u201349 people, sales-led)" in out
    assert "Chief Marketing Officer [marketing]" in out


@pytest.mark.parametrize("name", sorted(main.commands))  # type: ignore[attr-defined]
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    code, _out, _ = run(name, "--help")
    assert code == 0
    assert main.commands[name].help  # type: ignore[attr-defined]
    assert f"raci {name}" in README.read_text(encoding="utf-8")


def test_check_a_csv_under_a_profile_with_thresholds_from_the_command_line() -> None:
    catalogue = str(Path(__file__).parent.parent / "responsibilities.csv")
    code, out, _ = run("check", catalogue, "--size", "large", "--format", "json")
    assert code == 0
    assert json.loads(out)["findings"] == []
    code, out, _ = run("check", catalogue, "--size", "large", "--format", "json", "--max-consulted", "1")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules == {"too-many-consulted"}
    assert code == 0
    assert run("check", catalogue, "--size", "large", "--max-consulted", "1", "--strict")[0] == 1
    code, out, _ = run("check", catalogue, "--size", "large", "--format", "json", "--overload-share", "0.3")
    assert [(f["rule"], f["role"]) for f in json.loads(out)["findings"]] == [
        ("role-overloaded", "Chief Marketing Officer"),  # 21 of 49 rows
        ("role-overloaded", "VP Sales"),  # 16 of 49
    ]


def test_check_text_report_groups_by_severity() -> None:
    code, out, _ = run("check", str(DATA / "mini.csv"), "--profile", str(DATA / "mini_profile.toml"))
    assert code == 1
    assert out.splitlines()[:2] == [
        "Checked 4 responsibilities, 3 roles, profile Mini firm (separate).",
        "1 error, 0 warnings, 0 notes.",
    ]
    assert "Errors:" in out
    assert "[no-responsible]" in out


def test_the_readme_table_of_shares_is_what_sizes_prints_today() -> None:
    """The README's table of shares on the bundled catalogue (its examples are checked by test_readme.py)."""
    from click.testing import CliRunner

    listed = json.loads(CliRunner().invoke(main, ["sizes", "--format", "json"]).output)["sizes"]
    table = README.read_text(encoding="utf-8")
    for size in listed:
        seg = size["segments"]
        cells = [seg["sales"], seg["marketing"], seg["both"], seg["others"]]
        cells += [size["home_alignment"], size["strategy_alignment"]]
        shown = " | ".join(f"{round(value * 100)}%" for value in cells)
        assert f"| {size['size']} |" in table
        assert f"| {size['roles']} | {shown} |" in table, size["size"]
