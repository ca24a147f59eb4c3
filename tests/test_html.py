"""The HTML summary: structure, figures, chart, escaping and self-containment, checked on the parsed page."""

from __future__ import annotations

import base64
import dataclasses
import gettext
import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

import raci.i18n
import raci.render.findings
import raci.render.html
from raci.core import compare as comparing
from raci.core.checks import RULES, Finding, counts
from raci.core.report import Report
from raci.exceptions import BrandingError, LanguageError, TemplateError
from raci.i18n import LOCALE_DIR, Translator
from raci.inputs.branding import make_branding
from raci.inputs.profiles import builtin_profile
from raci.model import (
    FUNCTIONS,
    KNOWN_AREAS,
    LETTERS,
    STRUCTURES,
    Branding,
    Catalogue,
    Profile,
    Responsibility,
    Role,
    Rule,
    facts,
)
from raci.render import compare_page
from raci.render.colour import theme
from raci.render.findings import counted, note_group, severity_count, shared_advice, tally_text
from raci.render.html import (
    PARTS,
    TEMPLATE,
    css_percent,
    environment,
    fraction,
    letter_class,
    percent,
    render_summary,
    summary_bytes,
    summary_context,
    translator,
)
from raci.render.labels import AREA_LABELS, FUNCTION_LABELS, STRUCTURE_LABELS, area_label
from raci.render.messages import Told, message, tell
from raci.render.words import check_title, row_rule_words
from raci.resources import templates as builtin_templates

from .helpers import build_report
from .htmltools import Element, english_msgids, parse, shown_texts

ENGLISH = Translator("en")
REPORTS = ("small_report", "large_report")
EXTERNAL = ("http:", "https:", "//", "ftp:")
URL_ATTRIBUTES = ("src", "href", "xlink:href", "srcset", "action", "poster", "data", "background")


def page(report: Report, templates: Path | None = None, lang: str = "en") -> Element:
    root, errors = parse(render_summary(report, templates, lang=lang))
    assert errors == []
    return root


def stylesheet(root: Element) -> str:
    return " ".join(style.text() for style in root.find_all("style"))


def external_requests(root: Element) -> list[str]:
    """Everything that would make the page fetch something: scripts, links, frames, non-data: images, URLs."""
    found = [f"<{tag}>" for tag in ("script", "link") for _ in root.find_all(tag)]
    for tag in ("img", "iframe", "object", "embed", "audio", "video", "image", "use"):
        found += [f"<{tag}>" for element in root.find_all(tag) if not element.attrs.get("src", "").startswith("data:")]
    for element in root.iter():
        for name in URL_ATTRIBUTES:
            value = element.attrs.get(name, "").strip().lower()
            if value.startswith(EXTERNAL):
                found.append(f"<{element.tag} {name}={value}>")
    css = stylesheet(root)
    found += [text for text in ("@import", "url(") if text in css]
    return found


@pytest.fixture(scope="module")
def startup_report(catalogue: Catalogue) -> Report:
    return build_report(catalogue, builtin_profile("startup"))


@pytest.fixture(params=REPORTS)
def report(request: pytest.FixtureRequest) -> Report:
    value: Report = request.getfixturevalue(request.param)
    return value


# --- filters -------------------------------------------------------------------------------


def test_percent_rounds_to_whole_percent_and_shows_na_for_none() -> None:
    assert percent(0.918) == "92%"
    assert percent(0.0) == "0%"
    assert percent(1.0) == "100%"
    assert percent(None) == "n/a"


def test_fraction_keeps_four_decimals_and_is_empty_for_none() -> None:
    assert fraction(0.9183673469) == "0.9184"
    assert fraction(0.0) == "0.0000"
    assert fraction(None) == ""


def test_letter_class_and_area_label() -> None:
    assert [letter_class(letter) for letter in LETTERS] == ["l-R", "l-A", "l-AR", "l-C", "l-I"]
    assert letter_class("") == ""
    assert area_label("customer_service") == "Customer service"


def test_css_percent_is_a_plain_css_length() -> None:
    assert css_percent(0.9184) == "91.8%"
    assert css_percent(None) == "0%"
    assert css_percent(1.7) == "100.0%"


def test_environment_is_built_once_strict_and_autoescaping() -> None:
    env = environment()
    assert env is environment()
    assert env is environment("en") is environment(" EN ")
    assert env.undefined is jinja2.StrictUndefined
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(LanguageError):
        environment("xx")


def test_environment_has_newstyle_gettext_that_escapes_its_arguments() -> None:
    env = environment()
    assert env.from_string('{{ _("Role: %(role)s", role=x) }}').render(x="50% <b>") == "Role: 50% &lt;b&gt;"
    assert env.from_string('{{ ngettext("%(num)d note", "%(num)d notes", 3) }}').render() == "3 notes"


def test_translate_filter_is_plain_text_and_leaves_unknown_texts_alone() -> None:
    translate = translator("en")
    value = translate("50% <b>owner</b>")
    assert value == "50% <b>owner</b>"
    assert not isinstance(value, Markup)
    assert translate("") == ""  # not the catalogue's header
    rendered = environment().from_string("{{ x|translate }}").render(x="50% <b>owner</b>")
    assert rendered == "50% &lt;b&gt;owner&lt;/b&gt;"


def test_data_shown_as_labels_is_marked_for_the_catalogue() -> None:
    assert tuple(area_label(area) for area in KNOWN_AREAS) == AREA_LABELS
    assert FUNCTION_LABELS == FUNCTIONS
    assert STRUCTURE_LABELS == STRUCTURES


# --- structure -------------------------------------------------------------------------------


def test_the_page_file_holds_the_rendered_page_as_utf8(report: Report) -> None:
    """generate writes the page straight from the template as bytes: the same page, byte for byte."""
    assert summary_bytes(report) == render_summary(report).encode("utf-8")
    assert summary_bytes(report, lang="id") == render_summary(report, lang="id").encode("utf-8")


