"""Read a RACI matrix made elsewhere: a workbook or a CSV holding one or more tables of an activity
column and one column per role, or a long export with one line per activity, role and letter.

Nothing here is guessed silently: every letter read differently from how it is written, and every
role spelt two ways, is reported with its cell; sheets that hold no matrix are listed; a cell that
holds no letter is an `invalid-letter` finding naming it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..exceptions import UNWRITABLE, CatalogueError
from ..i18n import N_
from ..model import (
    FUNCTIONS,
    HOMES,
    HORIZONS,
    KNOWN_AREAS,
    RACI,
    Catalogue,
    Finding,
    Function,
    Marked,
    Matrix,
    MatrixSource,
    Normalised,
    Origin,
    Profile,
    Responsibility,
    Role,
    Row,
    Rule,
    Scheme,
    Structure,
    facts,
)
from ..scheme import letters_facts
from .catalog import HOME_OF_AREA, LIST_NAMES, list_source, source_records
from .letters import footnote, is_mark, read_letter
from .schemes import any_letter, legend_entries, tell_scheme
from .source import Format, Source
from .titles import functions_of
from .vocabulary import vocabulary

CELL_CHARACTERS = 32_767  # what a workbook cell holds
MIN_LETTER_SHARE = 0.8  # of a role column's filled cells: letters, marks or blanks
UNREADABLE_SHARE = 0.5  # a file whose role cells are more than this unreadable is refused
SAMPLE_ROWS = 200  # rows under a header that tell whether it heads a table (its role columns: the whole table)
LONG_HEADER_ROWS = 20  # rows searched for a long export's header
LONG_SAMPLE = 2000  # lines of a long export that tell its columns by their content
LONG_UNIQUE = 0.95  # share of a long export's lines whose activity and role together are met once
QUICK_ROWS = 5  # rows under a would-be header that must show a letter before it is looked at closer
TITLE_WORDS = 3  # a table title longer than this is a name, not an area
HEADER_CELL = 40  # characters: a column name longer than this is not one
SHOWN_CELL = 12  # characters of a cell an error may quote
TITLE_SEARCH = 3  # rows above a header searched for its table's title
HOME_WORDS = {"penjualan": "sales", "pemasaran": "marketing", "bersama": "shared", "both": "shared"}

# Header words, compared in lower case with punctuation as spaces.
ID_WORDS = frozenset({"id", "no", "nr", "nomor", "number", "#", "kode", "code", "ref", "sn", "s n", "item no"})
WORK_WORDS = (
    "activity",
    "activities",
    "task",
    "tasks",
    "deliverable",
    "deliverables",
    "responsibility",
    "responsibilities",
    "action",
    "actions",
    "process",
    "step",
    "decision",
    "kegiatan",
    "aktivitas",
    "tugas",
    "tanggung jawab",
    "pekerjaan",
    "uraian",
)
AREA_WORDS = frozenset({"area", "category", "kategori", "bidang", "workstream", "domain", "area kerja"})
HOME_HEADER = frozenset({"home"})
HORIZON_HEADER = frozenset({"horizon"})
DESCRIPTION_WORDS = frozenset(
    {"description", "deskripsi", "keterangan", "notes", "note", "catatan", "comment", "comments"}
)
ROLE_WORDS = frozenset({"role", "roles", "peran", "jabatan", "who", "position", "posisi", "role title"})
LETTER_WORDS = frozenset({"raci", "letter", "letters", "huruf", "raci code", "raci letter", "assignment", "code"})
LEGEND_WORDS = frozenset({"letter", "huruf", "meaning", "arti", "legend", "legenda", "kode", "code"})
NOT_ROLES = ID_WORDS | AREA_WORDS | HOME_HEADER | HORIZON_HEADER | DESCRIPTION_WORDS | LEGEND_WORDS | {"rule"}
LEGEND_LINE = re.compile(
    r"^\s*(?:(?:legend|legenda|keterangan|key|kode)\s*[:\u2013-]?\s*)?(?:A/R|[RACI])\s*[=:\u2013-]\s*\S", re.IGNORECASE
)
LEGEND_TEXT = re.compile(r"\b(responsible|accountable|consulted|informed|pelaksana|penanggung jawab)\b", re.I)


@dataclass
class Grid:
    """One sheet (or a text file) as text cells; `name` is empty for a text file."""

    name: str
    cells: list[list[str]]

    def ref(self, row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        cell = f"{get_column_letter(column + 1)}{row + 1}"
        return f"{self.name}!{cell}" if self.name else cell

    def at(self, row: int, column: int) -> str:
        cells = self.cells[row]
        return cells[column] if column < len(cells) else ""


@dataclass
class _Table:
    grid: Grid
    header: int
    end: int  # the row after its last
    work: int
    roles: list[int]
    ident: int | None = None
    area: int | None = None
    home: int | None = None
    horizon: int | None = None
    description: int | None = None
    title: str = ""


@dataclass
class _Entry:
    """One row as read: where it is, what it says, and its letter cells by role title."""

    ref: str
    line: int
    ident: str
    work: str
    area: str | None  # None: the table has no area column; told later, from the title or the wording
    home: str
    horizon: str
    description: str
    title: str
    letters: dict[str, tuple[str, str]] = field(default_factory=dict)  # role key -> (raw, cell)


def _key(text: str) -> str:
    """A header as compared with the words above: lower case, punctuation (and `_`) as single spaces."""
    return " ".join(re.sub(r"[^\w#&]+|_", " ", text.casefold()).split())


def _is_id(key: str) -> bool:
    """Whether a header (as `_key` gives it) names an ID column: "ID", "No", "Task ID", "No."."""
    return key in ID_WORDS or key.endswith((" id", " no", " code", " kode")) or key.startswith(("id ", "no "))


def _role_key(title: str) -> str:
    """Role titles that differ only in case, spaces, punctuation or Unicode form (a fullwidth CEO, an
    accent composed or not) share this key."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", title).casefold())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- reading the file as grids ------------------------------------------------------------


