"""The README's example outputs are what their commands print today (docs/readme.py runs each one)."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"


@pytest.fixture(scope="module")
def readme() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "docs" / "readme.py"))


def test_every_example_output_in_the_readme_is_what_its_command_prints_today(readme: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8")
    fresh, stale = readme["refresh"](text)
    assert stale == [], "\n\n".join(stale) + "\n\nrun: python docs/readme.py --write"
    assert fresh == text


def test_the_readme_marks_the_examples_of_every_command_a_new_user_runs_first(readme: dict[str, Any]) -> None:
    commands = [example.command.split()[1] for example in readme["examples"](README.read_text(encoding="utf-8"))]
    assert {"generate", "sizes", "check", "compare", "batch"} <= set(commands)


def test_a_changed_output_is_caught_and_rewritten(readme: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8")
    wrong = text.replace("Responsibilities: 49\n", "Responsibilities: 48\n", 1)
    assert wrong != text
    fresh, stale = readme["refresh"](wrong)
    assert len(stale) == 1
    assert "-Responsibilities: 48" in stale[0]
    assert "+Responsibilities: 49" in stale[0]
    assert fresh == text


def test_the_set_up_commands_open_the_readme_and_write_into_no_build_folder() -> None:
    text = README.read_text(encoding="utf-8")
    lines = text.split("```")[1].strip().splitlines()
    assert lines[0] == "bash"
    assert lines[1].startswith("pip install . && raci generate --size small --out deliverables/")
    assert lines[2].startswith("pip install -e '.[test]' && pytest")
    assert "--out build" not in text
    assert "three shares" not in text
