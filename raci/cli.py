"""Command-line adapter: parse options, call the core, print its result, turn RaciError into exit 2."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .exceptions import RaciError, printable
from .i18n import DEFAULT, LANGUAGES

F = TypeVar("F", bound=Callable[..., Any])


def say(text: str, err: bool = False) -> None:
    """Print `text` with control characters from files and names escaped."""
    click.echo(printable(text), err=err)


def reports_errors(command: F) -> F:
    """Print a RaciError as one line on stderr and exit 2; Ctrl-C as one line and exit 130."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .output import WRITTEN

        WRITTEN.clear()
        try:
            return command(*args, **kwargs)
        except RaciError as err:
            say(f"Error: {err}", err=True)
            raise SystemExit(2) from None
        except KeyboardInterrupt:
            if WRITTEN:  # Ctrl-C waits while outputs are renamed: these were written whole, the rest not at all
                say(f"Interrupted after writing {', '.join(str(path) for path in WRITTEN)}.", err=True)
            else:
                say("Interrupted: no output was replaced.", err=True)
            raise SystemExit(130) from None

    return wrapper  # type: ignore[return-value]


def input_options(command: F) -> F:
    """--encoding and --delimiter, for commands that read a responsibilities CSV."""
    command = click.option("--delimiter", help="Field delimiter of the CSV (default: detected; e.g. ';').")(command)
    return click.option("--encoding", help="Text encoding of the CSV (default: detected; e.g. cp1252).")(command)


def lang_option(command: F) -> F:
    """--lang: the language of every label and message, one of those raci has a catalogue for."""
    return click.option(
        "--lang", type=click.Choice(LANGUAGES), default=DEFAULT, show_default=True, help="Language of the outputs."
    )(command)


class InOrder(click.Group):
    """Commands listed in the order a person uses them, not alphabetically."""

    ORDER = ("generate", "check", "sizes", "compare", "batch", "profiles")

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in self.ORDER if name in self.commands]
        return known + sorted(set(self.commands) - set(known))

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """Ctrl-C while the options are read (before a command runs) ends as it does in one: one line,
        exit 130 (click would say "Aborted!" and exit 1)."""
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            say("Interrupted: no output was replaced.", err=True)
            raise SystemExit(130) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            say("Interrupted: no output was replaced.", err=True)
            raise SystemExit(130) from None


def scheme_option(command: F) -> F:
    """--scheme: the letters a matrix is written in (the profile's own by default)."""
    from .scheme import SCHEMES

    return click.option(
        "--scheme",
        type=click.Choice(list(SCHEMES), case_sensitive=False),
        help="Letters to write: raci, rasci (S supports), daci (decisions: Driver, Approver, Contributors, "
        "Informed; other rows stay RACI) or rapid (Recommend, Agree, Perform, Input, Decide). "
        "For a matrix made elsewhere: the scheme to read it in, instead of the one its letters and legend tell.",
    )(command)


def format_option(command: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text for people, json for scripts.",
    )(command)


def branding_options(command: F) -> F:
    """--client, --logo, --accent and --templates: the deliverable in the client's identity."""
    command = click.option(
        "--templates", type=click.Path(path_type=Path), help="A folder of your own templates, in front of ours."
    )(command)
    command = click.option("--accent", help="The accent colour of the pages, e.g. '#0B6E4F'.")(command)
    command = click.option("--logo", type=click.Path(path_type=Path), help="The client's logo: PNG, JPEG or SVG.")(
        command
    )
    return click.option("--client", help="The client's name, shown on the workbook and the page.")(command)


def write_options(command: F) -> F:
    """--out, --force and --quiet, for commands that write files."""
    command = click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")(command)
    command = click.option(
        "--force", is_flag=True, help="Replace outputs even if they were changed since raci wrote them."
    )(command)
    return click.option(
        "--out", "out_dir", type=click.Path(path_type=Path), default=Path("."), show_default=True, help="Output folder."
    )(command)