def read_grids(source: Source) -> list[Grid]:
    """Every sheet of a workbook, or the one table of a text file, as rows of text cells."""
    if source.format is Format.XLSX:
        return [
            Grid(name, [[_text(value) for value in row] for row in source.sheet_rows(name)])
            for name in source.sheet_names()
        ]
    if source.format is Format.ODS:
        return _ods_grids(source)
    rows: list[list[str]] = []
    for line, cells in source_records(source):
        while len(rows) < line - 1:
            rows.append([])
        rows.append(cells)
    return [Grid("", rows)]


def _ods_grids(source: Source) -> list[Grid]:
    """Every sheet of an OpenDocument spreadsheet (LibreOffice's own format), over the cells it holds."""
    from .sheets import ods_sheets

    return [Grid(name, [[_text(value) for value in row] for row in rows]) for name, rows in ods_sheets(source)]


def _letterish(value: str) -> str:
    """'letter', 'blank', 'mark' or 'other': what a cell under a role header holds (a letter of any scheme)."""
    letter = any_letter(value)
    if letter is None:
        return "mark" if is_mark(value) else "other"
    return "letter" if letter else "blank"


def _role_column(header: str, body: Sequence[str]) -> bool:
    if not header.strip() or _key(header) in NOT_ROLES or _is_id(_key(header)):
        return False
    kinds = [_letterish(value) for value in body if value.strip()]
    if not kinds:
        return False
    letters, marks = kinds.count("letter"), kinds.count("mark")
    return (len(kinds) - kinds.count("other")) >= MIN_LETTER_SHARE * len(kinds) and letters + marks >= 1


def _blank(row: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in row)


def find_tables(grid: Grid) -> list[_Table]:
    """Each block of a header row and the rows under it that holds at least two role columns."""
    tables: list[_Table] = []
    ends = _block_ends(grid.cells)
    index = 0
    while index < len(grid.cells):
        table = _table_at(grid, index, tables[-1].end if tables else 0, ends[index])
        if table is None:
            index += 1
            continue
        tables.append(table)
        index = table.end
    return tables


def _block_ends(cells: list[list[str]]) -> list[int]:
    """For each row, where the block of rows under it ends: the next blank or legend row (one pass, from the end)."""
    ends = [len(cells)] * len(cells)
    end = len(cells)
    for index in range(len(cells) - 1, -1, -1):
        ends[index] = end
        row = cells[index]
        if _blank(row) or LEGEND_LINE.match(row[0] if row else ""):
            end = index
    return ends


def _table_at(grid: Grid, header: int, floor: int, end: int) -> _Table | None:
    """The table whose header row is `header`, its block ending at `end`, or None."""
    cells = grid.cells
    head = cells[header]
    if sum(bool(cell.strip()) for cell in head) < 3:
        return None
    under = [cell for row in cells[header + 1 : min(end, header + 1 + QUICK_ROWS)] for cell in row if cell.strip()]
    if not any(_letterish(cell) in ("letter", "mark") for cell in under):
        return None  # a quick no for a plain list: the first rows under a header hold no letter nor mark
    width = max(len(row) for row in cells[header:end])
    sample = range(header + 1, min(end, header + 1 + SAMPLE_ROWS))
    body = [[grid.at(row, column) for column in range(width)] for row in sample]
    if not body:
        return None
    roles = [column for column in range(len(head)) if _role_column(head[column], [row[column] for row in body])]
    if len(roles) < 2:
        return None
    body += [[grid.at(row, column) for column in range(width)] for row in range(header + 1 + len(body), end)]
    # a header row inside the block starts the next table
    for offset, row in enumerate(body):
        others = sum(_letterish(row[column]) == "other" for column in roles)
        if offset and others * 2 >= len(roles) and not any(_letterish(row[column]) == "letter" for column in roles):
            end = header + 1 + offset
            if sum(bool(cell.strip()) for cell in body[offset - 1]) == 1:
                end -= 1  # that table's title
            break
    # a role whose letters all sit further down is a role too: its column is told over the whole table
    body = body[: end - header - 1]
    roles = [
        column
        for column in range(len(head))
        if column in roles or _role_column(head[column], [row[column] for row in body])
    ]
    table = _Table(grid, header, end, work=-1, roles=roles)
    for column, name in enumerate(head):
        key = _key(name)
        if column in roles or not key:
            continue
        if _is_id(key) and table.ident is None:
            table.ident = column
        elif key in AREA_WORDS and table.area is None:
            table.area = column
        elif key in HOME_HEADER:
            table.home = column
        elif key in HORIZON_HEADER:
            table.horizon = column
        elif key in DESCRIPTION_WORDS and table.description is None:
            table.description = column
    table.work = _work_column(table, head, body)
    if table.work < 0:
        return None
    table.title = _title(grid, header, floor)
    return table


