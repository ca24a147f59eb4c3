"""The Jinja2 environment every page renders in, its filters, and the HTML summary of a Report.

The templates only lay things out: `summary.html.j2` is the skeleton, and it includes the parts
a firm may replace one by one (`theme.css.j2`, `base.css.j2`, `style.css.j2`, `header.html.j2`,
`brand.html.j2`, `footer.html.j2`) from a templates folder of its own, put in front of the
built-in one (and rendered in Jinja2's sandbox). Number formatting lives in the filters
registered here; what the summary computes is worked out in `summary_context`, from the chart
geometry (`chart.py`), the checks as shown (`findings.py`) and the accent colours (`colour.py`).

Languages: fixed labels are translated where they are made: in the templates with Jinja2's
i18n extension (`_()`, `ngettext()`), here with a `Translator` (bound to `_`/`ngettext` so
`pybabel extract` finds them; module-level constants are marked with `N_()`). Data is never
the message of a gettext call: texts that may have a translation (the built-in profiles'
titles, descriptions, role titles and rule notes, function names, area labels) go through
the plain `translate` filter, which returns an ordinary (escaped) string.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup, escape

from .. import resources
from ..core.report import Report
from ..core.shares import Shares
from ..exceptions import TemplateError
from ..i18n import DEFAULT, Translator, check_language, translations
from ..model import Finding, Role, Row
from ..scheme import RACI
from .chart import SEGMENT_LABELS, size_chart
from .colour import theme
from .findings import checks_summary
from .labels import SHARE_LABELS, area_label
from .orgchart import org_chart

TEMPLATE = "summary.html.j2"
# The parts summary.html.j2 includes; a templates folder of the user's may replace any of them.
PARTS = ("theme.css.j2", "base.css.j2", "style.css.j2", "header.html.j2", "footer.html.j2")

ENGLISH = Translator(DEFAULT)


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
    return f"l-{RACI.slug(letter)}" if letter in RACI.letters else ""


CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(text: str) -> Markup:
    """Text whose `names` (a column or a value to type) are shown as code; everything else escaped."""
    return Markup(CODE_SPAN.sub(lambda found: f"<code>{found.group(1)}</code>", str(escape(text))))


def coord(value: float) -> str:
    """An SVG coordinate with at most one decimal: 200.0 -> "200", 12.25 -> "12.2"."""
    return f"{round(value, 1):g}"


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
class RoleLoad:
    """One role's letters; `accountable` counts A and A/R, `accountable_share` over all rows."""

    role: Role
    counts: Mapping[str, int]
    accountable: int
    total: int
    accountable_share: float
    bottleneck: bool


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


def role_loads(report: Report) -> tuple[RoleLoad, ...]:
    """Each role's letters; a bottleneck answers for more than the profile's `overload_share` (as the checks say)."""
    rows = report.shares.rows
    limit = report.profile.checks.overload_share
    loads = []
    for entry in report.workload:
        accountable = sum(entry.counts.get(letter, 0) for letter in report.matrix.scheme.accountable)
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


CARD_ROWS = 300  # up to this many rows a card names each responsibility; beyond, it counts them by area


@dataclass(frozen=True)
class RoleCard:
    """One role's part of the matrix: per letter, its responsibilities grouped by area."""

    role: Role
    load: RoleLoad
    parts: tuple[tuple[str, tuple[tuple[str, tuple[Row, ...]], ...]], ...]  # (letter, ((area, rows), ...))


def role_cards(report: Report, loads: tuple[RoleLoad, ...]) -> tuple[RoleCard, ...]:
    """Every role's card, in column order."""
    rows = report.matrix.rows
    cards = []
    for index, load in enumerate(loads):
        parts = []
        for letter in report.matrix.scheme.ranked:  # what a role answers for first, what it hears of last
            mine = [row for row in rows if row.letters[index] == letter]
            areas = list(dict.fromkeys(row.item.area for row in mine))
            if mine:
                parts.append((letter, tuple((area, tuple(r for r in mine if r.item.area == area)) for area in areas)))
        cards.append(RoleCard(load.role, load, tuple(parts)))
    return tuple(cards)


@dataclass(frozen=True)
class NextStep:
    """What the next size up changes first: the step's heading, trigger and counts, its first hire."""

    size: str  # the next size's name, for the `raci compare` command
    differs: bool  # True: how a matrix made elsewhere differs from the size it was given; else the next size up
    origin: str  # what `raci compare --from` takes for this report: a size name, or the matrix's file
    heading: str
    trigger: str
    counts: tuple[str, ...]
    first_hire: tuple[str, ...]


