"""The Jinja2 environment every page renders in, its filters, and the HTML summary of a Report.

The templates only lay things out: `summary.html.j2` is the skeleton, and it includes the parts
a firm may replace one by one (`theme.css.j2`, `base.css.j2`, `style.css.j2`, `header.html.j2`,
`brand.html.j2`, `footer.html.j2`) from a templates folder of its own, put in front of the
built-in one (and rendered in Jinja2's sandbox). Number formatting lives in the filters
registered here; what the summary says comes from the story (`story.py`: the headline's reading,
the chart, the next step, the checks as shown, the role cards, the rows to confirm), which
`summary_context` lays out with the accent colours (`colour.py`).

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
from ..exceptions import TemplateError
from ..i18n import DEFAULT, Translator, check_language, translations
from ..model import Finding, Row
from ..scheme import RACI, Scheme
from .chart import SEGMENT_LABELS
from .colour import theme
from .labels import SHARE_LABELS, area_label
from .sandbox import BoundedSandbox
from .schemes import converted_line
from .story import CARD_ROWS, ReadAs, Story, owner_letters, roles_kept, told
from .words import check_title, lower_first, row_rule_words

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
    return f"l-{RACI.slug(letter)}" if letter else ""


@dataclass(frozen=True)
class LegendEntry:
    """A letter of a scheme other than RACI as the page's legend and style show it."""

    letter: str
    css: str
    name: str
    meaning: str
    fill: str
    ink: str
    bold: bool


def signs_off(scheme: Scheme, t: Translator) -> str:
    """The workload's column of the rows a role answers for, naming the scheme's owner letters."""
    return t("Signs off ({letters})").format(letters=owner_letters(scheme, t))


def scheme_legend(scheme: Scheme, t: Translator) -> list[LegendEntry]:
    """The legend of `scheme`'s letters in words and colours; none for RACI, whose legend the page spells."""
    if scheme is RACI:
        return []
    entries = []
    for letter in scheme.letters:
        name, meaning = t(scheme.names[letter]), t(scheme.meanings[letter])
        head, colon, rest = meaning.partition(": ")
        if colon and head.startswith(name.split(" (")[0]):
            meaning = rest  # the name is already shown in bold
        swatch = scheme.colours[letter]
        entries.append(LegendEntry(letter, letter_class(letter), name, meaning, swatch.fill, swatch.ink, swatch.bold))
    return entries


SHOWN_CELLS = 8  # cells the page names for one way of writing a letter; the workbook names them all


@dataclass(frozen=True)
class ReadAsView:
    """The page's audit trail of a matrix made elsewhere: its file, the cells read differently, and how
    many cells of each the page names."""

    file: str
    entries: tuple[ReadAs, ...]
    shown: int


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
    rule_words: str = ""  # the rule that set the row, in words (its code stays in the workbook's Legend)

    @property
    def classes(self) -> str:
        return " ".join(name for name, on in (("area-start", self.area_start), ("has-error", self.errors)) if on)

    @property
    def error_rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(finding.rule for finding in self.errors))


def matrix_lines(
    rows: tuple[Row, ...], findings: tuple[Finding, ...] = (), t: Translator = ENGLISH
) -> tuple[MatrixLine, ...]:
    errors: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity == "error" and finding.id is not None:
            errors.setdefault(finding.id, []).append(finding)
    return tuple(
        MatrixLine(
            row=row,
            area_start=index == 0 or rows[index - 1].item.area != row.item.area,
            errors=tuple(errors.get(row.item.id, ())),
            rule_words=row_rule_words(row, t),
        )
        for index, row in enumerate(rows)
    )


def summary_context(subject: Report | Story, t: Translator = ENGLISH) -> dict[str, Any]:
    """Every variable the summary templates read (see the README for their meaning), laid out from the
    story (a Report is told in the language of `t` first)."""
    story = told(subject, t.lang)
    report, t = story.report, story.t
    matrix = report.matrix
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
        "reading": story.reading,
        "lead_role": story.lead_role,
        "chart": story.chart,
        "next_step": story.next_step,
        "roles": matrix.roles,
        "people": any(role.person for role in matrix.roles),
        "rows": matrix_lines(matrix.rows, report.findings, t),
        "profile_roles_kept": roles_kept(report),
        "checks": story.checks,
        "workload": story.loads,
        "cards": story.cards,
        "cards_list_rows": len(matrix.rows) <= CARD_ROWS,
        "card_letters": {letter: t(matrix.scheme.parts[letter]) for letter in matrix.scheme.ranked},
        "scheme": matrix.scheme,
        "legend": scheme_legend(matrix.scheme, t),
        "signs_off": signs_off(matrix.scheme, t),
        "owners": owner_letters(matrix.scheme, t),
        "scheme_note": converted_line(report.converted, t) if report.converted and report.converted.decisions else "",
        "org": story.org,
        "load": story.load,
        "load_max": max((person.points for person in story.load.people), default=0) or 1,
        "load_weights": t.listed([f"{letter} {weight}" for letter, weight in story.load.weights.items()]),
        "communication": story.communication,
        "cadence": lower_first(story.cadence),
        "confirm": story.confirm,
        "diagnosis": story.diagnosis,
        "read_as": (
            ReadAsView(story.report.read.path.name, story.read_as, SHOWN_CELLS)
            if story.read_as and story.report.read is not None
            else None
        ),
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

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Keys of raci's own (unsandboxed) compiles: never code the sandbox compiled for its calls."""
        return super().get_cache_key(f"raci-unsandboxed:{name}", filename)


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
    # A budget bounds their work: loop steps, calls, time, output (raci.render.sandbox).
    kind = jinja2.Environment if templates is None else BoundedSandbox
    env = kind(
        loader=loader,
        extensions=["jinja2.ext.i18n"],
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache() if templates is None else None,  # sandboxed code compiles apart
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
        check_title=lambda rule: check_title(rule, t),
    )
    return env


def render_summary(report: Report | Story, templates: Path | str | None = None, *, lang: str = DEFAULT) -> str:
    """The one-page HTML summary of `report`, as a string, in `lang`.

    `templates` is a folder whose templates replace the built-in ones of the same name; an
    error in one of them is raised as a TemplateError naming the file and line.
    """
    story = told(report, lang)
    return render(TEMPLATE, summary_context(story), story.lang, templates)


def summary_bytes(report: Report | Story, templates: Path | str | None = None, *, lang: str = DEFAULT) -> bytes:
    """`render_summary` as the UTF-8 bytes a file holds, made without the whole page as a string first."""
    story = told(report, lang)
    return render_bytes(TEMPLATE, summary_context(story), story.lang, templates)


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
