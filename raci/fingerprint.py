"""Content fingerprints recorded in every output, so raci never overwrites a file a person changed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from .exceptions import OutputError, RaciError

PROPERTY = "raci-fingerprint"
META = re.compile(r'<meta name="raci-fingerprint" content="([0-9a-f]*)">\n?')
HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


def workbook_fingerprint(book: Any) -> str:
    """A digest of every cell value of every sheet (empty text and empty cells count the same)."""
    digest = hashlib.sha256()
    for sheet in book.worksheets:
        digest.update(f"\x1e{sheet.title}".encode())
        for row in sheet.iter_rows(values_only=True):
            cells = [_text(value) for value in row]
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                digest.update(("\x1f".join(cells) + "\n").encode())
    return digest.hexdigest()


def _text(value: object) -> str:
    """A cell value as text; floats to 10 significant digits, as spreadsheet programs round-trip them."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return repr(value)


def stamp_html(text: str) -> str:
    """`text` with a fingerprint meta tag of its own content right after <head>."""
    bare = META.sub("", text)
    found = HEAD.search(bare)
    if found is None:
        return bare
    digest = hashlib.sha256(bare.encode()).hexdigest()
    return f'{bare[: found.end()]}\n<meta name="{PROPERTY}" content="{digest}">{bare[found.end() :]}'


def html_unchanged(text: str) -> bool:
    found = META.search(text)
    return found is not None and stamp_html(text) == text


def workbook_unchanged(path: Path) -> bool:
    from .workbook import open_workbook

    try:
        book = open_workbook(path)
    except RaciError:
        return False
    recorded = [prop.value for prop in book.custom_doc_props.props if prop.name == PROPERTY]
    return recorded == [workbook_fingerprint(book)]


def guard(paths: tuple[Path, ...]) -> None:
    """Refuse to replace an existing output that was changed after raci wrote it (or not written by raci)."""
    for path in paths:
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            unchanged = workbook_unchanged(path)
        else:
            unchanged = html_unchanged(path.read_text(encoding="utf-8", errors="replace"))
        if not unchanged:
            raise OutputError(
                "was changed after raci wrote it (or raci did not write it); not overwriting",
                path=path,
                hint="move it away, choose another --out, or pass --force to replace it",
            )
