"""Read a responsibilities list (CSV in any common export, or a workbook's first sheet) into a Catalogue."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..exceptions import CatalogueError
from ..model import HOMES, HORIZONS, Catalogue, Responsibility, area_key
from .source import Format, Source, SourceKind, format_of, read_input
from .vocabulary import vocabulary

REQUIRED = ("id", "responsibility")
OPTIONAL = ("area", "home", "horizon", "description", "kind", "accountable")
# The names clients give the columns (compared in lower case, punctuation as spaces), English and Indonesian.
ALIASES = {
    "id": ("no", "nr", "nomor", "number", "kode", "code", "ref", "item no", "no urut"),
    "area": ("bidang", "kategori", "category", "topic", "topik", "workstream", "domain", "kelompok", "area kerja"),
    "responsibility": (
        "task",
        "tasks",
        "tanggung jawab",
        "tugas",
        "activity",
        "aktivitas",
        "kegiatan",
        "responsibilities",
        "pekerjaan",
    ),
    "description": ("keterangan", "deskripsi", "notes", "note", "catatan", "details", "detail", "uraian"),
    "home": ("fungsi", "function", "home function", "divisi"),
    "horizon": ("jangka", "jangka waktu", "term"),
    "kind": ("jenis", "jenis pekerjaan", "type"),
    "accountable": ("a", "accountable role", "penanggung jawab", "penanggungjawab", "owner"),
}
# Header names that mark a file as a responsibilities list rather than a matrix made elsewhere.
LIST_NAMES = frozenset(
    {"id", "area", "responsibility", "home", "description", "bidang", "kategori", "tanggung jawab", "tugas", "kode"}
    | {"keterangan", "deskripsi"}
)
# Home and horizon as Indonesian catalogues write them.
HOME_VALUES = {"penjualan": "sales", "pemasaran": "marketing", "bersama": "shared", "both": "shared"}
# A medium term (one to three years) is not day-to-day work: it counts with the long horizon.
HORIZON_VALUES = {
    "pendek": "short",
    "jangka pendek": "short",
    "panjang": "long",
    "jangka panjang": "long",
    "medium": "long",
    "mid": "long",
    "menengah": "long",
    "jangka menengah": "long",
}
# The home work in a built-in area has when the catalogue gives none (pricing, product, distribution
# and service are shared between the functions until the wording says more).
HOME_OF_AREA = {
    "quotas": "sales",
    "sales_process": "sales",
    "promotion": "marketing",
    "branding": "marketing",
    "research": "marketing",
    "marketing_process": "marketing",
}
DELIMITERS = ",;\t"
EXCEL_CELL_LIMIT = 32_767
EXCEL_ROW_LIMIT = 1_048_576 - 4  # the RACI sheet's three title rows and its header
# A multi-byte UTF-8 character: text holding these and one stray byte is UTF-8, not Windows-1252.
UTF8_SEQUENCE = re.compile(rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}")

# Characters no .xlsx cell may hold (tab, line feed and carriage return are fine).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Records = Iterable[tuple[int, list[str]]]


def read_catalogue(
    path: Path | str | Source, *, encoding: str | None = None, delimiter: str | None = None
) -> Catalogue:
    """Read a list from `path` (or from an input already opened); the encoding and delimiter are detected
    unless given."""
    source = path if isinstance(path, Source) else list_source(Path(path), encoding=encoding, delimiter=delimiter)
    return _parse(source.path, source_records(source))


def list_source(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None, what: str = "the default catalogue"
) -> Source:
    """`path` read once as a list, without asking whether it holds a matrix (roles files, manifests)."""
    data = read_input(path, what=what)
    return Source(path, data, format_of(path, data), SourceKind.LIST, encoding, delimiter)


def read_records(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None, what: str = "the default catalogue"
) -> Records:
    """(line number, cells) of a CSV in any common export, or of a workbook's first sheet."""
    return source_records(list_source(path, encoding=encoding, delimiter=delimiter, what=what))


def source_records(source: Source) -> Records:
    """(line number, cells) of an input already read: its text's records, or a workbook's first sheet."""
    if source.format is Format.XLSX:
        return _workbook_records(source)
    if source.format is Format.ODS:
        first = source.grids[0].cells if source.grids else []
        return ((number, cells) for number, cells in enumerate(first, start=1))
    return _csv_records(source.path, _decode(source.path, source.data, source.encoding), source.delimiter)