def test_page_is_well_formed_with_title_and_header(report: Report) -> None:
    root = page(report)
    assert root.find("html").attrs["lang"] == "en"
    assert root.find("head").find("title").text() == f"RACI matrix — {report.profile.title}"
    header = root.by_id("header")
    assert header.find("h1").text() == f"RACI matrix — {report.profile.title}"
    text = header.text()
    assert report.profile.name not in text.split()  # the profile's key is for files and commands, not for a client
    assert f"{report.profile.headcount_label} people" in text
    assert f"raci {report.version}" in text
    assert report.matrix.catalogue is not None
    assert report.matrix.catalogue.path.name in text


def test_sections_come_in_order(report: Report) -> None:
    root = page(report)
    order = ["header", "headline", "sizes-chart", "checks", "profile", "legend", "matrix", "workload"]
    ids = [element.attrs["id"] for element in root.iter() if element.attrs.get("id") in order]
    assert ids == order
    assert root.find("footer").text().startswith(f"Generated by raci {report.version}")


def test_matrix_header_is_id_area_responsibility_roles_rule(report: Report) -> None:
    matrix = page(report).by_id("matrix")
    assert matrix.tag == "table"
    assert "matrix" in matrix.classes
    heads = [cell.text() for cell in matrix.find("thead").find_all("th")]
    assert heads == ["ID", "Area", "Responsibility", *(role.title for role in report.matrix.roles), "Rule"]


def test_matrix_has_one_body_row_per_responsibility_with_its_letters(report: Report) -> None:
    body = page(report).by_id("matrix").find("tbody")
    rows = body.find_all("tr")
    assert len(rows) == len(report.matrix.rows)
    for tr, row in zip(rows, report.matrix.rows, strict=True):
        assert tr.find("td", class_="id").text() == row.item.id
        assert tr.find("th", class_="resp").text() == row.item.responsibility
        cells = tr.find_all("td", class_="letter")
        assert [cell.text() for cell in cells] == list(row.letters)
        for cell, letter in zip(cells, row.letters, strict=True):
            letter_classes = [name for name in cell.classes if name.startswith("l-")]
            assert letter_classes == ([letter_class(letter)] if letter else [])
        rule = tr.find("td", class_="rule").text()
        assert rule.startswith(row_rule_words(row, ENGLISH))
        assert "=" not in rule  # the rule in words; its code (area=quotas) stays in the workbook's Legend


def test_matrix_marks_where_each_area_starts(report: Report) -> None:
    rows = page(report).by_id("matrix").find("tbody").find_all("tr")
    starts = [index for index, tr in enumerate(rows) if "area-start" in tr.classes]
    items = [row.item for row in report.matrix.rows]
    expected = [index for index, item in enumerate(items) if index == 0 or items[index - 1].area != item.area]
    assert starts == expected
    assert len(starts) > 1


def test_legend_uses_the_matrix_colours(report: Report) -> None:
    legend = page(report).by_id("legend")
    entries = legend.find_all("li")
    assert [entry.attrs["data-letter"] for entry in entries] == list(LETTERS)
    for entry, letter in zip(entries, LETTERS, strict=True):
        key = entry.find(class_="key")
        assert key.text() == letter
        assert letter_class(letter) in key.classes
    assert "exactly one per row" in legend.find(data_letter="A").text()


def test_workload_counts_each_roles_letters(report: Report) -> None:
    rows = page(report).by_id("workload").find("tbody").find_all("tr")
    assert len(rows) == len(report.workload)
    for tr, load in zip(rows, report.workload, strict=True):
        assert tr.attrs["data-role"] == load.role.key
        assert load.role.title in tr.find("th").text()
        counts = {cell.attrs["data-letter"]: int(cell.text()) for cell in tr.find_all("td", class_="num")}
        assert counts == dict(load.counts)


def test_profile_section_shows_structure_and_roles(report: Report) -> None:
    section = page(report).by_id("profile")
    text = section.text()
    assert report.profile.structure in text
    assert report.profile.description in text
    roles = section.find("table").find("tbody").find_all("tr")
    assert [(tr.elements[0].text(), tr.elements[1].text()) for tr in roles] == [
        (role.title, role.function) for role in report.profile.roles
    ]


# --- headline ----------------------------------------------------------------------------------


def test_headline_values_are_the_report_shares(report: Report) -> None:
    headline = page(report).by_id("headline")
    for name in ("sales_led", "marketing_led", "home_alignment"):
        value = getattr(report.shares, name)
        figure = headline.find(data_share=name)
        assert figure.attrs["data-value"] == f"{value:.4f}"
        assert figure.find(class_="figure-value").text() == f"{value:.0%}"


@pytest.mark.parametrize(
    ("fixture", "reading", "phrase"),
    [
        ("small_report", "sales", "Sales leads: the sales function answers for 78% of the work, marketing included."),
        (
            "large_report",
            "split",
            "Marketing and sales are split: marketing answers for 59% of the work, sales for 31%.",
        ),
        ("startup_report", "hat", "Founder leads and sells: wearing the sales hat, that one role answers for 100%"),
    ],
)
def test_headline_interpretation_fits_the_profile(
    request: pytest.FixtureRequest, fixture: str, reading: str, phrase: str
) -> None:
    report: Report = request.getfixturevalue(fixture)
    sentence = page(report).by_id("reading")
    assert sentence.attrs["data-reading"] == reading
    assert phrase in sentence.text()


def test_missing_home_alignment_shows_na(catalogue: Catalogue) -> None:
    shared = Catalogue(
        path=Path("shared.csv"),
        items=tuple(dataclasses.replace(item, home="shared") for item in catalogue.items[:5]),
    )
    report = build_report(shared, builtin_profile("medium"))
    assert report.shares.home_alignment is None
    figure = page(report).by_id("headline").find(data_share="home_alignment")
    assert figure.attrs["data-value"] == ""
    assert figure.find(class_="figure-value").text() == "n/a"


