"""Read a workbook raci wrote, as a person may have edited it, back into a Matrix and its problems."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..exceptions import ProfileError, WorkbookError
from ..i18n import LANGUAGES, N_, Translator
from ..model import (
    FUNCTIONS,
    HOMES,
    HORIZONS,
    KNOWN_AREAS,
    Finding,
    Function,
    Matrix,
    Param,
    Profile,
    Responsibility,
    Role,
    Row,
    Rule,
    facts,
)
from ..scheme import RACI
from .profiles import builtin_profile, parse_profile
from .source import Source
from .vocabulary import vocabulary

# The words raci.render.workbook writes for the horizons (it writes areas as raci.render.labels.area_label
# does, homes and functions as their catalogue entries); read back to the keys in either language.
HORIZON_WORDS = {"short": N_("Short term"), "long": N_("Long term")}

SHEET = "RACI"
HEADER = ("ID", "Area", "Responsibility")
TRAILER = ("Home", "Horizon", "Rule", "Description")
ROLE_COLUMNS = ("Role", "Function", "Other hats", "Key", "Person")
DATA_SHEET = "_raci"
AREAS_SHEET = "_raci_areas"  # hidden: area as the catalogue names it, and the words the RACI sheet shows
HEADER_SEARCH_ROWS = 30
UNZIPPED_LIMIT = 200 * 1024 * 1024  # far above any real RACI workbook, far below a zip bomb


def open_workbook(path: Path, *, read_only: bool = False, data: bytes | None = None) -> Any:
    """Open an .xlsx (its bytes `data`, read once by raci.inputs.source, or else the file at `path`) after
    checking it is a zip of sane unpacked size; XML is parsed with defusedxml. `path` names it in messages."""
    import openpyxl

    if data is None:
        if not path.is_file():
            raise WorkbookError("no such workbook" if not path.exists() else "is not a file", path=path)
        data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError("is not an .xlsx workbook", path=path, hint="give a workbook saved as .xlsx, or a CSV")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    if unpacked > UNZIPPED_LIMIT:
        raise WorkbookError(
            f"unpacks to {unpacked // 2**20:,} MiB, over the {UNZIPPED_LIMIT // 2**20} MiB raci reads",
            path=path,
            hint="this is no RACI workbook; check the file",
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise WorkbookError(f"cannot be read as a workbook ({reason})", path=path) from err


def values_book(source: Source) -> Any:
    """The workbook `source` holds, as saved values (not formulas), parsed once whoever asks."""
    if "book" not in source.memo:
        source.memo["book"] = open_workbook(source.path, read_only=True, data=source.data)
    return source.memo["book"]


def sheet_names(source: Source) -> list[str]:
    """The names of a workbook's sheets (raci.inputs.source asks whether raci wrote it)."""
    return list(values_book(source).sheetnames)


def sheet_rows(source: Source, sheet: str | int = 0) -> list[tuple[Any, ...]]:
    """The cell values of one sheet (by name, or by place from 0), row by row: each sheet is parsed once,
    however many readers ask for it."""
    book = values_book(source)
    name = sheet if isinstance(sheet, str) else book.sheetnames[sheet]
    key = ("rows", name)
    if key not in source.memo:
        try:
            source.memo[key] = list(book[name].iter_rows(values_only=True))
        except Exception as err:  # a sheet read lazily may be damaged where open_workbook could not see
            raise damaged(source.path, err) from err
    rows: list[tuple[Any, ...]] = source.memo[key]
    return rows


def damaged(path: Path, err: Exception) -> WorkbookError:
    """The one line for a workbook whose parts cannot be parsed, whenever that shows."""
    reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    return WorkbookError(f"cannot be read as a workbook ({reason})", path=path)


FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a formula element in a sheet's XML