def _decode(path: Path, data: bytes, encoding: str | None) -> str:
    """The file's text: BOMs honoured, then UTF-8, then Windows-1252; binary files refused."""
    if not data.strip():
        raise CatalogueError("the file is empty", path=path, hint="it needs a header row, then one row per entry")
    if encoding:
        try:
            return data.decode(codecs.lookup(encoding).name).lstrip("\ufeff")
        except LookupError as err:
            raise CatalogueError(f"unknown encoding '{encoding}'", path=path, hint="try utf-8 or cp1252") from err
        except UnicodeDecodeError as err:
            raise CatalogueError(
                f"is not {encoding} text (byte {err.start})", path=path, hint="check --encoding"
            ) from err
        except UnicodeError as err:  # codecs such as punycode fail in their own ways
            raise CatalogueError(f"is not {encoding} text", path=path, hint="check --encoding") from err
    candidates: tuple[str, ...] = ("utf-8-sig", "cp1252")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    elif b"\x00" in data:
        raise CatalogueError(
            "looks like a binary file, not CSV text", path=path, hint="export the list as CSV or give the .xlsx"
        )
    for candidate in candidates:
        try:
            text = data.decode(candidate).lstrip("\ufeff")
        except UnicodeDecodeError as err:
            if candidate == "utf-8-sig" and UTF8_SEQUENCE.search(data):
                line = data.count(b"\n", 0, err.start) + 1
                raise CatalogueError(
                    f"is UTF-8 text with a byte that is not UTF-8 (0x{data[err.start]:02X}, line {line})",
                    path=path,
                    line=line,
                    hint="fix or delete that character, or pass --encoding if the file is not UTF-8",
                ) from err
            continue
        if _looks_binary(text):
            break
        return text
    raise CatalogueError(
        "is neither UTF-8 nor Windows-1252 text", path=path, hint="save it as 'CSV UTF-8' or pass --encoding"
    )


def _looks_binary(text: str) -> bool:
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\r\n")
    return controls > max(2, len(text) // 100)


def _csv_records(path: Path, text: str, delimiter: str | None) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) per record, with quoted newlines counted."""
    if delimiter in ("\\t", "tab", "TAB"):
        delimiter = "\t"  # typed literally, as the hint shows it
    if delimiter is not None and len(delimiter) != 1:
        raise CatalogueError(f"delimiter '{delimiter}' must be one character", path=path, hint="e.g. ';' or '\\t'")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _sniff(text), strict=True)
    last_line = 0
    try:
        for cells in reader:
            yield last_line + 1, cells
            last_line = reader.line_num
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            raise CatalogueError(
                "a quoted cell that starts on this line is never closed",
                path=path,
                line=last_line + 1,
                hint='close the quote (") or remove it',
            ) from err
        raise CatalogueError(f"not a readable CSV: {err}", path=path, line=reader.line_num) from err


def _sniff(text: str) -> str:
    """Comma, semicolon or tab, whichever the header line uses most (commas win ties)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=lambda candidate: (header.count(candidate), candidate == ","))


def _workbook_records(source: Source) -> Iterator[tuple[int, list[str]]]:
    from openpyxl.utils import get_column_letter

    path = source.path
    rows = list(enumerate(source.sheet_rows(0), start=1))
    formulas = source.unsaved_formulas(0)
    for number, row in rows:
        for column in range(1, len(row) + 1):
            if (number, column) in formulas:
                cell = f"{get_column_letter(column)}{number}"
                raise CatalogueError(
                    f"cell {cell} holds a formula whose result was never saved ({formulas[number, column][:60]})",
                    path=path,
                    line=number,
                    hint="open and save the file in a spreadsheet program, or type the value",
                )
        yield number, [_cell_text(value) for value in row]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def header_and_rows(
    path: Path, records: Records, required: tuple[str, ...]
) -> tuple[int, list[str], Iterator[tuple[int, list[str]]]]:
    """The first non-empty record as the header (its line and cells), and an iterator over the rest."""
    rows = iter(records)
    header_line, header = next(((line, cells) for line, cells in rows if any(c.strip() for c in cells)), (0, []))
    if not header:
        raise CatalogueError("the file is empty", path=path, hint=f"it needs a header row: {','.join(required)}")
    return header_line, header, rows


def _parse(path: Path, records: Records) -> Catalogue:
    header_line, header, rows = header_and_rows(path, records, REQUIRED)
    columns = _columns(path, header_line, header)
    items: list[Responsibility] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(items) == EXCEL_ROW_LIMIT:
            raise CatalogueError(
                f"has more than {EXCEL_ROW_LIMIT:,} responsibilities, more than a sheet holds",
                path=path,
                line=line,
                hint="split the list into several files",
            )
        item = _item(path, line, columns, cells)
        if item.id in seen:
            raise CatalogueError(
                f"duplicate id '{item.id}' (first on line {seen[item.id]})",
                path=path,
                line=line,
                column="id",
                hint="give every responsibility its own id",
            )
        seen[item.id] = line
        items.append(item)
    if not items:
        raise CatalogueError(
            "the header has no responsibilities under it", path=path, hint="add one row per responsibility"
        )
    return Catalogue(path=path, items=_one_language(items))


def _home_of(area: str, decision: str) -> str:
    """The home of work in a built-in area when the catalogue gives none: choosing where and through
    whom to sell is marketing's (the fourth P); working the chosen partners is sales'."""
    if area == "distribution":
        return "marketing" if decision in ("set", "approve") else "sales"
    return HOME_OF_AREA.get(area, "shared")


