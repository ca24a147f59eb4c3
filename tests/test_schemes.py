"""RASCI, DACI and RAPID: generated, checked by each scheme's own rules, read back, and read from
matrices made elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from raci.core.convert import from_daci, from_rapid, is_decision, to_daci, to_rapid
from raci.inputs.matrix import read_matrix
from raci.inputs.profiles import builtin_profile
from raci.inputs.workbook import read_workbook
from raci.jobs.generate import generate
from raci.scheme import DACI, RACI, RAPID, RASCI, SCHEMES
from tests.helpers import run
from tests.htmltools import parse

DATA = Path(__file__).parent / "data"
SIZES = ("startup", "small", "medium", "large")


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("lang", ["en", "id"])
def test_each_scheme_is_generated_checked_by_its_rules_and_read_back(tmp_path: Path, scheme: str, lang: str) -> None:
    from dataclasses import replace

    profile = builtin_profile("medium")
    outcome = generate(tmp_path, replace(profile, scheme=SCHEMES[scheme]), lang=lang)
    written = outcome.report.matrix
    assert written.scheme is SCHEMES[scheme]
    letters = {letter for row in written.rows for letter in row.letters if letter}
    assert letters <= set(SCHEMES[scheme].letters)

    read, problems = read_workbook(outcome.workbook)
    assert read.scheme is SCHEMES[scheme]
    assert not problems
    assert read.to_frame().equals(written.to_frame())
    book = openpyxl.load_workbook(outcome.workbook)
    data = book["_raci"]
    assert isinstance(data, Worksheet)
    assert (data["C1"].value, data["D1"].value) == ("scheme", SCHEMES[scheme].name)
    dropdown = book["RACI"].data_validations.dataValidation[0]
    assert dropdown.formula1 == '"' + ",".join(SCHEMES[scheme].letters) + '"'

    page, errors = parse(outcome.summary.read_text(encoding="utf-8"))
    assert not errors
    legend = page.by_id("legend")
    assert [item.attrs["data-letter"] for item in legend.find_all("li")] == list(SCHEMES[scheme].letters)
    cells = {cell.text() for cell in page.by_id("matrix").find_all("td", class_="letter") if cell.text()}
    assert cells == letters
    heads = page.by_id("workload").find_all("th", class_="num")
    assert [head.attrs["data-letter"] for head in heads] == list(SCHEMES[scheme].letters)
    signs = page.by_id("workload").find("th", class_="bar-cell").text()
    owners = [letter for letter in SCHEMES[scheme].letters if letter in SCHEMES[scheme].accountable]
    raci_words = "(A atau A/R)" if lang == "id" else "(A or A/R)"
    assert signs.endswith(raci_words if scheme == "raci" else f"({', '.join(owners)})")

    title = f"Matriks {SCHEMES[scheme].name} — " if lang == "id" else f"{SCHEMES[scheme].name} matrix — "
    assert str(book.worksheets[0]["A1"].value).startswith(title)  # the Summary's title names the scheme
    assert str(book["RACI"]["A1"].value).startswith(title)
    assert book.properties.title.startswith(title)
    assert page.find_all("title")[0].text().startswith(title)  # the page's own; the chart's bars have theirs
    assert page.find("h1").text().startswith(title)

    code, out, _ = run("check", str(outcome.workbook), "--format", "json")
    assert code == 0, out
    assert json.loads(out)["errors"] == 0


def test_daci_shows_decisions_its_way_and_says_which_rows_are_which(tmp_path: Path) -> None:
    code, out, err = run("generate", "--size", "small", "--scheme", "daci", "--out", str(tmp_path))
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("DACI for "))
    assert "decision rows (QT-01, QT-02" in line
    assert line.endswith("RACI for the other 36.")
    page, _ = parse((tmp_path / "raci-small.html").read_text(encoding="utf-8"))
    assert page.by_id("scheme-note").text() == line
    legend = openpyxl.load_workbook(tmp_path / "raci-small.xlsx")["Legend"]
    said = [cell for row in legend.iter_rows(values_only=True) for cell in row if str(cell).startswith("DACI for")]
    assert len(said) == 1
    assert "DS-02, PM-09" in str(said[0])  # every decision row named, past the console's eight
    matrix, _ = read_workbook(tmp_path / "raci-small.xlsx")
    for row in matrix.rows:
        drives = any(letter in ("D", "A/D") for letter in row.letters)
        assert drives == is_decision(row.item), row.item.id
        if not drives:
            assert not set(row.letters) & {"D", "A/D"}


def test_the_profile_chooses_the_scheme_and_its_rules_may_write_s(tmp_path: Path) -> None:
    text = (DATA / "mini_profile.toml").read_text(encoding="utf-8")
    profile = tmp_path / "rasci.toml"
    rules = text.split("[[rules]]", 1)
    helper = '[[roles]]\nkey = "designer"\ntitle = "Freelance Designer"\nfunction = "marketing"\n\n'
    extra = '[[rules]]\nwhen = { area = "customer_service" }\nletters = { seller = "A/R", designer = "S" }\n\n'
    profile.write_text('scheme = "rasci"\n' + rules[0] + helper + "[[rules]]" + rules[1] + "\n" + extra)
    code, _, err = run("generate", str(DATA / "mini.csv"), "--profile", str(profile), "--out", str(tmp_path))
    assert code == 0, err
    matrix, _ = read_workbook(next(tmp_path.glob("raci-*.xlsx")))
    assert matrix.scheme is RASCI
    assert [(row.item.id, row.letters) for row in matrix.rows if "S" in row.letters] == [("C-1", ("", "A/R", "", "S"))]


def test_an_unknown_scheme_is_one_line_naming_the_schemes(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('scheme = "moscow"\n' + (DATA / "mini_profile.toml").read_text(encoding="utf-8"))
    code, _, err = run("generate", str(DATA / "mini.csv"), "--profile", str(profile), "--out", str(tmp_path))
    assert code == 2
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "scheme 'moscow'" in err
    assert "raci, rasci, daci, rapid" in err
    assert not list(tmp_path.glob("*.xlsx"))
    code, _, err = run("generate", "--scheme", "moscow", "--out", str(tmp_path))
    assert code == 2
    assert "rapid" in err


def test_a_rasci_matrix_made_elsewhere_is_told_from_its_legend_and_checked() -> None:
    path = DATA / "matrices" / "rasci-agency.csv"
    matrix, problems, _ = read_matrix(path)
    assert matrix.scheme is RASCI
    told = next(finding for finding in problems if finding.rule == "scheme-read")
    assert told.param("by") == "legend"
    assert "S = Supports (pendukung)" in told.param("legend")
    assert [row.letters for row in matrix.rows][1:3] == [("I", "C", "A/R", "S"), ("I", "C", "A", "S")]
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 1
    found = {(f["rule"], f["id"]) for f in json.loads(out)["findings"]}
    assert ("support-without-responsible", "MK-03") in found
    assert ("scheme-read", None) in found
    assert not {rule for rule, _ in found} & {"invalid-letter", "no-responsible", "idle-role"}  # S is work
    code, out, _ = run("check", str(path), "--lang", "id")
    assert "Dibaca sebagai RASCI" in out
    assert "MK-03 (Membuat materi promosi untuk pameran) punya pendukung (Desainer Lepas)" in out


def _daci_workbook(path: Path, legend: bool = True) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Keputusan"
    ws.append(["Decision log — Q3 go-to-market"])
    ws.append([])
    ws.append(["#", "Decision", "CEO", "Head of Sales", "Marketing Manager", "Finance Manager"])
    ws.append(["D-1", "Approve the annual marketing budget", "A", "C", "D", "C"])
    ws.append(["D-2", "Set list prices for the new range", "a", "D", "D", "C"])
    ws.append(["D-3", "Decide which distributors to sign", "A", "C ", "I", "C"])
    ws.append(["D-4", "Choose the trade show for next year", "I", "C", "D", ""])
    ws.append(["D-5", "Run the monthly pipeline review", "I", "A/R", "C", "I"])
    if legend:
        notes = book.create_sheet("Legend")
        for letter, words in (("D", "Driver"), ("A", "Approver"), ("C", "Contributor"), ("I", "Informed")):
            notes.append([letter, words])
    book.save(path)
    return path


def test_a_daci_matrix_made_elsewhere_is_read_and_checked_by_daci_rules(tmp_path: Path) -> None:
    path = _daci_workbook(tmp_path / "decisions.xlsx")
    matrix, problems, _ = read_matrix(path)
    assert matrix.scheme is DACI
    assert next(f for f in problems if f.rule == "scheme-read").param("by") == "legend"
    code, out, _ = run("check", str(path), "--format", "json")
    assert code == 1
    found = {(f["rule"], f["id"], f["role"]) for f in json.loads(out)["findings"] if f["severity"] == "error"}
    assert found == {
        ("multiple-drivers", "D-2", "Marketing Manager"),
        ("no-driver", "D-3", None),
        ("no-accountable", "D-4", None),
    }
    code, out, _ = run("check", str(path))
    assert "D-4 (Choose the trade show for next year) has no approver" in out
    assert "Decision D-3 (Decide which distributors to sign) has no driver" in out


def test_without_a_legend_the_letters_tell_daci_and_say_so(tmp_path: Path) -> None:
    matrix, problems, _ = read_matrix(_daci_workbook(tmp_path / "log.xlsx", legend=False))
    assert matrix.scheme is DACI
    told = next(f for f in problems if f.rule == "scheme-read")
    assert (told.param("by"), told.param("letters")) == ("letters", ("D", "A", "A/R", "C", "I"))


def test_rapid_is_told_from_its_legend_when_its_letters_fit_daci_too(tmp_path: Path) -> None:
    path = tmp_path / "rapid.csv"
    path.write_text(
        "Decision,COO,Head of Sales,Marketing Director,Legal\n"
        "Enter the Vietnamese market,D,R,I,A\n"
        "Approve the distributor contract,D,R,I,A\n"
        "\nR = Recommend,A = Agree,I = Input,D = Decide\n",
        encoding="utf-8",
    )
    matrix, _, _ = read_matrix(path)
    assert matrix.scheme is RAPID
    code, out, _ = run("check", str(path), "--format", "json")
    assert json.loads(out)["errors"] == 0
    idle = [f["role"] for f in json.loads(out)["findings"] if f["rule"] == "idle-role"]
    assert idle == ["Marketing Director"]  # only input; Legal, which must agree, is not idle
    code, out, _ = run("check", str(path), "--scheme", "raci", "--format", "json")
    assert code == 1
    errors = [(f["rule"], f["role"]) for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert errors == [("invalid-letter", "COO")] * 2


@pytest.mark.parametrize(
    ("raci", "daci"),
    [
        (("A", "R", "C", "I"), ("A", "D", "C", "I")),
        (("A/R", "", "C", "I"), ("A/D", "", "C", "I")),
        (("A", "R", "R", "I"), ("A", "D", "C", "I")),  # one driver: the other doer contributes
        (("A/R", "R", "", "I"), ("A", "D", "", "I")),
    ],
)
def test_raci_to_daci_on_a_decision_and_back_where_reversible(raci: tuple[str, ...], daci: tuple[str, ...]) -> None:
    assert to_daci(raci) == daci
    assert to_daci(daci) == daci
    reversible = sum(letter in RACI.responsible for letter in raci) <= 1
    assert (from_daci(daci) == raci) is reversible


@pytest.mark.parametrize(
    ("raci", "decision", "rapid"),
    [
        (("A", "R", "C", ""), True, ("D", "R", "I", "")),
        (("A", "R", "R", "C"), True, ("D", "R", "P", "I")),
        (("A", "R", "R", "C"), False, ("D", "P", "P", "I")),
        (("A/R", "", "C", ""), False, ("D", "", "I", "")),
        (("A", "R", "I", ""), False, ("D", "P", "", "")),  # RAPID keeps no informed: not reversible
    ],
)
def test_raci_to_rapid_and_back_where_reversible(raci: tuple[str, ...], decision: bool, rapid: tuple[str, ...]) -> None:
    assert to_rapid(raci, decision) == rapid
    reversible = "I" not in raci
    assert (from_rapid(rapid) == raci) is reversible


def test_a_letter_outside_the_scheme_is_named_with_the_schemes_letters(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    text = (Path(__file__).parent.parent / "docs" / "examples" / "clients" / "decision-log.csv").read_text()
    path.write_text(
        text.replace("D-5,Run the monthly pipeline review,I,A/R,C,I", "D-5,Run the pipeline review,I,A/R,X,I")
    )
    code, out, _ = run("check", str(path))
    assert code == 1
    assert "E8: 'X' is not a DACI letter; use D, A, A/D, R, A/R, C, I, or leave the cell empty." in out
    code, out, _ = run("check", str(path), "--lang", "id")
    assert "E8: 'X' bukan huruf DACI; gunakan D, A, A/D, R, A/R, C, I, atau kosongkan selnya." in out


def test_the_legend_sheet_says_which_letters_flag_a_row(tmp_path: Path) -> None:
    from dataclasses import replace

    outcome = generate(tmp_path, replace(builtin_profile("small"), scheme=RAPID))
    book = openpyxl.load_workbook(outcome.workbook)
    notes = [cell for row in book["Legend"].iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert "On the RACI sheet an ID turns red when its row does not hold exactly one of D." in notes


@pytest.mark.parametrize("size", ["startup", "small", "medium"])
def test_the_sales_and_marketing_checks_read_each_schemes_owner_letter(tmp_path: Path, size: str) -> None:
    """Sales answering for marketing strategy is the same finding whether the owner writes A, A/D or D."""
    from dataclasses import replace

    from raci.core.checks import run_checks
    from raci.core.report import build_report
    from raci.inputs.catalog import read_catalogue
    from raci.inputs.profiles import builtin_profiles
    from raci.resources import default_catalogue

    catalogue = read_catalogue(default_catalogue())
    found = {}
    for scheme in SCHEMES.values():
        profile = replace(builtin_profile(size), scheme=scheme)
        matrix = build_report(catalogue, profile, sizes=builtin_profiles()).matrix
        found[scheme.name] = [
            (f.rule, f.id, f.role, f.severity)
            for f in run_checks(matrix)
            if f.rule in ("sales-sets-marketing-strategy", "marketing-carries-quota", "role-overloaded")
        ]
    assert found["RACI"]
    assert found["RASCI"] == found["DACI"] == found["RAPID"] == found["RACI"]


def test_a_profile_written_in_rapids_own_letters_is_taken_as_written(tmp_path: Path) -> None:
    profile = tmp_path / "rapid.toml"
    text = (DATA / "mini_profile.toml").read_text(encoding="utf-8")
    text = text.replace(
        'letters = { seller = "A", marketer = "R" }', 'letters = { seller = "D", marketer = "R", boss = "A" }'
    )
    profile.write_text('scheme = "rapid"\n' + text, encoding="utf-8")
    code, _, err = run("generate", str(DATA / "mini.csv"), "--profile", str(profile), "--out", str(tmp_path))
    assert code == 0, err
    matrix, _ = read_workbook(tmp_path / "raci-mini.xlsx")
    assert matrix.scheme is RAPID
    assert next(row.letters for row in matrix.rows if row.item.id == "P-2") == ("A", "D", "R")


def test_the_load_and_the_communication_plan_read_each_schemes_letters(tmp_path: Path) -> None:
    """A RAPID D weighs as what it means and nobody in RAPID is only told (its A must agree)."""
    from dataclasses import replace

    from raci.core.communication import communication_plan
    from raci.core.load import compute_load, weights
    from raci.core.report import build_report
    from raci.inputs.catalog import read_catalogue
    from raci.inputs.profiles import builtin_profiles
    from raci.resources import default_catalogue

    catalogue = read_catalogue(default_catalogue())
    reports = {
        scheme.name: build_report(
            catalogue, replace(builtin_profile("medium"), scheme=scheme), sizes=builtin_profiles()
        )
        for scheme in SCHEMES.values()
    }
    raci, rapid = (compute_load(reports[name].matrix) for name in ("RACI", "RAPID"))
    weighed = weights(RAPID)
    for before, after in zip(raci.roles, rapid.roles, strict=True):
        assert after.points > 0
        decided = after.counts["D"]
        assert decided == before.counts["A"] + before.counts["A/R"]
        assert after.points >= decided * weighed["D"]
    assert weighed["D"] > weighed["I"] > 0
    assert communication_plan(reports["RAPID"].matrix).notices == 0
    assert communication_plan(reports["RACI"].matrix).notices > 0
    assert communication_plan(reports["DACI"].matrix).notices == communication_plan(reports["RACI"].matrix).notices


@pytest.mark.parametrize(
    ("scheme", "lang", "letters"), [("rapid", "en", "D"), ("daci", "en", "A, A/D, A/R"), ("rapid", "id", "D")]
)
def test_the_headline_names_the_letters_that_sign_off_in_the_scheme(
    tmp_path: Path, scheme: str, lang: str, letters: str
) -> None:
    """In RAPID an A agrees and D decides: the shares' captions, the footer and the workbook's Summary name the
    scheme's own sign-off letters, never RACI's "A or A/R"."""
    from click.testing import CliRunner

    from raci.cli import main

    result = CliRunner().invoke(main, ["generate", "--scheme", scheme, "--lang", lang, "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "raci-small.html").read_text(encoding="utf-8")
    assert "A or A/R" not in page
    assert "A atau A/R" not in page
    assert page.count(f"({letters})") >= 3  # the sales-led and marketing-led captions and the footer
    book = openpyxl.load_workbook(tmp_path / "raci-small.xlsx", read_only=True)
    summary = " ".join(str(cell) for row in book.worksheets[0].iter_rows(values_only=True) for cell in row if cell)
    assert "A or A/R" not in summary
    assert "A atau A/R" not in summary
    assert f"({letters})" in summary


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_deck_and_the_growth_plan_name_the_scheme_and_its_sign_off_letters(tmp_path: Path, lang: str) -> None:
    """A RAPID deck is titled a RAPID matrix, and a plan to a RAPID profile says D signs off, not "A or A/R"."""
    from pptx import Presentation

    code, _, err = run("generate", "--scheme", "rapid", "--pptx", "--lang", lang, "--out", str(tmp_path), "-q")
    assert code == 0, err
    deck = Presentation(str(tmp_path / "raci-small.pptx"))
    title = "Matriks RAPID — " if lang == "id" else "RAPID matrix — "
    assert deck.core_properties.title.startswith(title)
    first = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert any(text.startswith(title) for text in first)

    profile = tmp_path / "large-rapid.toml"
    builtin = Path(__file__).parent.parent / "raci" / "profiles" / "large.toml"
    profile.write_text('scheme = "rapid"\n' + builtin.read_text(encoding="utf-8"), encoding="utf-8")
    out = str(tmp_path)
    code, _, err = run("compare", "--from", "medium", "--to", str(profile), "--lang", lang, "--out", out, "-q")
    assert code == 0, err
    plan = (tmp_path / "raci-medium-to-large.html").read_text(encoding="utf-8")
    assert "A or A/R" not in plan
    assert "A atau A/R" not in plan
    assert plan.count("(D)") >= 2  # the moves' introduction and the key to the groups