def _holds_formulas(data: bytes) -> bool:
    """Whether any sheet of the workbook holds a formula (most hold none, and then nothing more is parsed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                with archive.open(entry) as part:
                    if FORMULA.search(part.read()):
                        return True
    return False


def unsaved_formulas(source: Source, sheet: str | int = 0) -> dict[tuple[int, int], str]:
    """Formulas whose result was never saved in the file ((row, column) -> formula, 1-based): a
    spreadsheet program computes them when it saves, a script writing the file may not. Such a
    cell reads as empty; raci says so instead of taking it as empty. The formulas are parsed once, and
    only from a workbook that holds any."""
    import openpyxl

    values = sheet_rows(source, sheet)
    if "formulas" not in source.memo:
        source.memo["formulas"] = None
        if _holds_formulas(source.data):
            with contextlib.suppress(Exception):  # the values were read; the workbook is read as they are
                source.memo["formulas"] = openpyxl.load_workbook(io.BytesIO(source.data), read_only=True)
    formulas = source.memo["formulas"]
    if formulas is None:
        return {}
    name = sheet if isinstance(sheet, str) else formulas.sheetnames[sheet]
    found = {}
    try:
        written_rows = formulas[name].iter_rows(values_only=True)
        for number, (written, saved) in enumerate(zip(written_rows, values, strict=False), start=1):
            for column, (formula, value) in enumerate(zip(written, saved, strict=False), start=1):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    found[(number, column)] = formula
    except Exception as err:  # a damaged sheet: one line, as from the caller's own read
        raise damaged(source.path, err) from err
    return found


def read_workbook(source: Source | Path | str) -> tuple[Matrix, tuple[Finding, ...]]:
    """The matrix in a workbook's RACI sheet (in any language raci writes), its profile, and what is wrong in it."""
    if not isinstance(source, Source):
        from .catalog import list_source

        source = list_source(Path(source))
    path, names = source.path, sheet_names(source)
    if SHEET not in names:
        raise WorkbookError(f"has no sheet named {SHEET}", path=path, hint=f"sheets found: {', '.join(names)}")
    for name in names:  # a sheet damaged anywhere refuses the workbook, as a person's program would
        sheet_rows(source, name)
    profile = _profile(source, names)
    grid = [list(row) for row in sheet_rows(source, SHEET)]
    reader = _Reader(path, grid, _role_sheet(source, names), profile)
    reader.areas = _area_sheet(source, names)
    reader.formulas = unsaved_formulas(source, SHEET)
    return reader.matrix()


def _area_sheet(source: Source, names: list[str]) -> dict[str, str]:
    """The words the RACI sheet shows for each area, case-folded, to the area as the catalogue named it."""
    if AREAS_SHEET not in names:
        return {}
    found: dict[str, str] = {}
    for row in sheet_rows(source, AREAS_SHEET)[1:]:
        area, words = (_clean(cell) for cell in (*row, None, None)[:2])
        if area and words:
            found.setdefault(words.casefold(), area)
    return found


def _profile(source: Source, names: list[str]) -> Profile:
    """The profile recorded in the hidden data sheet: its TOML text, or else its built-in name."""
    path = source.path
    if DATA_SHEET not in names:
        raise WorkbookError(
            f"has no {DATA_SHEET} sheet, so its profile is unknown",
            path=path,
            hint="check the CSV with --size or --profile instead, or regenerate the workbook",
        )
    rows = [[*row, None, None] for row in sheet_rows(source, DATA_SHEET)]
    name = str(rows[1][1]) if len(rows) > 1 and rows[1][1] is not None else ""
    lines = ["".join(str(cell) for cell in row[1:] if cell is not None) for row in rows[2:]]  # long lines span cells
    if any(lines):
        try:
            return parse_profile("\n".join(lines) + "\n", Path(f"{path.name}!{DATA_SHEET}"))
        except ProfileError as err:
            raise WorkbookError(f"its recorded profile is damaged: {err}", path=path) from err
    try:
        return builtin_profile(name)
    except ProfileError as err:
        raise WorkbookError(
            f"names profile '{name}', which is not built in, and records no profile text",
            path=path,
            hint="check it with --size or --profile, or regenerate the workbook",
        ) from err


@dataclass(frozen=True)
class _SheetRole:
    """A line of the Roles sheet as written: its function may be one raci does not know."""

    key: str
    title: str
    function: str
    person: str
    also: tuple[str, ...]


def _role_sheet(source: Source, names: list[str]) -> list[_SheetRole]:
    """The roles listed on the Roles sheet (title, function, key, person), or none when it is missing."""
    if "Roles" not in names:
        return []
    rows = sheet_rows(source, "Roles")
    labels = [_column(_clean(cell)) for cell in rows[0]] if rows else []
    if "Role" not in labels or "Function" not in labels:
        return []
    found = []
    for row in rows[1:]:
        cells = {label: value for label, value in zip(labels, row, strict=False) if label}
        title = _clean(cells.get("Role"))
        if title:
            key = _clean(cells.get("Key")) or title
            hats = tuple(_function(hat) for hat in _clean(cells.get("Other hats")).split(",") if hat.strip())
            function = _function(_clean(cells.get("Function")))
            found.append(_SheetRole(key, title, function, _clean(cells.get("Person")), also=hats))
    return found


