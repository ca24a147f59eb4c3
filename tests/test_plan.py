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
from raci.render.words import function_words

from .htmltools import parse

# Today's heads continue (Head of Sales grows into VP Sales, the Marketing Manager into the CMO): a hire is a
# role nobody continues that takes work (A or R), never one that is only consulted or informed.
HIRES_SMALL_TO_LARGE = [
    ("small-medium", "Marketing Manager", "marketing", 26),  # a team is never accountable: its head is
    ("small-medium", "Customer Service Lead", "service", 3),
    ("medium-large", "Product Marketing", "marketing", 1),
    ("medium-large", "Market Research", "marketing", 0),
    ("medium-large", "Revenue Operations", "operations", 0),  # neutral, not under the VP Sales
    ("medium-large", "Channel Management", "sales", 0),
]
HIRES_STARTUP_TO_MEDIUM = [
    ("startup-small", "Marketing Executive", "marketing", 2),  # Kotler: a marketing executive comes first
    ("startup-small", "Head of Sales", "sales", 38),  # list prices, intermediaries and the budget stay with the owner
    ("startup-small", "Finance & Admin", "finance", 0),
    *HIRES_SMALL_TO_LARGE[:2],
]
SINAR_JAYA = "sinar-jaya-id.csv"  # a distributor's matrix: title row, Indonesian headers, a legend below
KOPI_SENJA = "kopi-senja-cafe.csv"  # a cafe's daily duties: mostly its own service process


def matrix_path(name: str) -> str:
    from .conftest import DATA

    return str(DATA / "matrices" / name)


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
    assert len([hire for step in steps for hire in step["hires"] if hire["takes"]]) >= 3
    for step in steps:  # a hire takes work: A or R
        assert all(hire["takes"] or hire["does"] for hire in step["hires"])
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
    assert len(head.loses) == 22
    assert len(head.loses_marketing) == 18
    data = plan_json(comparison)
    sentences = data["steps"][0]["sentences"]
    head_sentence = next(s for s in sentences["role_changes"] if s.startswith("Head of Sales: keeps the A on 16"))
    # the responsibilities by name, as written, not area labels
    assert f"hands over {len(head.loses)} (Set promotional pricing; Decide where to sell;" in head_sentence
    assert any("bonus of Head of Sales" in sentence for sentence in sentences["role_changes"])
    assert any(
        s.startswith(
            f"Until Marketing Manager is in place, Head of Sales keeps the A on the {len(head.loses_marketing)} "
            "responsibilities"
        )
        for s in sentences["interim"]
    )
    # list prices stay with the owner of a small firm and the managing director until marketing has a chief
    later = data["steps"][1]["sentences"]["handovers"]
    assert any("Set list (suggested) prices" in s for s in later if s.startswith("Move the"))
    assert not any("Set list (suggested) prices" in s for s in sentences["handovers"])
    guardrails = {guardrail["key"]: guardrail["moves"] for guardrail in data["steps"][0]["guardrails"]}
    assert list(guardrails) == ["lead-definition", "pipeline-measures", "discount-bands", "deal-desk", "budget"]
    assert guardrails["lead-definition"] == ["PM-10"]  # the lead hand-off row moves to marketing
    assert guardrails["discount-bands"] == guardrails["deal-desk"] == ["PR-02"]
    assert any("qualified lead" in sentence for sentence in sentences["guardrails"])


