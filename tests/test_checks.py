"""Each rule on small hand-built matrices: one case that fires, one that does not."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from raci.core.checks import RULES, run_checks
from raci.inputs.profiles import builtin_names, builtin_profile
from raci.model import CheckSettings, Matrix, Profile, Responsibility, Role, Row, Rule
from raci.resources import default_catalogue

ROLES = (
    Role("boss", "Boss", "leadership"),
    Role("seller", "Seller", "sales"),
    Role("marketer", "Marketer", "marketing"),
)
NO_RULE = Rule(when={}, letters={})


def matrix(
    *rows: tuple[str, str, str, str, str],
    structure: str = "separate",
    roles: tuple[Role, ...] = ROLES,
    settings: CheckSettings | None = None,
) -> Matrix:
    """Rows as (id, area, home, horizon, letters), letters space-separated with '.' for empty."""
    profile = Profile("t", "Test", 1, None, structure, roles, (NO_RULE,), checks=settings or CheckSettings())
    built = tuple(
        Row(
            Responsibility(ident, area, f"work {ident}", home, horizon),
            tuple("" if letter == "." else letter for letter in letters.split()),
            NO_RULE,
        )
        for ident, area, home, horizon, letters in rows
    )
    return Matrix(profile, roles, built)


def fired(m: Matrix, name: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(f.rule, f.id, f.role, f.severity) for f in run_checks(m) if f.rule == name]


CLEAN = ("X-1", "pricing", "sales", "short", "I A/R C")


def test_every_rule_is_registered_under_its_stable_name() -> None:
    assert set(RULES) == {
        "no-driver",
        "no-accountable",
        "multiple-accountable",
        "no-responsible",
        "too-many-consulted",
        "role-overloaded",
        "idle-role",
        "sales-sets-marketing-strategy",
        "marketing-carries-quota",
        "unknown-area",
    }


def test_no_accountable() -> None:
    assert fired(matrix(("X-2", "pricing", "sales", "short", "R C I")), "no-accountable") == [
        ("no-accountable", "X-2", None, "error")
    ]
    assert fired(matrix(CLEAN), "no-accountable") == []


def test_multiple_accountable() -> None:
    assert fired(matrix(("X-2", "pricing", "sales", "short", "A A/R .")), "multiple-accountable") == [
        ("multiple-accountable", "X-2", "Seller", "error")
    ]
    assert fired(matrix(CLEAN), "multiple-accountable") == []


def test_no_responsible() -> None:
    assert fired(matrix(("X-2", "pricing", "sales", "short", "A C I")), "no-responsible") == [
        ("no-responsible", "X-2", None, "error")
    ]
    assert fired(matrix(("X-3", "pricing", "sales", "short", "A R I")), "no-responsible") == []


def test_too_many_consulted_with_default_and_changed_threshold() -> None:
    four = Role("extra", "Extra", "finance")
    roles = (*ROLES, four)
    row = ("X-2", "pricing", "sales", "short", "C A/R C C")
    assert fired(matrix(row, roles=roles), "too-many-consulted") == []  # 3 is the default maximum
    tight = CheckSettings(max_consulted=2)
    assert fired(matrix(row, roles=roles, settings=tight), "too-many-consulted") == [
        ("too-many-consulted", "X-2", None, "warning")
    ]


def test_role_overloaded_and_expected_overload_is_informational() -> None:
    rows = [(f"X-{n}", "pricing", "sales", "short", "A R .") for n in range(3)] + [CLEAN]
    assert fired(matrix(*rows), "role-overloaded") == [("role-overloaded", None, "Boss", "warning")]
    expected = CheckSettings(overload_expected=True)
    assert fired(matrix(*rows, settings=expected), "role-overloaded") == [("role-overloaded", None, "Boss", "info")]
    assert fired(matrix(*rows, settings=CheckSettings(overload_share=0.8)), "role-overloaded") == []
    two_roles = [(f"X-{n}", "pricing", "sales", "short", "A R") for n in range(3)]
    assert fired(matrix(*two_roles, roles=ROLES[:2]), "role-overloaded") == []  # fewer than three roles


def test_idle_role() -> None:
    assert fired(matrix(("X-2", "pricing", "sales", "short", "A R C")), "idle-role") == [
        ("idle-role", None, "Marketer", "warning")
    ]
    assert fired(matrix(("X-2", "pricing", "sales", "short", "A R R")), "idle-role") == []


def test_sales_sets_marketing_strategy_depends_on_structure() -> None:
    strategy = ("M-1", "research", "marketing", "long", "I A R")
    assert fired(matrix(strategy), "sales-sets-marketing-strategy") == [
        ("sales-sets-marketing-strategy", "M-1", "Seller", "error")
    ]
    assert fired(matrix(strategy, structure="sales-led"), "sales-sets-marketing-strategy") == [
        ("sales-sets-marketing-strategy", "M-1", "Seller", "info")
    ]
    execution = ("M-2", "promotion", "marketing", "short", "I A R")
    assert fired(matrix(execution), "sales-sets-marketing-strategy") == []
    assert fired(matrix(("M-3", "research", "marketing", "long", "I C A/R")), "sales-sets-marketing-strategy") == []


def test_marketing_carries_quota() -> None:
    assert fired(matrix(("Q-1", "quotas", "sales", "short", ". A R")), "marketing-carries-quota") == [
        ("marketing-carries-quota", "Q-1", "Marketer", "error")
    ]
    assert fired(matrix(("Q-1", "quotas", "sales", "short", ". A/R C")), "marketing-carries-quota") == []


def test_unknown_area_catches_typos_but_not_areas_the_profile_names() -> None:
    assert fired(matrix(("X-2", "pricng", "sales", "short", "I A/R C")), "unknown-area") == [
        ("unknown-area", "X-2", None, "warning")
    ]
    m = matrix(("X-2", "legal", "shared", "", "A/R . ."))
    own = replace(m.profile, rules=(Rule(when={"area": ("legal",)}, letters={"boss": "A/R"}),))
    assert fired(replace(m, profile=own), "unknown-area") == []


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_profiles_on_the_default_catalogue_have_no_errors(catalogue, name: str) -> None:  # type: ignore[no-untyped-def]
    from raci.core.assign import build_matrix

    findings = run_checks(build_matrix(catalogue, builtin_profile(name)))
    assert [(f.rule, f.id, f.role) for f in findings if f.severity == "error"] == []


def test_raci_check_says_a_repeated_note_once_with_its_ids() -> None:
    from click.testing import CliRunner

    from raci.cli import main

    result = CliRunner().invoke(main, ["check", "--size", "small", str(default_catalogue())])
    notes = result.stdout.split("Notes:")[1].strip("\n").splitlines()
    strategy = [line for line in notes if line.startswith("  [sales-sets-marketing-strategy]")]
    assert len(strategy) == 1
    # strategic decisions only (set or approve, long horizon); list prices and the choice of
    # intermediaries (DS-02) and the media budget (PM-09) stay with the owner
    assert strategy[0].startswith("  [sales-sets-marketing-strategy] 4 responsibilities (DS-01, MP-03, MP-04, MP-07)")
    assert strategy[0].endswith("): expected while sales leads; it moves to marketing once the firm has its own.")
    assert result.stdout.count("expected while sales leads") == 1
    printed = CliRunner().invoke(main, ["check", "--size", "small", "--format", "json", str(default_catalogue())])
    findings = json.loads(printed.stdout)["findings"]
    assert sum(finding["rule"] == "sales-sets-marketing-strategy" for finding in findings) == 4
    assert all(finding["message"].endswith(finding["advice"]) for finding in findings)
