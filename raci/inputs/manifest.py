"""Read a batch manifest: a CSV with one job per row (see MANIFEST_COLUMNS and RUN_OPTIONS).

Reading it checks everything that can be checked up front, so a bad manifest stops the batch
before any work starts (`ManifestError`); a bad job (a missing input, a malformed profile)
only fails itself when it runs. Jobs are plain picklable data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exceptions import ManifestError, RaciError, control_character
from ..names import safe_name

INDEX = "index.html"
PORTFOLIO = "portfolio"  # portfolio.xlsx and portfolio.csv: one row per job, beside the index
PROFILE_COLUMNS = ("size", "headcount", "profile")
JOB_COLUMNS = ("name", "input", *PROFILE_COLUMNS)
# The batch's own files beside the job folders: no job's folder may take their names.
RESERVED_NAMES = {INDEX: "index page", f"{PORTFOLIO}.xlsx": "portfolio", f"{PORTFOLIO}.csv": "portfolio"}


# --- per-run options -------------------------------------------------------------------


def _text(value: str, base: Path) -> str:
    return value


def _path(value: str, base: Path) -> Path:
    """A path as written in the manifest, relative to the manifest's folder."""
    return base / value


def _delimiter(value: str, base: Path) -> str:
    """A delimiter cell: the character itself, or the word `tab` (a tab is hard to type in a cell)."""
    return "\t" if value.lower() in ("tab", "\\t") else value


def _language(value: str, base: Path) -> str:
    from ..i18n import check_language

    return check_language(value)


def _scheme(value: str, base: Path) -> str:
    from ..scheme import SCHEMES, scheme_named

    scheme = scheme_named(value)
    if scheme is None:
        raise ManifestError(f"scheme '{value}' is not one raci knows", hint=f"schemes are {', '.join(SCHEMES)}")
    return scheme.key


def _accent(value: str, base: Path) -> str:
    from ..model import parse_accent

    return parse_accent(value)


YES = ("yes", "y", "true", "1", "x", "ya")
NO = ("no", "n", "false", "0", "tidak")


def _flag(value: str, base: Path) -> bool:
    """A yes/no cell (an option without a value on the command line, such as --pptx)."""
    word = value.strip().lower()
    if word in YES or word in NO:
        return word in YES
    raise ManifestError(f"'{value}' is neither yes nor no", hint="write yes or no, or leave the cell empty (no)")


def _branding(**parts: Any) -> Any:
    from ..inputs.branding import make_branding

    return make_branding(**parts)


@dataclass(frozen=True)
class Option:
    """How one optional manifest column becomes a keyword argument of `raci.generate.generate`.

    `convert` turns the cell (and the manifest's folder) into a picklable value, raising a
    RaciError for a value wrong in itself; it runs when the manifest is read. With `part`,
    several columns make one argument: BUILDERS[keyword](**{part: value, ...}), in the worker.
    """

    keyword: str
    convert: Callable[[str, Path], Any] = _text
    part: str | None = None


# Manifest column -> generate() keyword: a new per-run option of generate() is one line here,
# named as its command-line option is.
RUN_OPTIONS: Mapping[str, Option] = {
    "encoding": Option("encoding"),
    "delimiter": Option("delimiter", _delimiter),
    "roles": Option("roles", _path),
    "lang": Option("lang", _language),
    "client": Option("branding", part="client"),
    "logo": Option("branding", _path, part="logo"),
    "accent": Option("branding", _accent, part="accent"),
    "templates": Option("templates", _path),
    "pptx": Option("pptx", _flag),
    "scheme": Option("scheme", _scheme),
    "markdown": Option("markdown", _flag),
    "csv_long": Option("csv_long", _flag),
    "interactive": Option("interactive", _flag),
}
# generate() keywords made from several columns (their `part`s), and how.
BUILDERS: Mapping[str, Callable[..., Any]] = {"branding": _branding}
MANIFEST_COLUMNS = (*JOB_COLUMNS, *RUN_OPTIONS)