@click.group(cls=InOrder, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="raci")
def main() -> None:
    """RACI matrices for sales and marketing work, sized to the company.

    A CSV argument may be "-" to read the list from standard input.
    """


@main.command(short_help="Write the RACI workbook and HTML summary for a size.")
@click.argument("csv", required=False, type=click.Path(path_type=Path))
@click.option("--size", help="Built-in profile: startup, small, medium or large (default small).")
@click.option("--headcount", type=click.IntRange(min=1), help="Pick the built-in profile whose range holds N people.")
@click.option("--profile", "profile_file", type=click.Path(path_type=Path), help="Your own profile (TOML).")
@write_options
@click.option(
    "--roles",
    type=click.Path(path_type=Path),
    help="CSV of role,title[,person]: the client's titles; two roles with one title merge, an empty title drops.",
)
@branding_options
@click.option(
    "--pptx",
    is_flag=True,
    help="Also write raci-NAME.pptx: a slide deck (title, headline, size chart, matrix, roles, checks) to present.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(["markdown"]),
    multiple=True,
    help="Also write raci-NAME.md: the matrix as a Markdown page (a table per area, the legend) for a wiki; "
    "raci reads it back.",
)
@click.option(
    "--csv-long",
    is_flag=True,
    help="Also write raci-NAME.csv: one line per responsibility and role, with scheme and area columns, "
    "for pandas or a BI tool; raci reads it back.",
)
@scheme_option
@click.option(
    "--interactive",
    is_flag=True,
    help="Also write raci-NAME-explore.html: every size in one page to switch, filter and sort (no network).",
)
@lang_option
@input_options
@reports_errors
def generate(
    csv: Path | None,
    size: str | None,
    headcount: int | None,
    profile_file: Path | None,
    out_dir: Path,
    roles: Path | None,
    client: str | None,
    logo: Path | None,
    accent: str | None,
    templates: Path | None,
    force: bool,
    quiet: bool,
    pptx: bool,
    formats: tuple[str, ...],
    csv_long: bool,
    scheme: str | None,
    interactive: bool,
    lang: str,
    encoding: str | None,
    delimiter: str | None,
) -> None:
    """Write a RACI workbook and an HTML summary for CSV (default: the bundled catalogue).

    CSV may also be an .xlsx whose first sheet holds the list.
    """
    from .inputs.branding import make_branding
    from .jobs.generate import chosen_profiles
    from .jobs.generate import generate as run

    profile, matrix_size = chosen_profiles(size, headcount, profile_file)
    outcome = run(
        out_dir,
        profile,
        csv,
        encoding=encoding,
        delimiter=delimiter,
        roles=roles,
        lang=lang,
        branding=make_branding(client, logo, accent),
        templates=templates,
        force=force,
        pptx=pptx,
        matrix_size=matrix_size,
        headcount=headcount,
        scheme=scheme,
        markdown="markdown" in formats,
        csv_long=csv_long,
        interactive=interactive,
    )
    for warning in outcome.warnings:
        say(f"Warning: {warning}", err=True)
    if not quiet:
        extra = (outcome.deck, outcome.markdown, outcome.csv_long, outcome.explore)
        written = (outcome.workbook, outcome.summary, *(path for path in extra if path))
        from .i18n import Translator
        from .render.console import summary_text
        from .render.uncertain import console_lines

        report, t = outcome.report, Translator(outcome.lang)
        say(summary_text(report, t, tuple(map(str, written))))
        for line in console_lines(report.uncertain, report.pinned, t, report.inferred):
            say(line)
        if report.converted is not None and report.converted.decisions:
            from .render.schemes import converted_line

            say(converted_line(report.converted, t))


