"""The language of the outputs changes their words, never what raci decides.

`--lang` picks the words of every file; the letters of a matrix, what `check` finds and what a growth plan
moves, hires, merges and hands over are read from the input alone. Each test runs the same command in
every language raci speaks and compares the JSON (or the long CSV) with the words taken out: the
sentences, and each built-in role's title, which is shown in the reader's language, replaced by its key.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from raci.cli import main
from raci.i18n import LANGUAGES, Translator
from raci.inputs.profiles import builtin_profiles
from raci.resources import default_catalogue

from .conftest import DATA

MATRICES = DATA / "matrices"
CATALOGUES = DATA / "catalogues"
# keys whose values are words in the reader's language; every other value is a fact
WORDS = frozenset({"sentences", "opening", "message", "advice", "why", "fix", "lang", "files"})


def _titles() -> dict[str, str]:
    """Each built-in role's title, in every language raci speaks, to its key."""
    found: dict[str, str] = {}
    for profile in builtin_profiles():
        for role in profile.roles:
            for lang in LANGUAGES:
                found.setdefault(Translator(lang)(role.title), role.key)
    return found


TITLES = _titles()


def facts(value: Any) -> Any:
    """`value` without its words: no sentences, and a built-in role named by its key, not its title."""
    if isinstance(value, dict):
        return {key: facts(item) for key, item in value.items() if key not in WORDS}
    if isinstance(value, list):
        return [facts(item) for item in value]
    if isinstance(value, str):
        return TITLES.get(value, value)
    return value