def next_step(report: Report, t: Translator) -> NextStep | None:
    """The first step of the growth plan from this profile to the next built-in size, or None at the top."""
    from ..core.compare import compare
    from ..core.plan import plan_steps
    from .localise import localise_profile
    from .plan_text import step_text

    sizes = [entry.profile for entry in report.sizes]
    current = next((entry.profile for entry in report.sizes if entry.current), None)
    catalogue = report.matrix.catalogue
    if current is None or catalogue is None:
        return None
    if report.target is not None:  # a matrix made elsewhere, set beside the size it was given
        goal = report.target
    elif current.source is not None and current.source == catalogue.path:
        return None  # a matrix made elsewhere, of no size it was given: no next size to speak of
    else:
        bigger = [size for size in sizes if size.headcount_min > current.headcount_min]
        if not bigger:
            return None
        goal = bigger[0]
    shown = {profile.name: localise_profile(profile, t.lang) for profile in (current, goal)}
    step = step_text(plan_steps(compare(catalogue, current, goal, roles=report.roles, shown=shown))[0], t)
    return NextStep(
        size=goal.name,
        differs=report.target is not None,
        origin=catalogue.path.name if report.target is not None else current.name,
        heading=step.heading,
        trigger=step.trigger,
        counts=step.counts,
        first_hire=step.hire_sentences[0] if step.hire_sentences else step.hires[:1],
    )


def summary_context(report: Report, t: Translator = ENGLISH) -> dict[str, Any]:
    """Every variable the summary templates read (see the README for their meaning)."""
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
        "next_step": next_step(report, t),
        "roles": matrix.roles,
        "people": any(role.person for role in matrix.roles),
        "rows": matrix_lines(matrix.rows, report.findings),
        "checks": checks_summary(report.findings, t),
        "workload": loads,
        "cards": role_cards(report, loads),
        "cards_list_rows": len(matrix.rows) <= CARD_ROWS,
        "card_letters": {letter: t(matrix.scheme.parts[letter]) for letter in matrix.scheme.ranked},
        "org": org_chart(matrix.roles),
        "confirm": confirm_lines(report, t),
    }


@dataclass(frozen=True)
class ConfirmLine:
    """A row the page asks the client to confirm, or one whose Accountable the client chose."""

    id: str
    responsibility: str
    guess: str
    why: str
    fix: str
    chosen: bool = False


def confirm_lines(report: Report, t: Translator) -> tuple[ConfirmLine, ...]:
    from .uncertain import fix, guess, why

    lines = [
        ConfirmLine(entry.id, entry.responsibility, guess(entry, t), why(entry, t), fix(entry, t))
        for entry in report.uncertain
    ]
    lines += [
        ConfirmLine(entry.id, "", t(entry.role.title), t("the client's choice (`accountable` column)"), "", True)
        for entry in report.pinned
    ]
    return tuple(lines)


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
        code_spans=code_spans,
    )
    return env


def render_summary(report: Report, templates: Path | str | None = None, *, lang: str = DEFAULT) -> str:
    """The one-page HTML summary of `report`, as a string, in `lang`.

    `templates` is a folder whose templates replace the built-in ones of the same name; an
    error in one of them is raised as a TemplateError naming the file and line.
    """
    return render(TEMPLATE, summary_context(report, Translator(lang)), lang, templates)


def summary_bytes(report: Report, templates: Path | str | None = None, *, lang: str = DEFAULT) -> bytes:
    """`render_summary` as the UTF-8 bytes a file holds, made without the whole page as a string first."""
    return render_bytes(TEMPLATE, summary_context(report, Translator(lang)), lang, templates)


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


ENCODED_CHUNKS = 4096  # template output pieces joined and encoded at a time


def render_bytes(
    name: str, context: Mapping[str, Any], lang: str = DEFAULT, templates: Path | str | None = None
) -> bytes:
    """`render` as UTF-8 bytes: the template's output encoded as it comes, a few thousand pieces at a
    time, so a long page is held once as bytes instead of as pieces, a string and its encoding."""
    env = environment(lang, templates)
    encoded: list[bytes] = []
    pieces: list[str] = []
    try:
        for piece in env.get_template(name).generate(context):
            pieces.append(piece)
            if len(pieces) == ENCODED_CHUNKS:
                encoded.append("".join(pieces).encode("utf-8"))
                pieces.clear()
    except jinja2.TemplateError as err:
        if templates is None:
            raise
        raise _template_error(err, Path(templates)) from err
    encoded.append("".join(pieces).encode("utf-8"))
    return b"".join(encoded)


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