@main.command(short_help="Compare the built-in sizes: roles and the four shares.")
@click.argument("csv", required=False, type=click.Path(path_type=Path))
@format_option
@lang_option
@input_options
@reports_errors
def sizes(csv: Path | None, fmt: str, lang: str, encoding: str | None, delimiter: str | None) -> None:
    """Compare the built-in sizes on CSV (default: the bundled catalogue): roles and the four shares."""
    from .core.sizes import as_json, size_table
    from .i18n import Translator
    from .inputs.catalog import read_catalogue
    from .inputs.profiles import builtin_profiles
    from .render.console import sizes_text
    from .render.localise import localise_profile
    from .resources import default_catalogue

    catalogue = read_catalogue(csv or default_catalogue(lang), encoding=encoding, delimiter=delimiter)
    rows = size_table(catalogue, [localise_profile(profile, lang) for profile in builtin_profiles()])
    say(as_json(rows) if fmt == "json" else sizes_text(rows, Translator(lang)))


@main.command(short_help="Show what moves, and to whom, as a firm grows.")
@click.argument("csv", required=False, type=click.Path(path_type=Path))
@click.option(
    "--from",
    "old",
    required=True,
    metavar="SIZE",
    help="Size now: a built-in size, a headcount (15), a profile (.toml) or today's matrix (a file with letters).",
)
@click.option(
    "--to",
    "new",
    required=True,
    metavar="SIZE",
    help="Size to grow to: a built-in size, a headcount (300) or a profile (.toml).",
)
@click.option(
    "--direct", is_flag=True, help="Compare the two sizes in one step, not through every built-in size between."
)
@click.option(
    "--roles",
    type=click.Path(path_type=Path),
    help="CSV of role,title[,person]: the client's titles today (the FROM side), as on generate.",
)
@click.option(
    "--pptx",
    is_flag=True,
    help="Also write raci-FROM-to-TO.pptx: the plan as slides (shares before and after, each step's hires, "
    "roles, handovers, guardrails, the marketing-sales agreement and load) to present.",
)
@format_option
@write_options
@branding_options
@lang_option
@input_options
@reports_errors
def compare(
    csv: Path | None,
    old: str,
    new: str,
    direct: bool,
    roles: Path | None,
    pptx: bool,
    fmt: str,
    out_dir: Path,
    force: bool,
    quiet: bool,
    client: str | None,
    logo: Path | None,
    accent: str | None,
    templates: Path | None,
    lang: str,
    encoding: str | None,
    delimiter: str | None,
) -> None:
    """Write raci-FROM-to-TO.xlsx and .html (and .pptx) and print the plan: who answers for what, step by step."""
    import json

    from .i18n import Translator
    from .inputs.branding import make_branding
    from .jobs.compare import resolve_from, resolve_profile, run_compare
    from .render.plan_text import plan_json, plan_lines

    outcome = run_compare(
        out_dir,
        resolve_from(old, encoding=encoding, delimiter=delimiter),
        resolve_profile(new),
        csv,
        encoding=encoding,
        delimiter=delimiter,
        lang=lang,
        branding=make_branding(client, logo, accent),
        templates=templates,
        force=force,
        roles=roles,
        direct=direct,
        pptx=pptx,
    )
    files = (outcome.workbook, outcome.page, *([outcome.deck] if outcome.deck else []))
    written, t = tuple(map(str, files)), Translator(outcome.lang)
    if fmt == "json":
        data = {**plan_json(outcome.comparison, t), "files": list(written)}
        say(json.dumps(data, ensure_ascii=False, indent=2))
    elif not quiet:
        say(plan_lines(outcome.comparison, t, written))


