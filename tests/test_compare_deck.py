"""`raci compare --pptx`: the plan's deck says what the plan's JSON holds, step by step (every trigger,
hire, role that continues, merge, handover, guardrail, clause of the agreement and load), in English
and Indonesian; its text fits its boxes; it is written with the workbook and the page, or nothing is."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Pt

from raci.cli import main
from raci.i18n import Translator
from raci.render import fit

from .helpers import packages_loaded_by
from .test_deck_fit import text_boxes

ROOT = Path(__file__).resolve().parents[1]
PLANS = [("medium", "large"), ("small", "medium"), ("large", "small")]
BULLET = "\u2022 "
SECTIONS = {
    "Signs that it is time": "triggers",
    "Hires, in order": "hires",
    "Roles that continue": "promotions",
    "Roles merged into others": "merges",
    "Handovers": "handovers",
    "Guardrails": "guardrails",
    "The marketing-sales agreement": "agreement",
}


def plan_and_deck(folder: Path, *args: str) -> tuple[dict[str, Any], Any]:
    """`raci compare ARGS --pptx --format json`: the plan's JSON and its deck, opened with python-pptx."""
    result = CliRunner().invoke(main, ["compare", *args, "--pptx", "--format", "json", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    (deck,) = [path for path in plan["files"] if path.endswith(".pptx")]
    assert Path(deck) == folder / f"raci-{plan['from']}-to-{plan['to']}.pptx"
    return plan, Presentation(deck)


def title(slide: Any) -> str:
    return str(slide.shapes.title.text) if slide.shapes.title is not None else ""


def step_slides(deck: Any, heading: str) -> list[Any]:
    """The slides of the step whose heading is `heading` (one, or numbered "(1 of 3)" ...)."""
    return [slide for slide in deck.slides if title(slide) == heading or title(slide).startswith(f"{heading} (")]


def sections(slides: list[Any], t: Translator) -> dict[str, list[str]]:
    """The plan box's paragraphs of `slides`, by the English key of the section heading above them; a
    listed fact (a bullet) as it reads, a sentence about the section led by "= "."""
    headings = {t(english): english for english in (*SECTIONS, "What changes", "Until the hires are in place")}
    headings[t("Roles that change")] = "Roles that change"
    found: dict[str, list[str]] = {}
    for slide in slides:
        (box,) = [shape for shape in slide.shapes if shape.name == t("The plan")]
        current = None
        for paragraph in box.text_frame.paragraphs:
            text = paragraph.text
            if text in headings:
                current = headings[text]
                found.setdefault(current, [])
            else:
                assert current is not None, text
                found[current].append(text[len(BULLET) :] if text.startswith(BULLET) else f"= {text}")
    return found


def listed(found: dict[str, list[str]], section: str) -> list[str]:
    return [text for text in found.get(section, []) if not text.startswith("= ")]


def load_rows(deck: Any, t: Translator, number: int) -> list[list[str]]:
    title_ = t("Step {number}: load before and after").format(number=number)
    rows = []
    for slide in step_slides(deck, title_):
        (table,) = [shape.table for shape in slide.shapes if shape.has_table]
        rows += [[cell.text for cell in row.cells] for row in list(table.rows)[1:]]
    return rows


def numbers(texts: list[str]) -> Counter[int]:
    return Counter(int(found) for text in texts for found in re.findall(r"\d+", text))


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("old", "new"), PLANS)
def test_every_count_of_the_deck_equals_the_plan_json(tmp_path: Path, old: str, new: str, lang: str) -> None:
    plan, deck = plan_and_deck(tmp_path, "--from", old, "--to", new, "--lang", lang)
    t = Translator(lang)
    assert len(plan["steps"]) >= 1
    for number, step in enumerate(plan["steps"], start=1):
        said = step["sentences"]
        slides = step_slides(deck, said["heading"])
        assert slides, said["heading"]
        found = sections(slides, t)
        for section, key in SECTIONS.items():
            facts = said["agreement"] if key == "agreement" else step[key] or []
            assert len(listed(found, section)) == len(facts), (section, number)
        # each hire with what it takes over, from whom and how many
        for hire, text in zip(step["hires"], listed(found, "Hires, in order"), strict=True):
            assert hire["role"] in text
            for source in hire["from"]:
                if source["role"] is not None:
                    assert f"{source['role']} ({source['count']})" in text
        for promotion, text in zip(step["promotions"], listed(found, "Roles that continue"), strict=True):
            assert text.startswith(promotion["role"])
            assert promotion["becomes"] in text
        for merge, text in zip(step["merges"], listed(found, "Roles merged into others"), strict=True):
            assert merge["role"] in text
            assert all(f"{into['role']} ({into['count']})" in text for into in merge["into"])
        for handover, text in zip(step["handovers"], listed(found, "Handovers"), strict=True):
            assert handover["days"] in (30, 60, 90)
            assert f" {handover['days']} " in text
            assert f" {len(handover['ids'])} " in text
        for trigger, text in zip(step["triggers"][1:], listed(found, "Signs that it is time")[1:], strict=True):
            assert t(trigger["source"]) in text  # the citation in the deck's language
        if step["agreement"] is not None:
            agreed = " ".join(listed(found, "The marketing-sales agreement"))
            for stage in step["agreement"]["stages"]:
                assert f"{stage['stage']} (" in agreed
                assert stage["owner"] in agreed
        # the speaker notes name every row whose Accountable the step changes, from whom to whom
        notes = slides[0].notes_slide.notes_text_frame.text
        for move in step["moves"]:
            assert f"{move['id']} \u2014 {move['responsibility']}: " in notes
        # what changes: the same counts as the JSON's
        counted = [step["changed"], plan["total"], step["function_changed"]]
        if step["changed"] and step["to_new_roles"]:
            counted += [step["to_new_roles"], step["changed"], step["to_existing_roles"]]
        elif step["changed"]:  # no new role: the roles you have (going down, the roles that stay) take over all
            counted += [step["changed"]]
            if (old, new) == ("large", "small") and step["from_merged_roles"]:  # held by the roles that merge
                counted += [step["from_merged_roles"]]
        assert numbers([text[2:] for text in found["What changes"]]) == Counter(counted)
        # load before and after: a row per role, the JSON's figures
        rows = load_rows(deck, t, number)
        assert len(rows) == len(step["load"])
        for row, load in zip(rows, step["load"], strict=True):
            assert row[0] == (load["role"] or t("(a new role)"))
            assert row[2] == (load["becomes"] or t("(merged into others)"))
            assert row[1] == (t.percent(load["before"]) if load["role"] else "")
            assert row[3] == (t.percent(load["after"]) if load["becomes"] else "")
    # the shares from the first size to the last
    (shares,) = [slide for slide in deck.slides if title(slide) == t("The shares before and after")]
    cards = {shape.name: shape.text_frame.paragraphs[0].text for shape in shares.shapes if shape.has_text_frame}
    first, last = plan["steps"][0]["shares"]["before"], plan["steps"][-1]["shares"]["after"]
    for key, label in (("sales_led", "Sales-led share"), ("marketing_led", "Marketing-led share")):
        assert cards[t(label)] == f"{t.percent(first[key])} \u2192 {t.percent(last[key])}"
    # the title: from size to size
    opening = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert plan["opening"][0] in opening


@pytest.mark.parametrize("lang", ["en", "id"])
def test_going_down_in_size_merges_and_never_hires(tmp_path: Path, lang: str) -> None:
    plan, deck = plan_and_deck(tmp_path, "--from", "large", "--to", "small", "--lang", lang)
    t = Translator(lang)
    assert all(step["hires"] == [] for step in plan["steps"])
    assert sum(len(step["merges"]) for step in plan["steps"]) > 0
    text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert t("Hires, in order") not in text
    assert t("Roles merged into others") in text
    assert re.search(r"\bHire\b" if lang == "en" else r"Posisi baru ke-", text) is None


def test_the_clients_titles_are_on_the_slides(tmp_path: Path) -> None:
    roles = ROOT / "tests" / "data" / "roles.csv"
    plan, deck = plan_and_deck(tmp_path, "--from", "small", "--to", "medium", "--roles", str(roles), "--lang", "id")
    text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Direktur Penjualan" in text
    first = plan["steps"][0]
    assert "Direktur Penjualan" in [load["role"] for load in first["load"]]
    assert "Direktur Penjualan" in {row[0] for row in load_rows(deck, Translator("id"), 1)}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("old", "new"), [*PLANS, ("startup", "large")])
