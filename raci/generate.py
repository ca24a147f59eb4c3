"""The core job: catalogue + profile -> report -> workbook and summary, written atomically."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .branding import Branding
from .catalog import read_catalogue
from .exceptions import OutputError, ProfileError
from .fingerprint import guard, stamp_html
from .i18n import check_language
from .model import Profile
from .profiles import builtin_profile, load_profile, profile_for_headcount
from .report import Report, build_report
from .resources import default_catalogue
from .roles import read_role_mapping

DEFAULT_SIZE = "small"


@dataclass(frozen=True)
class Outcome:
    report: Report
    workbook: Path
    summary: Path


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
) -> Outcome:
    """Write `raci-NAME.xlsx` and `raci-NAME.html` into `out_dir`; nothing is written if anything fails.

    An existing output that a person changed since raci wrote it is kept unless `force`.
    """
    from .excel import workbook_bytes
    from .html import render_summary

    lang = check_language(lang)
    source = catalogue or default_catalogue(lang)
    mapping = read_role_mapping(roles) if roles is not None else None
    items = read_catalogue(source, encoding=encoding, delimiter=delimiter)
    report = build_report(items, profile, mapping, lang=lang, branding=branding)
    out = Path(out_dir)
    stem = f"raci-{safe_name(profile.name)}"
    paths = out / f"{stem}.xlsx", out / f"{stem}.html"
    if not force:
        guard(paths)
    workbook = workbook_bytes(report)
    summary = stamp_html(render_summary(report, templates=_templates(templates))).encode("utf-8")
    make_folder(out)
    for path, data in zip(paths, (workbook, summary), strict=True):
        write_atomic(path, data)
    return Outcome(report=report, workbook=paths[0], summary=paths[1])


def _templates(folder: Path | str | None) -> Path | None:
    if folder is None:
        return None
    path = Path(folder)
    if not path.is_dir():
        raise OutputError("is not a folder of templates", path=path, hint="give the folder holding your .j2 files")
    return path


def safe_name(text: str) -> str:
    """`text` as a file or folder name that stays inside its folder on any system."""
    name = re.sub(r"[^\w.-]+", "-", text, flags=re.ASCII).strip("-.")
    return name[:80] or "unnamed"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    if path.is_dir():
        raise OutputError("is a folder; cannot write a file there", path=path, hint="choose another --out")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as err:
        raise OutputError(f"cannot be written: {err.strerror}", path=path) from err
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as err:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"cannot be written: {err.strerror}", path=path) from err
        raise


def make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError as err:
        raise OutputError("is a file, not a folder", path=out, hint="give --out a folder") from err
    except OSError as err:
        raise OutputError(f"cannot be created: {err.strerror}", path=out) from err
