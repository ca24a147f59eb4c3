"""The one writer: every file a run produces reaches disk here, as a unit.

`write_files` writes all of a run's files into temporary files beside their targets, then
renames them into place. If anything fails before the last rename (a full disk, a folder in
the way), every file it had already replaced is put back, so a workbook never sits beside
another run's summary, and no temporary file is left. Ctrl-C and SIGTERM wait while the renames
run, so they end a run before its first rename or after its last, never between.

Each run keeps a journal beside its outputs from before its first temporary file, and holds a
lock on it (flock) while it runs: a later run takes a journal whose lock it can take for one
whose run was killed, wherever that run's process lived (another container sharing the folder),
and recovers it. It removes only the files that journal names, and changes a target only when
it is exactly as the killed run left it (its inode, size and time recorded in the journal): a
file a person edited since is never overwritten. A run killed between its renames is undone (the
previous files put back) unless a person has since edited one of its new files; then it is
completed instead, so the pair is always of one run.

A new file gets the mode 0666 less the umask, like any program's output; a replaced file
keeps its mode. An existing file that a person changed since raci wrote it (see
`raci.fingerprint`) is kept unless `force`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from .exceptions import OutputError
from .files import Refusal, read_checked
from .fingerprint import stamp_page, stamp_text, unchanged

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
    `raci.fingerprint.stamp_text`) get their fingerprint here. The paths share one folder.

    Nothing is replaced unless everything can be; raises OutputError naming the file at fault.
    """
    files = [(path, stamp_page(data) if _is_page(path) else stamp_text(data)) for path, data in files]
    folders = list(dict.fromkeys(path.parent for path, _ in files))
    if len(folders) != 1:
        raise ValueError("write_files writes into one folder")
    folder = folders[0]
    make_folder(folder)
    clean_leftovers(folder)
    check_targets([path for path, _ in files], force=force)
    journal = Journal(folder)
    journal.open()
    temporaries: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            temporaries.append((_write_temporary(path, data, journal), path))
        with signals_held():  # the renames and the tidying after them: Ctrl-C waits until all are done
            _replace_all(temporaries, journal)
    finally:
        with signals_held():
            for temporary, _ in temporaries:
                temporary.unlink(missing_ok=True)
            journal.close()
    return tuple(path for path, _ in files)


WRITTEN: list[Path] = []  # every file this process has written, so an interruption can say so truly