@main.command(short_help="Check a matrix for defects; exit 1 on errors.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--size", help="For a CSV: the built-in profile to check under (default small).")
@click.option("--headcount", type=click.IntRange(min=1), help="For a CSV: pick the profile whose range holds N.")
@click.option("--profile", "profile_file", type=click.Path(path_type=Path), help="For a CSV: your own profile.")
@format_option
@click.option("--max-consulted", type=click.IntRange(min=0), help="Most C's a row may hold (default 3).")
@click.option(
    "--overload-share", type=click.FloatRange(0, 1, min_open=True), help="Largest share of A's for one role (0.5)."
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@scheme_option
@lang_option
@input_options
@reports_errors
def check(
    path: Path,
    size: str | None,
    headcount: int | None,
    profile_file: Path | None,
    fmt: str,
    max_consulted: int | None,
    overload_share: float | None,
    strict: bool,
    scheme: str | None,
    lang: str,
    encoding: str | None,
    delimiter: str | None,
) -> None:
    """Check a responsibilities CSV, or a workbook raci wrote (edited or not); exit 1 on errors."""
    from .jobs.check import as_json, as_text, check_path
    from .jobs.generate import choose_profile

    profile = choose_profile(size, headcount, profile_file)
    result = check_path(
        path,
        profile,
        max_consulted=max_consulted,
        overload_share=overload_share,
        encoding=encoding,
        delimiter=delimiter,
        lang=lang,
        scheme=scheme,
    )
    say(as_json(result) if fmt == "json" else as_text(result))
    raise SystemExit(1 if result.failed(strict) else 0)


@main.command(short_help="Run many clients' jobs from a manifest, in parallel.")
@click.argument("manifest", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Output folder: a folder per job, index.html.",
)
@click.option(
    "--jobs",
    "-j",
    "workers",
    type=click.IntRange(min=1),
    help="Jobs run at once, one process each (default: CPUs; at most 4 per CPU).",
)
@click.option("--title", help="The index page's title (default: the manifest's file name).")
@click.option("--force", is_flag=True, help="Replace outputs even if they were changed since raci wrote them.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but failures.")
@reports_errors
def batch(manifest: Path, out_dir: Path, workers: int | None, title: str | None, force: bool, quiet: bool) -> None:
    """Run every job of MANIFEST in parallel; exit 1 if any job failed.

    MANIFEST is a CSV, one job per row: name, input (a responsibilities CSV; empty: the bundled
    catalogue), one of size, headcount or profile, and optionally encoding, delimiter, roles,
    lang, client, logo, accent, templates, pptx, scheme, markdown, csv_long, interactive. Paths are
    relative to the manifest's folder. Each job writes OUT/NAME/raci-NAME-SIZE.xlsx and .html;
    OUT/index.html links them all, and OUT/portfolio.xlsx and OUT/portfolio.csv list every job's shares, one row each.
    """
    import sys

    from .inputs.manifest import read_manifest
    from .jobs.batch import failure_lines, progress_line, run_batch, summary_lines

    plan = read_manifest(manifest, out_dir, force=force, title=title)
    if quiet:
        outcome = run_batch(plan, workers=workers)
    elif sys.stdout.isatty():
        with click.progressbar(length=len(plan.jobs), label="Generating", show_pos=True) as bar:
            outcome = run_batch(plan, workers=workers, progress=lambda result, done, total: bar.update(1))
    else:
        outcome = run_batch(
            plan, workers=workers, progress=lambda result, done, total: say(progress_line(result, done, total))
        )
    for line in failure_lines(outcome):
        say(line, err=True)
    if outcome.index_error is not None:
        say(f"Error: {outcome.index_error}", err=True)
        raise SystemExit(2)
    if not quiet:
        say("\n".join(summary_lines(outcome)))
    raise SystemExit(1 if outcome.failed else 0)


@main.command(short_help="List the built-in size profiles and their roles.")
@reports_errors
def profiles() -> None:
    """List the built-in size profiles with their headcount ranges and roles."""
    from .inputs.profiles import builtin_profiles

    for profile in builtin_profiles():
        say(f"{profile.name} ({profile.headcount_label} people, {profile.structure}): {profile.title}")
        say(f"  {profile.description}")
        roles = ", ".join(f"{role.title} [{' + '.join(role.functions)}]" for role in profile.roles)
        say(f"  {len(profile.roles)} roles: {roles}")
