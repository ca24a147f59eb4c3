"""The HTML summary: one self-contained page (inline CSS, inline SVG, no requests) for a Report.

The templates only lay things out: `summary.html.j2` is the skeleton, and it includes the parts
a firm may replace one by one (`theme.css.j2`, `style.css.j2`, `header.html.j2`,
`footer.html.j2`) from a templates folder of its own, put in front of the built-in one.
Number formatting lives in the filters registered here, and everything computed (chart
geometry, area grouping, role workload, which interpretation sentence applies, the checks
verdict and how findings are grouped, the accent colours) is worked out in `summary_context`.

Languages: fixed labels are translated where they are made: in the templates with Jinja2's
i18n extension (`_()`, `ngettext()`), here with a `Translator` (bound to `_`/`ngettext` so
`pybabel extract` finds them; module-level constants are marked with `N_()`). Data is never
the message of a gettext call: texts that may have a translation (the built-in profiles'
titles, descriptions, role titles and rule notes, function names, area labels) go through
the plain `translate` filter, which returns an ordinary (escaped) string.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.sandbox

from .. import resources
from ..core.checks import RULES, SEVERITIES, counts
from ..core.labels import SHARE_LABELS, area_label
from ..core.report import Report, SizeShares
from ..core.shares import Shares
from ..exceptions import TemplateError
from ..i18n import DEFAULT, N_, Translator, check_language, translations
from ..model import Branding, Finding, Role, Row, parse_accent

TEMPLATE = "summary.html.j2"
# The parts summary.html.j2 includes; a templates folder of the user's may replace any of them.
PARTS = ("theme.css.j2", "style.css.j2", "header.html.j2", "footer.html.j2")

ENGLISH = Translator(DEFAULT)

LETTER_CLASSES: Mapping[str, str] = {"R": "l-R", "A": "l-A", "A/R": "l-AR", "C": "l-C", "I": "l-I"}

# Chart geometry, in SVG user units (the chart scales to its container).
CHART_WIDTH = 760.0
PLOT_LEFT = 200.0
PLOT_RIGHT = 740.0
PLOT_TOP = 40.0
GROUP_HEIGHT = 58.0
BAR_HEIGHT = 24.0
BAR_GAP = 4.0
AXIS_SPACE = 30.0
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
# The segments of each size's bar, in order, and their legend labels.
SEGMENT_LABELS: Mapping[str, str] = {
    "sales": N_("Sales"),
    "marketing": N_("Marketing"),
    "both": N_("One person for both"),
    "others": N_("Others"),
}
MIN_LABELLED_WIDTH = 34.0  # a segment narrower than this shows its figure only in its tooltip
LEGEND_STEP = 150.0  # from one legend key to the next, at least
LEGEND_KEY = 18.0  # swatch and space before its label
LEGEND_CHAR = 6.2  # a generous width per character of an 11px label
LEGEND_GAP = 24.0

NO_ERRORS = N_("No errors: every responsibility has exactly one accountable role and someone doing the work.")

# The built-in accent (navy) and its pale wash; a client's accent replaces both.
BUILTIN_ACCENT = "#1d3557"
BUILTIN_TINT = "#e9f0f7"
INK_CONTRAST = 4.5  # WCAG AA for text on white: the accent is darkened for text until it reaches this
TINT_SHARE = 0.12  # how much of the accent its wash keeps (the rest is white)


# --- filters -------------------------------------------------------------------------------


def percent(value: float | None) -> str:
    """0.918 -> "92%"; None -> "n/a" (in English; the environment binds its own language)."""
    return ENGLISH.percent(value)


def css_percent(value: float | None) -> str:
    """A share as a CSS length, the same in every language: 0.9184 -> "91.8%"; None -> "0%"."""
    return "0%" if value is None else f"{max(0.0, min(1.0, value)) * 100:.1f}%"


def fraction(value: float | None) -> str:
    """The exact figure for machines: 0.918367 -> "0.9184"; None -> ""."""
    return "" if value is None else f"{value:.4f}"


def letter_class(letter: str) -> str:
    """The CSS class of a matrix cell: "A/R" -> "l-AR"; "" (no letter) -> ""."""
    return LETTER_CLASSES.get(letter, "")


def coord(value: float) -> str:
    """An SVG coordinate with at most one decimal: 200.0 -> "200", 12.25 -> "12.2"."""
    return f"{round(value, 1):g}"


def counted(text: str, number: int) -> str:
    """A plural form chosen by ngettext with its number filled in: "%(num)d errors", 3 -> "3 errors"."""
    return text % {"num": number}


def translator(lang: str) -> Callable[[str], str]:
    """The `translate` filter: a text's catalogue entry as a plain str, or the text itself.

    Plain on purpose (Jinja's `_()` returns Markup and %-formats): for data that may be one of
    raci's own texts, such as a built-in role title; a user's text comes back as it is.
    """
    catalogue = translations(lang)

    def translate(text: str) -> str:
        return catalogue.gettext(text) if text else text  # gettext("") would be the catalogue header

    return translate


# --- the data the template receives --------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One segment of a size's 100% bar; `labelled` when it is wide enough to hold its figure."""

    share: str
    value: float
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    labelled: bool = True


@dataclass(frozen=True)
class SizeGroup:
    """One profile in the size chart: its labels, its band and its bar's segments (summing to 100%)."""

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


def size_chart(sizes: tuple[SizeShares, ...], t: Translator = ENGLISH) -> Chart:
    """Geometry for the size comparison: per profile, smallest first, one 100% bar of who answers:
    sales, marketing, one person wearing both hats, and everyone else."""
    span = PLOT_RIGHT - PLOT_LEFT
    groups = []
    for index, size in enumerate(sizes):
        top = PLOT_TOP + index * GROUP_HEIGHT
        y = top + (GROUP_HEIGHT - BAR_HEIGHT) / 2
        bars, x = [], PLOT_LEFT
        for share, value in size.shares.segments.items():
            width = round(max(0.0, min(1.0, value)) * span, 1)
            bars.append(
                Bar(
                    share=share,
                    value=value,
                    x=x,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    label_x=x + width / 2,
                    label_y=y + BAR_HEIGHT / 2 + 4,
                    labelled=width >= MIN_LABELLED_WIDTH,
                )
            )
            x += width
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
    legend, x = [], PLOT_LEFT
    for share, label in SEGMENT_LABELS.items():
        legend.append(LegendKey(share=share, label=t(label), x=x))
        x += max(LEGEND_STEP, LEGEND_KEY + round(len(t(label)) * LEGEND_CHAR) + LEGEND_GAP)
    shift = max(0.0, x - LEGEND_GAP - CHART_WIDTH)  # long labels: start the legend further left
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
        legend=tuple(LegendKey(key.share, key.label, max(14.0, key.x - shift)) for key in legend),
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


def severity_count(severity: str, number: int, t: Translator = ENGLISH) -> str:
    """How many findings of one severity, in words: "1 warning", "20 notes"."""
    ngettext = t.plural
    if severity == "error":
        text = ngettext("%(num)d error", "%(num)d errors", number)
    elif severity == "warning":
        text = ngettext("%(num)d warning", "%(num)d warnings", number)
    else:
        text = ngettext("%(num)d note", "%(num)d notes", number)
    return counted(text, number)


def checks_summary(findings: tuple[Finding, ...], t: Translator = ENGLISH) -> Checks:
    """The verdict, the counts per severity, and the findings as the page lists them."""
    ngettext = t.plural
    tally = counts(findings)
    errors = tuple(finding for finding in findings if finding.severity == "error")
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity == "info":
            by_rule.setdefault(finding.rule, []).append(finding)
    return Checks(
        verdict=t(NO_ERRORS)
        if not errors
        else counted(ngettext("%(num)d error to fix", "%(num)d errors to fix", len(errors)), len(errors)),
        ok=not errors,
        tally=tuple(
            Tally(severity, tally[severity], severity_count(severity, tally[severity], t)) for severity in SEVERITIES
        ),
        errors=errors,
        warnings=tuple(finding for finding in findings if finding.severity == "warning"),
        notes=tuple(note_group(rule, tuple(group), t) for rule, group in by_rule.items()),
        all_clear=counted(
            ngettext(
                "%(num)d check passed, with no warnings or notes.",
                "All %(num)d checks passed, with no warnings or notes.",
                len(RULES),
            ),
            len(RULES),
        ),
    )


def note_group(rule: str, findings: tuple[Finding, ...], t: Translator = ENGLISH) -> NoteGroup:
    """Several notes of one rule as one entry: "20 responsibilities", their ids, the shared advice."""
    _, ngettext = t, t.plural
    ids = tuple(dict.fromkeys(finding.id for finding in findings if finding.id is not None))
    roles = tuple(dict.fromkeys(finding.role for finding in findings if finding.role is not None))
    if ids and all(finding.id is not None for finding in findings):
        subject = counted(ngettext("%(num)d responsibility", "%(num)d responsibilities", len(ids)), len(ids))
        if len(ids) < len(findings):
            notes = counted(ngettext("%(num)d note", "%(num)d notes", len(findings)), len(findings))
            subject = _("%(notes)s on %(responsibilities)s") % {"notes": notes, "responsibilities": subject}
    elif roles and all(finding.role is not None for finding in findings) and len(roles) == len(findings):
        subject = counted(ngettext("%(num)d role", "%(num)d roles", len(roles)), len(roles))
    else:
        subject = counted(ngettext("%(num)d note", "%(num)d notes", len(findings)), len(findings))
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
    """Each role's letters; a bottleneck answers for more than the profile's `overload_share` (as the checks say)."""
    rows = report.shares.rows
    limit = report.profile.checks.overload_share
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
                bottleneck=rows > 0 and accountable / rows > limit,
            )
        )
    return tuple(loads)


