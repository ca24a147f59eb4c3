"""The `raci` command's entry point: Ctrl-C while raci itself is still being loaded ends as it does once a
command runs (one line, exit 130), not in Python's traceback. It imports nothing until it is called."""

from __future__ import annotations

import sys

INTERRUPTED = "Interrupted: no output was replaced.\n"


def main() -> None:
    try:
        from .cli import main as command
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        raise SystemExit(130) from None
    command(prog_name="raci")