# --- size chart ----------------------------------------------------------------------------------


SEGMENTS = ("sales", "marketing", "both", "others")


def test_chart_has_one_full_bar_of_four_segments_per_size_smallest_first(report: Report) -> None:
    chart = page(report).by_id("sizes-chart")
    assert chart.tag == "svg"
    bars = chart.find_all("rect", class_="bar")
    assert [(bar.attrs["data-size"], bar.attrs["data-share"]) for bar in bars] == [
        (size.profile.name, share) for size in report.sizes for share in SEGMENTS
    ]
    values = [float(bar.attrs["data-value"]) for bar in bars]
    expected = [size.shares.segments[share] for size in report.sizes for share in SEGMENTS]
    assert values == pytest.approx(expected, abs=5e-5)
    for index, size in enumerate(report.sizes):
        segments = bars[index * 4 : index * 4 + 4]
        assert sum(float(bar.attrs["data-value"]) for bar in segments) == pytest.approx(1.0, abs=1e-3)
        lefts = [float(bar.attrs["x"]) for bar in segments]
        rights = [left + float(bar.attrs["width"]) for left, bar in zip(lefts, segments, strict=True)]
        assert lefts[1:] == pytest.approx(rights[:-1], abs=0.11)  # each segment starts where the last ends
        assert rights[-1] - lefts[0] == pytest.approx(
            float(chart.find_all("line", class_="grid")[-1].attrs["x1"]) - lefts[0], abs=0.3
        )
        assert size.shares.sales_led == pytest.approx(size.shares.segments["sales"] + size.shares.segments["both"])


def test_chart_marks_the_current_profile(report: Report) -> None:
    chart = page(report).by_id("sizes-chart")
    current = chart.find_all("g", class_="current")
    assert [group.attrs["data-size"] for group in current] == [report.profile.name]
    assert "This profile" in current[0].text()
    others = [group for group in chart.find_all("g", class_="size") if group not in current]
    assert len(others) == len(report.sizes) - 1
    assert all("This profile" not in group.text() for group in others)


def test_chart_is_accessible_and_captioned(report: Report) -> None:
    root = page(report)
    chart = root.by_id("sizes-chart")
    assert chart.attrs["role"] == "img"
    assert chart.attrs["aria-label"]
    assert chart.elements[0].tag == "title"
    figure = root.find("figure", class_="chart")
    assert "Small firms let sales lead" in figure.find("figcaption").text()


def test_chart_adds_a_custom_profile_as_current(catalogue: Catalogue) -> None:
    custom = dataclasses.replace(builtin_profile("small"), name="acme", title="Acme Ltd", headcount_max=30)
    report = build_report(catalogue, custom)
    chart = page(report).by_id("sizes-chart")
    assert len(chart.find_all("rect", class_="bar")) == 4 * 5
    assert [group.attrs["data-size"] for group in chart.find_all("g", class_="current")] == ["acme"]


# --- checks ------------------------------------------------------------------------------------

NO_ERRORS = "No errors: every responsibility has exactly one accountable role and someone doing the work."


def described(item: Element) -> tuple[str, str, str, str]:
    return (item.attrs["data-rule"], item.attrs["data-severity"], item.attrs["data-id"], item.attrs["data-role"])


def expected(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.rule, finding.severity, finding.id or "", finding.role or "")


def tally(section: Element) -> dict[str, int]:
    return {
        item.attrs["data-severity"]: int(item.attrs["data-count"]) for item in section.by_id("tally").find_all("li")
    }


def listed(section: Element, list_id: str) -> list[Element]:
    found = section.find_all("ul", id=list_id)
    return found[0].find_all("li", class_="finding") if found else []


@pytest.fixture(scope="module")
def broken_report() -> Report:
    """A hand-built profile with two errors: X-2 has nobody accountable, X-3 has two accountable roles."""
    roles = (
        Role("boss", "Boss", "leadership"),
        Role("seller", "<b>Seller</b> & co", "sales"),
        Role("marketer", "Marketer", "marketing"),
    )
    rules = (
        Rule(when={}, letters={"seller": "A/R", "boss": "I", "marketer": "C"}),
        Rule(when={"id": ("X-2",)}, letters={"seller": "R", "marketer": "C"}),
        Rule(when={"id": ("X-3",)}, letters={"boss": "A", "seller": "A/R"}),
    )
    profile = Profile("hand", "Hand-built", 1, 9, "sales-led", roles, rules, description="Broken on purpose.")
    items = (
        Responsibility("X-1", "pricing", "Set prices", "sales"),
        Responsibility("X-2", "pricing", "<script>alert(1)</script>", "sales"),
        Responsibility("X-3", "pricing", "Approve discounts", "sales"),
        Responsibility("X-4", "quotas", "Set quotas", "sales"),
    )
    return build_report(Catalogue(path=Path("hand.csv"), items=items), profile)


def test_checks_section_counts_every_finding_and_lists_errors_and_warnings_one_by_one(report: Report) -> None:
    section = page(report).by_id("checks")
    assert section.find("h2").text() == "Checks"
    assert tally(section) == counts(report.findings)
    words = [item.text() for item in section.by_id("tally").find_all("li")]
    checks = {severity: len({f.rule for f in report.findings if f.severity == severity}) for severity in counts(())}
    assert words == [
        tally_text(severity, number, checks[severity]) for severity, number in counts(report.findings).items()
    ]
    for severity, list_id in (("error", "errors"), ("warning", "warnings")):
        items = listed(section, list_id)
        findings = [finding for finding in report.findings if finding.severity == severity]
        assert [described(item) for item in items] == [expected(finding) for finding in findings]
        for item, finding in zip(items, findings, strict=True):
            assert item.find(class_="check-title").text() == check_title(finding.rule, ENGLISH)
            assert item.attrs["data-rule"] == finding.rule  # the code stays for machines, out of sight
            assert item.find(class_="finding-message").text() == message(finding)


