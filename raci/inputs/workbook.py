"""Read a workbook raci wrote, as a person may have edited it, back into a Matrix and its problems."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
from ..scheme import RACI, SCHEMES, Scheme, letters_facts, scheme_named
from .profiles import builtin_profile, parse_profile
from .source import Format, Source
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
SHEETS_SHEET = "_raci_sheets"  # hidden: each part's sheet name in the workbook's language (Roles: "Peran")
HEADER_SEARCH_ROWS = 30


def read_workbook(source: Source | Path | str) -> tuple[Matrix, tuple[Finding, ...]]:
    """The matrix in a workbook's RACI sheet (in any language raci writes), its profile, and what is wrong in it."""
    if not isinstance(source, Source):
        from .catalog import list_source

        source = list_source(Path(source))
    if source.format is Format.TEXT:  # raci's Markdown page or long CSV
        from .opentext import read_own_text

        return read_own_text(source)
    path, names = source.path, source.sheet_names()
    if SHEET not in names:
        raise WorkbookError(f"has no sheet named {SHEET}", path=path, hint=f"sheets found: {', '.join(names)}")
    for name in names:  # a sheet damaged anywhere refuses the workbook, as a person's program would
        source.sheet_rows(name)
    profile = _profile(source, names)
    grid = [list(row) for row in source.sheet_rows(SHEET)]
    reader = _Reader(path, grid, _role_sheet(source, names), profile)
    reader.areas = _area_sheet(source, names)
    reader.formulas = source.unsaved_formulas(SHEET)
    return reader.matrix()


def _area_sheet(source: Source, names: list[str]) -> dict[str, str]:
    """The words the RACI sheet shows for each area, case-folded, to the area as the catalogue named it."""
    if AREAS_SHEET not in names:
        return {}
    found: dict[str, str] = {}
    for row in source.sheet_rows(AREAS_SHEET)[1:]:
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
    rows = [[*row, None, None, None, None] for row in source.sheet_rows(DATA_SHEET)]
    name = str(rows[1][1]) if len(rows) > 1 and rows[1][1] is not None else ""
    lines = ["".join(str(cell) for cell in row[1:] if cell is not None) for row in rows[2:]]  # long lines span cells
    written = str(rows[0][3]) if rows and rows[0][2] == "scheme" and rows[0][3] is not None else ""
    scheme = scheme_named(written) if written else None
    if written and scheme is None:
        raise WorkbookError(
            f"names scheme '{written}' at {DATA_SHEET}!D1, which raci does not know",
            path=path,
            hint=f"write one of {', '.join(SCHEMES)} there, or regenerate the workbook",
        )
    if any(lines):
        try:
            profile = parse_profile("\n".join(lines) + "\n", Path(f"{path.name}!{DATA_SHEET}"))
        except ProfileError as err:
            raise WorkbookError(f"its recorded profile is damaged: {err}", path=path) from err
        return replace(profile, scheme=scheme) if scheme is not None else profile
    try:
        profile = builtin_profile(name)
        return replace(profile, scheme=scheme) if scheme is not None else profile
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


def _sheet_name(source: Source, names: list[str], part: str, english: str) -> str:
    """The name of a part's sheet, as the hidden sheets sheet records it (sheet names follow the workbook's
    language); a workbook without one (written before) names it in English."""
    if SHEETS_SHEET in names:
        for row in source.sheet_rows(SHEETS_SHEET)[1:]:
            key, name = (_clean(cell) for cell in (*row, None, None)[:2])
            if key == part and name:
                return name
    return english


def _role_sheet(source: Source, names: list[str]) -> list[_SheetRole]:
    """The roles listed on the Roles sheet (title, function, key, person), or none when it is missing."""
    sheet = _sheet_name(source, names, "roles", "Roles")
    if sheet not in names:
        return []
    rows = source.sheet_rows(sheet)
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


def normalise_letter(value: object, scheme: Scheme = RACI) -> str | None:
    """A cell as one of the scheme's letters ("" for empty), forgiving case and spaces; None when it is not one."""
    text = re.sub(r"\s+", "", _clean(value)).upper()
    return text if text in ("", *scheme.letters) else None


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
        return Role(key=title, title=title, function=Function.UNKNOWN)

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
            letter = None if formula is not None else normalise_letter(cells[len(HEADER) + offset], self.profile.scheme)
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
                    facts(cell=cell, value=_clean(cells[len(HEADER) + offset]), **letters_facts(self.profile.scheme)),
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