def _is_page(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def check_targets(paths: Sequence[Path], *, force: bool = False) -> None:
    """Raise OutputError for the first path that cannot be replaced: a folder, or (unless `force`)
    a file changed since raci wrote it."""
    for path in paths:
        _check_target(path, force)


def _check_target(path: Path, force: bool) -> None:
    # None: nothing there (or a link to nothing, which the rename replaces), a new file; or --force
    data = read_checked(
        path,
        OUTPUT_LIMIT,
        lambda why: _refused_output(path, why),
        missing_ok=True,
        vet=lambda found: _vet(path, found, force),
    )
    if data is not None and not unchanged(path.name, data):
        raise OutputError(
            "was changed after raci wrote it (or raci did not write it); not overwriting",
            path=path,
            hint="move it away, choose another --out, or pass --force to replace it",
        )


def _refused_output(path: Path, why: Refusal) -> OutputError:
    """Why the file in an output's place is not replaced, in words."""
    if why.kind == "folder":
        return OutputError(
            "is a folder; cannot write a file there", path=path, hint="move it away or choose another --out"
        )
    if why.kind == "special":
        return OutputError(
            f"is {kind_of(why.mode)}, not a file raci wrote; not replacing it",
            path=path,
            hint="move it away or choose another --out",
        )
    if why.kind == "size":  # no output of raci's is this large: not read to find that out
        return OutputError(
            f"is {why.size // 2**20:,} MiB, larger than any file raci writes; not overwriting",
            path=path,
            hint="move it away, choose another --out, or pass --force to replace it",
        )
    if why.kind == "unreadable":
        return OutputError(f"cannot be read to check it: {why.reason}", path=path)
    return OutputError(f"cannot be checked: {why.reason}", path=path)


def _vet(path: Path, found: os.stat_result, force: bool) -> bool:
    """Whether the regular file at `path` is to be read for its fingerprint: not with `force`; refused when
    a spreadsheet program has it open or its mode says read-only (unless `force`)."""
    if force:
        return False
    for lock in (f".~lock.{path.name}#", f"~${path.name}"):  # LibreOffice's, Excel's
        if (path.parent / lock).exists():
            raise OutputError(
                f"is open in a spreadsheet program (its lock file {lock} is there); not replacing it",
                path=path,
                hint="close it there first, or pass --force to replace it",
            )
    if not found.st_mode & stat.S_IWUSR:  # by its mode, for root too
        raise OutputError(
            "is read-only; not replacing it", path=path, hint="make it writable, or pass --force to replace it"
        )
    return True


def kind_of(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _write_temporary(path: Path, data: bytes, journal: Journal) -> Path:
    """`data` in a hidden file beside `path`, with the mode `path` will have, named in the journal first."""
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.raci-", suffix=".part")
    except OSError as err:
        raise OutputError(f"cannot be written: {err.strerror}", path=path) from err
    temporary = Path(name)
    try:
        journal.note(part=temporary.name, target=path.name, inode=os.fstat(handle).st_ino)
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


def _replace_all(temporaries: list[tuple[Path, Path]], journal: Journal) -> None:
    """Rename every temporary file onto its target; on a failure put the old targets back. Called with
    Ctrl-C held off."""
    kept: dict[Path, Path] = {}  # target -> a hard link (or copy) of the file it replaces
    done: list[Path] = []
    try:
        for _, path in temporaries:
            if path.exists():
                copy = path.with_name(f".{path.name}.raci-{journal.token}.keep")
                try:
                    os.link(path, copy)
                except OSError:  # a file system without hard links
                    shutil.copy2(path, copy)
                kept[path] = copy
                journal.note(keep=copy.name, target=path.name, old=identity(copy))
        journal.note(commit=[[temporary.name, path.name, identity(temporary)] for temporary, path in temporaries])
        for temporary, path in temporaries:
            _rename(temporary, path)
            done.append(path)
        WRITTEN.extend(done)
    except BaseException:
        for path in done:
            with contextlib.suppress(OSError):
                if path in kept:
                    os.replace(kept.pop(path), path)  # put the old file back
                else:
                    path.unlink()  # new in this run: there was nothing before it
        raise
    finally:
        for copy in kept.values():
            copy.unlink(missing_ok=True)


def _rename(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as err:
        raise OutputError(f"cannot be written: {err.strerror}", path=path) from err


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then take effect as they would have (only the
    main thread can hold them; elsewhere the block runs as it is)."""
    received: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    try:
        before = {int(code): signal.signal(code, lambda number, _: received.append(number)) for code in held}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for code, handler in before.items():
            signal.signal(code, handler)
        for number in dict.fromkeys(received):
            previous = before[number]
            if callable(previous):
                previous(number, None)  # Ctrl-C's own: KeyboardInterrupt, now that everything is done
            elif previous == signal.SIG_DFL:
                os.kill(os.getpid(), number)


def identity(path: Path) -> list[int]:
    """What tells a file raci wrote from one put in its place since: its inode, size and change time."""
    found = path.lstat()
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def _same(path: Path, recorded: object) -> bool:
    try:
        return isinstance(recorded, list) and identity(path) == recorded and path.is_file()
    except OSError:
        return False


JOURNAL_NAME = re.compile(r"^\.raci-[A-Za-z0-9_]+\.journal$")
OURS = re.compile(r"^\..+\.raci-[A-Za-z0-9_]+\.(?:part|keep)$")  # what a journal may name for removal


class Journal:
    """A run's journal, beside its outputs: created and locked before its first temporary file, each
    step noted (a JSON line) before it is taken, removed when the run is done."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.token = secrets.token_hex(8)
        self.path = folder / f".raci-{self.token}.journal"
        self.handle: int | None = None

    def open(self) -> None:
        try:
            self.handle = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        except OSError as err:
            self.close()
            raise OutputError(f"cannot keep a journal there: {err.strerror}", path=self.folder) from err

    def note(self, **step: object) -> None:
        assert self.handle is not None
        line = (json.dumps(step, ensure_ascii=True) + "\n").encode("ascii")
        try:
            os.write(self.handle, line)
            os.fsync(self.handle)
        except OSError as err:
            raise OutputError(f"cannot keep a journal there: {err.strerror}", path=self.folder) from err

    def close(self) -> None:
        self.path.unlink(missing_ok=True)  # while still locked: no other run can take it for a dead one's
        if self.handle is not None:
            os.close(self.handle)
            self.handle = None


def clean_leftovers(folder: Path) -> None:
    """Recover what runs killed in this folder left: each journal whose lock can be taken."""
    try:
        names = [entry.name for entry in os.scandir(folder) if JOURNAL_NAME.match(entry.name)]
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            _recover(folder / name)


def _recover(journal: Path) -> None:
    handle = os.open(journal, os.O_RDWR | os.O_NOFOLLOW)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # its run is alive
        if not stat.S_ISREG(os.fstat(handle).st_mode) or os.fstat(handle).st_size > 2**20:
            return  # no journal raci wrote
        steps = _steps(os.read(handle, 2**20))
        if steps is None:
            return  # not a journal: a person's file, left alone
        _undo_or_finish(journal.parent, steps)
        journal.unlink(missing_ok=True)
    finally:
        os.close(handle)


def _steps(data: bytes) -> list[dict[str, object]] | None:
    """A journal's steps; None when the file is no journal raci wrote."""
    lines = data.decode("ascii", errors="replace").splitlines()
    steps = []
    for number, line in enumerate(lines, start=1):
        try:
            step = json.loads(line)
        except ValueError:
            if number == len(lines):
                break  # a last line cut short by the kill
            return None
        if not isinstance(step, dict):
            return None
        steps.append(step)
    return steps


def _name(value: object) -> str | None:
    """A name a journal gives, if it is a plain name in the journal's folder."""
    if isinstance(value, str) and value and "/" not in value and "\x00" not in value and value not in (".", ".."):
        return value
    return None


def _undo_or_finish(folder: Path, steps: list[dict[str, object]]) -> None:
    """Put back the previous files a killed run replaced, or (if a person has since edited one of its
    new files) finish its renames; then remove its temporaries and copies."""
    parts: dict[str, object] = {}  # temporary -> its inode
    keeps: dict[str, tuple[str, object]] = {}  # target -> (copy of the previous file, its identity)
    commit: list[tuple[str, str, object]] = []  # (temporary, target, identity of the temporary)
    for step in steps:
        part, target, copy, entries = (
            _name(step.get("part")),
            _name(step.get("target")),
            _name(step.get("keep")),
            step.get("commit"),
        )
        if part:
            parts[part] = step.get("inode")
        if target and copy:
            keeps[target] = (copy, step.get("old"))
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, list) and len(entry) == 3:
                temporary, renamed_to = _name(entry[0]), _name(entry[1])
                if temporary and renamed_to:
                    commit.append((temporary, renamed_to, entry[2]))
    renamed = [(target, new) for part, target, new in commit if not (folder / part).exists()]
    if any(not _same(folder / target, new) for target, new in renamed):
        # a person edited a new file since: finish, where each other target is as the run found it
        for part, target, new in commit:
            copy, old = keeps.get(target, (None, None))
            untouched = _same(folder / target, old) if copy else not (folder / target).exists()
            if _same(folder / part, new) and untouched:
                os.replace(folder / part, folder / target)
    else:  # undo: each renamed target gets its previous file back (a new one goes)
        for target, _ in renamed:
            copy, old = keeps.get(target, (None, None))
            if copy is None:
                (folder / target).unlink()
            elif _same(folder / copy, old):
                os.replace(folder / copy, folder / target)
    for name, inode in parts.items():
        with contextlib.suppress(FileNotFoundError):
            if OURS.match(name) and (folder / name).lstat().st_ino == inode:
                (folder / name).unlink()
    for copy, old in keeps.values():
        if OURS.match(copy) and _same(folder / copy, old):
            (folder / copy).unlink()