def _work_column(table: _Table, head: list[str], body: list[list[str]]) -> int:
    """The responsibility column: a text column left of the first role column, by its name or its text."""
    taken = {table.ident, table.area, table.home, table.horizon, table.description}
    candidates = [column for column in range(min(table.roles)) if column not in taken]
    for column in candidates:
        key = _key(head[column])
        if any(re.search(rf"\b{word}\b", key) for word in WORK_WORDS):
            return column

    def wordy(column: int) -> float:
        values = [row[column] for row in body if row[column].strip()]
        texts = [value for value in values if not re.fullmatch(r"[\d.\s]+", value)]
        return sum(len(value) for value in texts) / len(body) if len(texts) * 2 >= len(body) else 0.0

    scored = [(wordy(column), column) for column in candidates if head[column].strip()]
    best = max(scored, default=(0.0, -1))
    return best[1] if best[0] > 0 else -1


def _title(grid: Grid, header: int, floor: int) -> str:
    """The text of a lone cell just above a header: its table's title."""
    for row in range(header - 1, max(floor, header - TITLE_SEARCH) - 1, -1):
        filled = [cell.strip() for cell in grid.cells[row] if cell.strip()]
        if len(filled) == 1:
            return filled[0]
        if filled:
            return ""
    return ""


# --- a long export: one line per activity, role and letter ------------------------------------------


