"""The letter scheme is one value: another scheme reaches the reader, the checks and the workbook through it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from raci.core.checks import run_checks
from raci.inputs.letters import read_letter
from raci.model import Matrix, Profile, Responsibility, Role, Row, Rule, Severity
from raci.render.html import letter_class
from raci.scheme import RACI, Letter, Swatch
from tests.helpers import build_report, run

# RASCI: S (supports) helps the one who does the work, and is neither accountable nor responsible.
RASCI = replace(
    RACI,
    name="RASCI",
    letters=(*RACI.letters, "S"),
    ranked=(*RACI.ranked[:3], "S", *RACI.ranked[3:]),
    names=MappingProxyType({**RACI.names, "S": "Supports"}),
    meanings=MappingProxyType({**RACI.meanings, "S": "Supports: helps the one who does the work."}),
    parts=MappingProxyType({**RACI.parts, "S": "Helps"}),
    colours=MappingProxyType({**RACI.colours, "S": Swatch("#d8ecd4", "#24461f")}),
    words=MappingProxyType({**RACI.words, "S": ("supports", "support")}),
)
ROLES = (Role("boss", "Boss", "leadership"), Role("seller", "Seller", "sales"), Role("helper", "Helper", "marketing"))


def test_letters_are_the_strings_matrices_and_profiles_write() -> None:
    assert list(RACI.letters) == ["R", "A", "A/R", "C", "I"]
    assert Letter.AR == "A/R"
    assert f"{Letter.AR}" == "A/R"
    assert {"A", "A/R"} == RACI.accountable
    assert Severity.ERROR == "error"


def test_merging_two_roles_follows_the_scheme() -> None:
    """RACI's merges are tested with the roles file (test_roles.py); another scheme ranks its own letters."""
    assert RASCI.merge("S", "C") == "S"
    assert RASCI.merge("S", "R") == "R"
    assert RASCI.merge("R", "A") == "A/R"


def test_a_scheme_out_of_step_with_its_letters_is_refused() -> None:
    with pytest.raises(ValueError, match="S"):
        replace(RACI, letters=(*RACI.letters, "S"))


def test_another_scheme_reads_its_own_letters() -> None:
    assert read_letter("s", RASCI) == "S"
    assert read_letter("Supports", RASCI) == "S"
    assert read_letter("r & a", RASCI) == "A/R"
    assert read_letter("s", RACI) is None


def test_checks_ask_the_matrix_scheme_who_does_the_work() -> None:
    rule = Rule(when={}, letters={})
    profile = Profile("t", "Test", 1, None, "separate", ROLES, (rule,), scheme=RASCI)
    item = Responsibility("X-1", "pricing", "Set prices", "sales")
    supported = Matrix(profile, ROLES, (Row(item, ("A", "R", "S"), rule),))
    only_support = Matrix(profile, ROLES, (Row(item, ("A", "S", "C"), rule),))
    assert not [f for f in run_checks(supported) if f.severity == Severity.ERROR]
    assert [f.rule for f in run_checks(only_support) if f.severity == Severity.ERROR] == ["no-responsible"]


def test_the_workbook_lists_the_scheme_letters(tmp_path: Path) -> None:
    from raci.inputs.catalog import read_catalogue
    from raci.inputs.profiles import builtin_profile
    from raci.render.workbook import workbook_bytes
    from raci.resources import default_catalogue

    profile = replace(builtin_profile("small"), scheme=RASCI)
    report = build_report(read_catalogue(default_catalogue()), profile)
    path = tmp_path / "rasci.xlsx"
    path.write_bytes(workbook_bytes(report))
    book = openpyxl.load_workbook(path)
    roles, legend = book["Roles"], book["Legend"]
    assert isinstance(roles, Worksheet)
    assert isinstance(legend, Worksheet)
    header = [cell.value for cell in roles[1]]
    assert header[4:10] == ["R", "A", "A/R", "C", "I", "S"]
    meanings = {row[0]: row[1] for row in legend.iter_rows(values_only=True) if row[0] in RASCI.letters}
    assert meanings["S"] == "Supports: helps the one who does the work."
    dropdown = book["RACI"].data_validations.dataValidation[0]
    assert dropdown.formula1 == '"R,A,A/R,C,I,S"'


def test_page_classes_come_from_the_letters() -> None:
    assert [letter_class(letter) for letter in RACI.letters] == ["l-R", "l-A", "l-AR", "l-C", "l-I"]
    assert letter_class("") == ""


def test_lang_choices_are_the_languages_with_a_catalogue() -> None:
    code, _, err = run("generate", "--lang", "xx")
    assert code == 2
    assert "'en'" in err
    assert "'id'" in err


def test_pinning_an_owner_asks_the_scheme_for_its_letters() -> None:
    from raci.core.assign import pin

    assert (RASCI.owner, RASCI.doer, RASCI.asked) == ("A", "R", "C")
    assert pin(("A", "S", "R"), 1, RASCI) == ("C", "A", "R")
    assert pin(("A/R", "S", "I"), 1, RASCI) == ("R", "A", "I")
    assert pin(("A", "S", "I"), 2, RASCI) == ("C", "S", "A/R")


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[at : at + 2], 16) / 255 for at in (0, 2, 4)]
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_letter_and_chart_label_reads_at_wcag_aa_contrast() -> None:
    """A letter's ink on its fill, in every scheme, and the white labels on the chart's sales and marketing
    segments, reach WCAG AA for normal text (4.5:1): a client reads them on a projector and on paper."""
    from raci.render.palette import SERIES
    from raci.scheme import SCHEMES

    for scheme in SCHEMES.values():
        for letter, swatch in scheme.colours.items():
            assert _contrast(swatch.fill, swatch.ink) >= 4.5, (scheme.name, letter, swatch)
    for series in ("sales", "marketing", "both"):
        assert _contrast(SERIES[series], "#ffffff") >= 4.5, series