def test_every_text_of_the_plan_deck_fits_its_box(tmp_path: Path, old: str, new: str, lang: str) -> None:
    _, deck = plan_and_deck(
        tmp_path, "--from", old, "--to", new, "--lang", lang, "--client", "PT Maju Jaya Sejahtera Abadi"
    )
    overflowing = [
        (number, name, [line.text[:40] for line in lines])
        for number, name, lines, room, tall in text_boxes(deck)
        if lines and not fit.fits(lines, room, tall + 1)
    ]
    assert overflowing == []
    for slide in deck.slides:  # no table header breaks a word
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            table = shape.table
            for column, cell in enumerate(table.rows[0].cells):
                room = (table.columns[column].width - cell.margin_left - cell.margin_right) / Pt(1)
                size = cell.text_frame.paragraphs[0].runs[0].font.size.pt
                assert all(fit.width(word, size, bold=True) <= room for word in cell.text.split()), cell.text


def test_the_deck_is_written_with_the_workbook_and_the_page_or_nothing_is(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "raci-small-to-medium.pptx").mkdir(parents=True)  # a folder where the deck would go
    result = CliRunner().invoke(main, ["compare", "--from", "small", "--to", "medium", "--pptx", "--out", str(out)])
    assert result.exit_code == 2
    assert "raci-small-to-medium.pptx" in result.output
    assert sorted(path.name for path in out.iterdir()) == ["raci-small-to-medium.pptx"]
    plain = CliRunner().invoke(main, ["compare", "--from", "small", "--to", "medium", "--out", str(tmp_path / "plain")])
    assert plain.exit_code == 0
    assert sorted(path.suffix for path in (tmp_path / "plain").iterdir()) == [".html", ".xlsx"]


