"""`raci generate`: catalogue + profile -> report -> workbook and summary, written as one unit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..core.report import Report, build_matrix_report, build_report
from ..core.shares import told_structure
from ..exceptions import OutputError, ProfileError
from ..i18n import DEFAULT, check_language
from ..inputs.catalog import read_catalogue
from ..inputs.matrix import as_is, read_matrix
from ..inputs.profiles import builtin_profile, builtin_profiles, load_profile, profile_for_headcount
from ..inputs.roles import read_role_mapping
from ..inputs.source import SourceKind, open_source
from ..inputs.workbook import read_workbook
from ..model import Branding, MatrixSource, Profile
from ..names import safe_name
from ..output import source_date, write_files
from ..render.localise import localise_profile
from ..resources import default_catalogue
from ..scheme import SCHEMES, Scheme, scheme_named

DEFAULT_SIZE = "small"


@dataclass(frozen=True)
class Outcome:
    report: Report
    workbook: Path
    summary: Path
    deck: Path | None = None  # raci-NAME.pptx, when asked for
    explore: Path | None = None  # raci-NAME-explore.html, the page to explore, when asked for
    warnings: tuple[str, ...] = ()  # what the files could not hold, for the person running raci
    lang: str = DEFAULT  # the language the files speak
    markdown: Path | None = None  # raci-NAME.md, when asked for
    csv_long: Path | None = None  # raci-NAME.csv (one line per cell), when asked for


def choose_profile(size: str | None = None, headcount: int | None = None, profile: Path | None = None) -> Profile:
    """The profile for at most one of a size name, a headcount or a profile file; `small` by default."""
    given = [name for name, value in (("--size", size), ("--headcount", headcount), ("--profile", profile)) if value]
    if len(given) > 1:
        raise ProfileError(f"{' and '.join(given)} both choose a profile", hint="give only one of them")
    if profile is not None:
        return load_profile(profile)
    if headcount is not None:
        return profile_for_headcount(headcount)
    return builtin_profile(size or DEFAULT_SIZE)


def choose_scheme(name: str | None) -> Scheme | None:
    """The scheme `--scheme` names, or None when it names none (the profile's, or the file's own)."""
    if not name:
        return None
    scheme = scheme_named(name)
    if scheme is None:
        raise ProfileError(f"scheme '{name}' is not one raci knows", hint=f"schemes are {', '.join(SCHEMES)}")
    return scheme


def chosen_profiles(
    size: str | None = None, headcount: int | None = None, profile: Path | None = None
) -> tuple[Profile, Profile | None]:
    """The profile to write with (`choose_profile`), and the same profile when one of the three named it,
    None when none did: the size a matrix made elsewhere is compared with (no size is guessed)."""
    chosen = choose_profile(size, headcount, profile)
    return chosen, chosen if (size or headcount or profile) else None


def generate(
    out_dir: Path | str,
    profile: Profile,
    catalogue: Path | str | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    roles: Path | str | None = None,
    lang: str = "en",
    branding: Branding | None = None,
    templates: Path | str | None = None,
    force: bool = False,
    stem: str | None = None,
    pptx: bool = False,
    matrix_size: Profile | None = None,
    scheme: str | None = None,
    markdown: bool = False,
    csv_long: bool = False,
    interactive: bool = False,
    headcount: int | None = None,
) -> Outcome:
    """Write `raci-NAME.xlsx` and `raci-NAME.html` into `out_dir`, and `raci-NAME.pptx` (a slide deck)
    with `pptx`, and `raci-NAME-explore.html` (every size in one page to explore) with `interactive`;
    nothing is written if anything fails.

    An existing output that a person changed since raci wrote it is kept unless `force`.
    `stem` names the files instead (`raci-acme-corp-small`: a batch names them for the client).
    For a matrix made elsewhere, `profile` plays no part; `matrix_size`, when given, is the size
    profile the summary compares it with, and `headcount` the client's (else its title rows', if any).
    """
    from ..render.html import summary_bytes
    from ..render.messages import cleaned_warning
    from ..render.opentext import long_csv_bytes, markdown_bytes
    from ..render.story import tell_story
    from ..render.workbook import logo_warning, workbook_bytes

    lang = check_language(lang)
    mapping = read_role_mapping(roles) if roles is not None else None
    branding = branding or Branding()
    source = open_source(catalogue or default_catalogue(lang), encoding=encoding, delimiter=delimiter)
    chosen = choose_scheme(scheme)
    if chosen is not None:
        profile = replace(profile, scheme=chosen)
    read: MatrixSource | None = None
    if source.kind is SourceKind.LIST:
        report = build_report(
            read_catalogue(source),
            profile,
            mapping,
            sizes=builtin_profiles(),
            shown=localise_profile(profile, lang),
            branding=branding,
        )
    else:
        if source.kind is SourceKind.WORKBOOK:  # raci's own workbook, as a person may have edited it
            matrix, problems = read_workbook(source)
        else:  # a matrix made elsewhere: its own roles and letters
            found, problems, read = read_matrix(source, chosen)
            if headcount:  # --headcount overrides what the title rows say
                read = replace(read, headcount=headcount)
            matrix = as_is(told_structure(found), source.path, read)
            if not branding.client and read.client:  # the client's name from its title rows; --client overrides
                branding = replace(branding, client=read.client)
            if matrix_size is None and read.headcount:  # its headcount too; --headcount or --size overrides
                matrix_size = profile_for_headcount(read.headcount)
        report = build_matrix_report(
            matrix,
            problems,
            mapping,
            sizes=builtin_profiles(),
            read=read,
            branding=branding,
            target=matrix_size,
        )
        profile = matrix.profile
    out = Path(out_dir)
    stem = stem or f"raci-{safe_name(profile.name)}"
    workbook, summary = out / f"{stem}.xlsx", out / f"{stem}.html"
    story = tell_story(report, lang)  # what every file says, told once
    page = summary_bytes(story, templates=templates_folder(templates))
    when = source_date()  # read once: every file of the run carries it
    files = [(workbook, workbook_bytes(story, when)), (summary, page)]
    deck = out / f"{stem}.pptx" if pptx else None
    if deck is not None:
        from ..render.deck import deck_bytes  # python-pptx is loaded only when a deck is asked for

        files.append((deck, deck_bytes(story, when)))
    page_md = out / f"{stem}.md" if markdown else None
    if page_md is not None:
        files.append((page_md, markdown_bytes(report, lang)))
    long = out / f"{stem}.csv" if csv_long else None
    if long is not None:
        files.append((long, long_csv_bytes(report)))
    explore = out / f"{stem}-explore.html" if interactive else None
    if explore is not None:
        from ..render.explore import explore_bytes

        files.append((explore, explore_bytes(story, builtin_profiles(), templates=templates_folder(templates))))
    _not_over_input(source.path, [path for path, _ in files])
    write_files(files, force=force)
    warnings = tuple(warning for warning in (logo_warning(report, lang), cleaned_warning(read, lang)) if warning)
    return Outcome(
        report=report,
        workbook=workbook,
        summary=summary,
        deck=deck,
        warnings=warnings,
        lang=lang,
        markdown=page_md,
        csv_long=long,
        explore=explore,
    )


def _not_over_input(given: Path, outputs: list[Path]) -> None:
    """An output may never take the place of the file it was made from (raci's own workbook, read back)."""
    if str(given) == "-":
        return
    for path in outputs:
        try:
            same = path.samefile(given)
        except OSError:  # no such output yet, or a name the system refuses (the writer says which)
            continue
        if same:
            raise OutputError(
                "would be replaced by its own output", path=given, hint="write the outputs elsewhere with --out"
            )


def templates_folder(folder: Path | str | None) -> Path | None:
    if folder is None:
        return None
    path = Path(folder)
    if not path.is_dir():
        raise OutputError("is not a folder of templates", path=path, hint="give the folder holding your .j2 files")
    return path
