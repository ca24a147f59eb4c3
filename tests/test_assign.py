from __future__ import annotations

from pathlib import Path

import pytest

from raci.core.assign import build_matrix
from raci.exceptions import ProfileError
from raci.inputs.catalog import read_catalogue
from raci.inputs.profiles import load_profile

from .conftest import DATA


@pytest.fixture
def mini():  # type: ignore[no-untyped-def]
    return build_matrix(read_catalogue(DATA / "mini.csv"), load_profile(DATA / "mini_profile.toml"))


def test_most_specific_rule_wins_and_is_recorded(mini) -> None:  # type: ignore[no-untyped-def]
    won = {row.item.id: row.rule.label for row in mini.rows}
    assert won == {
        "P-1": "area=pricing",  # area beats the default
        "P-2": "area=pricing, home=sales",  # area+home beats area and home
        "Q-1": "id=Q-1",  # id beats home=sales
        "C-1": "default",
    }


def test_letters_follow_the_winning_rule_in_role_order(mini) -> None:  # type: ignore[no-untyped-def]
    letters = {row.item.id: row.letters for row in mini.rows}
    assert [role.key for role in mini.roles] == ["boss", "seller", "marketer"]
    assert letters == {
        "P-1": ("", "C", "A"),
        "P-2": ("", "A", "R"),
        "Q-1": ("R", "A", "C"),
        "C-1": ("A/R", "", ""),
    }


def test_row_without_a_matching_rule_is_an_error(tmp_path: Path) -> None:
    text = (DATA / "mini_profile.toml").read_text()
    path = tmp_path / "nodefault.toml"
    path.write_text(
        text.replace(
            'note = "default"\nletters = { boss = "A/R" }', 'when = { home = "marketing" }\nletters = { boss = "A/R" }'
        )
    )
    with pytest.raises(ProfileError, match="no rule matches responsibility 'C-1'"):
        build_matrix(read_catalogue(DATA / "mini.csv"), load_profile(path))


def test_two_rules_at_the_same_level_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "tie.toml"
    path.write_text(
        (DATA / "mini_profile.toml").read_text()
        + '\n[[rules]]\nwhen = { id = ["Q-1", "P-1"] }\nletters = { boss = "A" }\n'
    )
    with pytest.raises(ProfileError, match="both match responsibility 'Q-1'"):
        build_matrix(read_catalogue(DATA / "mini.csv"), load_profile(path))