def test_small_checks_note_the_overloaded_head_and_group_the_notes(small_report: Report) -> None:
    section = page(small_report).by_id("checks")
    assert section.by_id("verdict").attrs["data-ok"] == "true"
    assert section.find(class_="verdict-text").text() == NO_ERRORS
    assert tally(section) == {"error": 0, "warning": 0, "info": 5}
    assert section.find_all(id="errors") == []
    assert listed(section, "warnings") == []
    # a sales-led small firm's head of sales answers for most of the work by design: a note, still the
    # bottleneck to split as the firm grows
    single, group = [item for item in section.by_id("notes").find_all("li") if item.attrs.get("data-rule")]
    assert described(single) == ("role-overloaded", "info", "", "Head of Sales")
    assert "(this profile expects it)" in single.text()
    assert "as the firm grows" in single.text()
    assert "note-group" in group.classes
    assert (group.attrs["data-rule"], group.attrs["data-severity"], group.attrs["data-count"]) == (
        "sales-sets-marketing-strategy",
        "info",
        "4",
    )
    strategy = [finding for finding in small_report.findings if finding.rule == "sales-sets-marketing-strategy"]
    assert [span.attrs["data-id"] for span in group.find_all(class_="note-id")] == [f.id for f in strategy]
    assert group.find(class_="note-ids").children[:3] == [
        group.find(data_id="DS-01"),
        ", ",
        group.find(data_id="MP-03"),
    ]
    head = group.find(class_="finding-head").text()
    assert head == "Sales sets marketing strategy 4 responsibilities Head of Sales"
    advice = "Expected while sales leads; it moves to marketing once the firm has its own."
    assert group.find(class_="finding-message").text() == advice
    assert section.text().lower().count("expected while sales leads") == 1  # said once, not six times
    assert section.find_all(id="all-clear") == []
    assert page(small_report).by_id("matrix").find_all("tr", class_="has-error") == []


def test_the_counts_say_how_many_checks_the_grouped_notes_come_from(small_report: Report) -> None:
    """Several notes of one check are shown in one box: the count says so ("6 notes from 1 check")."""
    section = page(small_report).by_id("checks")
    words = [item.text() for item in section.by_id("tally").find_all("li")]
    (box,) = section.by_id("notes").find_all("li", class_="note-group")
    notes = int(box.attrs["data-count"])
    assert notes > 1
    assert words == ["0 errors", "0 warnings", f"{notes + 1} notes from 2 checks"]  # the group and one single note
    assert [tally_text("info", 20, 2), tally_text("error", 0, 0)] == ["20 notes from 2 checks", "0 errors"]


def test_large_checks_give_the_no_errors_verdict_and_say_all_passed(large_report: Report) -> None:
    assert large_report.findings == ()
    section = page(large_report).by_id("checks")
    verdict = section.by_id("verdict")
    assert verdict.attrs["data-ok"] == "true"
    assert "has-errors" not in verdict.classes
    assert verdict.find(class_="verdict-text").text() == NO_ERRORS
    assert tally(section) == {"error": 0, "warning": 0, "info": 0}
    assert section.by_id("all-clear").text() == f"All {len(RULES)} checks passed, with no warnings or notes."
    assert section.find_all("ul", class_="findings") == []
    assert page(large_report).find_all(id="matrix-note") == []


def test_a_single_note_is_shown_like_any_finding(startup_report: Report) -> None:
    notes = page(startup_report).by_id("checks").by_id("notes")
    (item,) = [li for li in notes.find_all("li") if li.attrs.get("data-rule") == "role-overloaded"]
    assert "note-group" not in item.classes
    assert described(item) == ("role-overloaded", "info", "", "Founder")
    (overload,) = [finding for finding in startup_report.findings if finding.rule == "role-overloaded"]
    assert item.find(class_="finding-message").text() == message(overload)


def test_errors_are_listed_and_their_rows_marked_in_the_matrix(broken_report: Report) -> None:
    seller = "<b>Seller</b> & co"
    errors = [(f.rule, f.id, f.role) for f in broken_report.findings if f.severity == "error"]
    assert errors == [("no-accountable", "X-2", None), ("multiple-accountable", "X-3", seller)]
    root = page(broken_report)
    section = root.by_id("checks")
    verdict = section.by_id("verdict")
    assert verdict.attrs["data-ok"] == "false"
    assert "has-errors" in verdict.classes
    assert verdict.find(class_="verdict-text").text() == "2 errors to fix"
    assert tally(section) == counts(broken_report.findings)
    items = listed(section, "errors")
    assert [described(item) for item in items] == [
        ("no-accountable", "error", "X-2", ""),
        ("multiple-accountable", "error", "X-3", seller),
    ]
    assert items[0].find(class_="finding-id").text() == "X-2"
    assert items[0].find_all(class_="finding-role") == []
    assert items[1].find(class_="finding-role").text() == seller
    assert items[0].find(class_="finding-message").text() == message(broken_report.findings[0])
    assert "(<script>alert(1)</script>) has nobody accountable" in items[0].text()
    assert root.find_all("script") == []
    assert root.find_all("b") == []

    rows = root.by_id("matrix").find("tbody").find_all("tr")
    assert [tr.attrs["data-id"] for tr in rows if "has-error" in tr.classes] == ["X-2", "X-3"]
    for tr in rows:
        marks = tr.find_all(class_="error-mark")
        if "has-error" in tr.classes:
            (mark,) = marks
            rules = [f.rule for f in broken_report.findings if f.severity == "error" and f.id == tr.attrs["data-id"]]
            assert mark.attrs["title"] == f"Error: {'; '.join(check_title(rule, ENGLISH) for rule in rules)}"
            assert tr.find("td", class_="id").text() == f"{tr.attrs['data-id']} !"
        else:
            assert marks == []
            assert tr.find("td", class_="id").text() == tr.attrs["data-id"]
    assert "marks a row with an error" in root.by_id("matrix-note").text()