def test_medium_to_large_promotes_and_grows_todays_heads(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", "medium", "--to", "large")
    (step,) = data["steps"]
    promotions = {promotion["role"]: promotion for promotion in step["promotions"]}
    assert promotions["Head of Sales"]["becomes"] == "VP Sales"
    assert promotions["Head of Sales"]["kind"] == "promotion"
    assert promotions["Marketing Manager"]["becomes"] == "Chief Marketing Officer"
    assert promotions["Customer Service Lead"]["becomes"] == "Customer Success"
    assert len(promotions["Head of Sales"]["keeps"]) == 15
    hired = {hire["role"] for hire in step["hires"]}
    assert not hired & {"VP Sales", "Chief Marketing Officer", "Customer Success", "Account Executives"}
    assert step["merges"] == []
    text = " ".join(step["sentences"]["role_changes"])
    assert "Head of Sales becomes VP Sales: keeps the A on 15 responsibilities (Set individual sales rep" in text
    assert "not a role of its own" not in json.dumps(data)
    # every moved A has a handover: who, to whom, by when
    handed = sorted(id_ for handover in step["handovers"] for id_ in handover["ids"])
    assert handed == sorted(move["id"] for move in step["moves"])
    assert {handover["days"] for handover in step["handovers"]} <= {30, 60, 90}
    pricing = next(handover for handover in step["handovers"] if "PR-01" in handover["ids"])
    assert (pricing["from"], pricing["to"], pricing["days"], pricing["consulted"]) == (
        "Managing Director",
        "Chief Marketing Officer",
        90,
        "Managing Director",
    )
    # the list price moves from the managing director to the CMO: discount bands and a deal desk
    guardrails = {guardrail["key"]: guardrail["moves"] for guardrail in step["guardrails"]}
    assert guardrails["discount-bands"] == guardrails["deal-desk"] == ["PR-01"]
    triggers = {trigger["key"]: trigger for trigger in step["triggers"]}
    assert triggers["headcount"]["headcount_min"] == 250
    assert (triggers["revops"]["min"], triggers["revops"]["max"]) == (8, 15)
    assert all(trigger["source"] for trigger in step["triggers"])
    agreement = step["agreement"]
    assert (agreement["marketing"], agreement["sales"], agreement["keeper"]) == (
        "Chief Marketing Officer",
        "VP Sales",
        "Revenue Operations",  # the neutral keeper once there is one
    )
    assert [stage["stage"] for stage in agreement["stages"]] == ["MQL", "SAL", "SQL"]


def test_going_down_in_size_consolidates_and_never_hires(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", "large", "--to", "small")
    assert [hire for step in data["steps"] for hire in step["hires"]] == []
    text = json.dumps(data)
    assert "Hire " not in text
    assert "agency or a freelancer" not in text
    merged = {merge["role"]: merge for merge in data["steps"][0]["merges"]}
    assert set(merged) == {"Product Marketing", "Market Research", "Revenue Operations", "Channel Management"}
    assert merged["Market Research"]["into"] == [{"role": "Marketing Specialists", "count": 8}]
    assert (
        "Marketing Specialists (8) takes over the work of Market Research; "
        "Market Research is no longer needed as a separate role." in data["steps"][0]["sentences"]["role_changes"]
    )
    promotions = {promotion["role"]: promotion for promotion in data["steps"][0]["promotions"]}
    assert (promotions["VP Sales"]["becomes"], promotions["VP Sales"]["kind"]) == ("Head of Sales", "narrows")
    # a merged role is not told to tie its bonus to anything
    for step in data["steps"]:
        for merge in step["merges"]:
            assert not any(f"bonus of {merge['role']}" in s for s in step["sentences"]["role_changes"])


def test_startup_to_small_keeps_the_seller_and_relieves_the_agency(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", "startup", "--to", "small")
    (step,) = data["steps"]
    promotions = {promotion["role"]: promotion["becomes"] for promotion in step["promotions"]}
    assert promotions == {"Founder": "Founder / CEO", "Sales Executive": "Sales Team"}
    assert [merge["role"] for merge in step["merges"]] == ["Marketing Freelancer / Agency"]
    head = next(hire for hire in step["hires"] if hire["role"] == "Head of Sales")
    assert head["promote_from"] == "Sales Executive"  # hire a head, or grow today's seller into one
    triggers = {trigger["key"]: trigger for trigger in step["triggers"]}
    assert triggers["founder-selling"]["role"] == "Marketing Executive"
    assert triggers["founder-selling"]["share"] == 0.5
    assert (triggers["reps"]["min"], triggers["reps"]["max"]) == (4, 6)
    assert any("more than 50% of the week selling" in sign for sign in step["sentences"]["signs"])
    assert step["agreement"]["keeper"] == "Head of Sales"  # sales leads a small firm: it keeps the agreement


def test_the_marketing_manager_is_credited_with_everything_it_answers_for(catalogue: Catalogue) -> None:
    comparison = compare_path(catalogue, growth_path(builtin_profile("small"), builtin_profile("medium")))
    (step,) = plan_steps(comparison)
    manager = next(hire for hire in step.hires if hire.role.title == "Marketing Manager")
    after = {move.item.id for move in comparison.moves if move.new == manager.role}
    assert {move.item.id for move in manager.takes} == after
    assert step.hires[0] == manager  # marketing's head comes first


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
    assert manager["from"][0] == {"role": "Direktur Penjualan", "count": 18}
    # The second step starts from the built-in medium profile.
    assert "Direktur Penjualan" not in json.dumps(data["steps"][1])


# --- every output agrees with the JSON -----------------------------------------------------------


def merged_roles(step: dict[str, Any]) -> set[str]:
    return {merge["role"] for merge in step["merges"]}


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


@pytest.mark.parametrize(
    ("old", "new"),
    [("small", "large"), ("startup", "medium"), ("medium", "large"), ("large", "small"), (SINAR_JAYA, "large")],
)
def test_every_count_agrees_in_json_html_workbook_and_console(tmp_path: Path, old: str, new: str) -> None:
    source = matrix_path(old) if old.endswith(".csv") else old
    stem = Path(old).stem
    data = plan_of(tmp_path, "--from", source, "--to", new)
    total = data["total"]
    assert sum(data["groups"].values()) == total
    console = run("--from", source, "--to", new, "--out", str(tmp_path), "--force").stdout
    root, errors = parse((tmp_path / f"raci-{stem}-to-{new}.html").read_text(encoding="utf-8"))
    assert errors == []
    ws = plan_sheet(tmp_path / f"raci-{stem}-to-{new}.xlsx")
    sheet_texts = [str(row[0]) for row in ws.iter_rows(values_only=True, max_col=1) if row[0]]
    found = hire_tables(ws)
    assert len(found) == len([step for step in data["steps"] if step["hires"]])
    tables = [found.pop(0) if step["hires"] else [] for step in data["steps"]]

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
        split = [
            f"New roles take over {step['to_new_roles']} of these {step['changed']} responsibilities "
            f"and roles you already have take {step['to_existing_roles']}."
            if step["to_new_roles"]
            else f"Roles you already have take over all {step['changed']} of these responsibilities."
        ]
        if (old, new) == ("large", "small"):  # a step down: the roles that stay take over, some from merged roles
            split = [f"The roles that stay take over all {step['changed']} of these responsibilities."]
            held = step["from_merged_roles"]
            split += [f"{held} of them {'was' if held == 1 else 'were'} held by "] if held else []
            assert held == len([move for move in step["moves"] if move["from_role"] in merged_roles(step)])
        section = root.by_id(f"step-{number}")
        for sentence in (counts, *split):
            assert sentence in console
            assert sentence in section.text()
            assert any(text.startswith(sentence) for text in sheet_texts)
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
        assert table == [  # the function in words on the sheet ("Marketing"), as its key in the JSON
            (hire["role"], function_words(hire["function"], Translator()), len(hire["takes"]), len(hire["does"]))
            for hire in step["hires"]
        ]
        for position, hire in enumerate(step["hires"], start=1):
            if hire["takes"]:
                taken = f"Hire {position}: {hire['role']} ({hire['function']}) answers for {len(hire['takes'])} "
                assert taken in console
                assert any(text.startswith(taken) for text in sheet_texts)
        for promotion in step["promotions"]:
            if promotion["hands_over"]:
                hands = f"hands over {len(promotion['hands_over'])} ("
                said = next(
                    text
                    for text in step["sentences"]["role_changes"]
                    if text.startswith(promotion["role"]) or text.startswith(f"{promotion['role']} becomes ")
                )
                assert hands in said
                assert said in console
                assert said in section.text()
                assert said in sheet_texts
        for handover in step["handovers"]:
            assert handover["consulted"] == handover["from"]
        # every sentence of the step, in every output; each count in it from the same facts as the JSON
        said = step["sentences"]
        for key in ("signs", "counts", "hires", "role_changes", "interim", "handovers", "guardrails", "agreement"):
            for sentence in said[key]:
                assert sentence in console, sentence
                assert sentence in section.text(), sentence
                assert sentence in sheet_texts, sentence
        handovers = [text for text in said["handovers"] if not text.startswith("Move the")]
        assert len(handovers) == len(step["handovers"])
        for handover, text in zip(step["handovers"], handovers, strict=True):
            assert text.startswith(f"{handover['from']} hands {len(handover['ids'])} responsibilit")
            assert f" to {handover['to']} within {handover['days']} days" in text
        assert len(said["guardrails"]) == len(step["guardrails"])
        for guardrail, text in zip(step["guardrails"], said["guardrails"], strict=True):
            assert f"It applies to {len(guardrail['moves'])} responsibilit" in text
        for merge in step["merges"]:
            targets = [f"{target['role']} ({target['count']})" for target in merge["into"]]
            assert any(
                text.startswith(targets[0]) and f"the work of {merge['role']};" in text for text in said["role_changes"]
            )
            assert sum(target["count"] for target in merge["into"]) >= len(merge["answered"])
        for promotion in step["promotions"]:
            text = next(
                text
                for text in said["role_changes"]
                if text.startswith(
                    (f"{promotion['role']}:", f"{promotion['role']} becomes", f"{promotion['role']} (now")
                )
            )
            for part, ids in (("keeps the A on", promotion["keeps"]), ("gains", promotion["gains"])):
                if ids:
                    assert f"{part} {len(ids)} " in text
        if step["agreement"]:
            assert f"within {step['agreement']['follow_up_hours']} hours" in " ".join(said["agreement"])
        assert len(said["signs"]) == len(step["triggers"]) - 1  # the headcount is the step's own trigger line
        for sentence in step["sentences"]["handovers"] + step["sentences"]["agreement"]:
            assert sentence in console
            assert sentence in section.text()
            assert sentence in sheet_texts

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
        quoted |= {change["role"] for change in step["role_changes"]}
        quoted |= {merge["role"] for merge in step["merges"]}
        quoted |= {target["role"] for merge in step["merges"] for target in merge["into"]}
        quoted |= {Translator("id")(trigger["source"]) for trigger in step["triggers"]}  # with published titles
        quoted |= {trigger["role"] or "" for trigger in step["triggers"]}
        if step["agreement"]:
            quoted |= {step["agreement"][key] for key in ("marketing", "sales", "keeper")}
            quoted |= set(step["agreement"]["today"].values())
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


# --- a client's matrix: titles matched by meaning, and scope -------------------------------------


def test_a_clients_titles_are_matched_by_meaning(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", matrix_path(SINAR_JAYA), "--to", "large")
    (step,) = data["steps"]
    promotions = {promotion["role"]: promotion["becomes"] for promotion in step["promotions"]}
    assert promotions["Sales Director"] == "VP Sales"  # the sales role holding most A's is the head
    assert promotions["Direktur Utama"] == "Chief Executive"
    assert promotions["Marketing Manager"] == "Chief Marketing Officer"
    assert promotions["Tim Sales"] == "Account Executives"
    hired = {hire["role"] for hire in step["hires"]}
    assert not hired & {"VP Sales", "Chief Marketing Officer", "Account Executives"}
    for hire in step["hires"]:
        assert hire["takes"] or hire["does"]  # no hire that is only consulted or informed
    agreement = " ".join(step["sentences"]["agreement"])
    assert "VP Sales (today Sales Director)" in agreement
    assert "Chief Marketing Officer (today Marketing Manager)" in agreement
    assert "Definisi lead dan serah terima lead ke sales (Chief Marketing Officer)" in agreement


def test_a_title_equal_to_a_profile_title_is_the_same_role(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", matrix_path(SINAR_JAYA), "--to", "medium")
    (step,) = data["steps"]
    assert "Marketing Manager" not in {hire["role"] for hire in step["hires"]}
    same = next(promotion for promotion in step["promotions"] if promotion["role"] == "Marketing Manager")
    assert (same["becomes"], same["kind"]) == ("Marketing Manager", "same")
    assert len(same["keeps"]) == 3


def test_the_indonesian_agreement(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", matrix_path(SINAR_JAYA), "--to", "large", "--lang", "id")
    agreement = data["steps"][0]["sentences"]["agreement"]
    assert agreement[0].startswith("Direktur Pemasaran (CMO) (saat ini Marketing Manager) dan ")
    assert any(sentence.startswith("MQL (lead yang lolos kualifikasi pemasaran)") for sentence in agreement)
    assert any(sentence.startswith("Tinjauan bulanan: ") for sentence in agreement)


def test_a_cafe_matrix_is_out_of_scope_and_gets_no_sales_or_marketing_hire(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", matrix_path(KOPI_SENJA), "--to", "small")
    assert data["opening"][0].startswith(
        "Out of scope: only 5 of the 14 rows of this matrix are sales or marketing work"
    )
    (step,) = data["steps"]
    assert step["scope"] == {"rows": 14, "commercial": 5, "out": True}
    assert [hire for hire in step["hires"] if hire["function"] in ("sales", "marketing")] == []
    assert step["withheld"] == ["Head of Sales", "Sales Team", "Marketing Executive"]
    assert step["merges"] == []  # the cafe's own roles stay
    assert step["agreement"] is None
    assert step["changed"] == 0
    text = json.dumps(data)
    assert "Hire 1" not in text
    assert "no longer needed" not in text
    page, _ = parse((tmp_path / "raci-kopi-senja-cafe-to-small.html").read_text(encoding="utf-8"))
    assert "Out of scope: only 5 of the 14 rows" in page.by_id("plan").text()
    # the size's shares and groups would speak of moves the plan does not make: not shown
    assert page.find_all(id="overview") == []
    assert page.find_all(id="shares") == []
    console = run("--from", matrix_path(KOPI_SENJA), "--to", "small", "--out", str(tmp_path), "--force").stdout
    assert console.startswith("Out of scope: only 5 of the 14 rows")
    assert "by where they end up" not in console
    ws = plan_sheet(tmp_path / "raci-kopi-senja-cafe-to-small.xlsx")
    assert any(str(row[0]).startswith("Out of scope") for row in ws.iter_rows(values_only=True, max_col=1))


def test_a_profiles_triggers_are_checked(tmp_path: Path) -> None:
    from raci.exceptions import ProfileError
    from raci.inputs.profiles import load_profile

    from .conftest import DATA

    text = (DATA / "mini_profile.toml").read_text(encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(text + '\n[[triggers]]\nkey = "reps"\nmin = 3\nmax = 5\nsource = "our own rule"\n', "utf-8")
    (trigger,) = load_profile(good).triggers
    assert (trigger.key, trigger.params, trigger.source) == ("reps", (("min", 3), ("max", 5)), "our own rule")
    bad = tmp_path / "bad.toml"
    bad.write_text(text + '\n[[triggers]]\nkey = "reps"\nrole = "nobody"\n', "utf-8")
    with pytest.raises(ProfileError, match="trigger 'reps' is for role 'nobody'"):
        load_profile(bad)


def test_a_role_is_never_merged_away_while_one_of_its_function_is_hired(tmp_path: Path) -> None:
    data = plan_of(tmp_path, "--from", matrix_path(SINAR_JAYA), "--to", "small")
    (step,) = data["steps"]
    promotions = {promotion["role"]: promotion["becomes"] for promotion in step["promotions"]}
    assert promotions["Marketing Manager"] == "Marketing Executive"  # the client's marketer stays, narrower
    merged = {merge["role"] for merge in step["merges"]}
    hired = {hire["function"] for hire in step["hires"]}
    assert merged == {"Kepala Penjualan"}  # a second head of sales has no room in a small firm
    assert "marketing" not in hired
    assert "sales" not in hired


def test_the_summary_of_a_matrix_carries_the_scope_and_the_agreement(tmp_path: Path) -> None:
    def summary(name: str, size: str) -> Any:
        args = ["generate", matrix_path(name), "--size", size, "--out", str(tmp_path), "--quiet"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        root, errors = parse((tmp_path / f"raci-{Path(name).stem}.html").read_text(encoding="utf-8"))
        assert errors == []
        return root

    cafe = summary(KOPI_SENJA, "small")
    assert cafe.by_id("scope-note").text().startswith("Out of scope: only 5 of the 14 rows of this matrix")
    agency = summary("agency-deliverables.csv", "medium")
    assert agency.find_all(id="scope-note") == []
    clauses = [li.text() for li in agency.by_id("agreement").find_all("li")]
    assert clauses[0].startswith("Marketing Manager (today Marketing Lead) and Head of Sales (today Sales Lead) sign")
    assert [clause[:3] for clause in clauses[1:4]] == ["MQL", "SAL", "SQL"]


def test_each_step_gives_every_roles_load_before_and_after(tmp_path: Path) -> None:
    """The plan's load per role is raci check's load of the two sizes: today's role before, what it becomes
    after, and a hire from nothing."""
    data = plan_of(tmp_path / "plan", "--from", "small", "--to", "medium")
    (step,) = data["steps"]

    from raci.resources import default_catalogue

    def load_of(size: str) -> dict[str, float]:
        done = CliRunner().invoke(main, ["check", str(default_catalogue()), "--size", size, "--format", "json"])
        printed = json.loads(done.stdout)
        return {entry["role"]: entry["share"] for entry in printed["load"]["roles"]}

    small, medium = load_of("small"), load_of("medium")
    shifts = step["load"]
    assert {shift["role"] for shift in shifts if shift["role"]} == set(small)
    assert {shift["becomes"] for shift in shifts if shift["becomes"]} == set(medium)
    for shift in shifts:
        assert shift["before"] == (round(small[shift["role"]], 4) if shift["role"] else 0.0)
        assert shift["after"] == (round(medium[shift["becomes"]], 4) if shift["becomes"] else 0.0)
    head = next(shift for shift in shifts if shift["role"] == "Head of Sales")
    assert head["after"] < head["before"]  # the new marketing manager takes work off the head of sales
    hired = [shift["becomes"] for shift in shifts if shift["role"] is None]
    assert set(hired) == {hire["role"] for hire in step["hires"]}


def test_the_sources_of_the_signs_to_grow_read_in_the_plan_s_language(tmp_path: Path) -> None:
    """A step's signs cite their source; on an Indonesian plan the citation is Indonesian too (it read
    "Sumber: Practitioner benchmarks …, the count is raci's default to tune")."""
    console = run("--from", "small", "--to", "large", "--lang", "id", "--out", str(tmp_path)).stdout
    cited = [line for line in console.splitlines() if "(Sumber: " in line]
    assert len(cited) >= 3  # the signs of the medium and the large step
    assert all("default to tune" not in line and "Practitioner" not in line for line in cited), cited
    assert any("bawaan raci yang dapat disesuaikan" in line for line in cited)
    page = (tmp_path / "raci-small-to-large.html").read_text(encoding="utf-8")
    assert "default to tune" not in page
    assert "Practitioner benchmarks" not in page


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_out_of_scope_plan_keeps_the_firms_roles_and_their_load_in_every_output(tmp_path: Path, lang: str) -> None:
    """A cafe's roles stay with their commercial rows: the JSON has no load of the size's roles (it marked
    the cafe's roles `becomes: null`, merged, beside a plan saying they stay), and every output says the
    roles stay with their load."""
    from pptx import Presentation

    t = Translator(lang)
    args = ["--from", matrix_path(KOPI_SENJA), "--to", "small", "--lang", lang, "--pptx"]
    data = plan_of(tmp_path, *args)
    (step,) = data["steps"]
    assert step["scope"]["out"] is True
    assert step["load"] is None
    assert step["merges"] == []
    stays = t("Every role you have now stays and keeps the work it holds today, so its load does not change.")
    assert lang == "en" or stays.startswith("Setiap peran")
    assert step["sentences"]["role_changes"] == [stays]
    page, _ = parse((tmp_path / "raci-kopi-senja-cafe-to-small.html").read_text(encoding="utf-8"))
    assert [li.text() for li in page.by_id("step-1").find_all("li") if li.text() == stays] == [stays]
    # the size's letters for the rows (who would answer, were the roles replaced) are no change the plan makes
    header = {dt.text(): dd.text() for dt, dd in zip(page.find_all("dt"), page.find_all("dd"), strict=True)}
    assert header[t("Change function")] == str(data["function_changed"]) == "0"
    assert page.find_all(id="changes-section") == []
    assert page.find_all(id="unchanged-section") == []
    book = openpyxl.load_workbook(tmp_path / "raci-kopi-senja-cafe-to-small.xlsx")
    cells = [value for row in book.worksheets[0].iter_rows(values_only=True) for value in row]
    assert stays in cells
    not_planned = t(
        "Not in the plan: how the {size} profile would assign these rows. "
        "The plan keeps them with the roles you have now."
    ).format(size=t("Small company"))
    assert book.worksheets[1].cell(2, 1).value == not_planned
    deck = Presentation(str(tmp_path / "raci-kopi-senja-cafe-to-small.pptx"))
    said = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert any(stays in text for text in said)
    load = t("Step {number}: load before and after").format(number=1)
    assert not any(text.startswith(load) for text in said)


def test_a_commercial_plan_still_gives_each_roles_load(tmp_path: Path) -> None:
    (step,) = plan_of(tmp_path, "--from", matrix_path(SINAR_JAYA), "--to", "medium")["steps"]
    assert step["scope"]["out"] is False
    assert {shift["role"] for shift in step["load"] if shift["role"]} >= {"Direktur Utama", "Kepala Penjualan"}


# A matrix made elsewhere, the client's name its title rows give (or none), and its headcount (or none).
AS_READ = [
    (KOPI_SENJA, "small", "", None),
    (SINAR_JAYA, "medium", "PT Sinar Jaya", None),
    ("sme-id.xlsx", "medium", "PT Sinar Abadi", 35),
]


def visible_text(folder: Path, stem: str) -> dict[str, str]:
    """What a client reads in each file of a plan: the page's text and title, the visible sheets' cells and
    the workbook's properties, the slides' text, tables and notes, and the deck's properties."""
    from pptx import Presentation

    page, errors = parse((folder / f"{stem}.html").read_text(encoding="utf-8"))
    assert errors == []
    book = openpyxl.load_workbook(folder / f"{stem}.xlsx")
    cells = [
        str(value)
        for ws in book.worksheets
        if ws.sheet_state == "visible"
        for row in ws.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    props = book.properties
    cells += [str(props.title), str(props.keywords), str(props.description)]
    deck = Presentation(str(folder / f"{stem}.pptx"))
    said = [deck.core_properties.title, deck.core_properties.keywords]
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                said.append(shape.text_frame.text)
            if shape.has_table:
                said += [cell.text for row in shape.table.rows for cell in row.cells]
        said.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
    return {"page": page.text(), "workbook": "\n".join(cells), "deck": "\n".join(said)}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("matrix", "size", "client", "people"), AS_READ)
def test_a_matrix_made_elsewhere_is_the_clients_matrix_never_its_file_name(
    tmp_path: Path, matrix: str, size: str, client: str, people: int | None, lang: str
) -> None:
    """The plan named a matrix made elsewhere by its file ("from kopi-senja-cafe.csv (1+ people)"): a client
    read an internal name and a headcount nobody gave. It is the client's matrix now, by the client's name when
    the title rows give it, with the headcount they give; the file's name stays in the JSON's `source`."""
    t = Translator(lang)
    data = plan_of(tmp_path, "--from", matrix_path(matrix), "--to", size, "--lang", lang, "--pptx")
    file = Path(matrix)
    assert data["source"] == file.name
    assert data["from"] == file.stem  # the outputs' file names and scripts go by it
    named = t("the client's matrix ({client})").format(client=client) if client else t("your current matrix")
    assert named in data["opening"][-2]  # "As you grow from <named> to ..., the plan takes 1 step: <named> → ..."
    if people:
        spans = t("the client's matrix ({client}, {people} people)").format(client=client, people=people)
        assert spans in data["opening"][-2]
        assert spans in data["steps"][0]["sentences"]["heading"]
    sentences = json.dumps([data["opening"], [step["sentences"] for step in data["steps"]]], ensure_ascii=False)
    console = run("--from", matrix_path(matrix), "--to", size, "--lang", lang, "--out", str(tmp_path), "--force")
    said = {"json": sentences, "console": console.stdout, **visible_text(tmp_path, f"raci-{file.stem}-to-{size}")}
    for output, text in said.items():
        assert named in text, output
        for internal in (file.name, file.stem, "1+"):
            assert internal not in text.replace(f"raci-{file.stem}-to-{size}", ""), (output, internal)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_step_down_says_the_roles_that_stay_take_over_what_the_merged_roles_held(tmp_path: Path, lang: str) -> None:
    """Going down in size no role is new: a step down said "New roles take over 0 of these 11". It says
    the roles that stay take over all of them, and how many the roles merging into them held, in the
    console, JSON, page, workbook and deck."""
    t = Translator(lang)
    data = plan_of(tmp_path, "--from", "large", "--to", "small", "--lang", lang, "--pptx")
    console = run("--from", "large", "--to", "small", "--lang", lang, "--out", str(tmp_path), "--force").stdout
    said = visible_text(tmp_path, "raci-large-to-small")
    new_roles = t.plural(
        "New roles take over {hired} of these {changed} responsibility and roles you already have take {kept}.",
        "New roles take over {hired} of these {changed} responsibilities and roles you already have take {kept}.",
        2,
    ).split("{")[0]
    for number, step in enumerate(data["steps"], start=1):
        assert step["to_new_roles"] == 0
        assert step["hires"] == []
        held = [move for move in step["moves"] if move["from_role"] in merged_roles(step)]
        assert step["from_merged_roles"] == len(held) > 0
        (merged,) = {move["from_role"] for move in held}  # one role merges away in each step down
        stay = t.plural(
            "The roles that stay take over the {changed} responsibility that moves.",
            "The roles that stay take over all {changed} of these responsibilities.",
            step["changed"],
        ).format(changed=step["changed"])
        merges = t.plural(
            "{held} of them was held by {role}, which merges into the roles that stay.",
            "{held} of them were held by {role}, which merges into the roles that stay.",
            len(held),
        ).format(held=len(held), role=merged)
        assert step["sentences"]["counts"][1:] == [stay, merges], number
        for output, text in {"console": console, **said}.items():
            assert stay in text, (output, number)
            assert merges in text, (output, number)
    for output, text in {"console": console, "json": json.dumps(data, ensure_ascii=False), **said}.items():
        assert new_roles not in text, output
    if lang == "id":
        assert "Peran yang tetap ada mengambil alih" in console


def test_an_indonesian_plan_cites_its_sources_in_indonesian_in_every_file(tmp_path: Path) -> None:
    """Each sign's source reads in Indonesian on the page, the workbook and the deck of an Indonesian plan (they
    read "Sumber: Practitioner benchmarks …"); the JSON keeps the published English citation for scripts."""
    t = Translator("id")
    data = plan_of(tmp_path, "--from", "small", "--to", "large", "--lang", "id", "--pptx")
    said = visible_text(tmp_path, "raci-small-to-large")
    sources = {trigger["source"] for step in data["steps"] for trigger in step["triggers"][1:]}
    assert len(sources) >= 4  # the medium and the large step's signs
    for source in sources:
        assert t(source) != source
        for output, text in said.items():
            assert t("(Source: {source})").format(source=t(source)) in text.replace("\n", " "), (output, source)
            assert source not in text, (output, source)


def plan_facts(data: dict[str, Any]) -> dict[str, Any]:
    """What a plan decides, without its words: the counts, each move's function and group, the hires'
    functions, the merges, each continuing role's kind, the handovers, the guardrails, the agreement."""
    return {
        "totals": (data["total"], data["changed"], data["function_changed"], data["groups"]),
        "steps": [
            {
                "counts": (step["changed"], step["from_merged_roles"], step["to_existing_roles"]),
                "moves": [(m["id"], m["group"], m["from_function"], m["to_function"]) for m in step["moves"]],
                "hires": [hire["function"] for hire in step["hires"]],
                "merges": [(len(merge["answered"]), len(merge["did"])) for merge in step["merges"]],
                "kinds": [promotion["kind"] for promotion in step["promotions"]],
                "handovers": [len(handover["ids"]) for handover in step["handovers"]],
                "guardrails": [(rail["key"], len(rail["moves"])) for rail in step["guardrails"]],
                "agreement": None if step["agreement"] is None else len(step["agreement"]["rows"]),
            }
            for step in data["steps"]
        ],
    }


@pytest.mark.parametrize(
    ("start", "goal"),
    [
        (SINAR_JAYA, "small"),  # the client has a Sales Director and a "Kepala Penjualan" (a head of sales)
        (SINAR_JAYA, "medium"),
        (SINAR_JAYA, "large"),
        ("agency-deliverables.csv", "large"),
        ("small", "large"),
        ("large", "small"),
    ],
)
def test_the_plan_decides_the_same_in_every_language(tmp_path: Path, start: str, goal: str) -> None:
    """The language of the report changes its words, never who continues, who merges, who is hired or
    which responsibility moves: a client's "Kepala Penjualan" is the Head of Sales in an English plan too,
    and an Indonesian title that reads like a team ("Staf Pemasaran") is judged by what the role is."""
    source = matrix_path(start) if start.endswith(".csv") else start
    english = plan_of(tmp_path / "en", "--from", source, "--to", goal, "--lang", "en")
    indonesian = plan_of(tmp_path / "id", "--from", source, "--to", goal, "--lang", "id")
    assert plan_facts(english) == plan_facts(indonesian)


def test_a_client_title_the_size_has_in_another_language_is_the_same_role(tmp_path: Path) -> None:
    """The Direktur Utama of an Indonesian matrix is the managing director: the English plan says so without
    calling it a new title, and the Indonesian one never writes "Direktur Utama (kini Direktur Utama)"."""
    for lang in ("en", "id"):
        data = plan_of(tmp_path / lang, "--from", matrix_path(SINAR_JAYA), "--to", "medium", "--lang", lang)
        (step,) = data["steps"]
        kinds = {promotion["role"]: promotion["kind"] for promotion in step["promotions"]}
        assert kinds["Direktur Utama"] == "same"
        assert not any(
            "Direktur Utama (kini Direktur Utama)" in line or "Direktur Utama (now" in line
            for line in step["sentences"]["role_changes"]
        )


@pytest.mark.parametrize(
    ("start", "goal", "said"),
    [
        ("small", "medium", "rencana ini berjalan dalam satu tahap: "),
        ("large", "small", "dalam 2 tahap, turun satu ukuran setiap kali: "),
        ("startup", "large", "dalam 3 tahap, naik satu ukuran setiap kali: "),
    ],
)
def test_the_indonesian_opening_says_which_way_the_firm_goes(tmp_path: Path, start: str, goal: str, said: str) -> None:
    """Indonesian has one plural form, so one step and many are two messages: a single step is not "one
    size at a time", and a firm getting smaller goes down (turun) a size at a time, not up (naik)."""
    opening = plan_of(tmp_path, "--from", start, "--to", goal, "--lang", "id")["opening"][0]
    assert said in opening
    assert ("naik" in opening.split()) == (start == "startup")
    english = plan_of(tmp_path / "en", "--from", start, "--to", goal)["opening"][0]
    assert ("one size at a time" in english) == (start != "small")
