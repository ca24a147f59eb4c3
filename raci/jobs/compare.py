"""`raci compare`: both profiles on one catalogue, the comparison's workbook, page and (when asked for)
deck written as one unit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..core.compare import Comparison, compare_path, path_between
from ..i18n import DEFAULT, check_language
from ..inputs.catalog import read_catalogue
from ..inputs.profiles import builtin_profiles
from ..inputs.roles import read_role_mapping
from ..model import Branding, Catalogue, Profile
from ..names import safe_name
from ..output import source_date, write_files
from ..render.localise import localise_profile
from ..resources import default_catalogue
from .generate import choose_profile, templates_folder


@dataclass(frozen=True)
class CompareOutcome:
    comparison: Comparison
    workbook: Path
    page: Path
    lang: str = DEFAULT  # the language the files speak
    deck: Path | None = None  # raci-FROM-to-TO.pptx, when asked for


@dataclass(frozen=True)
class AsIs:
    """A `--from` that is a matrix made elsewhere: its own roles and letters, and its rows as the catalogue."""

    profile: Profile
    catalogue: Catalogue


def resolve_from(value: str, *, encoding: str | None = None, delimiter: str | None = None) -> Profile | AsIs:
    """A `--from` value: a matrix made elsewhere (a file with letter columns), or what `resolve_profile` takes."""
    path = Path(value)
    if path.is_file() and not value.lower().endswith(".toml"):
        from ..core.shares import told_structure
        from ..inputs.matrix import as_is_profile, read_matrix
        from ..inputs.source import SourceKind, open_source
        from ..inputs.workbook import read_workbook

        source = open_source(path, encoding=encoding, delimiter=delimiter)
        if source.kind is SourceKind.MATRIX:
            found, _, read = read_matrix(source)
            return AsIs(*as_is_profile(told_structure(found), path, read))
        if source.kind is SourceKind.WORKBOOK:  # raci's own workbook, as a person may have edited it
            return AsIs(*as_is_profile(read_workbook(source)[0], path))
    return resolve_profile(value)


def resolve_profile(value: str) -> Profile:
    """A `--from`/`--to` value: a profile file (ends in .toml, or an existing file), a headcount (the
    built-in size whose range holds it) or a built-in size."""
    path = Path(value)
    if value.lower().endswith(".toml") or path.is_file():
        return choose_profile(profile=path)
    if value.strip().isdigit():
        return choose_profile(headcount=max(int(value), 1))
    return choose_profile(size=value)


def growth_path(old: Profile, new: Profile) -> tuple[Profile, ...]:
    """`old`, every built-in size whose range starts between theirs, and `new`: one step per size."""
    return path_between(old, new, builtin_profiles())


def output_paths(out_dir: Path | str, comparison: Comparison) -> tuple[Path, Path]:
    """`raci-FROM-to-TO.xlsx` and `.html` in `out_dir`, the profile names made safe."""
    stem = f"raci-{safe_name(comparison.old.name)}-to-{safe_name(comparison.new.name)}"
    out = Path(out_dir)
    return out / f"{stem}.xlsx", out / f"{stem}.html"


def write_compare(
    out_dir: Path | str,
    comparison: Comparison,
    *,
    templates: Path | str | None = None,
    force: bool = False,
    lang: str = DEFAULT,
    pptx: bool = False,
) -> tuple[Path, ...]:
    """Write the comparison's workbook and page, and with `pptx` its deck (`raci-FROM-to-TO.pptx`), in
    `lang`, into `out_dir` as one unit; the paths written, in that order.

    An existing output that a person changed since raci wrote it is kept unless `force`.
    """
    from ..render.compare_page import render_compare
    from ..render.compare_workbook import workbook_bytes

    workbook, page = output_paths(out_dir, comparison)
    html = render_compare(comparison, templates=templates_folder(templates), lang=lang)
    when = source_date()  # read once: every file of the run carries it
    files = [(workbook, workbook_bytes(comparison, when, lang=lang)), (page, html.encode("utf-8"))]
    if pptx:
        from ..render.compare_deck import plan_deck_bytes  # python-pptx is loaded only when a deck is asked for

        files.append((workbook.with_suffix(".pptx"), plan_deck_bytes(comparison, when, lang=lang)))
    write_files(files, force=force)
    return tuple(path for path, _ in files)


def run_compare(
    out_dir: Path | str,
    old: Profile | AsIs,
    new: Profile,
    catalogue: Path | str | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    lang: str = "en",
    branding: Branding | None = None,
    templates: Path | str | None = None,
    force: bool = False,
    roles: Path | str | None = None,
    direct: bool = False,
    pptx: bool = False,
) -> CompareOutcome:
    """Compare `old` with `new` on `catalogue` (default: the bundled one) and write both outputs.

    The comparison goes through every built-in size between the two, one step each, unless `direct`
    or `old` is a matrix made elsewhere (then its own rows are compared with `new` in one step);
    `roles` (a --roles CSV) gives the FROM side the client's titles and people; `pptx` writes the plan's
    deck too.
    """
    lang = check_language(lang)
    mapping = read_role_mapping(roles) if roles is not None else None
    as_is = isinstance(old, AsIs)
    if isinstance(old, AsIs):  # today's matrix: its own rows, compared with the size in one step
        items, old, direct = old.catalogue, old.profile, True
        client = old.origin.client if old.origin is not None else ""
        if client and not (branding and branding.client):  # the client's name from its title rows; --client overrides
            branding = replace(branding or Branding(), client=client)
    else:
        items = read_catalogue(catalogue or default_catalogue(lang), encoding=encoding, delimiter=delimiter)
    profiles = (old, new) if direct else growth_path(old, new)
    # a matrix made elsewhere keeps the client's own titles in every language
    shown = {
        profile.name: profile if as_is and profile is old else localise_profile(profile, lang) for profile in profiles
    }
    comparison = compare_path(items, profiles, branding=branding, roles=mapping, shown=shown)
    workbook, page, *deck = write_compare(out_dir, comparison, templates=templates, force=force, lang=lang, pptx=pptx)
    return CompareOutcome(comparison, workbook, page, lang, deck[0] if deck else None)
