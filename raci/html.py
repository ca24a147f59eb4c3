"""The HTML summary: one self-contained page (inline CSS, inline SVG, no requests) for a Report.

The template (`templates/summary.html.j2`) only lays things out. Number formatting lives in
the filters registered here, and everything computed (chart geometry, area grouping, role
workload, which interpretation sentence applies, the checks verdict and how findings are
grouped) is worked out in `summary_context`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from . import resources
from .checks import RULES, SEVERITIES, Finding, counts
from .model import Role, Row
from .report import Report, SizeShares
from .shares import Shares

TEMPLATE = "summary.html.j2"

SHARE_LABELS: Mapping[str, str] = {
    "sales_led": "Sales-led share",
    "marketing_led": "Marketing-led share",
    "home_alignment": "Home alignment",
}
LETTER_CLASSES: Mapping[str, str] = {"R": "l-R", "A": "l-A", "A/R": "l-AR", "C": "l-C", "I": "l-I"}

# Chart geometry, in SVG user units (the chart scales to its container).
CHART_WIDTH = 760.0
PLOT_LEFT = 200.0
PLOT_RIGHT = 660.0
PLOT_TOP = 40.0
GROUP_HEIGHT = 58.0
BAR_HEIGHT = 15.0
BAR_GAP = 4.0
AXIS_SPACE = 30.0
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
CHART_SHARES = ("sales_led", "marketing_led")

# Checks: what each severity is called on the page.
SEVERITY_NOUNS: Mapping[str, tuple[str, str]] = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "info": ("note", "notes"),
}
NO_ERRORS = "No errors: every responsibility has exactly one accountable role and someone doing the work."


# --- filters -------------------------------------------------------------------------------


def percent(value: float | None) -> str:
    """0.918 -> "92%"; None -> "n/a"."""
    return "n/a" if value is None else f"{value:.0%}"


def fraction(value: float | None) -> str:
    """The exact figure for machines: 0.918367 -> "0.9184"; None -> ""."""
    return "" if value is None else f"{value:.4f}"


def letter_class(letter: str) -> str:
    """The CSS class of a matrix cell: "A/R" -> "l-AR"; "" (no letter) -> ""."""
    return LETTER_CLASSES.get(letter, "")


def area_label(area: str) -> str:
    """An area key as a label: "customer_service" -> "Customer service"."""
    text = area.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def coord(value: float) -> str:
    """An SVG coordinate with at most one decimal: 200.0 -> "200", 12.25 -> "12.2"."""
    return f"{round(value, 1):g}"


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """1, "error" -> "1 error"; 3, "error" -> "3 errors"; 2, "entry", "entries" -> "2 entries"."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


# --- the data the template receives --------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    share: str
    value: float
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class SizeGroup:
    """One profile in the size chart: its labels, its band and its two bars."""

    name: str
    title: str
    headcount: str
    current: bool
    y: float
    height: float
    title_y: float
    headcount_y: float
    marker_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    value: float
    x: float


@dataclass(frozen=True)
class LegendKey:
    share: str
    label: str
    x: float


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    tick_label_y: float
    legend_y: float
    groups: tuple[SizeGroup, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[LegendKey, ...]

    @property
    def current(self) -> SizeGroup | None:
        return next((group for group in self.groups if group.current), None)


@dataclass(frozen=True)
class MatrixLine:
    """A matrix row, whether it opens a new area (the template draws a separator) and its errors."""

    row: Row
    area_start: bool
    errors: tuple[Finding, ...] = ()

    @property
    def classes(self) -> str:
        return " ".join(name for name, on in (("area-start", self.area_start), ("has-error", self.errors)) if on)

    @property
    def error_rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(finding.rule for finding in self.errors))


@dataclass(frozen=True)
class Tally:
    """How many findings of one severity, and that as words ("1 warning")."""

    severity: str
    count: int
    text: str


@dataclass(frozen=True)
class NoteGroup:
    """One rule's notes, shown together: the ids and roles they name and the advice they share.

    `advice` is None when the messages have no common closing advice (the template then lists
    them); `single` is the finding itself when the rule fired once (shown like any finding).
    """

    rule: str
    findings: tuple[Finding, ...]
    subject: str
    ids: tuple[str, ...]
    roles: tuple[str, ...]
    advice: str | None

    @property
    def single(self) -> Finding | None:
        return self.findings[0] if len(self.findings) == 1 else None


