"""The one writer: every file a run produces reaches disk here, as a unit.

`write_files` writes all of a run's files into temporary files beside their targets, then
renames them into place. If anything fails before the last rename (a full disk, a folder in
the way, Ctrl-C), every file it had already replaced is put back, so a workbook never sits
beside another run's summary, and no temporary file is left. Each run notes its pid in its
temporary names and keeps a journal while it renames; a later run removes what a killed run
left and, when the killed run died mid-renames, puts the previous files back.

A new file gets the mode 0666 less the umask, like any program's output; a replaced file
keeps its mode. An existing file that a person changed since raci wrote it (see
`raci.fingerprint`) is kept unless `force`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from .exceptions import OutputError
from .fingerprint import stamp_page, stamp_text, unchanged

LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.(?P<kind>part|keep)$")
JOURNAL = re.compile(r"^\.raci-(?P<pid>\d+)\.journal$")
ENCODING = "utf-8"
OUTPUT_LIMIT = 1 << 30  # bytes: larger than any file raci writes, so an existing file past it is not one


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as a naive UTC datetime: the date every file of a reproducible run carries.
    None when it is unset or not a whole number. A job reads it once and passes it to the renderers."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return datetime.fromtimestamp(int(value), tz=UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return None


def make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError as err:
        if out.is_symlink() and not out.exists():
            raise OutputError(
                f"is a symbolic link to {os.readlink(out)}, which does not exist",
                path=out,
                hint="create that folder, or give --out another one",
            ) from err
        raise OutputError(f"{_what_is_there(out)}, not a folder", path=out, hint="give --out a folder") from err
    except OSError as err:
        raise OutputError(f"cannot be created: {err.strerror}", path=out) from err


def _what_is_there(path: Path) -> str:
    """Why `path` cannot be a folder, in words: what stands in its place."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"cannot be checked ({err.strerror})"
    return "is a file" if stat.S_ISREG(mode) else f"is {kind_of(mode)}"


def write_files(files: Sequence[tuple[Path, bytes]], *, force: bool = False) -> tuple[Path, ...]:
    """Write every (path, data) as one unit; pages (.html) and the text outputs that ask for one (see
    `raci.fingerprint.stamp_text`) get their fingerprint here.

    Nothing is replaced unless everything can be; raises OutputError naming the file at fault.
    """
    files = [(path, stamp_page(data) if _is_page(path) else stamp_text(data)) for path, data in files]
    folders = list(dict.fromkeys(path.parent for path, _ in files))
    for folder in folders:
        make_folder(folder)
        clean_leftovers(folder)
    check_targets([path for path, _ in files], force=force)
    temporaries: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            temporaries.append((_write_temporary(path, data), path))
        _replace_all(temporaries)
    finally:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
    return tuple(path for path, _ in files)


def _is_page(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def check_targets(paths: Sequence[Path], *, force: bool = False) -> None:
    """Raise OutputError for the first path that cannot be replaced: a folder, or (unless `force`)
    a file changed since raci wrote it."""
    for path in paths:
        _check_target(path, force)


def _check_target(path: Path, force: bool) -> None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return  # nothing there (or a link to nothing, which the rename replaces): a new file
    except OSError as err:
        raise OutputError(f"cannot be checked: {err.strerror}", path=path) from err
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(
            "is a folder; cannot write a file there", path=path, hint="move it away or choose another --out"
        )
    if not stat.S_ISREG(found.st_mode):  # never read: a pipe would wait for ever, a device never end
        raise OutputError(
            f"is {kind_of(found.st_mode)}, not a file raci wrote; not replacing it",
            path=path,
            hint="move it away or choose another --out",
        )
    if not force and not found.st_mode & stat.S_IWUSR:  # by its mode, for root too
        raise OutputError(
            "is read-only; not replacing it", path=path, hint="make it writable, or pass --force to replace it"
        )
    if force:
        return
    if found.st_size > OUTPUT_LIMIT:  # no output of raci's is this large: not read to find that out
        raise OutputError(
            f"is {found.st_size // 2**20:,} MiB, larger than any file raci writes; not overwriting",
            path=path,
            hint="move it away, choose another --out, or pass --force to replace it",
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise OutputError(f"cannot be read to check it: {err.strerror}", path=path) from err
    if not unchanged(path.name, data):
        raise OutputError(
            "was changed after raci wrote it (or raci did not write it); not overwriting",
            path=path,
            hint="move it away, choose another --out, or pass --force to replace it",
        )


def kind_of(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _write_temporary(path: Path, data: bytes) -> Path:
    """`data` in a hidden file beside `path`, with the mode `path` will have."""
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".part")
    except OSError as err:
        raise OutputError(f"cannot be written: {err.strerror}", path=path) from err
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
    except BaseException as err:
        temporary.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"cannot be written: {err.strerror}", path=path) from err
        raise
    return temporary


def _mode_for(path: Path) -> int:
    """A replaced file keeps its mode; a new one gets 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace_all(temporaries: list[tuple[Path, Path]]) -> None:
    """Rename every temporary file onto its target; on any failure put the old targets back."""
    if len(temporaries) == 1:
        temporary, path = temporaries[0]
        _rename(temporary, path)
        return
    folder = temporaries[0][1].parent
    journal = folder / f".raci-{os.getpid()}.journal"
    kept: list[tuple[Path, Path]] = []  # (copy of the old target, target)
    done: list[Path] = []
    try:
        for _, path in temporaries:
            if path.exists():
                copy = path.with_name(f".{path.name}.{os.getpid()}.old.keep")
                copy.unlink(missing_ok=True)
                try:
                    os.link(path, copy)
                except OSError:  # a file system without hard links
                    shutil.copy2(path, copy)
                kept.append((copy, path))
        journal.write_text("".join(f"{path.name}\n" for _, path in temporaries), encoding=ENCODING)
        for temporary, path in temporaries:
            _rename(temporary, path)
            done.append(path)
    except BaseException:
        for copy, path in kept:
            with contextlib.suppress(OSError):
                if path in done:
                    os.replace(copy, path)  # put the old file back
                else:
                    copy.unlink()  # never replaced: the old file is still in place
        replaced = {path for _, path in kept}
        for path in done:
            if path not in replaced:
                path.unlink(missing_ok=True)  # new in this run: there was nothing before it
        journal.unlink(missing_ok=True)
        raise
    journal.unlink(missing_ok=True)
    for copy, _ in kept:
        copy.unlink(missing_ok=True)


def _rename(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as err:
        raise OutputError(f"cannot be written: {err.strerror}", path=path) from err


def clean_leftovers(folder: Path) -> None:
    """Remove what runs killed in this folder left: temporary files, and put back the files a run
    killed in the middle of its renames had replaced."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(".")]
    except OSError:
        return
    interrupted = {
        int(found["pid"]) for name in names if (found := JOURNAL.match(name)) and not _alive(int(found["pid"]))
    }
    for name in names:
        found = LEFTOVER.match(name)
        if found is None or _alive(int(found["pid"])):
            continue
        with contextlib.suppress(OSError):
            if found["kind"] == "keep" and int(found["pid"]) in interrupted:
                os.replace(folder / name, folder / found["name"])
            else:
                (folder / name).unlink()
    for pid in interrupted:
        with contextlib.suppress(OSError):
            (folder / f".raci-{pid}.journal").unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