def reading(report: Report) -> str:
    """Which interpretation sentence the headline gets.

    "split": the profile separates the functions; "hat": one role whose own function is not
    sales (a founder, an owner-director) wears the sales hat and signs off most of the work;
    "sales": sales-led and sales signs off at least as much as anyone outside sales and
    marketing; "role": sales-led on paper, but one role outside both functions signs off most.
    """
    shares = report.shares
    if report.profile.structure == "separate":
        return "split"
    lead = max(role_loads(report), key=lambda load: load.accountable, default=None)
    if lead is not None and lead.role.wears("sales") and lead.role.function != "sales" and lead.accountable_share > 0.5:
        return "hat"
    return "sales" if shares.sales_led >= other_share(shares) else "role"


def other_share(shares: Shares) -> float:
    """Rows signed off by a role wearing neither the sales nor the marketing hat (or by no single role)."""
    return shares.segments["others"]


@dataclass(frozen=True)
class Theme:
    """The page's accent colours: `accent` for rules, bars and edges, `accent_ink` for text in
    the accent (the accent darkened until it reads on white), `accent_tint` for highlighted bands."""

    accent: str
    accent_ink: str
    accent_tint: str


BUILTIN_THEME = Theme(accent=BUILTIN_ACCENT, accent_ink=BUILTIN_ACCENT, accent_tint=BUILTIN_TINT)