def test_the_plan_deck_is_byte_identical_under_source_date_epoch_and_kept_when_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    args = ["compare", "--from", "small", "--to", "large", "--pptx", "--quiet", "--lang", "id"]
    decks = []
    for folder in ("one", "two"):
        result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / folder)])
        assert result.exit_code == 0, result.output
        decks.append((tmp_path / folder / "raci-small-to-large.pptx").read_bytes())
    assert decks[0] == decks[1]
    edited = Presentation(str(tmp_path / "one" / "raci-small-to-large.pptx"))
    edited.slides[0].shapes.title.text = "Rencana kami"
    edited.save(str(tmp_path / "one" / "raci-small-to-large.pptx"))
    again = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "one")])
    assert again.exit_code == 2
    assert "raci-small-to-large.pptx" in again.output
    kept = Presentation(str(tmp_path / "one" / "raci-small-to-large.pptx"))
    assert kept.slides[0].shapes.title.text == "Rencana kami"


def test_without_pptx_compare_writes_no_deck_and_does_not_import_python_pptx(tmp_path: Path) -> None:
    args = ["compare", "--from", "small", "--to", "medium", "--out", str(tmp_path), "--quiet"]
    assert packages_loaded_by(args, "pptx") == []
    assert not list(tmp_path.glob("*.pptx"))


@pytest.mark.parametrize(
    ("matrix", "size", "lang"), [("kopi-senja-cafe.csv", "small", "en"), ("sinar-jaya-id.csv", "medium", "id")]
)
def test_a_matrix_made_elsewhere_gets_a_plan_deck_that_says_what_its_json_says(
    tmp_path: Path, matrix: str, size: str, lang: str
) -> None:
    source = ROOT / "tests" / "data" / "matrices" / matrix
    plan, deck = plan_and_deck(tmp_path, "--from", str(source), "--to", size, "--lang", lang)
    t = Translator(lang)
    (step,) = plan["steps"]
    found = sections(step_slides(deck, step["sentences"]["heading"]), t)
    for section, key in SECTIONS.items():
        facts = step["sentences"]["agreement"] if key == "agreement" else step[key] or []
        assert len(listed(found, section)) == len(facts), section
    shares = [slide for slide in deck.slides if title(slide) == t("The shares before and after")]
    if step["scope"]["out"]:  # the cafe: said first, no hire, no shares of work the plan does not cover
        assert step["hires"] == []
        assert step["withheld"]
        assert found["What changes"][0] == f"= {plan['opening'][0]}"
        assert shares == []
        assert load_rows(deck, t, 1) == []  # its own roles stay: no load of the size's roles
    else:
        assert len(shares) == 1
        assert len(load_rows(deck, t, 1)) == len(step["load"])
    boxes = text_boxes(deck)
    assert [name for _, name, lines, room, tall in boxes if lines and not fit.fits(lines, room, tall + 1)] == []