def _long_table(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """The header row and its columns (work, role, letter, and id and area when present) of a long export:
    told by their names when they are the usual ones, else by what they hold."""
    return _long_by_name(grid) or _long_by_content(grid)


def _long_by_name(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid.cells[:LONG_HEADER_ROWS]):
        columns: dict[str, int] = {}
        for column, name in enumerate(row):
            key = _key(name)
            if key in ROLE_WORDS and "role" not in columns:
                columns["role"] = column
            elif key in LETTER_WORDS and "letter" not in columns:
                columns["letter"] = column
            elif _is_id(key) and "id" not in columns:
                columns["id"] = column
            elif key in AREA_WORDS and "area" not in columns:
                columns["area"] = column
            elif "work" not in columns and any(re.search(rf"\b{word}\b", key) for word in WORK_WORDS):
                columns["work"] = column
        if {"role", "letter", "work"} <= set(columns):
            values = [grid.at(line, columns["letter"]) for line in range(index + 1, len(grid.cells))]
            kinds = [_letterish(value) for value in values if value.strip()]
            if kinds and kinds.count("other") <= (1 - MIN_LETTER_SHARE) * len(kinds):
                return index, columns
    return None


def _long_by_content(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """A long export whatever its column names (`action_name, role_name, raci`): one column of letters;
    two text columns whose pairs are (nearly) unique and neither of which tells the other (the activity and
    the role); columns that one of them tells (its id, its group) beside it. Of the two, the role is the
    column named so, else the one of shorter values (a role's title is shorter than a task)."""
    kinds: dict[str, str] = {}  # each value read once, though each header tried reads the sample again

    def kind(value: str) -> str:
        found = kinds.get(value)
        if found is None:
            found = kinds[value] = _letterish(value)
        return found

    for index, row in enumerate(grid.cells[:LONG_HEADER_ROWS]):
        if sum(bool(cell.strip()) for cell in row) < 3:
            continue
        body = [line for line in grid.cells[index + 1 : index + 1 + LONG_SAMPLE] if not _blank(line)]
        if len(body) < 2:
            continue
        width = len(row)
        columns = [[line[column].strip() if column < len(line) else "" for line in body] for column in range(width)]
        letters = [column for column in range(width) if row[column].strip() and _letter_column(columns[column], kind)]
        if len(letters) != 1:
            continue
        texts = [
            column
            for column in range(width)
            if column != letters[0] and row[column].strip() and all(columns[column]) and not _is_id(_key(row[column]))
        ]
        found = _work_and_role(row, columns, texts)
        if found is None:
            continue
        work, role = found
        chosen = {"work": work, "role": role, "letter": letters[0]}
        for column in range(width):
            if column in chosen.values() or not row[column].strip():
                continue
            told = _tells(columns[work], columns[column])
            if told and _tells(columns[column], columns[work]) and "id" not in chosen:
                chosen["id"] = column
            elif told and column in texts and "section" not in chosen and len(set(columns[column])) > 1:
                chosen["section"] = column  # a group: a section whose title may name the area
        return index, chosen
    return None


def _letter_column(values: list[str], kind: Callable[[str], str] = _letterish) -> bool:
    """A column of letter tokens: its filled cells nearly all letters (or placeholders), some of them letters;
    `kind` tells what a cell holds (`_letterish`, or a memory of it)."""
    kinds = [kind(value) for value in values if value]
    return (
        len(kinds) * 2 >= len(values)
        and kinds.count("letter") * 2 >= len(kinds)
        and (kinds.count("other") <= (1 - MIN_LETTER_SHARE) * len(kinds))
    )


def _tells(these: list[str], those: list[str]) -> bool:
    """Whether each value of `these` goes with one value of `those` (an activity tells its group)."""
    seen: dict[str, str] = {}
    return all(seen.setdefault(this, that) == that for this, that in zip(these, those, strict=True))


def _work_and_role(head: list[str], columns: list[list[str]], texts: list[int]) -> tuple[int, int] | None:
    best: tuple[tuple[int, int], int, int] | None = None
    for first in texts:
        for second in texts:
            if second <= first:
                continue
            one, two = columns[first], columns[second]
            if len(set(one)) < 2 or len(set(two)) < 2 or _tells(one, two) or _tells(two, one):
                continue
            pairs = len(set(zip(one, two, strict=True)))
            score = (pairs, sum(map(len, one)) + sum(map(len, two)))  # names over codes
            if pairs < LONG_UNIQUE * len(one) or (best is not None and score <= best[0]):
                continue
            best = (score, first, second)
    if best is None:
        return None
    _, first, second = best

    def role_like(column: int) -> tuple[bool, bool, float]:
        key = _key(head[column]).split()
        named_role = bool(set(key) & ROLE_WORDS)
        named_work = any(word in WORK_WORDS for word in key)
        values = columns[column]
        return named_role, not named_work, -sum(map(len, values)) / len(values)

    return (second, first) if role_like(first) > role_like(second) else (first, second)


# --- the reader -------------------------------------------------------------------------------


class MatrixReader:
    def __init__(self, path: Path, grids: list[Grid], scheme: Scheme | None = None) -> None:
        self.path, self.grids = path, grids
        self.given = scheme  # the scheme to read in; None tells it from the letters and the legend
        self.scheme = scheme or RACI
        self.entries: list[_Entry] = []
        self.titles: dict[str, str] = {}  # role key -> title as first written
        self.normalised: list[Normalised] = []
        self.findings: list[Finding] = []
        self.skipped: list[tuple[str, str]] = []
        self.hats: dict[
            str, tuple[Function, tuple[Function, ...]]
        ] = {}  # role key -> (function, other hats) from a roles list
        self.spans: dict[str, list[range]] = {}  # grid name -> rows of its tables (a note is sought elsewhere)
        self.marks: list[Marked] = []
        self.merged: set[str] = set()  # header cells naming a role already named another way
        self.cells: dict[str, str] = {}  # role key -> the header cell first naming it

    def read(self) -> tuple[Matrix, tuple[Finding, ...], MatrixSource]:
        for grid in self.grids:
            spans = self.spans.setdefault(grid.name, [])
            long = _long_by_name(grid)
            if long is not None:
                self._read_long(grid, *long)
                spans.append(range(long[0], len(grid.cells)))
                continue
            tables = find_tables(grid)
            for table in tables:
                self._read_table(table)
                spans.append(range(table.header, table.end))
            if not tables and (long := _long_by_content(grid)) is not None:
                self._read_long(grid, *long)
                spans.append(range(long[0], len(grid.cells)))
            elif not tables:
                why = "a list of roles" if self._roles_list(grid) else self._why(grid)
                self.skipped.append((grid.name or self.path.name, why))
        if not self.entries:
            read = ", ".join(f"{name} ({why})" for name, why in self.skipped)
            raise CatalogueError(
                f"no table with letter columns; sheets read: {read}",
                path=self.path,
                hint="raci reads a matrix of an activity column and one column per role holding R, A, C or I, "
                "or a long export of one line per activity and role with a column of letters",
            )
        self._tell_scheme()
        self._refuse_unreadable()
        return self._matrix()

    def _tell_scheme(self) -> None:
        """The scheme the letters are in (`--scheme`, else told from them and the legend); noted unless RACI."""
        raw = [raw for entry in self.entries for raw, _ in entry.letters.values()]
        told = tell_scheme(raw, [pair for grid in self.grids for pair in legend_entries(grid.cells)])
        if self.given is None:
            self.scheme = told.scheme
        if self.scheme is not RACI:
            letters = told.letters if told.scheme is self.scheme else ()
            legend = told.legend if told.scheme is self.scheme else ()
            told_by = "option" if self.given is not None else "legend" if legend else "letters"
            self.findings.append(
                Finding(
                    "scheme-read",
                    "info",
                    None,
                    None,
                    facts(scheme=self.scheme.name, by=told_by, letters=letters, legend=legend),
                )
            )

    def _why(self, grid: Grid) -> str:
        text = " ".join(cell for row in grid.cells for cell in row)
        if not text.strip():
            return "empty"
        if LEGEND_TEXT.search(text):
            return "a legend"
        return "no letter columns"

    def _roles_list(self, grid: Grid) -> bool:
        """Functions from a sheet listing the roles (Role, Function, Other hats), as raci's Roles sheet does."""
        for index, row in enumerate(grid.cells[:10]):
            keys = [_key(cell) for cell in row]
            if "role" in keys and "function" in keys:
                role, function = keys.index("role"), keys.index("function")
                also = keys.index("other hats") if "other hats" in keys else None
                for line in grid.cells[index + 1 :]:
                    title = line[role].strip() if role < len(line) else ""
                    primary = line[function].strip().lower() if function < len(line) else ""
                    if title and primary in FUNCTIONS:
                        hats = line[also] if also is not None and also < len(line) else ""
                        extra = tuple(
                            Function(h.strip().lower()) for h in hats.split(",") if h.strip().lower() in FUNCTIONS
                        )
                        self.hats[_role_key(title)] = (Function(primary), extra)
                return True
        return False

    def _role(self, title: str, cell: str) -> str:
        """The key of the role a header names, merging spellings that differ in case, spaces or punctuation."""
        written = title.strip()
        title = " ".join(written.split())
        key = _role_key(title) or title
        if key in self.titles and self.titles[key] != written:
            self.normalised.append(Normalised(cell, written, self.titles[key]))
            self.merged.add(cell)
        self.titles.setdefault(key, title)
        self.cells.setdefault(key, cell)
        return key

    def _read_table(self, table: _Table) -> None:
        grid = table.grid
        keys = {
            column: self._role(grid.at(table.header, column), grid.ref(table.header, column)) for column in table.roles
        }
        for row in range(table.header + 1, table.end):
            cells = grid.cells[row]
            if _blank(cells):
                continue
            work = grid.at(row, table.work).strip()
            if not work and not any(grid.at(row, column).strip() for column in table.roles):
                continue

            def value(column: int | None, row: int = row) -> str:
                return grid.at(row, column).strip() if column is not None else ""

            entry = _Entry(
                ref=grid.ref(row, table.work),
                line=row + 1,
                ident=value(table.ident),
                work=work,
                area=value(table.area) if table.area is not None else None,
                home=value(table.home),
                horizon=value(table.horizon),
                description=value(table.description),
                title=table.title,
            )
            for column in table.roles:
                raw = grid.at(row, column)
                self._letter(entry, keys[column], raw, grid.ref(row, column))
            self.entries.append(entry)

    def _read_long(self, grid: Grid, header: int, columns: dict[str, int]) -> None:
        by_work: dict[str, _Entry] = {}
        for row in range(header + 1, len(grid.cells)):
            if _blank(grid.cells[row]):
                continue
            work = grid.at(row, columns["work"]).strip()
            ident = grid.at(row, columns["id"]).strip() if "id" in columns else ""
            title = grid.at(row, columns["role"]).strip()
            if not work or not title:
                continue
            entry = by_work.get(ident or work)
            if entry is None:
                entry = _Entry(
                    ref=grid.ref(row, columns["work"]),
                    line=row + 1,
                    ident=ident,
                    work=work,
                    area=grid.at(row, columns["area"]).strip() if "area" in columns else None,
                    home="",
                    horizon="",
                    description="",
                    title=grid.at(row, columns["section"]).strip() if "section" in columns else "",
                )
                by_work[ident or work] = entry
                self.entries.append(entry)
            key = self._role(title, grid.ref(row, columns["role"]))
            self._letter(entry, key, grid.at(row, columns["letter"]), grid.ref(row, columns["letter"]))

    def _letter(self, entry: _Entry, key: str, raw: str, cell: str) -> None:
        """Record a role's letter cell on a row; a role with two cells there (two spellings) keeps both."""
        if key in entry.letters and entry.letters[key][0].strip():
            if not raw.strip():
                return
            first, first_cell = entry.letters[key]
            entry.letters[key] = (f"{first}/{raw}", f"{first_cell}+{cell}")
            return
        entry.letters[key] = (raw, cell)

    def _refuse_unreadable(self) -> None:
        cells = [(raw, cell) for entry in self.entries for raw, cell in entry.letters.values() if raw.strip()]
        bad = [(raw, cell) for raw, cell in cells if read_letter(raw, self.scheme) is None]
        if cells and len(bad) > UNREADABLE_SHARE * len(cells):
            shown = [(raw.strip(), cell) for raw, cell in bad if len(raw.strip()) <= SHOWN_CELL][:3]
            examples = ", ".join(f"'{raw}' at {cell}" for raw, cell in shown) or bad[0][1]
            raise CatalogueError(
                f"its letters are almost all unreadable: {len(bad)} of {len(cells)} role cells hold no R, A, C or I "
                f"(such as {examples})",
                path=self.path,
                hint="write R, A, A/R, C or I in each cell; raci does not guess what a tick means",
            )

    # --- the matrix ---------------------------------------------------------------------------

    def _matrix(self) -> tuple[Matrix, tuple[Finding, ...], MatrixSource]:
        words = vocabulary()
        keys = list(self.titles)
        self._expand(keys)
        roles, functions = [], []
        for key in keys:
            title = self.titles[key]
            if key in self.hats:
                primary, extra = self.hats[key]
                hats: tuple[Function, ...] = (primary, *extra)
            else:
                hats = functions_of(title)
            functions.append(hats[0] if hats else None)
            roles.append(Role(key=key, title=title, function=hats[0] if hats else Function.UNKNOWN, also=hats[1:]))
            if not hats:
                self.findings.append(
                    Finding(
                        "unknown-function",
                        "info",
                        None,
                        title,
                    )
                )
        counts: dict[str, int] = {}
        for entry in self.entries:
            if entry.ident:
                counts[entry.ident] = counts.get(entry.ident, 0) + 1
        rows, inferred, unknown = [], set(), []
        for entry in self.entries:
            ident = entry.ident if entry.ident and counts[entry.ident] == 1 else entry.ref
            letters = []
            for key, role in zip(keys, roles, strict=True):
                raw, cell = entry.letters.get(key, ("", ""))
                letter = read_letter(raw, self.scheme)
                if letter is None:
                    self.findings.append(
                        Finding(
                            "invalid-letter",
                            "error",
                            ident,
                            role.title,
                            facts(cell=cell, value=raw.strip(), **letters_facts(self.scheme)),
                        )
                    )
                    letter = ""
                elif raw and raw != letter:
                    self.normalised.append(Normalised(cell, raw, letter))
                    if letter and (mark := footnote(raw)):
                        self.marks.append(Marked(ident, role.title, cell, f"{letter}{mark}", mark))
                letters.append(letter)
            area = entry.area
            if area is None:
                inferred.add(ident)
                told = words.read(entry.work, "", entry.description)  # the class of work first, as for a list
                area = self._area_from(entry.title) or told.kind_area or told.area or ""
                if not area:  # a short title ("Lending") stands as the area; a document's name does not
                    unknown.append(ident)
                    area = entry.title.strip().lower() if len(entry.title.split()) <= TITLE_WORDS else ""
            home = HOME_WORDS.get(entry.home.lower(), entry.home.lower())
            if home not in HOMES:
                home = HOME_OF_AREA.get(words.areas.get(area, area), "shared")
            item = Responsibility(
                id=ident,
                area=area.lower(),
                responsibility=entry.work,
                home=home,
                horizon=entry.horizon.lower() if entry.horizon.lower() in HORIZONS else "",
                description=entry.description,
                kind=words.kind_of(entry.work),
                line=entry.line,
                reading=words.read(entry.work, area, entry.description),
            )
            rows.append(Row(item=item, letters=tuple(letters), rule=Rule(when={}, letters={})))
        profile = Profile(
            name="as-is",
            title=self.path.name,
            headcount_min=1,
            headcount_max=None,
            structure=Structure.SALES_LED,  # until its figures tell (`told_structure`)
            roles=tuple(roles),
            rules=(),
            areas=words.areas,
            source=self.path,
            scheme=self.scheme,
        )
        client, headcount = self._identity()
        source = MatrixSource(
            path=self.path,
            functions=tuple(functions),
            normalised=tuple(self.normalised),
            skipped=tuple(self.skipped),
            inferred=frozenset(inferred),
            unknown_areas=tuple(unknown),
            marks=tuple(self.marks),
            client=client,
            headcount=headcount,
            merged=frozenset(self.merged),
            role_titles=tuple((self.titles[key], self.cells[key]) for key in keys),
            notes=self._notes({marked.mark for marked in self.marks}),
        )
        return Matrix(profile=profile, roles=tuple(roles), rows=tuple(rows)), tuple(self.findings), source

    def _loose_rows(self) -> Iterator[tuple[Grid, int, list[tuple[int, str]]]]:
        """Each row outside the tables, with its filled cells: titles, footnotes, legends, notes sheets."""
        for grid in self.grids:
            spans = self.spans.get(grid.name, [])
            for number, row in enumerate(grid.cells):
                if not any(number in span for span in spans):
                    filled = [(column, cell.strip()) for column, cell in enumerate(row) if cell.strip()]
                    if filled:
                        yield grid, number, filled

    def _expand(self, keys: list[str]) -> None:
        """Role titles that are abbreviations spelt out on a legend or overview sheet ("BizSpon" |
        "Business Sponsor"): shown as "Business Sponsor (BizSpon)", the change in the audit trail."""
        short = {key: self.titles[key] for key in keys if ABBREVIATION.fullmatch(self.titles[key])}
        if not short:
            return
        found: dict[str, tuple[str, str]] = {}
        for grid, number, filled in self._loose_rows():
            for place, (column, cell) in enumerate(filled[:-1]):
                key = _role_key(cell)
                spelt = " ".join(filled[place + 1][1].split())
                if key in short and key not in found and len(spelt.split()) >= 2 and len(spelt) <= HEADER_CELL:
                    found[key] = (spelt, grid.ref(number, column))
        for key, (spelt, cell) in found.items():
            title = f"{spelt} ({short[key]})"
            self.normalised.append(Normalised(cell, short[key], title))
            self.merged.add(cell)
            self.titles[key] = title

    def _identity(self) -> tuple[str, int | None]:
        """The client's name and headcount from the title rows ("PT Sinar Abadi (distributor, 35 karyawan)"),
        sought above the first table of each sheet and on sheets without one; "" and None when not found."""
        client, headcount = "", None
        for grid, number, filled in self._loose_rows():
            first = min((span.start for span in self.spans.get(grid.name, [])), default=len(grid.cells))
            if number > first or number >= TITLE_ROWS or len(filled) > 2:
                continue
            for _, cell in filled:
                if not client and (name := COMPANY.search(cell)):
                    client = " ".join(name.group(0).split()).rstrip(" .-")
                if headcount is None and (people := HEADCOUNT.search(cell)):
                    headcount = int(re.sub(r"[.,\s]", "", people.group(1))) or None
        return client, headcount

    def _notes(self, marks: set[str]) -> tuple[tuple[str, str], ...]:
        """What the file says each footnote mark means, with where it says so: a footnote line ("* subject to
        the credit committee  ** with head office approval") or a row of a notes sheet ("A*" | "Tier 1 only"),
        sought outside the tables."""
        found: dict[str, str] = {}
        for grid in self.grids:
            spans = self.spans.get(grid.name, [])
            for number, row in enumerate(grid.cells):
                if any(number in span for span in spans):
                    continue
                filled = [(column, cell.strip()) for column, cell in enumerate(row) if cell.strip()]
                for place, (column, cell) in enumerate(filled):
                    for mark in marks - set(found):
                        said = _said_of(mark, cell, [text for _, text in filled[place + 1 :]])
                        if said:
                            found[mark] = f"{said} [{grid.ref(number, column)}]"
        return tuple(sorted(found.items(), key=lambda pair: (len(pair[0]), pair[0])))

    def _area_from(self, title: str) -> str:
        """The built-in area a table's title names, if it is the name of one ("Promotion", "Sales targets",
        "Promosi"); a longer title (the document's name) names none."""
        if not title or len(title.split()) > TITLE_WORDS:
            return ""
        words = vocabulary()
        key = re.sub(r"[\s/-]+", "_", title.strip().lower())
        if key in KNOWN_AREAS:
            return key
        return words.areas.get(key, "") or words.area_of_text(title)


NOTE_CHARS = 160  # of a footnote's text kept with its mark
AS_WRITTEN = N_("As written in the client's matrix")  # the note of each row's rule in the as-is profile
TITLE_ROWS = 8  # rows at the top of a sheet searched for the client's name and headcount
ABBREVIATION = re.compile(r"[A-Za-z][A-Za-z0-9&./-]{0,11}")  # a role title with no space, up to 12 characters
COMPANY = re.compile(
    r"\b(?:PT|CV|UD|PD|Perum|Koperasi)\.?\s+[A-Z0-9][^()\n,;:\u2013\u2014|]*"
    r"|\b[A-Z][\w&'-]*(?:\s+[A-Z&][\w&'-]*)*\s+(?:Tbk|Ltd|Limited|Inc|LLC|GmbH|Corp|Corporation|plc|B\.V|S\.A)\b\.?"
)
HEADCOUNT = re.compile(
    r"(\d[\d.,]*)\s*(?:karyawan|pegawai|orang|staf|staff|employees|people|FTEs?|personnel)\b", re.IGNORECASE
)


def _said_of(mark: str, cell: str, after: list[str]) -> str:
    """What `cell` says `mark` means: the text after the mark standing alone in a footnote line, or the
    next cell of a row whose cell is the mark (or a letter and the mark) alone."""
    if re.fullmatch(rf"(?:A/R|[RACI])?\s*{re.escape(mark)}", cell, re.IGNORECASE):
        return after[0][:NOTE_CHARS] if after else ""
    lone = rf"(?<![\w{re.escape(mark[0])}]){re.escape(mark)}(?!{re.escape(mark[0])})"
    match = re.search(rf"{lone}\s*[=:\u2013-]?\s*(.+?)(?=\s*(?:[*\u2020\u2021\u00a7\u00b9\u00b2\u00b3]|$))", cell)
    return match.group(1).strip()[:NOTE_CHARS] if match else ""


def read_matrix(
    source: Source | Path | str, scheme: Scheme | None = None
) -> tuple[Matrix, tuple[Finding, ...], MatrixSource]:
    """The matrix a file made elsewhere holds, what is wrong in it as read, and what was read how; in
    `scheme` when given, else in the scheme its letters and legend tell."""
    if not isinstance(source, Source):
        source = list_source(Path(source))
    grids, controls, cut = clean_grids(source.grids, excel=source.format is Format.XLSX)
    matrix, findings, read = MatrixReader(source.path, grids, scheme).read()
    return matrix, findings, replace(read, controls=controls, cut=cut)


EXCEL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|007[Ff])_")  # how Excel writes a control character in a cell
PREVIEW = 60  # characters of a cleaned cell the audit trail quotes


def clean_grids(
    grids: Sequence[Grid], *, excel: bool = False
) -> tuple[list[Grid], tuple[Normalised, ...], tuple[Normalised, ...]]:
    """The grids with every cell a workbook can hold: control characters (which no workbook holds and no
    spreadsheet shows) dropped, a cell over a cell's 32,767 characters cut with an ellipsis. Each cell so
    changed is returned, as written and as read (quoted shortly, a control character escaped), for the audit
    trail: the controls dropped, then the cells cut. `excel`: a workbook's cells, where `_x001B_` is Excel's
    way of writing a control character."""
    controls: list[Normalised] = []
    cut: list[Normalised] = []
    cleaned: list[Grid] = []
    for grid in grids:
        rows: list[list[str]] = []
        for row, cells in enumerate(grid.cells):
            line: list[str] = []
            for column, written in enumerate(cells):
                cell = EXCEL_ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), written) if excel else written
                found = UNWRITABLE.search(cell)
                if found is not None:  # escaped as \u001b where the trail quotes it: a workbook holds none
                    before = _preview(UNWRITABLE.sub(_escaped, cell), found)
                    cell = UNWRITABLE.sub("", cell)
                    controls.append(Normalised(grid.ref(row, column), before, _preview(cell)))
                if len(cell) > CELL_CHARACTERS:
                    shown = f"{_preview(cell)} ({len(cell):,} characters)"
                    cell = cell[: CELL_CHARACTERS - 1] + "\u2026"
                    cut.append(Normalised(grid.ref(row, column), shown, f"{_preview(cell)} ({len(cell):,} characters)"))
                line.append(cell)
            rows.append(line)
        cleaned.append(replace(grid, cells=rows))
    return cleaned, tuple(controls), tuple(cut)


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def _preview(text: str, around: re.Match[str] | None = None) -> str:
    """At most PREVIEW characters of `text`: from its start, or around the control character `around` found."""
    start = max(0, around.start() - PREVIEW // 3) if around is not None else 0
    shown = text[start : start + PREVIEW]
    return ("..." if start else "") + shown + ("..." if start + PREVIEW < len(text) else "")


def grids_hold_matrix(grids: Sequence[Grid]) -> bool:
    """Whether the grids are a matrix made elsewhere rather than a responsibilities list raci reads.

    A file with letter columns (or a long export of letters) is a matrix. One without is a list when
    its first row names any of the list's columns or is no row of column names at all (the list's
    reader says what is wrong with it); else a matrix, so that its reader says what it found."""
    if any(_long_table(grid) is not None or find_tables(grid) for grid in grids):
        return True
    first = next((row for row in grids[0].cells if not _blank(row)), []) if grids else []
    names = [cell.strip() for cell in first if cell.strip()]
    header = len(names) >= 2 and all(len(name) <= HEADER_CELL and name.isprintable() for name in names)
    return header and not any(name.lower() in LIST_NAMES for name in names)


# --- the matrix as raci's own: a profile that gives every row the letters the file gives it ----------------


def as_is(matrix: Matrix, path: Path, read: MatrixSource | None = None) -> Matrix:
    """The matrix read from `path` as raci's own: the same rows and letters, under a profile of its own
    roles with one rule per row (by id) giving the file's letters, titled with the file's name, of the
    headcount its title rows give (`read`). Nothing is parsed back: the profile is built here, and its TOML
    text is kept only so the workbook can record it and `raci check` read it."""
    keys: list[str] = []
    for number, role in enumerate(matrix.roles, start=1):
        key = re.sub(r"[^a-z0-9]+", "_", role.title.lower()).strip("_") or f"role_{number}"
        keys.append(key if key not in keys else f"{key}_{number}")
    roles = tuple(replace(role, key=key) for key, role in zip(keys, matrix.roles, strict=True))
    note = AS_WRITTEN
    title = path.name  # the client's name, when the title rows give it, is the deliverable's branding
    people = read.headcount if read is not None else None
    lines = [
        f"name = {_toml(path.stem)}",
        f"title = {_toml(title)}",
        f"structure = {_toml(matrix.profile.structure)}",
        *([f"scheme = {_toml(matrix.scheme.key)}"] if matrix.scheme is not RACI else []),
        f"headcount_min = {people or 1}",
        *([f"headcount_max = {people}"] if people else []),
        "",
    ]
    for role in roles:
        lines += ["[[roles]]", f"key = {_toml(role.key)}", f"title = {_toml(role.title)}"]
        lines += [f"function = {_toml(role.function)}", f"also = [{', '.join(_toml(hat) for hat in role.also)}]", ""]
    rows: list[Row] = []
    rules: list[Rule] = []
    for row in matrix.rows:
        letters = {key: letter for key, letter in zip(keys, row.letters, strict=True) if letter}
        rule = Rule(when={"id": (row.item.id,)}, letters=letters, note=note)
        rows.append(replace(row, rule=rule))
        rules.append(rule)  # a row with no letter keeps its empty rule, so the profile places every row it read
        if not letters:
            continue  # ... but no rule a profile file could hold: the record leaves it out, as read
        given = ", ".join(f"{_toml(key)} = {_toml(letter)}" for key, letter in letters.items())
        lines += ["[[rules]]", f"when = {{ id = {_toml(row.item.id)} }}", f"letters = {{ {given} }}"]
        lines += [f"note = {_toml(note)}", ""]
    if not any(rule.letters for rule in rules):
        raise CatalogueError("no row of the matrix holds a letter", path=path, hint="fill in the letters first")
    profile = replace(
        matrix.profile,
        name=path.stem,
        title=title,
        headcount_min=people or 1,
        headcount_max=people,
        roles=roles,
        rules=tuple(rules),
        source=path,
        text="\n".join(lines),
    )
    return Matrix(profile=profile, roles=roles, rows=tuple(rows), catalogue=Catalogue(path, matrix_items(matrix)))


def matrix_items(matrix: Matrix) -> tuple[Responsibility, ...]:
    return tuple(row.item for row in matrix.rows)


def as_is_profile(matrix: Matrix, path: Path, read: MatrixSource | None = None) -> tuple[Profile, Catalogue]:
    """The as-is profile of the matrix read from `path` (see `as_is`), and the rows holding a letter as
    the catalogue it decides: what `raci compare --from MATRIX` compares with a size. Its `origin` keeps the
    client's name and headcount from the title rows (`read`) to name it by; the comparison goes by its rows."""
    made = as_is(matrix, path)
    kept = tuple(row.item for row in made.rows if any(row.letters))
    origin = Origin(path.name, read.client if read else "", read.headcount if read else None)
    return replace(made.profile, origin=origin), Catalogue(path=path, items=kept)


def _toml(text: str) -> str:
    """`text` as a TOML basic string."""
    import json

    return json.dumps(text, ensure_ascii=True)
