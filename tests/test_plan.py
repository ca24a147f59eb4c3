"""`raci compare`'s growth plan: the path through the sizes, the hires, and counts that agree everywhere."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from raci.cli import main
from raci.core.compare import compare, compare_path, path_between
from raci.core.plan import plan_steps
from raci.i18n import Translator
from raci.inputs.profiles import builtin_profile, builtin_profiles
from raci.jobs.compare import growth_path, resolve_profile
from raci.model import Catalogue
from raci.render.plan_text import plan_json

from .htmltools import parse

HIRES_SMALL_TO_LARGE = [
    ("small-medium", "Marketing Manager", "marketing", 26),  # a team is never accountable: its head is
    ("small-medium", "Customer Service Lead", "service", 3),
    ("small-medium", "Marketing Specialists", "marketing", 0),
    ("medium-large", "Chief Marketing Officer", "marketing", 22),
    ("medium-large", "VP Sales", "sales", 15),
    ("medium-large", "Brand & Communications", "marketing", 6),
    ("medium-large", "Customer Success", "service", 4),
    ("medium-large", "Product Marketing", "marketing", 1),
    ("medium-large", "Account Executives", "sales", 0),
    ("medium-large", "Market Research", "marketing", 0),
    ("medium-large", "Revenue Operations", "operations", 0),  # neutral, not under the VP Sales
    ("medium-large", "Channel Management", "sales", 0),
]
HIRES_STARTUP_TO_MEDIUM = [
    ("startup-small", "Marketing Executive", "marketing", 2),  # Kotler: a marketing executive comes first
    ("startup-small", "Head of Sales", "sales", 40),  # list prices and the choice of intermediaries stay with the owner
    ("startup-small", "Sales Team", "sales", 0),
    ("startup-small", "Finance & Admin", "finance", 0),
    *HIRES_SMALL_TO_LARGE[:3],
]
# Words that give away an English sentence in the Indonesian plan.
ENGLISH = re.compile(
    r"\b(the|and|of|from|to|takes?|hire|step|responsibilit\w*|sales|marketing|until|when|keeps?|stops?)\b", re.I
)


def assert_plan_translated() -> None:
    """The Indonesian of the plan's sentences is in raci/locale: a guard that fails when it is deleted."""
    assert Translator("id")("Hires, in order") != "Hires, in order", "the plan's Indonesian is missing from raci/locale"


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, ["compare", *args])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result


def plan_of(tmp_path: Path, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run(*args, "--format", "json", "--out", str(tmp_path)).stdout)
    return data


def hires(data: dict[str, Any]) -> list[tuple[str, str, str, int]]:
    return [
        (f"{step['from']}-{step['to']}", hire["role"], hire["function"], len(hire["takes"]))
        for step in data["steps"]
        for hire in step["hires"]
    ]


# --- the path ------------------------------------------------------------------------------------


