"""Read back the open text formats raci writes (raci.render.opentext): its Markdown page and its long
CSV, as a person may have edited them, into the matrix they hold."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

from ..exceptions import ProfileError, WorkbookError
from ..model import (
    FUNCTIONS,
    HOMES,
    HORIZONS,
    LONG_COLUMNS,
    Finding,
    Function,
    Matrix,
    Profile,
    Responsibility,
    Role,
    Row,
    Rule,
    Structure,
    facts,
)
from ..scheme import RACI, SCHEMES, Scheme, letters_facts, scheme_named
from .letters import read_letter
from .profiles import builtin_profile
from .source import Source
from .vocabulary import vocabulary
from .workbook import _key

MARKDOWN_LINE = re.compile(r"^<!-- raci-markdown (\{.*\}) .*-->\s*$")
LONG_HEADER = ",".join(LONG_COLUMNS)
AREA_LINE = re.compile(r"^<!-- area: (\".*\") -->\s*$")
PIPE = re.compile(r"(?<!\\)\|")


def own_text(data: bytes) -> str:
    """ "markdown" or "csv-long" when `data` is one of raci's open text formats, else ""."""
    first = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:1]
    if not first:
        return ""
    if MARKDOWN_LINE.match(first[0]):
        return "markdown"
    if first[0].strip() == LONG_HEADER:
        return "csv-long"
    return ""


def read_own_text(source: Source) -> tuple[Matrix, tuple[Finding, ...]]:
    """The matrix in raci's Markdown page or long CSV, and what is wrong in it."""
    text = source.data.decode("utf-8-sig", errors="replace")
    if own_text(source.data) == "markdown":
        return _Markdown(source.path, text).read()
    return _LongCsv(source.path, text).read()


def _scheme(name: str, path: Path, where: str) -> Scheme:
    scheme = scheme_named(name)
    if scheme is None:
        raise WorkbookError(
            f"{where}: scheme '{name}' is not one raci knows", path=path, hint=f"schemes are {', '.join(SCHEMES)}"
        )
    return scheme


def _profile(name: str, roles: tuple[Role, ...], scheme: Scheme, path: Path) -> Profile:
    """The built-in profile `name`, or one of the file's own roles; in `scheme` either way."""
    try:
        return replace(builtin_profile(name), roles=roles, scheme=scheme)
    except ProfileError:
        both = any(role.wears("sales") for role in roles) and any(role.wears("marketing") for role in roles)
        structure = Structure.SEPARATE if both else Structure.SALES_LED
        return Profile(name or path.stem, path.name, 1, None, structure, roles, (), source=path, scheme=scheme)


def _hats(text: str) -> tuple[Function, ...]:
    keys = [_key("function", word) for word in text.split(",") if word.strip()]
    return tuple(Function(key) for key in keys if key in FUNCTIONS)