@dataclass(frozen=True)
class Job:
    """One run of `generate`, as plain data that pickles to another process or machine.

    Paths are absolute, so a worker finds them whatever its working folder.
    """

    name: str
    folder: str  # safe_name(name): the job's folder inside the batch's output folder
    line: int  # the manifest line it came from
    out_dir: Path
    catalogue: Path | None = None  # None: the bundled catalogue
    size: str | None = None
    headcount: int | None = None
    profile: Path | None = None
    options: Mapping[str, Any] = field(default_factory=dict)  # generate() keyword -> value (or parts, see Option)
    force: bool = False


@dataclass(frozen=True)
class Plan:
    """A manifest read and checked: where it is, where the outputs go (as given), its jobs in file order.

    `force`: replace outputs even if a person changed them since raci wrote them; `title`: the
    index page's title (default: the manifest's file name).
    """

    manifest: Path
    out_dir: Path
    jobs: tuple[Job, ...]
    force: bool = False
    title: str | None = None

    @property
    def index(self) -> Path:
        return self.out_dir / INDEX

    @property
    def heading(self) -> str:
        """What the index page and the portfolio workbook are titled."""
        return self.title or self.manifest.name

    @property
    def portfolio_xlsx(self) -> Path:
        return self.out_dir / f"{PORTFOLIO}.xlsx"

    @property
    def portfolio_csv(self) -> Path:
        return self.out_dir / f"{PORTFOLIO}.csv"


# --- reading the manifest --------------------------------------------------------------


def read_manifest(manifest: Path | str, out_dir: Path | str, *, force: bool = False, title: str | None = None) -> Plan:
    """The jobs of `manifest`, each writing into `out_dir/<safe_name(name)>/`; `title` titles the index.

    Raises ManifestError, naming the line and column, for anything wrong with the manifest
    itself; problems with the files a job names are left for that job to report.
    """
    from ..inputs.catalog import header_and_rows, list_source, source_records

    path = Path(manifest)
    control = control_character(title or "")
    if control is not None:
        raise ManifestError(f"--title holds {control}", hint="type the title without it")
    if not path.is_file():
        if path.is_dir():
            what = "is a folder, not a manifest"
        elif path.exists():
            what = "is not a regular file (a device, a pipe or a socket)"
        else:
            what = "no such manifest"
        raise ManifestError(what, path=path, hint="give the path of a CSV with one job per row")
    try:
        source = list_source(path, what="a manifest")  # read once, like every input
        if not source.data.strip():
            raise ManifestError("the manifest is empty", path=path, hint=_columns_hint())
        line, header, rows = header_and_rows(path, source_records(source), ("name",))
        columns = _columns(path, line, header)
        cells = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    except OSError as err:
        raise ManifestError(f"cannot be read: {err.strerror}", path=path) from err
    except ManifestError:
        raise
    except RaciError as err:  # the CSV reader's errors, for the manifest
        raise ManifestError(err.message, path=path, line=err.line, column=err.column, hint=err.hint) from err
    if not cells:
        raise ManifestError(
            "the header has no jobs under it", path=path, line=line, hint="add one row per client or unit"
        )
    base = path.absolute().parent
    out = Path(out_dir).absolute()
    jobs = [_job(path, number, columns, row, base, out, force) for number, row in cells]
    _check_folders(path, jobs)
    return Plan(manifest=path, out_dir=Path(out_dir), jobs=tuple(jobs), force=force, title=title or None)


def _columns_hint() -> str:
    return f"columns: name, and one of {', '.join(PROFILE_COLUMNS)}; optional: {', '.join(MANIFEST_COLUMNS[1:])}"