def test_every_note_is_accounted_for_and_notes_without_shared_advice_are_listed(small_report: Report) -> None:
    made = (
        Finding("invalid-letter", "error", None, None, facts(cell="RACI!E9", value="Q")),
        Finding("idle-role", "info", None, "Boss <i>x</i>"),
        Finding("idle-role", "info", None, "Clerk"),
        Finding("missing-id", "info", "QT-01", None, facts(cell="RACI!A5")),
        Finding("missing-id", "info", "QT-02", None, facts(cell="RACI!A6")),
    )
    report = dataclasses.replace(small_report, findings=made)
    root = page(report)
    section = root.by_id("checks")
    assert section.find(class_="verdict-text").text() == "1 error to fix"
    assert tally(section) == {"error": 1, "warning": 0, "info": 4}
    assert root.by_id("matrix").find_all("tr", class_="has-error") == []  # the error names no row
    custom, other = section.by_id("notes").find_all("li", class_="note-group")
    assert custom.find(class_="note-subject").text() == "2 roles"
    assert [span.attrs["data-role"] for span in custom.find_all(class_="note-role")] == ["Boss <i>x</i>", "Clerk"]
    assert custom.find(class_="finding-message").text() == "Is the position needed? Give it work or remove it."
    assert root.find_all("i") == []
    assert other.find(class_="note-subject").text() == "2 responsibilities"
    assert other.find_all(class_="finding-message") == []
    assert [li.text() for li in other.find(class_="note-messages").find_all("li")] == [
        "RACI!A5: the row has no ID; give it one so it can be referred to.",
        "RACI!A6: the row has no ID; give it one so it can be referred to.",
    ]


def test_shared_advice_is_what_every_finding_of_a_rule_advises() -> None:
    def finding(message: str, advice: str) -> Told:
        return Told(Finding("some-rule", "info", "X-1", None), message, advice)

    assert shared_advice([finding("A (x): do it.", "do it."), finding("B (y): do it.", "do it.")]) == "Do it."
    assert shared_advice([finding("One: a.", "a."), finding("Two: b.", "b.")]) is None
    assert shared_advice([finding("A note without advice.", "")]) is None
    assert shared_advice([]) is None


def test_every_check_gives_its_advice_as_the_close_of_its_message(large_report: Report, catalogue: Catalogue) -> None:
    from raci.core.assign import build_matrix
    from raci.core.checks import run_checks

    findings = list(large_report.findings)
    for size in ("startup", "small"):
        findings += run_checks(build_matrix(catalogue, builtin_profile(size)))
    told = list(tell(findings))
    for lang in ("en", "id"):
        told += tell(run_checks(build_matrix(catalogue, builtin_profile("small"))), Translator(lang))
    assert told
    for finding in told:
        assert finding.advice
        assert finding.message.endswith(f": {finding.advice}")


def test_note_groups_count_what_they_name() -> None:
    twice = note_group(
        "r",
        (
            Told(Finding("r", "info", "Q-1", "Ann"), "Ann on Q-1: fix.", "fix."),
            Told(Finding("r", "info", "Q-1", "Bob"), "Bob on Q-1: fix.", "fix."),
            Told(Finding("r", "info", "Q-2", "Ann"), "Ann on Q-2: fix.", "fix."),
        ),
    )
    assert (twice.subject, twice.ids, twice.roles, twice.advice) == (
        "3 notes on 2 responsibilities",
        ("Q-1", "Q-2"),
        ("Ann", "Bob"),
        "Fix.",
    )
    assert twice.single is None
    mixed = note_group(
        "r", (Told(Finding("r", "info", "Q-1", None), "a: x", ""), Told(Finding("r", "info", None, None), "b: x", ""))
    )
    assert mixed.subject == "2 notes"
    assert counted("%(num)d errors", 3) == "3 errors"
    assert [severity_count("error", 1), severity_count("warning", 2), severity_count("info", 0)] == [
        "1 error",
        "2 warnings",
        "0 notes",
    ]


# --- safety ------------------------------------------------------------------------------------


def test_page_makes_no_external_requests(report: Report) -> None:
    root = page(report)
    assert external_requests(root) == []
    for tag in ("img", "iframe", "object", "embed", "audio", "video", "image", "use"):
        assert root.find_all(tag) == [], tag


def test_print_css_keeps_colours_and_rows_whole(report: Report) -> None:
    css = " ".join(style.text() for style in page(report).find_all("style"))
    assert "@page" in css
    assert "@media print" in css
    assert "print-color-adjust: exact" in css
    assert "break-inside: avoid" in css


def test_user_text_is_escaped(catalogue: Catalogue) -> None:
    attack = "<script>alert(1)</script>"
    sneaky = '" onmouseover="alert(2)'
    evil = Catalogue(
        path=Path("data/<b>evil.csv"),
        items=(
            Responsibility(id="X-01", area="promotion", responsibility=attack, home="marketing", description=sneaky),
            *catalogue.items[:3],
        ),
    )
    small = builtin_profile("small")
    profile: Profile = dataclasses.replace(
        small,
        name="acme",
        title="<img src=x onerror=alert(3)>",
        description="<iframe src=//evil.example></iframe>",
        roles=tuple(dataclasses.replace(role, title=f"{role.title} <i>&amp;</i>") for role in small.roles),
    )
    report = build_report(evil, profile)
    html = render_summary(report)
    root, errors = parse(html)
    assert errors == []
    for tag in ("script", "img", "iframe", "b", "i"):
        assert root.find_all(tag) == [], tag
    assert all("onmouseover" not in element.attrs for element in root.iter())
    first = root.by_id("matrix").find("tbody").find_all("tr")[0]
    cell = first.find("th", class_="resp")
    assert cell.text() == attack
    assert cell.attrs["title"] == sneaky
    assert root.find("h1").text() == "RACI matrix — <img src=x onerror=alert(3)>"
    assert "<b>evil.csv" in root.by_id("header").text()
    heads = [cell.text() for cell in root.by_id("matrix").find("thead").find_all("th", class_="role")]
    assert heads == [f"{role.title} <i>&amp;</i>" for role in small.roles]
    assert "&lt;script&gt;" in html