def test_small_to_large_goes_through_medium(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", "small", "--to", "large")
    assert (data["from"], data["to"]) == ("small", "large")
    steps = data["steps"]
    assert [(step["from"], step["to"]) for step in steps] == [("small", "medium"), ("medium", "large")]
    assert [(step["headcount_min"], step["headcount_max"]) for step in steps] == [(50, 249), (250, None)]
    for step in steps:
        assert step["changed"] == len(step["moves"])
        assert step["changed"] == step["to_new_roles"] + step["to_existing_roles"]
        assert step["to_new_roles"] == sum(len(hire["takes"]) for hire in step["hires"])
        assert step["function_changed"] == sum(move["function_changed"] for move in step["moves"])
        for move in step["moves"]:
            assert set(move) >= {"id", "from_role", "to_role", "from_function", "to_function"}
            assert move["from_role"] != move["to_role"]
    assert len([hire for step in steps for hire in step["hires"] if hire["takes"]]) >= 4
    assert sorted(data["files"]) == sorted(str(tmp_path / f"raci-small-to-large.{ext}") for ext in ("html", "xlsx"))


def test_hires_per_step_small_to_large(tmp_path: Path) -> None:
    assert hires(plan_of(tmp_path, "--from", "small", "--to", "large")) == HIRES_SMALL_TO_LARGE


def test_hires_per_step_startup_to_medium(tmp_path: Path) -> None:
    assert hires(plan_of(tmp_path, "--from", "startup", "--to", "medium")) == HIRES_STARTUP_TO_MEDIUM


def test_headcounts_choose_the_sizes(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", "15", "--to", "300")
    assert (data["from"], data["to"]) == ("small", "large")
    assert len(data["steps"]) == 2
    assert resolve_profile("1").name == "startup"
    assert resolve_profile("49").name == "small"


def test_going_down_in_size_walks_the_path_backwards() -> None:
    path = growth_path(builtin_profile("large"), builtin_profile("startup"))
    assert [profile.name for profile in path] == ["large", "medium", "small", "startup"]
    assert [profile.name for profile in growth_path(builtin_profile("small"), builtin_profile("medium"))] == [
        "small",
        "medium",
    ]


def test_a_profile_file_joins_the_path_by_its_headcount(catalogue: Catalogue) -> None:
    from .conftest import DATA

    mini = resolve_profile(str(DATA / "mini_profile.toml"))  # 5-20 people
    names = [profile.name for profile in path_between(mini, builtin_profile("large"), builtin_profiles())]
    assert names == ["mini", "small", "medium", "large"]


def test_direct_compares_in_one_step(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", "small", "--to", "large", "--direct")
    assert [(step["from"], step["to"]) for step in data["steps"]] == [("small", "large")]


# --- hats, roles and what the sentences say ------------------------------------------------------


def test_the_founder_wearing_the_sales_hat_hands_marketing_work_to_marketing(catalogue: Catalogue) -> None:
    comparison = compare_path(catalogue, growth_path(builtin_profile("startup"), builtin_profile("medium")))
    first = comparison.path[0]
    handed = first.in_group("sales-to-marketing")
    assert handed
    assert {move.old.title for move in handed if move.old} == {"Founder"}
    assert {move.new.title for move in handed if move.new} == {"Marketing Executive"}
    assert comparison.in_group("sales-to-marketing")  # and over the whole path
    text = " ".join(json.dumps(plan_json(comparison)).split())
    assert "no responsibility moves from sales to marketing" not in text


def test_role_changes_name_what_moves_away_and_the_bonus(catalogue: Catalogue) -> None:
    comparison = compare_path(catalogue, growth_path(builtin_profile("small"), builtin_profile("large")))
    first = plan_steps(comparison)[0]
    head = next(change for change in first.role_changes if change.role.title == "Head of Sales")
    assert head.successor is not None
    assert head.successor.title == "Head of Sales"
    assert len(head.loses) == 24
    assert len(head.loses_marketing) == 20
    data = plan_json(comparison)
    sentences = data["steps"][0]["sentences"]
    stops = f"Head of Sales stops signing off {len(head.loses)} responsibilities: research"
    assert any(s.startswith(stops) for s in sentences["role_changes"])
    assert any("bonus of Head of Sales" in sentence for sentence in sentences["role_changes"])
    assert any(
        s.startswith("Until Marketing Manager is in place, Head of Sales keeps the A") for s in sentences["interim"]
    )
    # list prices stay with the owner of a small firm and the managing director until marketing has a chief
    later = data["steps"][1]["sentences"]["interim"]
    assert any("set list (suggested) prices" in s for s in later if s.startswith("Move the"))
    assert not any("set list (suggested) prices" in s for s in sentences["interim"])
    assert data["steps"][0]["guardrails"] == ["lead-definition", "pipeline-measures", "discount-bands", "budget"]
    assert any("qualified lead" in sentence for sentence in sentences["guardrails"])


def test_the_cmo_is_credited_with_everything_it_answers_for(catalogue: Catalogue) -> None:
    comparison = compare_path(catalogue, growth_path(builtin_profile("medium"), builtin_profile("large")))
    (step,) = plan_steps(comparison)
    cmo = next(hire for hire in step.hires if hire.role.title == "Chief Marketing Officer")
    after = {move.item.id for move in comparison.moves if move.new == cmo.role}
    assert {move.item.id for move in cmo.takes} == after
    assert step.hires[0] == cmo  # marketing's head comes first


def test_roles_give_the_from_side_the_clients_titles(tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text("role,title,person\nsales_lead,Direktur Penjualan,Budi\nceo,Direktur Utama,Sari\n", "utf-8")
    data = plan_of(tmp_path / "out", "--from", "small", "--to", "large", "--roles", str(roles))
    first = data["steps"][0]
    assert "Direktur Penjualan" in {move["from_role"] for move in first["moves"]}
    assert "Head of Sales" not in {move["from_role"] for move in first["moves"]}
    changes = {change["role"]: change for change in first["role_changes"]}
    assert changes["Direktur Penjualan"]["becomes"] == "Head of Sales"
    assert changes["Direktur Utama"]["becomes"] == "Managing Director"
    manager = next(hire for hire in first["hires"] if hire["role"] == "Marketing Manager")
    assert manager["from"][0] == {"role": "Direktur Penjualan", "count": 20}
    # The second step starts from the built-in medium profile.
    assert "Direktur Penjualan" not in json.dumps(data["steps"][1])


# --- every output agrees with the JSON -----------------------------------------------------------


def plan_sheet(path: Path) -> Worksheet:
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames[0] == "Plan"
    ws = book["Plan"]
    assert isinstance(ws, Worksheet)
    return ws


def hire_tables(ws: Worksheet) -> list[list[tuple[str, str, int, int]]]:
    """Each step's hires table on the Plan sheet: (role, function, A count, R count)."""
    tables: list[list[tuple[str, str, int, int]]] = []
    rows = list(ws.iter_rows(values_only=True, max_col=4))
    for number, row in enumerate(rows):
        if row[:2] == ("Role", "Function"):
            table = []
            for below in rows[number + 1 :]:
                if below[0] is None:
                    break
                table.append((str(below[0]), str(below[1]), int(str(below[2])), int(str(below[3]))))
            tables.append(table)
    return tables


def group_table(ws: Worksheet) -> dict[str, int]:
    rows = list(ws.iter_rows(values_only=True, max_col=2))
    top = next(number for number, row in enumerate(rows) if row == ("Group", "Responsibilities"))
    return {str(row[0]): int(str(row[1])) for row in rows[top + 1 :] if row[0] is not None}


@pytest.mark.parametrize(("old", "new"), [("small", "large"), ("startup", "medium")])
def test_every_count_agrees_in_json_html_workbook_and_console(tmp_path: Path, old: str, new: str) -> None:
    data = plan_of(tmp_path, "--from", old, "--to", new)
    total = data["total"]
    assert sum(data["groups"].values()) == total
    console = run("--from", old, "--to", new, "--out", str(tmp_path), "--force").stdout
    root, errors = parse((tmp_path / f"raci-{old}-to-{new}.html").read_text(encoding="utf-8"))
    assert errors == []
    ws = plan_sheet(tmp_path / f"raci-{old}-to-{new}.xlsx")
    sheet_texts = [str(row[0]) for row in ws.iter_rows(values_only=True, max_col=1) if row[0]]
    tables = hire_tables(ws)
    assert len(tables) == len(data["steps"])

    opening = (
        f"{data['changed']} of the {total} responsibilities get a new Accountable role, "
        f"and for {data['function_changed']} of them the Accountable function changes too."
    )
    assert opening in console
    assert opening in root.by_id("plan").text()
    assert any(opening in text for text in sheet_texts)
    header = {dt.text(): dd.text() for dt, dd in zip(root.find_all("dt"), root.find_all("dd"), strict=True)}
    assert header["New Accountable role"] == str(data["changed"])
    assert header["Change function"] == str(data["function_changed"])

    for number, (step, table) in enumerate(zip(data["steps"], tables, strict=True), start=1):
        counts = (
            f"In this step {step['changed']} of the {total} responsibilities get a new Accountable role; "
            f"for {step['function_changed']} of them the Accountable function changes too."
        )
        split = (
            f"New roles take over {step['to_new_roles']} of these {step['changed']} responsibilities "
            f"and roles you already have take {step['to_existing_roles']}."
        )
        section = root.by_id(f"step-{number}")
        for sentence in (counts, split):
            assert sentence in console
            assert sentence in section.text()
            assert sentence in sheet_texts
        assert section.attrs["data-changed"] == str(step["changed"])
        assert section.attrs["data-function-changed"] == str(step["function_changed"])
        assert section.attrs["data-to-new-roles"] == str(step["to_new_roles"])
        items = section.find_all("li", class_="hire")
        assert [(li.attrs["data-role"], int(li.attrs["data-takes"]), int(li.attrs["data-does"])) for li in items] == [
            (hire["role"], len(hire["takes"]), len(hire["does"])) for hire in step["hires"]
        ]
        for li, hire in zip(items, step["hires"], strict=True):
            badges = [badge.text() for badge in li.find_all(class_="badge")]
            assert badges == [f"A {len(hire['takes'])}", f"R {len(hire['does'])}"]
        assert table == [
            (hire["role"], hire["function"], len(hire["takes"]), len(hire["does"])) for hire in step["hires"]
        ]
        for position, hire in enumerate(step["hires"], start=1):
            if hire["takes"]:
                taken = f"Hire {position}: {hire['role']} ({hire['function']}) answers for {len(hire['takes'])} "
                assert taken in console
                assert any(text.startswith(taken) for text in sheet_texts)
        for change in step["role_changes"]:
            if change["loses"]:
                stops = f"{change['role']} stops signing off {len(change['loses'])} responsibilit"
                assert stops in console
                assert stops in section.text()

    labels = {
        "sales-to-marketing": "Moves from sales to marketing",
        "stays-with-sales": "Stays with sales",
        "to-new-roles": "Moves to new roles",
        "stays-with-leadership": "Stays with leadership",
        "stays-with-marketing": "Stays with marketing",
        "other-changes": "Other changes of function",
        "stays-elsewhere": "Stays with the same function",
    }
    groups = {labels[key]: count for key, count in data["groups"].items()}
    assert f"All {total} responsibilities, by where they end up:" in console
    for label, count in groups.items():
        assert f"  {label}: {count}\n" in console
        key = next(li for li in root.by_id("overview").find_all("li") if label in li.text())
        assert key.find(class_="count").text() == str(count)
    assert {label: count for label, count in group_table(ws).items() if label in groups} == groups
    assert group_table(ws)["All responsibilities"] == total


def test_console_prints_sentences_and_nothing_when_quiet(tmp_path: Path) -> None:
    text = run("--from", "small", "--to", "large", "--out", str(tmp_path)).stdout
    assert text.startswith("As you grow from 10\u201349 people (Small company) to 250+ people (Large company)")
    assert "Step 1: from Small company (10\u201349 people) to Medium-sized company (50\u2013249 people)" in text
    assert "When to start: as the company heads for 250+ people." in text
    assert f"Wrote {tmp_path / 'raci-small-to-large.html'}" in text
    assert run("--from", "small", "--to", "large", "--out", str(tmp_path), "--quiet").stdout == ""


def test_a_direct_comparison_is_its_own_one_step(catalogue: Catalogue) -> None:
    comparison = compare(catalogue, builtin_profile("small"), builtin_profile("large"))
    assert comparison.path == (comparison,)
    (step,) = plan_steps(comparison)
    assert len(step.moves) == len(comparison.role_moves)


# --- Indonesian ----------------------------------------------------------------------------------


def sentences_of(data: dict[str, Any]) -> list[str]:
    found = list(data["opening"])
    for step in data["steps"]:
        for value in step["sentences"].values():
            found += value if isinstance(value, list) else [value]
    return found


def without_data(text: str, data: dict[str, Any]) -> str:
    """`text` without the role titles and responsibilities it quotes: the plan's own words are left."""
    from raci.inputs.catalog import read_catalogue
    from raci.resources import default_catalogue

    quoted = {item.responsibility for item in read_catalogue(default_catalogue("id")).items}
    quoted = quoted | {text[:1].lower() + text[1:] for text in quoted}
    for step in data["steps"]:
        quoted |= {move[key] or "" for move in step["moves"] for key in ("from_role", "to_role")}
        quoted |= {hire["role"] for hire in step["hires"]}
        quoted |= {change["becomes"] or "" for change in step["role_changes"]}
    for value in sorted(quoted - {""}, key=len, reverse=True):
        text = text.replace(value, "")
    return text


@pytest.mark.slow  # four compare runs across every size
@pytest.mark.parametrize(("old", "new"), [("startup", "large"), ("large", "startup")])
def test_the_indonesian_plan_has_no_english_left(tmp_path: Path, old: str, new: str) -> None:
    assert_plan_translated()
    data = plan_of(tmp_path, "--from", old, "--to", new, "--lang", "id")
    english = [sentence for sentence in sentences_of(data) if ENGLISH.search(without_data(sentence, data))]
    assert english == []
    console = run("--from", old, "--to", new, "--lang", "id", "--out", str(tmp_path), "--force").stdout
    lines = [line for line in console.splitlines() if str(tmp_path) not in line]
    assert [line for line in lines if ENGLISH.search(without_data(line, data))] == []


def test_the_indonesian_plan_counts_like_the_english_one(tmp_path: Path) -> None:
    english = plan_of(tmp_path / "en", "--from", "small", "--to", "large")
    indonesian = plan_of(tmp_path / "id", "--from", "small", "--to", "large", "--lang", "id")
    keys = ("changed", "function_changed", "to_new_roles", "to_existing_roles", "guardrails")
    assert [[step[key] for key in keys] for step in english["steps"]] == [
        [step[key] for key in keys] for step in indonesian["steps"]
    ]
    assert [[len(hire["takes"]) for hire in step["hires"]] for step in indonesian["steps"]] == [
        [len(hire["takes"]) for hire in step["hires"]] for step in english["steps"]
    ]