def _one_language(items: list[Responsibility]) -> tuple[Responsibility, ...]:
    """Rows whose wording does not tell their language take the one most rows are written in."""
    said = [item.reading.lang for item in items if item.reading.lang]
    if not said:
        return tuple(items)
    most = max(sorted(set(said)), key=said.count)
    return tuple(
        item if item.reading.lang else replace(item, reading=replace(item.reading, lang=most)) for item in items
    )


def _columns(path: Path, line: int, header: list[str]) -> dict[str, int]:
    return columns_of(path, line, header, REQUIRED, OPTIONAL, ALIASES)


def _header_name(cell: str, aliases: dict[str, tuple[str, ...]]) -> str:
    """A header cell as the column it names: its own name, or the name of which it is an alias."""
    name = cell.strip().lower()
    plain = " ".join(re.sub(r"[^\w#]+", " ", name).split())
    for column, spellings in aliases.items():
        if plain == column or plain in spellings:
            return column
    return name


def columns_of(
    path: Path,
    line: int,
    header: list[str],
    required: tuple[str, ...],
    optional: tuple[str, ...],
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, int]:
    """Index per known column name, matched case-insensitively (and by `aliases`); a missing one lists
    those found and the names raci takes for it."""
    names = [_header_name(cell, aliases or {}) for cell in header]
    missing = [name for name in required if name not in names]
    if missing:
        also = [f"{name} (or {', '.join(aliases[name][:4])})" for name in missing if aliases and name in aliases]
        raise CatalogueError(
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            path=path,
            line=line,
            hint=f"{_found(header)}; required: {', '.join(also or required)}",
        )
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in required + optional:
            if name in columns:
                if header[columns[name]].strip().lower() != header[index].strip().lower():
                    continue  # two spellings of one column ("No" and "Kode"): the first one counts
                raise CatalogueError(f"column `{name}` appears twice", path=path, line=line, hint="keep one of them")
            columns[name] = index
    return columns


HEADER_CELL = 40  # characters: a column name longer than this is not one


def _found(header: list[str]) -> str:
    """The columns a header row names, when it looks like one; never a quote of a file's content."""
    names = [cell.strip() for cell in header if cell.strip()]
    if not names:
        return "the first row is empty"
    if len(names) < 2 or any(len(name) > HEADER_CELL or not name.isprintable() for name in names):
        return "the first row does not look like a row of column names"
    shown = ", ".join(names)
    return f"columns found: {shown if len(shown) <= 200 else shown[:200] + '…'}"


def _item(path: Path, line: int, columns: dict[str, int], cells: list[str]) -> Responsibility:
    def fail(name: str, message: str, hint: str) -> CatalogueError:
        return CatalogueError(message, path=path, line=line, column=name, hint=hint)

    values: dict[str, str] = {}
    for name in REQUIRED + OPTIONAL:
        index = columns.get(name)
        value = cells[index].strip() if index is not None and index < len(cells) else ""
        if len(value) > EXCEL_CELL_LIMIT:
            raise fail(
                name, f"the cell holds {len(value):,} characters, over Excel's {EXCEL_CELL_LIMIT:,}", "shorten it"
            )
        control = CONTROL.search(value)
        if control is not None:
            raise fail(
                name,
                f"the cell holds a control character (U+{ord(control.group()):04X}) at position {control.start() + 1}",
                "delete it: a spreadsheet cannot hold it, and raci would not write it silently changed",
            )
        values[name] = value
    for name in ("id", "responsibility"):
        if not values[name]:
            raise fail(name, f"`{name}` is empty", f"every row needs a{'n' if name[0] in 'ai' else ''} {name}")
    home = values["home"].lower()
    home = HOME_VALUES.get(home, home)
    if home and home not in HOMES:
        raise fail(
            "home",
            f"'{values['home']}' is not one of {', '.join(HOMES)}",
            "use one of those three words, or leave it empty for raci to read it from the wording",
        )
    horizon = values["horizon"].lower()
    horizon = HORIZON_VALUES.get(horizon, horizon)
    if horizon and horizon not in HORIZONS:
        raise fail(
            "horizon", f"'{values['horizon']}' is not one of {', '.join(HORIZONS)}", "use short, long or leave it empty"
        )
    words = vocabulary()
    kind = values["kind"].lower()
    if kind and kind not in words.kind_names:
        raise fail(
            "kind",
            f"'{values['kind']}' is not a kind raci knows",
            f"use {', '.join(words.kind_names)} or leave it empty",
        )
    reading = words.read(values["responsibility"], values["area"], values["description"], kind)
    inferred = []
    if not values["area"]:
        inferred.append("area")
    if not home:
        inferred.append("home")
        area = words.areas.get(area_key(values["area"]), "") if values["area"] else ""
        home = reading.kind_home or _home_of(area or reading.area, reading.decision)
    reading = replace(reading, inferred=tuple(inferred))
    return Responsibility(
        id=values["id"],
        area=values["area"].lower(),
        responsibility=values["responsibility"],
        home=home,
        horizon=horizon,
        description=values["description"],
        kind=reading.kind,
        line=line,
        accountable=values["accountable"],
        reading=reading,
    )