# --- the template and its variables -------------------------------------------------------------


def test_template_refuses_missing_variables() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().get_template(TEMPLATE).render()


def test_every_context_variable_is_needed(startup_report: Report) -> None:
    context = summary_context(startup_report)
    template = environment().get_template(TEMPLATE)
    assert template.render(context)
    for name in context:
        partial = {key: value for key, value in context.items() if key != name}
        with pytest.raises(jinja2.UndefinedError):
            template.render(partial)


# --- languages ---------------------------------------------------------------------------------

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "raci.po"
OPEN, CLOSE = "\u2039", "\u203a"  # what the pseudo catalogue wraps every message in
LEFTOVER = re.compile(r"[\s\d%.,:;()!/+\u2013-]*")


class Pseudo(gettext.NullTranslations):
    """A catalogue that "translates" every message by wrapping it, so an unwrapped label stands out."""

    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"{OPEN}{msgid1 if n == 1 else msgid2}{CLOSE}"


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every language's catalogue is the pseudo one, for the environments built meanwhile."""
    monkeypatch.setattr(raci.i18n, "translations", lambda lang: Pseudo())
    monkeypatch.setattr(raci.render.html, "translations", lambda lang: Pseudo())
    raci.render.html._environment.cache_clear()
    yield
    raci.render.html._environment.cache_clear()


def data_texts(report: Report, lang: str) -> list[str]:
    """The report's own texts (ids, responsibilities, rule labels, names...), longest first, as a page in
    `lang` shows them."""
    matrix = report.matrix
    texts = {report.profile.name, report.version, report.branding.client, "raci", *LETTERS}
    texts |= {size.profile.headcount_label for size in report.sizes}
    texts |= {size.profile.name for size in report.sizes} | {"raci compare --from", "--to"}  # a command to type
    texts |= {row.item.id for row in matrix.rows} | {row.item.responsibility for row in matrix.rows}
    texts |= {row.item.description for row in matrix.rows} | {row.rule.label for row in matrix.rows}
    texts |= {finding.rule for finding in report.findings}
    texts |= {finding.id or "" for finding in report.findings} | {finding.role or "" for finding in report.findings}
    if lang == "en":  # English messages (and the advice they share) are data here
        texts |= {message(finding) for finding in report.findings}
        texts |= {group.advice or "" for group in raci.render.findings.checks_summary(report.findings).notes}
    if matrix.catalogue is not None:
        texts.add(matrix.catalogue.path.name)
    return sorted((text for text in texts if text), key=len, reverse=True)


def untranslated(root: Element, report: Report, lang: str = "id") -> list[tuple[str, str]]:
    """Shown texts that are neither translated (wrapped) nor made of the report's data and figures."""
    data = data_texts(report, lang)
    found = []
    for where, text in shown_texts(root):
        if OPEN in text or CLOSE in text:
            continue
        rest = text
        for known in data:
            rest = rest.replace(known, " ")
        if not LEFTOVER.fullmatch(rest):
            found.append((where, text))
    return found


@pytest.mark.parametrize("size", ["small", "large", "startup"])
def test_every_label_goes_through_the_catalogue(pseudo: None, catalogue: Catalogue, size: str) -> None:
    branding = Branding(client="Acme", accent="#0A7B83")
    report = build_report(catalogue, builtin_profile(size), lang="id", branding=branding)
    root = page(report, lang="id")
    assert root.find("html").attrs["lang"] == "id"
    assert untranslated(root, report) == []
    # the built-in profile's texts, function names and area labels are looked up too
    assert root.by_id("matrix").find("thead").find(data_role=report.matrix.roles[0].key).text().startswith(OPEN)
    assert root.by_id("matrix").find("tbody").find_all("td", class_="area")[0].text() == f"{OPEN}Quotas{CLOSE}"


def test_every_label_of_the_other_paths_goes_through_the_catalogue(
    pseudo: None, catalogue: Catalogue, broken_report: Report, small_report: Report
) -> None:
    """Errors and their marks, notes grouped by role and by responsibility, all clear, no home alignment."""
    made = (
        Finding("idle-role", "info", None, "Boss"),
        Finding("idle-role", "info", None, "Clerk"),
        Finding("marketing-carries-quota", "info", "QT-01", "Ann", facts(letter="R", work="Set quotas")),
        Finding("marketing-carries-quota", "info", "QT-01", "Bob", facts(letter="R", work="Set quotas")),
        Finding("marketing-carries-quota", "info", "QT-02", "Ann", facts(letter="A", work="Split quotas")),
    )
    shared = Catalogue(
        path=Path("shared.csv"),
        items=tuple(dataclasses.replace(item, home="shared") for item in catalogue.items[:5]),
    )
    reports = (
        dataclasses.replace(broken_report, findings=broken_report.findings + made),
        dataclasses.replace(small_report, findings=()),
        build_report(shared, builtin_profile("medium"), lang="id"),
    )
    for report in reports:
        root = page(report, lang="id")
        assert untranslated(root, report) == []
    errors = page(reports[0], lang="id")
    assert errors.by_id("matrix-note").text().startswith(f"{OPEN} !")
    assert errors.by_id("matrix").find_all(class_="error-mark")[0].attrs["aria-label"].startswith(OPEN)
    assert page(reports[1], lang="id").by_id("all-clear").text().startswith(OPEN)


def test_indonesian_summary_shows_no_english_label(catalogue: Catalogue) -> None:
    assert PO.exists(), f"{PO} is missing: the Indonesian summary has no catalogue"
    english = english_msgids()
    report = build_report(catalogue, builtin_profile("small"), lang="id")
    root = page(report, lang="id")
    assert root.find("html").attrs["lang"] == "id"
    assert [(where, text) for where, text in shown_texts(root) if text in english] == []


