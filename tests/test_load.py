"""Load (letters weighted, per role and per person) and the communication plan (whom to ask before, whom
to tell after): the page, the workbook and `raci check --format json` say the same figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import openpyxl
import pytest

from tests.helpers import read_raci, run

DATA = Path(__file__).parent / "data"

# How a client writes its people: two roles for one person (the owner also heads marketing), an
# Indonesian title, one role no one is named for.
ROLES = """role,title,person
ceo,Direktur Utama,Sari Dewi
sales_lead,Kepala Penjualan,Budi Santoso
marketing_exec,Marketing Executive,Sari Dewi
"""


def _generate(tmp_path: Path, *args: str) -> tuple[Path, Path]:
    out = tmp_path / "out"
    code, _, err = run("generate", "--out", str(out), "-q", *args)
    assert code == 0, err
    (workbook,) = out.glob("*.xlsx")
    return workbook, workbook.with_suffix(".html")


def _check_json(path: Path, *args: str) -> dict[str, Any]:
    code, out, err = run("check", str(path), "--format", "json", *args)
    assert code in (0, 1), err
    data: dict[str, Any] = json.loads(out)
    return data


def _roles_sheet(workbook: Path) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(workbook)["Roles"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _page(html: Path) -> Any:
    return lxml.html.fromstring(html.read_bytes())


def test_load_agrees_in_the_page_the_workbook_and_the_json(tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text(ROLES, encoding="utf-8")
    workbook, html = _generate(tmp_path, "--size", "small", "--roles", str(roles))
    load = _check_json(workbook)["load"]

    assert load["weights"] == {"A": 3, "R": 4, "A/R": 7, "C": 2, "I": 1}
    by_role = {entry["role"]: entry for entry in load["roles"]}
    assert load["total"] == sum(entry["points"] for entry in load["roles"])
    for entry in load["roles"]:
        weighted = sum(load["weights"][letter] * count for letter, count in entry["counts"].items())
        assert entry["points"] == weighted
    sari = next(person for person in load["people"] if person["person"] == "Sari Dewi")
    assert sorted(sari["roles"]) == ["Direktur Utama", "Marketing Executive"]
    assert sari["points"] == by_role["Direktur Utama"]["points"] + by_role["Marketing Executive"]["points"]

    sheet = {row["Role"]: row for row in _roles_sheet(workbook)}
    assert set(sheet) == set(by_role)
    for title, entry in by_role.items():
        row = sheet[title]
        assert row["Load"] == entry["points"]
        assert row["Share of load"] == pytest.approx(entry["share"])
        person = next(p for p in load["people"] if title in p["roles"])
        assert row["Person's load"] == person["points"]
        assert bool(row["Flag"] and "over the limit" in row["Flag"]) == person["over"]

    bars = _page(html).xpath("//ul[@id='load-bars']/li")
    assert [(bar.get("data-person"), int(bar.get("data-points"))) for bar in bars] == [
        (person["person"], person["points"]) for person in load["people"]
    ]
    for bar, person in zip(bars, load["people"], strict=True):
        assert float(bar.get("data-share")) == pytest.approx(person["share"], abs=1e-4)
        assert ("over" in bar.get("class").split()) == person["over"]


def test_a_person_over_the_limit_is_flagged_and_the_limit_comes_from_the_profile(tmp_path: Path) -> None:
    # Budi heads sales and, the client says, marketing too: the small firm's limit is 45% of all points.
    roles = tmp_path / "roles.csv"
    roles.write_text("role,title,person\nsales_lead,Kepala Penjualan,Budi\nmarketing_exec,Pemasaran,Budi\n", "utf-8")
    workbook, html = _generate(tmp_path, "--size", "small", "--roles", str(roles))
    load = _check_json(workbook)["load"]
    budi = next(person for person in load["people"] if person["person"] == "Budi")
    assert load["limit"] == 0.45
    assert budi["share"] > 0.45
    assert budi["over"]
    assert [person["person"] for person in load["people"] if person["over"]] == ["Budi"]
    flagged = _page(html).xpath("//ul[@id='load-bars']/li[contains(concat(' ', @class, ' '), ' over ')]")
    assert [bar.get("data-person") for bar in flagged] == ["Budi"]
    assert "over the limit of 45%" in flagged[0].text_content()


def test_weights_limit_and_cadence_are_the_profiles_and_a_role_with_nothing_to_do_is_flagged(tmp_path: Path) -> None:
    profile = tmp_path / "mini.toml"
    profile.write_text(
        (DATA / "mini_profile.toml").read_text(encoding="utf-8")
        + '\n[[roles]]\nkey = "advisor"\ntitle = "Advisor"\nfunction = "finance"\n'
        + "\n[load]\nweights = { R = 10, C = 0 }\nlimit = 0.9\n"
        + '\n[communication]\ncadence = "quarterly"\nforum = "forum"\n',
        encoding="utf-8",
    )
    data = _check_json(DATA / "mini.csv", "--profile", str(profile))
    load = data["load"]
    assert load["weights"] == {"A": 3, "R": 10, "A/R": 7, "C": 0, "I": 1}
    assert load["limit"] == 0.9
    assert not any(person["over"] for person in load["people"])
    idle = [entry["role"] for entry in load["roles"] if entry["idle"]]
    assert idle == ["Advisor"]
    assert data["communication"]["cadence"] == "quarterly"

    workbook, html = _generate(tmp_path, str(DATA / "mini.csv"), "--profile", str(profile))
    assert {row["Role"]: row["Flag"] for row in _roles_sheet(workbook)}["Advisor"] == "nothing to do"
    page = _page(html)
    assert "Advisor" in page.get_element_by_id("idle-roles").text_content()
    assert "quarterly, in a sales and marketing forum" in page.get_element_by_id("communication-section").text_content()


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("[load]\nlimit = 2\n", "load.limit must be a fraction between 0 and 1"),
        ("[load]\nweights = { X = 3 }\n", "load.weights: 'X' is not a RACI letter"),
        ('[load]\nweights = { A = "three" }\n', "load.weights.A must be a whole number"),
        ('[communication]\ncadence = "hourly"\n', "communication.cadence 'hourly' is not one raci knows"),
    ],
)
def test_a_bad_load_or_communication_table_is_one_line_naming_the_file(tmp_path: Path, body: str, said: str) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text((DATA / "mini_profile.toml").read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("generate", str(DATA / "mini.csv"), "--profile", str(profile), "--out", str(out))
    assert code == 2
    assert said in err
    assert "bad.toml" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def _plan_in_workbook(workbook: Path) -> dict[tuple[str, str, str], list[str]]:
    ws = openpyxl.load_workbook(workbook)["Communication"]
    rows = list(ws.iter_rows(values_only=True))
    found = {}
    for row in rows[1:]:
        if row[0]:
            found[(row[0], row[2], row[3])] = row[6].split(", ")
    return found


def test_the_communication_plan_agrees_in_the_page_the_workbook_and_the_json(tmp_path: Path) -> None:
    workbook, html = _generate(tmp_path, "--size", "medium")
    plan = _check_json(workbook)["communication"]
    assert (plan["cadence"], plan["forum"]) == ("fortnightly", "team-meeting")
    expected = {}
    for entry in plan["roles"]:
        for kind, when in (("consult", "Before deciding, ask"), ("inform", "After, tell")):
            for contact in entry[kind]:
                expected[(entry["role"], when, contact["role"])] = contact["ids"]
    assert expected
    assert _plan_in_workbook(workbook) == expected

    page = _page(html)
    shown = {}
    keys = {entry["key"]: entry["role"] for entry in plan["roles"]}
    for article in page.xpath("//section[@id='communication-section']//article"):
        for item in article.xpath(".//li[@data-kind]"):
            when = "Before deciding, ask" if item.get("data-kind") == "consult" else "After, tell"
            ids = item.xpath(".//span[@class='talk-ids']")[0].text_content().split(", ")
            shown[(keys[article.get("data-role")], when, item.xpath(".//strong")[0].text_content())] = ids
    assert shown == expected


def test_the_communication_plan_follows_the_letters_and_the_size(tmp_path: Path) -> None:
    # Each C of a row is asked by the row's Accountable, each I told by it.
    startup = _check_json(DATA / "mini.csv", "--size", "startup")
    large = _check_json(DATA / "mini.csv", "--size", "large")
    assert (startup["communication"]["cadence"], startup["communication"]["forum"]) == ("weekly", "catch-up")
    assert (large["communication"]["cadence"], large["communication"]["forum"]) == ("monthly", "forum")

    workbook, _ = _generate(tmp_path, "--size", "small")
    header, rows = read_raci(workbook)
    roles = [
        title for title in header[3:] if title in {entry["role"] for entry in _check_json(workbook)["load"]["roles"]}
    ]
    first = header.index(roles[0])
    expected: dict[tuple[str, str, str], list[str]] = {}
    for row in rows:
        letters = dict(zip(roles, row[first : first + len(roles)], strict=True))
        for decider in [role for role, letter in letters.items() if letter in ("A", "A/R")]:
            for other, letter in letters.items():
                if letter in ("C", "I"):
                    expected.setdefault((decider, letter, other), []).append(row[0])
    plan = _check_json(workbook)["communication"]
    found = {
        (entry["role"], letter, contact["role"]): contact["ids"]
        for entry in plan["roles"]
        for letter, kind in (("C", "consult"), ("I", "inform"))
        for contact in entry[kind]
    }
    assert found == expected


def test_the_communication_sheet_and_section_speak_indonesian(tmp_path: Path) -> None:
    workbook, html = _generate(tmp_path, "--size", "large", "--lang", "id")
    ws = openpyxl.load_workbook(workbook)["Komunikasi"]
    header = [cell.value for cell in ws[1]]
    assert header[:4] == ["Peran", "Personel", "Kapan", "Siapa"]
    section = _page(html).get_element_by_id("communication-section").text_content()
    assert "Sebelum memutuskan, tanyakan" in section
    assert "bulanan" in section.lower()


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ("rasci", {"R": 4, "A": 3, "A/R": 7, "S": 2, "C": 2, "I": 1}),
        ("daci", {"D": 4, "A": 3, "A/D": 7, "R": 4, "A/R": 7, "C": 2, "I": 1}),
    ],
)
def test_every_letter_of_another_scheme_weighs_what_it_means(
    tmp_path: Path, scheme: str, expected: dict[str, int]
) -> None:
    workbook, html = _generate(tmp_path, "--size", "medium", "--scheme", scheme)
    load = _check_json(workbook)["load"]
    assert load["weights"] == expected
    for entry in load["roles"]:
        assert entry["points"] == sum(expected[letter] * count for letter, count in entry["counts"].items())
    assert load["total"] == sum(entry["points"] for entry in load["roles"]) > 0
    bars = _page(html).xpath("//ul[@id='load-bars']/li")
    assert [int(bar.get("data-points")) for bar in bars] == [person["points"] for person in load["people"]]
