"""One bounded read of a file a person names: an input list, a logo, an existing output.

A path may name anything: a folder, a named pipe (reading it waits for ever), a device (`/dev/zero`
never ends), a sparse file of 20 GiB. `read_bounded` looks before it reads: only a regular file no
larger than the limit is read, and every other case, and an error of the system's, is handed to the
caller's `error` as a `Refusal`, which the caller says in its own words (an input list, a logo and an
output are refused differently).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF})  # nothing readable there


@dataclass(frozen=True)
class Refusal:
    """Why a file was not read. `kind`: "missing" (nothing there, or a link to nothing), "unchecked" (its
    status cannot be read: `reason`), "folder", "special" (no regular file: `mode` tells what), "size"
    (`size` bytes, over the limit) or "unreadable" (reading it failed: `reason`, the system's words)."""

    kind: str
    mode: int = 0
    size: int = 0
    reason: str = ""


def read_bounded(path: Path, limit: int, error: Callable[[Refusal], Exception]) -> bytes:
    """The bytes of `path` when it is a regular file of at most `limit` bytes; else `error` of why, raised."""
    data = read_checked(path, limit, error)
    assert data is not None  # only missing_ok or a vet saying no leave a file unread
    return data


def read_checked(
    path: Path,
    limit: int,
    error: Callable[[Refusal], Exception],
    *,
    missing_ok: bool = False,
    vet: Callable[[os.stat_result], bool] | None = None,
) -> bytes | None:
    """`read_bounded`, and: None when nothing is there (ENOENT) and `missing_ok`; `vet`, when given, sees the regular
    file's status before its size is checked, and may raise, or return False to leave it unread (None)."""
    try:
        found = path.stat()
    except OSError as err:
        if missing_ok and err.errno == errno.ENOENT:  # nothing there, or a link to nothing
            return None
        if err.errno in MISSING:
            raise error(Refusal("missing", reason=err.strerror or str(err))) from err
        raise error(Refusal("unchecked", reason=err.strerror or str(err))) from err
    if stat.S_ISDIR(found.st_mode):
        raise error(Refusal("folder", mode=found.st_mode))
    if not stat.S_ISREG(found.st_mode):  # never opened: a pipe would wait for ever, a device never end
        raise error(Refusal("special", mode=found.st_mode))
    if vet is not None and not vet(found):
        return None
    if found.st_size > limit:  # not read to find out
        raise error(Refusal("size", mode=found.st_mode, size=found.st_size))
    try:
        return path.read_bytes()
    except OSError as err:
        raise error(Refusal("unreadable", reason=err.strerror or str(err))) from err
