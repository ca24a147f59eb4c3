"""Fingerprints recorded in every output, so raci never overwrites a file a person changed.

A page records the SHA-256 of its own text in a meta tag. A workbook records, in its custom
property `raci-fingerprint`, the SHA-256 of every part of its package (sheets, styles,
comments, drawings...) in package order, its own property part last with the digest blanked
out. Any change a person can make in a spreadsheet program (a value, a fill, a comment, a
column width, a sheet renamed) changes a part and so the digest; rewriting the zip with other
dates or compression (SOURCE_DATE_EPOCH) does not. A text output that has no place for a meta tag
(the Markdown page, the long CSV) holds `raci-fingerprint:` and the digest of its own text, that
digest blanked out, wherever its writer put `TEXT_PLACEHOLDER`.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

PROPERTY = "raci-fingerprint"
PLACEHOLDER = "0" * 64  # the digest's place in the property part while the digest is computed
CUSTOM_PART = "docProps/custom.xml"
UNZIPPED_LIMIT = 200 * 1024 * 1024  # far above any workbook raci writes, far below a zip bomb
META = re.compile(rb'\n?<meta name="raci-fingerprint" content="([0-9a-f]*)">')
HEAD = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
HTML = re.compile(rb"<html(\s[^>]*)?>", re.IGNORECASE)
RECORDED = re.compile(rb"<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>")
TEXT_PLACEHOLDER = "raci-fingerprint:" + "#" * 16  # where a text output's digest goes (every place it stands)
TEXT_RECORDED = re.compile(rb"raci-fingerprint:([0-9a-f]{16})")


def stamp_text(data: bytes) -> bytes:
    """A text output with its digest in every place its writer marked with TEXT_PLACEHOLDER."""
    mark = TEXT_PLACEHOLDER.encode()
    if mark not in data:
        return data
    digest = hashlib.sha256(data).hexdigest()[:16]
    return data.replace(mark, f"raci-fingerprint:{digest}".encode())


def text_unchanged(data: bytes) -> bool:
    """Whether a text output holds the digest of its own text (see `stamp_text`)."""
    found = TEXT_RECORDED.search(data)
    if found is None:
        return False
    blank = data.replace(found.group(0), TEXT_PLACEHOLDER.encode())
    return hashlib.sha256(blank).hexdigest()[:16] == found.group(1).decode()


def stamp_page(page: bytes) -> bytes:
    """A page's UTF-8 bytes with a fingerprint meta tag of its own content right after <head>.

    Works on the bytes as rendered: a page of several megabytes is copied once, into the result."""
    bare = META.sub(b"", page) if META.search(page) else page
    digest = hashlib.sha256(bare).hexdigest()
    tag = f'<meta name="{PROPERTY}" content="{digest}">'.encode("ascii")
    found = HEAD.search(bare) or HTML.search(bare)
    if found is None:  # a template of one's own without <head> or <html>: the tag opens the page
        return tag + bare
    view = memoryview(bare)
    return b"".join((view[: found.end()], b"\n", tag, view[found.end() :]))


def stamp_html(text: str) -> str:
    """`text` with a fingerprint meta tag of its own content right after <head>."""
    return stamp_page(text.encode("utf-8")).decode("utf-8")


def page_unchanged(page: bytes) -> bool:
    """Whether a page's bytes are as raci wrote them."""
    return META.search(page) is not None and stamp_page(page) == page


def html_unchanged(text: str) -> bool:
    return page_unchanged(text.encode("utf-8", errors="replace"))


def parts_digest(parts: Iterable[tuple[str, bytes]]) -> str:
    """The digest of a package's parts, given in package order as (name, content)."""
    digest = hashlib.sha256()
    for name, content in parts:
        digest.update(f"\x1e{name}\x1f{len(content)}\x1f".encode())
        digest.update(content)
    return digest.hexdigest()


def blank(custom: bytes) -> tuple[bytes, str | None]:
    """The property part with the recorded digest replaced by the placeholder, and that digest."""
    found = RECORDED.search(custom)
    if found is None:
        return custom, None
    recorded = found.group(1).decode("ascii")
    return custom[: found.start(1)] + PLACEHOLDER.encode() + custom[found.end(1) :], recorded


def xlsx_unchanged(data: bytes) -> bool:
    """Whether `data` is a workbook exactly as raci wrote it (any zip dates and compression)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
            if sum(entry.file_size for entry in entries) > UNZIPPED_LIMIT:
                return False
            parts = [(entry.filename, package.read(entry)) for entry in entries]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False
    if not parts or parts[-1][0] != CUSTOM_PART:
        return False
    custom, recorded = blank(parts[-1][1])
    return recorded is not None and parts_digest([*parts[:-1], (CUSTOM_PART, custom)]) == recorded


def unchanged(name: str, data: bytes) -> bool:
    """Whether the output file `name` holding `data` is as raci wrote it."""
    if name.lower().endswith((".xlsx", ".xlsm", ".pptx")):
        return xlsx_unchanged(data)
    if name.lower().endswith((".md", ".csv")) and TEXT_RECORDED.search(data):
        return text_unchanged(data)
    return page_unchanged(data)


class FingerprintingZip(zipfile.ZipFile):
    """A zip that an OOXML writer fills; on close, its property part goes last, holding the digest.

    The writer must have put `PLACEHOLDER` into the `raci-fingerprint` custom property.
    """

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._parts: list[tuple[str, bytes]] = []
        self._custom: bytes | None = None

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, *args: Any, **kwargs: Any) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        content = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if name == CUSTOM_PART:
            self._custom = content
            return
        self._parts.append((name, content))
        super().writestr(zinfo_or_arcname, content, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as stream:
            content = stream.read()
        self.writestr(str(arcname if arcname is not None else filename), content)

    def close(self) -> None:
        if self._custom is not None and self.fp is not None:
            digest = parts_digest([*self._parts, (CUSTOM_PART, self._custom)])
            super().writestr(CUSTOM_PART, self._custom.replace(PLACEHOLDER.encode(), digest.encode(), 1))
            self._custom = None
        super().close()