@cache
def _keys(kind: str) -> dict[str, str]:
    """The words raci writes for its keys of `kind` (areas, homes, horizons, functions) in every
    language, and the keys themselves, case-folded, to the key."""
    found: dict[str, str] = {}
    for lang in LANGUAGES:
        t = Translator(lang)
        if kind == "area":
            pairs = [(key, t(_area_label(key))) for key in KNOWN_AREAS]
        elif kind == "horizon":
            pairs = [(key, t(HORIZON_WORDS[key])) for key in HORIZONS] + [(key, t(key)) for key in HORIZONS]
        else:
            pairs = [(key, t(key)) for key in (HOMES if kind == "home" else FUNCTIONS)]
        for key, words in pairs:
            found.setdefault(words.strip().casefold(), key)
    for key in {"area": KNOWN_AREAS, "home": HOMES, "horizon": HORIZONS, "function": FUNCTIONS}[kind]:
        found[key] = key
    return found


def _area_label(area: str) -> str:
    """As raci.render.labels.area_label: "customer_service" -> "Customer service"."""
    text = area.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _key(kind: str, text: str) -> str:
    """A cell's words as raci's key ("Layanan pelanggan" -> "customer_service"), or the text in lower case."""
    folded = text.strip().casefold()
    return _keys(kind).get(folded, text.strip().lower())


def _function(text: str) -> str:
    return _key("function", text)


@cache
def names(label: str) -> frozenset[str]:
    """The ways a column header may read: `label` in every language raci writes, case-insensitively."""
    return frozenset(Translator(lang)(label).strip().casefold() for lang in LANGUAGES)


def _column(header: str) -> str | None:
    """The English label of a header cell written in any language, or None."""
    text = header.strip().casefold()
    return next((label for label in (*HEADER, *TRAILER, *ROLE_COLUMNS) if text in names(label)), None)


def _clean(value: object) -> str:
    return "" if value is None else str(value).strip()


def normalise_letter(value: object) -> str | None:
    """A cell as a RACI letter ("" for empty), forgiving case and spaces; None when it is not one."""
    text = re.sub(r"\s+", "", _clean(value)).upper()
    return text if text in ("", *RACI.letters) else None