class _Reader:
    """What both readers share: letters, homes and horizons read as raci wrote them, findings by cell."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.scheme: Scheme = RACI

    def letter(self, value: str, ident: str, role: str, where: str) -> str:
        letter = read_letter(value, self.scheme)
        if letter is None:
            self.findings.append(
                Finding(
                    "invalid-letter", "error", ident, role, facts(cell=where, value=value, **letters_facts(self.scheme))
                )
            )
            return ""
        return letter

    def item(
        self, ident: str, area: str, work: str, home: str, horizon: str, description: str, line: int
    ) -> Responsibility:
        home_key, horizon_key = _key("home", home), _key("horizon", horizon) if horizon else ""
        if home_key not in HOMES:
            self.findings.append(Finding("invalid-home", "warning", ident, None, facts(cell=f"line {line}", home=home)))
            home_key = "shared"
        return Responsibility(
            id=ident,
            area=area,
            responsibility=work,
            home=home_key,
            horizon=horizon_key if horizon_key in HORIZONS else "",
            description=description,
            line=line,
            reading=vocabulary().read(work, area, description),
        )


class _Markdown(_Reader):
    def __init__(self, path: Path, text: str) -> None:
        super().__init__(path)
        self.lines = text.splitlines()

    def read(self) -> tuple[Matrix, tuple[Finding, ...]]:
        meta = json.loads(MARKDOWN_LINE.match(self.lines[0]).group(1))  # type: ignore[union-attr]
        self.scheme = _scheme(str(meta.get("scheme", "RACI")), self.path, "line 1")
        roles: tuple[Role, ...] = ()
        rows: list[Row] = []
        area: str | None = None
        number = 1
        while number < len(self.lines):
            line = self.lines[number].strip()
            number += 1
            if line == "<!-- roles -->":
                table, number = self._table(number)
                roles = tuple(self._role(cells, at) for at, cells in table)
            elif found := AREA_LINE.match(line):
                area = str(json.loads(found.group(1)))
                table, number = self._table(number)
                for at, cells in table:
                    rows.append(self._row(cells, at, area, roles))
        if not roles:
            raise WorkbookError("has no roles table", path=self.path, hint="restore the table under <!-- roles -->")
        profile = _profile(str(meta.get("profile", "")), roles, self.scheme, self.path)
        return Matrix(profile=profile, roles=roles, rows=tuple(rows)), tuple(self.findings)

    def _table(self, number: int) -> tuple[list[tuple[int, list[str]]], int]:
        """The body rows (line number, cells) of the table starting at or after line index `number`."""
        while number < len(self.lines) and not self.lines[number].strip().startswith("|"):
            number += 1
        found: list[tuple[int, list[str]]] = []
        start = number
        while number < len(self.lines) and self.lines[number].strip().startswith("|"):
            if number - start >= 2:  # past the header and the rule
                found.append((number + 1, _cells(self.lines[number])))
            number += 1
        return found, number

    def _role(self, cells: list[str], line: int) -> Role:
        title, key, function, hats, person = (*cells, "", "", "", "")[:5]
        primary = _key("function", function)
        if primary not in FUNCTIONS:
            raise WorkbookError(
                f"line {line}: role '{title}' has function '{function}', which raci does not know",
                path=self.path,
                hint=f"functions are {', '.join(FUNCTIONS)}",
            )
        return Role(key=key or title, title=title, function=Function(primary), person=person, also=_hats(hats))

    def _row(self, cells: list[str], line: int, area: str, roles: tuple[Role, ...]) -> Row:
        count = 2 + len(roles) + 3
        if len(cells) != count:
            raise WorkbookError(
                f"line {line}: the row has {len(cells)} cells, not {count} (ID, responsibility, "
                f"{len(roles)} roles, home, horizon, description)",
                path=self.path,
                hint="escape a | inside a cell as \\|",
            )
        ident, work = cells[0], cells[1]
        letters = tuple(
            self.letter(value, ident, role.title, f"line {line}, column {role.title}")
            for value, role in zip(cells[2 : 2 + len(roles)], roles, strict=True)
        )
        home, horizon, description = cells[2 + len(roles) :]
        item = self.item(ident, area, work, home, horizon, description, line)
        return Row(item=item, letters=letters, rule=Rule(when={}, letters={}))


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells, unescaped."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [part.strip().replace("\\|", "|").replace("<br>", "\n") for part in PIPE.split(inner)]


class _LongCsv(_Reader):
    def __init__(self, path: Path, text: str) -> None:
        super().__init__(path)
        self.text = text

    def read(self) -> tuple[Matrix, tuple[Finding, ...]]:
        records = list(csv.DictReader(io.StringIO(self.text)))
        if not records:
            raise WorkbookError("holds no line under its header", path=self.path)
        self.scheme = _scheme(records[0]["scheme"], self.path, "line 2")
        roles: dict[str, Role] = {}
        cells: dict[str, dict[str, tuple[str, int]]] = {}
        items: dict[str, Responsibility] = {}
        for line, record in enumerate(records, start=2):
            if record.get("scheme", "") != records[0]["scheme"]:
                raise WorkbookError(
                    f"line {line}: scheme '{record.get('scheme')}' differs from line 2's '{records[0]['scheme']}'",
                    path=self.path,
                    hint="one file holds one scheme",
                )
            key = record["role_key"] or record["role"]
            if key not in roles:
                primary = _key("function", record["function"] or "")
                function = Function(primary) if primary in FUNCTIONS else Function.OPERATIONS
                roles[key] = Role(
                    key, record["role"], function, record["person"] or "", _hats(record["other_hats"] or "")
                )
            ident = record["id"]
            if ident not in items:
                items[ident] = self.item(
                    ident,
                    record["area"],
                    record["responsibility"],
                    record["home"],
                    record["horizon"],
                    record["description"],
                    line,
                )
            cells.setdefault(ident, {})[key] = (record["letter"] or "", line)
        ordered = tuple(roles.values())
        rows = []
        for ident, item in items.items():
            given = cells[ident]
            letters = []
            for role in ordered:
                value, line = given.get(role.key, ("", 0))
                letters.append(self.letter(value, ident, role.title, f"line {line}, column letter"))
            rows.append(Row(item=item, letters=tuple(letters), rule=Rule(when={}, letters={})))
        profile = _profile(records[0]["profile"], ordered, self.scheme, self.path)
        return Matrix(profile=profile, roles=ordered, rows=tuple(rows)), tuple(self.findings)