@dataclass(frozen=True)
class Checks:
    """The checks section: verdict, counts, errors and warnings one by one, notes grouped by rule."""

    verdict: str
    ok: bool
    tally: tuple[Tally, ...]
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    notes: tuple[NoteGroup, ...]
    all_clear: str

    @property
    def empty(self) -> bool:
        return not (self.errors or self.warnings or self.notes)


@dataclass(frozen=True)
class RoleLoad:
    """One role's letters; `accountable` counts A and A/R, `accountable_share` over all rows."""

    role: Role
    counts: Mapping[str, int]
    accountable: int
    total: int
    accountable_share: float
    bottleneck: bool


def size_chart(sizes: tuple[SizeShares, ...]) -> Chart:
    """Geometry for the size comparison: per profile, smallest first, one bar per chart share."""
    span = PLOT_RIGHT - PLOT_LEFT
    groups = []
    for index, size in enumerate(sizes):
        top = PLOT_TOP + index * GROUP_HEIGHT
        bars = []
        for number, share in enumerate(CHART_SHARES):
            value = _share(size.shares, share)
            y = top + 12 + number * (BAR_HEIGHT + BAR_GAP)
            width = round(max(0.0, min(1.0, value)) * span, 1)
            bars.append(
                Bar(
                    share=share,
                    value=value,
                    x=PLOT_LEFT,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    label_x=PLOT_LEFT + width + 6,
                    label_y=y + BAR_HEIGHT - 3.5,
                )
            )
        groups.append(
            SizeGroup(
                name=size.profile.name,
                title=size.profile.title,
                headcount=size.profile.headcount_label,
                current=size.current,
                y=top,
                height=GROUP_HEIGHT,
                title_y=top + 22,
                headcount_y=top + 37,
                marker_y=top + 51,
                bars=tuple(bars),
            )
        )
    bottom = PLOT_TOP + len(sizes) * GROUP_HEIGHT
    return Chart(
        width=CHART_WIDTH,
        height=bottom + AXIS_SPACE,
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        plot_top=PLOT_TOP,
        plot_bottom=bottom,
        tick_label_y=bottom + 18,
        legend_y=16,
        groups=tuple(groups),
        ticks=tuple(Tick(value=tick, x=PLOT_LEFT + tick * span) for tick in TICKS),
        legend=(
            LegendKey(share="sales_led", label=SHARE_LABELS["sales_led"], x=PLOT_LEFT),
            LegendKey(share="marketing_led", label=SHARE_LABELS["marketing_led"], x=PLOT_LEFT + 150),
        ),
    )


def matrix_lines(rows: tuple[Row, ...], findings: tuple[Finding, ...] = ()) -> tuple[MatrixLine, ...]:
    errors: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity == "error" and finding.id is not None:
            errors.setdefault(finding.id, []).append(finding)
    return tuple(
        MatrixLine(
            row=row,
            area_start=index == 0 or rows[index - 1].item.area != row.item.area,
            errors=tuple(errors.get(row.item.id, ())),
        )
        for index, row in enumerate(rows)
    )


def checks_summary(findings: tuple[Finding, ...]) -> Checks:
    """The verdict, the counts per severity, and the findings as the page lists them."""
    tally = counts(findings)
    errors = tuple(finding for finding in findings if finding.severity == "error")
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity == "info":
            by_rule.setdefault(finding.rule, []).append(finding)
    return Checks(
        verdict=NO_ERRORS if not errors else f"{counted(len(errors), 'error')} to fix",
        ok=not errors,
        tally=tuple(
            Tally(severity, tally[severity], counted(tally[severity], *SEVERITY_NOUNS[severity]))
            for severity in SEVERITIES
        ),
        errors=errors,
        warnings=tuple(finding for finding in findings if finding.severity == "warning"),
        notes=tuple(note_group(rule, tuple(group)) for rule, group in by_rule.items()),
        all_clear=f"All {len(RULES)} checks passed, with no warnings or notes.",
    )