class _Reader:
    def __init__(self, path: Path, grid: list[list[Any]], role_sheet: list[_SheetRole], profile: Profile):
        self.path, self.grid, self.role_sheet, self.profile = path, grid, role_sheet, profile
        self.findings: list[Finding] = []
        self.areas: dict[str, str] = {}  # the words shown for an area -> the area itself
        self.formulas: dict[tuple[int, int], str] = {}  # formulas with no saved result, by (row, column)

    def matrix(self) -> tuple[Matrix, tuple[Finding, ...]]:
        header_index = self._header_index()
        header = [_clean(cell) for cell in self.grid[header_index]]
        end = len(HEADER)
        while end < len(header) and header[end] and _column(header[end]) not in TRAILER:
            end += 1
        role_titles = header[len(HEADER) : end]
        if not role_titles:
            raise WorkbookError(f"the {SHEET} header has no role columns", path=self.path, line=header_index + 1)
        trailer = {label: index for index, name in enumerate(header) if index >= end and (label := _column(name))}
        roles = tuple(self._role(index, title, role_titles) for index, title in enumerate(role_titles))
        rows = []
        seen: dict[str, int] = {}
        for index in range(header_index + 1, len(self.grid)):
            cells = [*self.grid[index], *([None] * len(header))]
            if not any(_clean(cell) for cell in cells[: max(end, 1) + len(trailer)]):
                continue
            row = self._row(index + 1, cells, roles, trailer)
            if row.item.id in seen:
                self._find(
                    "duplicate-id",
                    "error",
                    row.item.id,
                    None,
                    facts(cell=f"{SHEET}!A{index + 1}", row=seen[row.item.id]),
                )
            seen.setdefault(row.item.id, index + 1)
            rows.append(row)
        return Matrix(profile=self.profile, roles=roles, rows=tuple(rows)), tuple(self.findings)

    def _header_index(self) -> int:
        for index, row in enumerate(self.grid[:HEADER_SEARCH_ROWS]):
            if tuple(_column(_clean(cell)) for cell in row[: len(HEADER)]) == HEADER:
                return index
        raise WorkbookError(
            f"the {SHEET} sheet has no header row starting ID, Area, Responsibility",
            path=self.path,
            hint="restore the header row raci wrote",
        )

    def _role(self, index: int, title: str, titles: Sequence[str]) -> Role:
        """The role of a column: by title in the Roles sheet, else by its position there (a renamed column)."""
        by_title = {entry.title: entry for entry in self.role_sheet}
        by_profile = {role.title: role for role in self.profile.roles}
        entry = by_title.get(title)
        if entry is None and index < len(self.role_sheet) and self.role_sheet[index].title not in titles:
            entry = self.role_sheet[index]
        by_key = {role.key: role for role in self.profile.roles}
        if entry is not None and entry.function in FUNCTIONS:
            function = Function(entry.function)
            hats = tuple(Function(hat) for hat in entry.also if hat in FUNCTIONS and hat != function)
            if not hats and entry.key in by_key and by_key[entry.key].function == function:
                hats = by_key[entry.key].also  # a sheet from before hats were shown
            return Role(key=entry.key, title=title, function=function, person=entry.person, also=hats)
        if title in by_profile:
            role = by_profile[title]
            return Role(key=role.key, title=title, function=role.function, also=role.also)
        self._find(
            "unknown-role",
            "warning",
            None,
            title,
        )
        return Role(key=title, title=title, function=Function.OPERATIONS)

    def _row(self, number: int, cells: list[Any], roles: tuple[Role, ...], trailer: dict[str, int]) -> Row:
        from openpyxl.utils import get_column_letter

        ident = _clean(cells[0]) or f"row {number}"
        if not _clean(cells[0]):
            self._find(
                "missing-id",
                "warning",
                ident,
                None,
                facts(cell=f"{SHEET}!A{number}"),
            )

        def trailing(name: str) -> str:
            return _clean(cells[trailer[name]]) if name in trailer else ""

        home = _key("home", trailing("Home"))
        if home not in HOMES:
            where = f"{SHEET}!{get_column_letter(trailer['Home'] + 1)}{number}" if "Home" in trailer else SHEET
            self._find(
                "invalid-home",
                "warning",
                ident,
                None,
                facts(cell=where, home=home),
            )
            home = "shared"
        horizon = _key("horizon", trailing("Horizon"))
        letters = []
        for offset, role in enumerate(roles):
            formula = self.formulas.get((number, len(HEADER) + offset + 1))
            letter = None if formula is not None else normalise_letter(cells[len(HEADER) + offset])
            if formula is not None:
                cell = f"{SHEET}!{get_column_letter(len(HEADER) + offset + 1)}{number}"
                self._find(
                    "invalid-letter",
                    "error",
                    ident,
                    role.title,
                    facts(cell=cell, formula=formula[:60]),
                )
                letter = ""
            elif letter is None:
                cell = f"{SHEET}!{get_column_letter(len(HEADER) + offset + 1)}{number}"
                self._find(
                    "invalid-letter",
                    "error",
                    ident,
                    role.title,
                    facts(cell=cell, value=_clean(cells[len(HEADER) + offset])),
                )
                letter = ""
            letters.append(letter)
        area = self.areas.get(_clean(cells[1]).casefold()) or _key("area", _clean(cells[1]))
        reading = vocabulary().read(_clean(cells[2]), area, trailing("Description"))
        item = Responsibility(
            id=ident,
            area=area,
            responsibility=_clean(cells[2]),
            home=home,
            horizon=horizon if horizon in HORIZONS else "",
            description=trailing("Description"),
            line=number,
            reading=reading,  # what the words say, for the shares; the row keeps the letters the sheet gives
        )
        return Row(item=item, letters=tuple(letters), rule=Rule(when={}, letters={}, name=trailing("Rule")))

    def _find(
        self, rule: str, severity: str, ident: str | None, role: str | None, params: tuple[tuple[str, Param], ...] = ()
    ) -> None:
        self.findings.append(Finding(rule, severity, ident, role, params))