def theme(branding: Branding) -> Theme:
    """The built-in navy, or the client's accent with a readable ink and a pale wash of it."""
    if not branding.accent:
        return BUILTIN_THEME
    accent = parse_accent(branding.accent)  # raises on anything but a hex colour: it goes into CSS
    rgb = _rgb(accent)
    ink = rgb
    for step in range(1, 21):
        if _contrast_on_white(ink) >= INK_CONTRAST:
            break
        ink = _mix(rgb, (0, 0, 0), step / 20)
    return Theme(accent=accent, accent_ink=_hex(ink), accent_tint=_hex(_mix((255, 255, 255), rgb, TINT_SHARE)))


def summary_context(report: Report) -> dict[str, Any]:
    """Every variable the summary templates read (see the README for their meaning)."""
    t = Translator(report.lang)
    matrix = report.matrix
    loads = role_loads(report)
    return {
        "report": report,
        "lang": t.lang,
        "branding": report.branding,
        "theme": theme(report.branding),
        "profile": report.profile,
        "shares": report.shares,
        "version": report.version,
        "catalogue_name": matrix.catalogue.path.name if matrix.catalogue is not None else None,
        "share_labels": {key: t(label) for key, label in SHARE_LABELS.items()},
        "segment_labels": {key: t(label) for key, label in SEGMENT_LABELS.items()},
        "reading": reading(report),
        "lead_role": max(loads, key=lambda load: load.accountable, default=None),
        "chart": size_chart(report.sizes, t),
        "roles": matrix.roles,
        "rows": matrix_lines(matrix.rows, report.findings),
        "checks": checks_summary(report.findings, t),
        "workload": loads,
    }


