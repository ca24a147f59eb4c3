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
    """The Communication sheet read back: (person, when, whom) -> row ids; "Decides on" lines have no whom."""
    ws = openpyxl.load_workbook(workbook)["Communication"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:7] == ("Person", "Roles", "When", "Whom", "Their roles", "Rows", "IDs")
    found = {}
    for row in rows[1:]:
        if row[0]:
            assert row[5] == len(row[6].split(", "))
            found[(row[0], row[2], row[3] or "")] = row[6].split(", ")
    return found


def _plan_in_page(html: Path) -> dict[tuple[str, str, str], list[str]]:
    """The communication section of a page read back, alike; on the page to explore, the shown view's."""
    page = _page(html)
    section = page.get_element_by_id("communication-section")
    shown = page.xpath("//main/@data-view")
    if shown:
        (section,) = section.xpath(f"./div[@data-s='{shown[0]}']")
    found = {}
    for article in section.xpath(".//article[@data-person]"):
        person = article.get("data-person")
        assert article.xpath("./h3")[0].text_content().startswith(person)
        (decides,) = article.xpath(".//p[@class='talk-decides']//span[@class='talk-ids']")
        found[(person, "Decides on", "")] = decides.text_content().split(", ")
        for item in article.xpath(".//li[@data-kind]"):
            when = "Before deciding, ask" if item.get("data-kind") == "consult" else "After, tell"
            assert item.xpath(".//strong")[0].text_content() == item.get("data-person")
            ids = item.xpath(".//span[@class='talk-ids']")[0].text_content().split(", ")
            found[(person, when, item.get("data-person"))] = ids
    return found


@pytest.mark.parametrize("people", [False, True], ids=["titles", "people"])
def test_the_communication_plan_agrees_in_the_page_the_workbook_and_the_json(tmp_path: Path, people: bool) -> None:
    # Without --roles each role is one person called by its title; with them Sari wears two hats.
    roles = tmp_path / "roles.csv"
    roles.write_text(ROLES, encoding="utf-8")
    args = ("--size", "small", "--roles", str(roles)) if people else ("--size", "medium")
    workbook, html = _generate(tmp_path, *args, "--interactive")
    plan = _check_json(workbook)["communication"]
    if not people:
        assert (plan["cadence"], plan["forum"]) == ("fortnightly", "team-meeting")
    expected = {}
    for entry in plan["by_person"]:
        expected[(entry["person"], "Decides on", "")] = entry["decides"]
        for kind, when in (("consult", "Before deciding, ask"), ("inform", "After, tell")):
            for contact in entry[kind]:
                expected[(entry["person"], when, contact["person"])] = contact["ids"]
    assert len(expected) > len(plan["by_person"])
    assert _plan_in_workbook(workbook) == expected
    assert _plan_in_page(html) == expected
    (explore,) = html.parent.glob("*-explore.html")
    assert _plan_in_page(explore) == expected

    # The per-role plan, merged per person, is the per-person plan.
    person = {entry["role"]: entry["person"] or entry["role"] for entry in plan["roles"]}
    person.update({entry["role"]: entry["person"] or entry["role"] for entry in _check_json(workbook)["load"]["roles"]})
    merged: dict[tuple[str, str, str], set[str]] = {}
    for entry in plan["roles"]:
        for kind, when in (("consult", "Before deciding, ask"), ("inform", "After, tell")):
            for contact in entry[kind]:
                whom = contact["person"] or contact["role"]
                if whom != person[entry["role"]]:
                    merged.setdefault((person[entry["role"]], when, whom), set()).update(contact["ids"])
    asked = {(key[0], key[2], id) for key, ids in merged.items() if key[1] == "Before deciding, ask" for id in ids}
    for key, ids in merged.items():
        if key[1] == "After, tell":
            ids.difference_update(id for id in list(ids) if (key[0], key[2], id) in asked)
    merged = {key: ids for key, ids in merged.items() if ids}
    assert merged == {key: set(ids) for key, ids in expected.items() if key[1] != "Decides on"}


def test_a_person_wearing_two_hats_is_one_entry_and_never_asks_themself(tmp_path: Path) -> None:
    # The founder also heads sales; Budi does marketing. On QT-01 the head of sales answers for the
    # quota and the founder is asked: Sari does not ask herself, and asks Budi and Finance once per row.
    roles = tmp_path / "roles.csv"
    roles.write_text(
        "role,title,person\nceo,Founder,Sari Dewi\nsales_lead,Head of Sales,Sari Dewi\n"
        "marketing_exec,Marketing Executive,Budi Santoso\n",
        encoding="utf-8",
    )
    workbook, html = _generate(tmp_path, "--size", "small", "--roles", str(roles))
    header, rows = read_raci(workbook)
    holder = {"Founder": "Sari Dewi", "Head of Sales": "Sari Dewi", "Marketing Executive": "Budi Santoso"}
    columns = {title: header.index(title) for title in ("Founder", "Head of Sales", "Sales Team")}
    columns.update({title: header.index(title) for title in ("Marketing Executive", "Finance & Admin")})
    decides, asked, told = [], {}, {}
    for row in rows:
        letters = {holder.get(title, title): set() for title in columns}
        for title, column in columns.items():
            letters[holder.get(title, title)].add(row[column])
        if not letters["Sari Dewi"] & {"A", "A/R"}:
            continue
        decides.append(row[0])
        for whom, held in letters.items():
            if whom != "Sari Dewi" and "C" in held:
                asked.setdefault(whom, []).append(row[0])
            elif whom != "Sari Dewi" and "I" in held:
                told.setdefault(whom, []).append(row[0])
    quota = next(row for row in rows if row[0] == "QT-01")
    assert (quota[columns["Head of Sales"]], quota[columns["Founder"]]) == ("A/R", "C")  # one hat asks the other
    assert "QT-01" in decides

    plan = _check_json(workbook)["communication"]
    sari = [entry for entry in plan["by_person"] if entry["person"] == "Sari Dewi"]
    assert len(sari) == 1
    assert sari[0]["roles"] == ["Founder", "Head of Sales"]
    assert sari[0]["decides"] == decides
    assert {c["person"]: c["ids"] for c in sari[0]["consult"]} == asked
    assert {c["person"]: c["ids"] for c in sari[0]["inform"]} == told
    # Per role, the head of sales still asks the founder: the same person, so not in her plan.
    head = next(entry for entry in plan["roles"] if entry["role"] == "Head of Sales")
    assert "Founder" in [contact["role"] for contact in head["consult"]]

    assert [key for key in _plan_in_workbook(workbook) if key[0] == "Sari Dewi" and key[2] == "Sari Dewi"] == []
    articles = _page(html).xpath("//section[@id='communication-section']//article[@data-person='Sari Dewi']")
    assert len(articles) == 1
    assert "Founder, Head of Sales" in articles[0].xpath("./h3")[0].text_content()
    assert articles[0].xpath(".//li[@data-person='Sari Dewi']") == []


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
    assert header[:5] == ["Personel", "Peran", "Kapan", "Siapa", "Peran mereka"]
    section = _page(html).get_element_by_id("communication-section").text_content()
    assert "Sebelum memutuskan, tanyakan" in section
    assert "Per orang, atas semua peran yang dipegangnya" in section
    assert "Memutuskan" in section
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
