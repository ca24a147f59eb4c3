"""All errors raci raises on purpose; the CLI turns each into one line and exit code 2."""

from __future__ import annotations

import re
from pathlib import Path


class RaciError(Exception):
    """Base class: a problem with the user's input or options, located where possible."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column `{self.column}`")
        text = ", ".join(where)
        text = f"{text}: {self.message}" if text else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return one_line(text)


def one_line(text: str) -> str:
    """`text` with line breaks and other unprintable characters escaped, so an error stays one line."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


# Control characters (C0 but tab and line break, DEL, C1) and the marks that reorder a line (U+202E
# shows a title backwards): what can steer a terminal or mislead its reader.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# What no workbook cell can hold (XML 1.0 forbids C0 but tab, line break and return) and what
# would steer a terminal (DEL, C1): text meant for a title, a name or a note may hold none of them.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def control_character(text: str) -> str | None:
    """Where `text` holds a control character, in words ("a control character (U+001B) at position 5"),
    or None: the part of a one-line refusal that names it."""
    found = UNWRITABLE.search(text)
    if found is None:
        return None
    return f"a control character (U+{ord(found.group()):04X}) at position {found.start() + 1}"


def printable(text: str) -> str:
    """`text` with every control character but tab and line break escaped as \\uXXXX (valid in JSON
    strings too), so no file can steer a terminal."""
    return CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class CatalogueError(RaciError):
    """Raised when a responsibilities file cannot be read or breaks the CSV contract."""


class ProfileError(RaciError):
    """Raised when a size profile cannot be found, parsed or applied."""


class WorkbookError(RaciError):
    """Raised when a workbook cannot be read back as a RACI matrix raci wrote."""


class OutputError(RaciError):
    """Raised when an output folder or file cannot be written."""


class LanguageError(RaciError):
    """Raised when a language is not one raci speaks."""


class BrandingError(RaciError):
    """Raised when a logo cannot be used or an accent colour is not a colour."""


class RoleMappingError(RaciError):
    """Raised when a --roles file cannot be read or cannot be applied to the profile's roles."""


class ManifestError(RaciError):
    """Raised when a batch manifest cannot be read or does not describe a set of jobs."""


class TemplateError(RaciError):
    """Raised when a templates folder of the user's cannot be used or one of its templates fails."""