def _columns(path: Path, line: int, header: Sequence[str]) -> dict[str, int]:
    """Index per manifest column, matched case-insensitively; unknown and repeated names are errors."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = cell.strip().lower()
        if not name:
            continue
        if name not in MANIFEST_COLUMNS:
            raise ManifestError(
                f"unknown column '{cell.strip()}'",
                path=path,
                line=line,
                column=cell.strip(),
                hint=f"known columns are {', '.join(MANIFEST_COLUMNS)}",
            )
        if name in columns:
            raise ManifestError("the column appears twice", path=path, line=line, column=name, hint="keep one of them")
        columns[name] = index
    missing = [name for name in ("name",) if name not in columns]
    if not any(name in columns for name in PROFILE_COLUMNS):
        missing.append(" or ".join(PROFILE_COLUMNS))
    if missing:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "none"
        raise ManifestError(
            f"missing column {' and '.join(missing)}",
            path=path,
            line=line,
            hint=f"columns found: {found}; {_columns_hint()}",
        )
    return columns


def _job(
    path: Path, line: int, columns: Mapping[str, int], cells: Sequence[str], base: Path, out: Path, force: bool
) -> Job:
    def fail(column: str | None, message: str, hint: str | None = None) -> ManifestError:
        return ManifestError(message, path=path, line=line, column=column, hint=hint)

    width = max(columns.values()) + 1
    extra = [cell for cell in cells[width:] if cell.strip()]
    if extra:
        raise fail(None, f"the row has {len(cells)} cells but the header names {width}", "quote cells holding commas")
    values = {name: cells[index].strip() if index < len(cells) else "" for name, index in columns.items()}
    for column, value in values.items():
        control = control_character(value)
        if control is not None:
            raise fail(column, f"the cell holds {control}", "remove it")
    name = values["name"]
    if not name:
        raise fail("name", "every job needs a name", "the client or unit the matrix is for")
    chosen = [column for column in PROFILE_COLUMNS if values.get(column)]
    if len(chosen) > 1:
        raise fail(chosen[1], f"{' and '.join(chosen)} both choose a profile", "fill in only one of them per row")
    size = values.get("size") or None
    if size is not None:
        from ..inputs.profiles import builtin_names

        if size.lower() not in builtin_names():
            raise fail("size", f"unknown size '{size}'", f"sizes are {', '.join(builtin_names())}")
    options: dict[str, Any] = {}
    for column, option in RUN_OPTIONS.items():
        if not values.get(column):
            continue
        try:
            value = option.convert(values[column], base)
        except RaciError as err:
            raise fail(column, err.message, err.hint) from err
        if option.part is None:
            options[option.keyword] = value
        else:
            options.setdefault(option.keyword, {})[option.part] = value
    folder = safe_name(name)
    return Job(
        name=name,
        folder=folder,
        line=line,
        out_dir=out / folder,
        catalogue=base / values["input"] if values.get("input") else None,
        size=size,
        headcount=_headcount(values.get("headcount", ""), fail),
        profile=base / values["profile"] if values.get("profile") else None,
        options=options,
        force=force,
    )


def _headcount(text: str, fail: Callable[[str, str, str], ManifestError]) -> int | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = 0.0
    if not number.is_integer() or number < 1:
        raise fail("headcount", f"'{text}' is not a number of people", "give a whole number of 1 or more")
    return int(number)


def _check_folders(path: Path, jobs: Sequence[Job]) -> None:
    """Every job needs a folder of its own; folders are compared ignoring case (macOS, Windows)."""
    seen: dict[str, Job] = {}
    for job in jobs:
        key = job.folder.casefold()
        if key in RESERVED_NAMES:
            raise ManifestError(
                f"'{job.name}' would write into {job.folder}/, the name of the batch's {RESERVED_NAMES[key]}",
                path=path,
                line=job.line,
                column="name",
                hint="give the job another name",
            )
        if key in seen:
            first = seen[key]
            raise ManifestError(
                f"'{job.name}' and '{first.name}' (line {first.line}) would both write into {job.folder}/",
                path=path,
                line=job.line,
                column="name",
                hint="give every job a name of its own; names differing only in case or punctuation collide",
            )
        seen[key] = job
