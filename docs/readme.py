"""Keep the README's example outputs true: run each marked command and check (or rewrite) its output.

A marked example is a comment line `<!-- run: raci ARGS -->` right above a fenced block whose first
line is `$ raci ARGS`; the rest of the block is what the command prints. `| head -N` at the end of
the comment keeps the first N lines and a last line `…`. The commands run in the README's order in
one scratch folder holding a copy of `docs/examples/`, so an example may read what an earlier one
wrote.

    python docs/readme.py           # exit 1, naming each stale example, when one differs
    python docs/readme.py --write   # rewrite every example from its command
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLES = ROOT / "docs" / "examples"
MARK = re.compile(
    r"^<!-- run: (?P<command>raci [^\n]*?)(?: \| head -(?P<head>\d+))? -->\n```(?P<info>[a-z]*)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Example:
    """One marked block: the command, how many lines it shows, and where its body sits in the README."""

    command: str
    head: int | None
    start: int
    end: int
    shown: str


def examples(text: str) -> list[Example]:
    """Every marked example of a README text, in order."""
    return [
        Example(
            command=match["command"],
            head=int(match["head"]) if match["head"] else None,
            start=match.start("body"),
            end=match.end("body"),
            shown=match["body"],
        )
        for match in MARK.finditer(text)
    ]


@contextmanager
def scratch() -> Iterator[Path]:
    """A folder holding a copy of docs/examples/, made the current directory while the examples run."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="raci-readme-") as folder:
        work = Path(folder) / "work"
        shutil.copytree(EXAMPLES, work)
        os.chdir(work)
        try:
            yield work
        finally:
            os.chdir(before)


def run(command: str, work: Path) -> str:
    """What `command` prints on a terminal (standard output and error, as they come), in `work`."""
    from click.testing import CliRunner

    from raci.cli import main

    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise RuntimeError(f"{command}: {result.exception!r}") from result.exception
    output = result.output
    if str(work) in output:
        raise RuntimeError(f"{command} prints the scratch folder's path: {output!r}")
    return output


def body(example: Example, output: str) -> str:
    """The block's text for this output: the command line, then what it printed (its first lines with `head`)."""
    lines = output.rstrip("\n").split("\n")
    if example.head is not None and len(lines) > example.head:
        lines = [*lines[: example.head], "…"]
    return "\n".join([f"$ {example.command}", *lines]) + "\n"


def refresh(text: str) -> tuple[str, list[str]]:
    """The README text with every example rerun, and a unified diff per example that changed."""
    found = examples(text)
    if not found:
        raise RuntimeError("the README marks no example to run")
    pieces: list[str] = []
    stale: list[str] = []
    at = 0
    with scratch() as work:
        for example in found:
            fresh = body(example, run(example.command, work))
            if fresh != example.shown:
                diff = difflib.unified_diff(
                    example.shown.splitlines(), fresh.splitlines(), "README", "today", lineterm="", n=1
                )
                stale.append(f"$ {example.command}\n" + "\n".join(diff))
            pieces += [text[at : example.start], fresh]
            at = example.end
    pieces.append(text[at:])
    return "".join(pieces), stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="rewrite the README's examples from the commands")
    write = parser.parse_args(argv).write
    text = README.read_text(encoding="utf-8")
    fresh, stale = refresh(text)
    if write:
        if fresh != text:
            README.write_text(fresh, encoding="utf-8")
        print(f"{len(stale)} example(s) rewritten")
        return 0
    for diff in stale:
        print(diff, end="\n\n")
    if stale:
        print(f"{len(stale)} README example(s) differ from what the command prints: run python docs/readme.py --write")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