def environment(lang: str = DEFAULT, templates: Path | str | None = None) -> jinja2.Environment:
    """The Jinja2 environment for `lang`: gettext installed, filters in that language.

    `templates`, a folder, goes in front of the built-in templates: a template of the same name
    replaces the built-in one, the others still come from raci. Built once per arguments.
    """
    folder = None if templates is None else Path(templates)
    if folder is not None and not folder.is_dir():
        raise TemplateError(
            "no such templates folder" if not folder.exists() else "is not a folder",
            path=folder,
            hint="give a folder holding templates such as header.html.j2",
        )
    return _environment(check_language(lang), folder)


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates, kept by their source's checksum in a private temporary folder.

    Compiling is a third of a typical run; the cache is only an optimisation, so a folder it
    cannot write to is no reason to fail a run.
    """

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _QuietBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had
        return None


@cache
def _environment(lang: str, templates: Path | None) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(str(resources.templates()))
    loader: jinja2.BaseLoader = builtin
    if templates is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(templates)), builtin])
    # A folder of the user's may come from anyone (a manifest someone sends): its templates run in
    # Jinja2's sandbox, which refuses the attribute tricks that reach Python's internals.
    kind = jinja2.Environment if templates is None else jinja2.sandbox.SandboxedEnvironment
    env = kind(
        loader=loader,
        extensions=["jinja2.ext.i18n"],
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    t = Translator(lang)
    env.filters.update(
        percent=t.percent,
        number=t.number,
        translate=translator(lang),
        fraction=fraction,
        css_percent=css_percent,
        letter_class=letter_class,
        area_label=area_label,
        coord=coord,
    )
    return env


def render_summary(report: Report, templates: Path | str | None = None) -> str:
    """The one-page HTML summary of `report`, as a string, in the report's language.

    `templates` is a folder whose templates replace the built-in ones of the same name; an
    error in one of them is raised as a TemplateError naming the file and line.
    """
    return render(TEMPLATE, summary_context(report), report.lang, templates)


def render(name: str, context: Mapping[str, Any], lang: str = DEFAULT, templates: Path | str | None = None) -> str:
    """The template `name` rendered with `context` in `lang`, a folder of the user's in front of ours.

    An error in the user's templates, or anything its sandbox refuses, is a TemplateError naming
    the file and line.
    """
    env = environment(lang, templates)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateError as err:
        if templates is None:
            raise
        raise _template_error(err, Path(templates)) from err


def _template_error(err: jinja2.TemplateError, folder: Path) -> TemplateError:
    """A Jinja2 error in the user's templates as one located line."""
    hint = f"templates from {folder} replace raci's own"
    if isinstance(err, jinja2.TemplateNotFound):
        where, line = _template_frame(err.__traceback__)
        return TemplateError(f"template '{err.name}' not found", path=where or folder, line=line, hint=hint)
    if isinstance(err, jinja2.TemplateSyntaxError):
        return TemplateError(err.message or "syntax error", path=err.filename or err.name, line=err.lineno, hint=hint)
    where, line = _template_frame(err.__traceback__)
    return TemplateError(err.message or type(err).__name__, path=where, line=line, hint=hint)


def _template_frame(trace: TracebackType | None) -> tuple[str | None, int | None]:
    """The innermost template file and line in `trace` (Jinja2 rewrites its frames to them)."""
    found: tuple[str | None, int | None] = (None, None)
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = (name, trace.tb_lineno)
        trace = trace.tb_next
    return found


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _mix(base: tuple[int, int, int], other: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """`base` with `share` of `other` mixed in."""
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(base, other, strict=True))
    return red, green, blue


def _contrast_on_white(rgb: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of `rgb` against white (1 to 21)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
    return 1.05 / (luminance + 0.05)