def note_group(rule: str, findings: tuple[Finding, ...]) -> NoteGroup:
    """Several notes of one rule as one entry: "20 responsibilities", their ids, the shared advice."""
    ids = tuple(dict.fromkeys(finding.id for finding in findings if finding.id is not None))
    roles = tuple(dict.fromkeys(finding.role for finding in findings if finding.role is not None))
    if ids and all(finding.id is not None for finding in findings):
        subject = counted(len(ids), "responsibility", "responsibilities")
        if len(ids) < len(findings):
            subject = f"{counted(len(findings), 'note')} on {subject}"
    elif roles and all(finding.role is not None for finding in findings) and len(roles) == len(findings):
        subject = counted(len(roles), "role")
    else:
        subject = counted(len(findings), "note")
    return NoteGroup(
        rule=rule,
        findings=findings,
        subject=subject,
        ids=ids,
        roles=roles,
        advice=shared_advice([finding.message for finding in findings]),
    )


def common_ending(texts: Sequence[str]) -> str:
    """The longest string every one of `texts` ends with."""
    shortest = min(texts, key=len, default="")
    size = 0
    while size < len(shortest) and all(text[-size - 1] == shortest[-size - 1] for text in texts):
        size += 1
    return shortest[len(shortest) - size :]


def shared_advice(messages: Sequence[str]) -> str | None:
    """The advice every message ends with, after its "<what>: " part, capitalised; None if none.

    One message (or identical ones) is its own advice.
    """
    if not messages:
        return None
    if all(message == messages[0] for message in messages):
        return messages[0]
    tail = common_ending(messages)
    _, colon, advice = tail.partition(": ")
    advice = advice.strip()
    if not colon or not advice:
        return None
    return advice[:1].upper() + advice[1:]


def role_loads(report: Report) -> tuple[RoleLoad, ...]:
    rows = report.shares.rows
    loads = []
    for entry in report.workload:
        accountable = entry.counts.get("A", 0) + entry.counts.get("A/R", 0)
        loads.append(
            RoleLoad(
                role=entry.role,
                counts=entry.counts,
                accountable=accountable,
                total=sum(entry.counts.values()),
                accountable_share=accountable / rows if rows else 0.0,
                bottleneck=rows > 0 and accountable * 2 > rows,
            )
        )
    return tuple(loads)


def reading(report: Report) -> str:
    """Which interpretation sentence the headline gets.

    "split": the profile separates the functions; "sales": sales-led and sales signs off at
    least as much as anyone outside sales and marketing; "role": sales-led on paper, but one
    role outside both functions (a founder, say) signs off most of the work.
    """
    shares = report.shares
    if report.profile.structure == "separate":
        return "split"
    return "sales" if shares.sales_led >= other_share(shares) else "role"


def other_share(shares: Shares) -> float:
    """Rows signed off outside the sales and marketing functions (or by no single role)."""
    return max(0.0, 1.0 - shares.sales_led - shares.marketing_led)


def summary_context(report: Report) -> dict[str, Any]:
    """Every variable the summary template reads (see the README for their meaning)."""
    matrix = report.matrix
    loads = role_loads(report)
    return {
        "report": report,
        "profile": report.profile,
        "shares": report.shares,
        "version": report.version,
        "catalogue_name": matrix.catalogue.path.name if matrix.catalogue is not None else None,
        "share_labels": SHARE_LABELS,
        "reading": reading(report),
        "lead_role": max(loads, key=lambda load: load.accountable, default=None),
        "chart": size_chart(report.sizes),
        "roles": matrix.roles,
        "rows": matrix_lines(matrix.rows, report.findings),
        "checks": checks_summary(report.findings),
        "workload": loads,
    }


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.templates())),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        percent=percent,
        fraction=fraction,
        letter_class=letter_class,
        area_label=area_label,
        coord=coord,
    )
    return env


def render_summary(report: Report) -> str:
    """The one-page HTML summary of `report`, as a string."""
    return environment().get_template(TEMPLATE).render(summary_context(report))


def _share(shares: Shares, name: str) -> float:
    value = getattr(shares, name)
    return float(value) if value is not None else 0.0
