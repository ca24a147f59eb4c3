from __future__ import annotations

from pathlib import Path

import pytest

from raci.exceptions import ProfileError
from raci.inputs.profiles import builtin_names, builtin_profile, load_profile, profile_for_headcount
from raci.jobs.generate import choose_profile, chosen_profiles

from .conftest import DATA


def test_builtin_profiles_smallest_first_with_eu_ranges() -> None:
    assert builtin_names() == ("startup", "small", "medium", "large")
    ranges = [(builtin_profile(n).headcount_min, builtin_profile(n).headcount_max) for n in builtin_names()]
    assert ranges == [(1, 9), (10, 49), (50, 249), (250, None)]


@pytest.mark.parametrize(
    ("headcount", "name"),
    [(1, "startup"), (9, "startup"), (10, "small"), (15, "small"), (249, "medium"), (5000, "large")],
)
def test_headcount_picks_the_profile_whose_range_holds_it(headcount: int, name: str) -> None:
    assert profile_for_headcount(headcount).name == name


def test_large_has_the_specialist_roles_and_startup_few() -> None:
    large = {role.function for role in builtin_profile("large").roles}
    assert {"leadership", "marketing", "sales", "service", "finance"} <= large
    assert len(builtin_profile("startup").roles) <= 3 < len(builtin_profile("large").roles)


def test_choose_profile_defaults_to_small_and_takes_one_option() -> None:
    assert choose_profile().name == "small"
    assert choose_profile(headcount=300).name == "large"
    assert choose_profile(profile=DATA / "mini_profile.toml").name == "mini"
    with pytest.raises(ProfileError, match="--size and --headcount both choose"):
        choose_profile(size="small", headcount=5)


def test_a_matrix_is_compared_only_with_a_size_that_was_asked_for() -> None:
    """generate and batch share one rule: the size a matrix made elsewhere is compared with is the one
    --size, --headcount or --profile chose, and none when none was given (small is only the default)."""
    profile, given = chosen_profiles()
    assert (profile.name, given) == ("small", None)
    profile, given = chosen_profiles(size="small")
    assert given is profile
    assert chosen_profiles(headcount=300)[1] is not None


def test_unknown_size_lists_the_sizes() -> None:
    with pytest.raises(ProfileError) as caught:
        builtin_profile("huge")
    assert "unknown size 'huge'" in str(caught.value)
    assert "startup, small, medium, large" in str(caught.value)


def test_profile_file_is_read() -> None:
    profile = load_profile(DATA / "mini_profile.toml")
    assert [role.key for role in profile.roles] == ["boss", "seller", "marketer"]
    assert [rule.label for rule in profile.rules] == [
        "default",
        "home=sales",
        "area=pricing",
        "area=pricing, home=sales",
        "id=Q-1",
    ]
    assert profile.headcount_label == "5\u201320"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text((DATA / "mini_profile.toml").read_text().replace(old, new, 1), encoding="utf-8")
    return path


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'title = "Mini firm"', 'title = "Mini firm')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.line == 2
    assert "not valid TOML" in caught.value.message


def test_rule_naming_an_undefined_role_names_the_rule_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'letters = { seller = "A/R", boss = "I" }', 'letters = { cmo = "A" }')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.line == 29
    assert "role 'cmo', which this profile does not define" in caught.value.message
    assert "boss, marketer, seller" in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('boss = "A/R"', 'boss = "X"', "'X' for role 'boss' is not a RACI letter"),
        ('function = "sales"', 'function = "sale"', "role 'seller' has function 'sale'"),
        ('structure = "separate"', 'structure = "flat"', "structure 'flat'"),
        ("headcount_max = 20", "headcount_max = 2", "min <= max"),
        ('name = "mini"', 'nam = "mini"', "unknown key 'nam'"),
    ],
)
def test_profile_mistakes_are_reported(tmp_path: Path, old: str, new: str, words: str) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(broken(tmp_path, old, new))
    assert words in caught.value.message
    assert caught.value.path is not None
    assert caught.value.path.name == "broken.toml"


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(tmp_path / "none.toml")