def run(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    """The exit code and JSON of one command, its files (if it writes any) in a folder of its own."""
    out = ["--out", str(tmp_path)] if args[0] != "check" else []
    result = CliRunner().invoke(main, [*args, "--format", "json", *out])
    assert result.exit_code in (0, 1), result.output  # check exits 1 on a matrix with errors
    data: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, data


def in_every_language(tmp_path: Path, *args: str) -> dict[str, dict[str, Any]]:
    """The JSON of one command in every language; its exit code is the same in each."""
    runs = {lang: run(tmp_path / lang, *args, "--lang", lang) for lang in LANGUAGES}
    assert len({code for code, _ in runs.values()}) == 1, {lang: code for lang, (code, _) in runs.items()}
    return {lang: data for lang, (_, data) in runs.items()}


@pytest.mark.parametrize(
    ("source", "goal"),
    [
        ("sinar-jaya-id.csv", "small"),  # an Indonesian distributor: a Sales Director and a Kepala Penjualan
        ("sinar-jaya-id.csv", "medium"),
        ("sinar-jaya-id.csv", "large"),
        ("sme-id.xlsx", "medium"),  # an Indonesian workbook: Direktur, Salesman, Staf Pemasaran
        ("action-export-long.csv", "medium"),  # an English tool's export: its Marketing Manager stays one
        ("crm-export-long.csv", "large"),
        ("agency-deliverables.csv", "large"),
    ],
)
def test_a_plan_from_a_clients_matrix_is_the_same_in_every_language(tmp_path: Path, source: str, goal: str) -> None:
    """Who continues, who merges, who is hired, which rows move, the handovers, the guardrails, the
    agreement, the load and the shares: the Indonesian plan of a matrix decides what the English one does."""
    plans = in_every_language(tmp_path, "compare", "--from", str(MATRICES / source), "--to", goal)
    english = facts(plans["en"])
    for lang, plan in plans.items():
        assert facts(plan) == english, lang


def test_the_bundled_indonesian_matrix_moves_7_of_18_in_every_language(tmp_path: Path) -> None:
    """The case that was wrong: the Indonesian plan said 11 of the 18 rows get a new Accountable role, the
    English one 7. Every file says it from the same facts, so the sentence says the same number too."""
    plans = in_every_language(tmp_path, "compare", "--from", str(MATRICES / "sinar-jaya-id.csv"), "--to", "medium")
    for lang, plan in plans.items():
        (step,) = plan["steps"]
        assert (plan["total"], plan["changed"], step["changed"]) == (18, 7, 7), lang
        counts = " ".join(step["sentences"]["counts"])
        assert ("7 of the 18" if lang == "en" else "7 dari 18") in counts, lang


@pytest.mark.parametrize(
    ("catalogue", "start", "goal"),
    [
        ("fmcg-id", "startup", "large"),  # an Indonesian distributor's own list
        ("saas-en", "startup", "large"),  # an English software firm's
        ("saas-en", "large", "small"),  # going down in size
    ],
)
def test_a_plan_between_sizes_is_the_same_in_every_language(
    tmp_path: Path, catalogue: str, start: str, goal: str
) -> None:
    csv_path = str(CATALOGUES / catalogue / "catalogue.csv")
    plans = in_every_language(tmp_path, "compare", csv_path, "--from", start, "--to", goal)
    assert facts(plans["id"]) == facts(plans["en"])


def test_the_clients_own_titles_are_judged_as_written_in_every_language(tmp_path: Path) -> None:
    """With --roles, the client's "Direktur Utama" is the managing director already (no new title to tell),
    and its "Direktur Penjualan" becomes the Head of Sales, whichever language the plan is written in."""
    roles, rows = str(DATA / "roles.csv"), str(default_catalogue("en"))  # one catalogue for both languages
    plans = in_every_language(tmp_path, "compare", rows, "--from", "small", "--to", "medium", "--roles", roles)
    assert facts(plans["id"]) == facts(plans["en"])
    for lang, plan in plans.items():
        (step,) = plan["steps"]
        kinds = {change["role"]: change["kind"] for change in step["promotions"]}
        assert kinds["Direktur Utama"] == "same", lang
        assert kinds["Direktur Penjualan"] == "promotion", lang


@pytest.mark.parametrize("source", ["sinar-jaya-id.csv", "sme-id.xlsx", "crm-export-long.csv", "bank-analytics.xlsx"])
def test_check_finds_the_same_in_every_language(tmp_path: Path, source: str) -> None:
    """The findings (their codes, severities and figures), the roles read and their load are the same."""
    checks = in_every_language(tmp_path, "check", str(MATRICES / source))
    assert checks["en"]["findings"], "a check with nothing to find proves nothing"
    assert facts(checks["id"]) == facts(checks["en"])


@pytest.mark.parametrize(("catalogue", "size"), [("retail-id", "medium"), ("telco-en", "startup"), ("b2b-id", "large")])
def test_check_of_a_list_finds_the_same_in_every_language(tmp_path: Path, catalogue: str, size: str) -> None:
    """A client's list checked under a size: the matrix built, its findings and its uncertain rows are the
    same whichever language the report speaks."""
    csv_path = str(CATALOGUES / catalogue / "catalogue.csv")
    checks = in_every_language(tmp_path, "check", csv_path, "--size", size)
    assert checks["en"]["findings"], "a check with nothing to find proves nothing"
    assert checks["en"]["inferred"], "each row's reading (its kind, area, home) is a fact to compare"
    assert facts(checks["id"]) == facts(checks["en"])


def letters(folder: Path) -> dict[tuple[str, str], str]:
    """Each (row, role) letter of the long CSV `generate --csv-long` wrote in `folder`."""
    (path,) = folder.glob("*.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {(row["id"], row["role_key"]): row["letter"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize("catalogue", ["fmcg-id", "properti-id", "saas-en", "manufacturer-en", ""])
@pytest.mark.parametrize("size", ["startup", "small", "medium", "large"])
def test_generate_gives_the_same_letters_in_every_language(tmp_path: Path, catalogue: str, size: str) -> None:
    """An Indonesian client's contracts are signed by its directors because its rows are Indonesian, not
    because the report is: the same catalogue gets the same letters whatever --lang says. Without a
    catalogue each language has the bundled one in its words, and the two give the same letters too."""
    given = [str(CATALOGUES / catalogue / "catalogue.csv")] if catalogue else []
    found = {}
    for lang in LANGUAGES:
        out = tmp_path / lang
        args = ["generate", *given, "--size", size, "--csv-long", "--lang", lang, "--out", str(out), "--quiet"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        found[lang] = letters(out)
    assert any(found["en"].values()), "a matrix without letters proves nothing"
    assert found["id"] == found["en"]


def test_a_roles_file_may_name_a_role_by_its_title_in_any_language(tmp_path: Path) -> None:
    """An Indonesian team's --roles file names "Kepala Penjualan"; an English report takes it as an
    Indonesian one does, instead of refusing the role as unknown."""
    mapping = tmp_path / "peran.csv"
    mapping.write_text("role,title,person\nKepala Penjualan,Direktur Penjualan,Budi Santoso\n", encoding="utf-8")
    found = {}
    for lang in LANGUAGES:
        out = tmp_path / lang
        args = ["generate", "--size", "small", "--roles", str(mapping), "--csv-long", "--lang", lang]
        result = CliRunner().invoke(main, [*args, "--out", str(out), "--quiet"])
        assert result.exit_code == 0, result.output
        (path,) = out.glob("*.csv")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        found[lang] = {(row["id"], row["role_key"]): row["letter"] for row in rows}
        assert {row["role"] for row in rows if row["role_key"] == "sales_lead"} == {"Direktur Penjualan"}, lang
        assert {row["person"] for row in rows if row["role_key"] == "sales_lead"} == {"Budi Santoso"}, lang
    assert found["id"] == found["en"]


def test_a_roles_file_merges_the_same_roles_in_every_language(tmp_path: Path) -> None:
    """A firm whose president director also heads sales titles its head of sales "Direktur Utama", the
    managing director's Indonesian title: both reports merge the two into one role wearing both hats and
    keep the client's title, where only the Indonesian one merged them (the English kept two roles)."""
    mapping = tmp_path / "peran.csv"
    mapping.write_text("role,title,person\nhead_sales,Direktur Utama,Hendra Gunawan\n", encoding="utf-8")
    found = {}
    for lang in LANGUAGES:
        out = tmp_path / lang
        args = ["generate", "--size", "medium", "--roles", str(mapping), "--csv-long", "--lang", lang]
        result = CliRunner().invoke(main, [*args, "--out", str(out), "--quiet"])
        assert result.exit_code == 0, result.output
        (path,) = out.glob("*.csv")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        found[lang] = {(row["id"], row["role_key"]): row["letter"] for row in rows}
        merged = {(row["role"], row["other_hats"], row["person"]) for row in rows if row["role_key"] == "ceo"}
        assert merged == {("Direktur Utama", "sales", "Hendra Gunawan")}, lang
        assert "head_sales" not in {row["role_key"] for row in rows}, lang
    assert found["id"] == found["en"]