# --- branding ----------------------------------------------------------------------------------

PNG = (  # 1x1 pixel, navy
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\x905\r\xff\x0f\x00\x02\xc5\x01\xa9\xd4\xf7\x88\xda\x00\x00\x00\x00IEND\xaeB`\x82"
)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
    '<rect width="120" height="40" fill="#0a7b83"/></svg>'
)


def branded(report: Report, **options: str) -> Report:
    return dataclasses.replace(report, branding=make_branding(**options))


def logo_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"logo.{kind}"
    if kind == "png":
        path.write_bytes(PNG)
    else:
        path.write_text(SVG, encoding="utf-8")
    return path


def relative_luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def test_unbranded_page_keeps_the_built_in_look(report: Report) -> None:
    root = page(report)
    assert root.find_all(id="brand") == []
    assert root.find_all("img") == []
    css = stylesheet(root)
    assert "--accent: #1d3557;" in css
    assert "--accent-tint: #e9f0f7;" in css
    assert "Prepared for" not in root.by_id("header").text()


def test_client_name_is_in_the_header_and_the_title(small_report: Report, tmp_path: Path) -> None:
    client = "Acme & Sons <Ltd> 100%"
    root = page(branded(small_report, client=f"  {client} "))
    header = root.by_id("header")
    assert header.by_id("client").text() == client
    assert header.by_id("brand").text() == f"Prepared for {client}"
    assert root.find("head").find("title").text() == f"RACI matrix — Small company — {client}"
    assert header.find("h1").text() == "RACI matrix — Small company"
    assert root.find_all("ltd") == []
    assert root.find_all("img") == []


@pytest.mark.parametrize(("kind", "mime"), [("png", "image/png"), ("svg", "image/svg+xml")])
def test_logo_is_embedded_as_a_data_uri(small_report: Report, tmp_path: Path, kind: str, mime: str) -> None:
    path = logo_file(tmp_path, kind)
    root = page(branded(small_report, client="Acme", logo=str(path)))
    (img,) = root.find_all("img")
    assert img.attrs["id"] == "logo"
    prefix = f"data:{mime};base64,"
    assert img.attrs["src"].startswith(prefix)
    assert base64.b64decode(img.attrs["src"][len(prefix) :]) == path.read_bytes()
    assert img.attrs["alt"] == "Acme"
    assert "max-height: 48px" in stylesheet(root)
    assert external_requests(root) == []


def test_logo_without_a_client_is_called_logo(small_report: Report, tmp_path: Path) -> None:
    root = page(branded(small_report, logo=str(logo_file(tmp_path, "png"))))
    assert root.find("img").attrs["alt"] == "Logo"
    assert root.find_all(id="client") == []
    assert root.find("head").find("title").text() == "RACI matrix — Small company"


def test_accent_replaces_the_built_in_navy(small_report: Report, tmp_path: Path) -> None:
    root = page(branded(small_report, accent="0a7b83"))
    css = stylesheet(root)
    assert "--accent: #0A7B83;" in css
    assert "--accent: #1d3557" not in css
    assert "--accent-tint: #e9f0f7" not in css
    assert external_requests(root) == []


def test_a_light_accent_is_darkened_for_text_only() -> None:
    builtin = theme(Branding())
    assert (builtin.accent, builtin.accent_ink, builtin.accent_tint) == ("#1d3557", "#1d3557", "#e9f0f7")
    dark = theme(Branding(accent="#0A3D62"))
    assert dark.accent == dark.accent_ink == "#0A3D62"
    light = theme(Branding(accent="#FFD700"))
    assert light.accent == "#FFD700"
    assert light.accent_ink != light.accent
    assert 1.05 / (relative_luminance(light.accent_ink) + 0.05) >= 4.5
    assert relative_luminance(light.accent_tint) > 0.8


def test_an_accent_that_is_not_a_colour_never_reaches_the_css(small_report: Report) -> None:
    report = dataclasses.replace(small_report, branding=Branding(accent="red; } body { display: none"))
    with pytest.raises(BrandingError):
        render_summary(report)


# --- a templates folder of one's own -------------------------------------------------------------


def test_the_skeleton_includes_every_part() -> None:
    skeleton = (builtin_templates() / TEMPLATE).read_text(encoding="utf-8")
    for name in PARTS:
        assert (builtin_templates() / name).is_file(), name
        assert f'{{% include "{name}" %}}' in skeleton, name


def test_a_header_of_ones_own_is_used_and_the_rest_falls_back(small_report: Report, tmp_path: Path) -> None:
    (tmp_path / "header.html.j2").write_text(
        '<header class="doc-header" id="header"><h1>{{ profile.title }} for {{ branding.client }}</h1></header>\n',
        encoding="utf-8",
    )
    report = branded(small_report, client="<Acme>")
    root = page(report, tmp_path)
    assert root.by_id("header").find("h1").text() == "Small company for <Acme>"
    assert root.find_all(class_="eyebrow") == []
    assert len(root.by_id("matrix").find("tbody").find_all("tr")) == len(report.matrix.rows)
    assert root.find("footer").text().startswith("Generated by raci")
    assert "--accent:" in stylesheet(root)
    # the built-in page is still the built-in one
    assert page(report).by_id("header").find_all(class_="eyebrow") != []


@pytest.mark.parametrize(
    ("name", "text", "gone"),
    [
        ("theme.css.j2", ":root { --accent: #123456; } /* firm theme */", "--marketing: #a65d2a"),
        ("style.css.j2", "/* firm style */ h1 { color: var(--accent); }", ".matrix td.letter"),
        ("header.html.j2", '<header id="header"><p>firm header</p></header>', "Sales and marketing responsibilities"),
        ("footer.html.j2", "<footer><p>firm footer {{ version }}</p></footer>", "Shares count each"),
    ],
)
def test_each_part_can_be_replaced_alone(small_report: Report, tmp_path: Path, name: str, text: str, gone: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    html = render_summary(small_report, tmp_path)
    root, errors = parse(html)
    assert errors == []
    assert "firm" in html
    assert gone not in html
    assert root.by_id("matrix").tag == "table"


def test_a_summary_of_ones_own_wins(small_report: Report, tmp_path: Path) -> None:
    (tmp_path / TEMPLATE).write_text(
        '<!DOCTYPE html>\n<html lang="{{ lang }}"><head><title>{{ profile.title }}</title></head>'
        '<body><p id="mine">{{ shares.sales_led|percent }}</p>{% include "footer.html.j2" %}</body></html>\n',
        encoding="utf-8",
    )
    root = page(small_report, tmp_path)
    assert root.by_id("mine").text() == "78%"
    assert root.find_all(id="matrix") == []
    assert root.find("footer").text().startswith("Generated by raci")


def test_errors_in_ones_own_templates_say_where(small_report: Report, tmp_path: Path) -> None:
    (tmp_path / "header.html.j2").write_text("<header>\n{% if %}\n</header>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as syntax:
        render_summary(small_report, tmp_path)
    assert "header.html.j2" in str(syntax.value)
    assert "line 2" in str(syntax.value)
    (tmp_path / "header.html.j2").write_text("<header>\n{{ no_such_thing }}\n</header>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as undefined:
        render_summary(small_report, tmp_path)
    assert "no_such_thing" in str(undefined.value)
    assert "header.html.j2" in str(undefined.value)
    with pytest.raises(TemplateError, match="no such templates folder"):
        render_summary(small_report, tmp_path / "missing")


# --- escaping of texts that look like formats -----------------------------------------------------


def test_titles_with_percent_signs_and_markup_are_escaped_not_formatted(catalogue: Catalogue) -> None:
    owner = "50% <b>owner</b> %(num)s"
    startup = builtin_profile("startup")
    roles = tuple(
        dataclasses.replace(role, title=owner) if index == 0 else role for index, role in enumerate(startup.roles)
    )
    profile = dataclasses.replace(startup, title="100% <i>sure</i> %s", roles=roles)
    report = build_report(catalogue, profile, branding=Branding(client="%(client)s <u>x</u> 5%"))
    root = page(report)
    assert [root.find_all(tag) for tag in ("b", "i", "u")] == [[], [], []]
    assert root.by_id("matrix").find("thead").find(data_role=roles[0].key).text() == owner
    assert root.by_id("reading").text().startswith(f"{owner} leads and sells: wearing the sales hat, that one role")
    assert root.find("h1").text() == "RACI matrix — 100% <i>sure</i> %s"
    assert root.find("head").find("title").text() == "RACI matrix — 100% <i>sure</i> %s — %(client)s <u>x</u> 5%"
    assert root.by_id("client").text() == "%(client)s <u>x</u> 5%"


# --- the other pages share the environment ---------------------------------------------------------


def test_the_compare_page_still_renders_with_the_english_environment(catalogue: Catalogue) -> None:
    comparison = comparing.compare(catalogue, builtin_profile("small"), builtin_profile("large"))
    context = compare_page.compare_context(comparison)
    pages = [env.get_template(compare_page.TEMPLATE).render(context) for env in (environment("en"), environment())]
    pages.append(compare_page.render_compare(comparison))
    for html in pages:
        root, errors = parse(html)
        assert errors == []
        assert root.find("html").attrs["lang"] == "en"
        assert len(root.find_all("tr", data_id="PR-01")) >= 1


def test_the_summary_says_what_the_next_size_up_changes_first(small_report: Report, large_report: Report) -> None:
    section = page(small_report).by_id("next-step")
    assert section.attrs["data-size"] == "medium"
    hires = [p.text() for p in section.find_all("p", class_="next-hire")]
    assert hires[0].startswith("Hire 1: Marketing Manager (marketing) answers for 26 responsibilities (A)")
    assert "raci compare" not in section.text()  # no command on a client's page
    assert section.find_all("code") == []
    assert page(large_report).find_all(id="next-step") == []  # nothing is bigger than large


def test_the_org_chart_puts_leadership_on_top_and_every_role_with_its_person(catalogue: Catalogue) -> None:
    from raci.inputs.roles import read_role_mapping

    report = build_report(catalogue, builtin_profile("small"), read_role_mapping(Path("tests/data/roles.csv")))
    chart = page(report).by_id("org-chart")
    boxes = {box.attrs["data-role"]: box for box in chart.find_all("g", class_="org-box")}
    assert set(boxes) == {role.key for role in report.matrix.roles}
    for role in report.matrix.roles:
        assert role.title in boxes[role.key].text()
        assert role.person in boxes[role.key].text()
    top = float(boxes["ceo"].find("rect").attrs["y"])
    assert all(float(box.find("rect").attrs["y"]) > top for key, box in boxes.items() if key != "ceo")
    assert "+ marketing" in boxes["sales_lead"].text()  # the merged role wears the marketing hat too
    headings = [text.text() for text in chart.find_all("text", class_="org-heading")]
    assert headings == ["sales", "finance"]


def test_each_role_gets_a_card_with_its_part(large_report: Report) -> None:
    cards = page(large_report).by_id("cards-section").find_all("article", class_="role-card")
    assert [card.attrs["data-role"] for card in cards] == [role.key for role in large_report.matrix.roles]
    keys = [role.key for role in large_report.matrix.roles]
    for card, role in zip(cards, large_report.matrix.roles, strict=True):
        column = keys.index(role.key)
        answers = [row.item.responsibility for row in large_report.matrix.rows if row.letters[column] == "A"]
        text = card.text()
        assert all(item in text for item in answers)
        assert (
            f"Signs off {sum(1 for row in large_report.matrix.rows if row.letters[column] in ('A', 'A/R'))} of 49"
            in text
        )
