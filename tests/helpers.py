"""Shared test helpers: the report and the size table as the jobs build them (on the built-in sizes),
`raci` run in-process, and a workbook's header row and RACI matrix read back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from raci.cli import main
from raci.core import report as core_report
from raci.core import sizes as core_sizes
from raci.inputs.profiles import builtin_profiles
from raci.model import Catalogue, Profile, RoleMapping
from raci.render.localise import localise_profile

RACI_HEADER = ("ID", "Area", "Responsibility")
Values = tuple[Any, ...]


def build_report(
    catalogue: Catalogue, profile: Profile, roles: RoleMapping | None = None, lang: str = "en", **options: Any
) -> core_report.Report:
    """`raci.core.report.build_report` compared with the built-in sizes, the profile's texts in `lang`,
    as `raci generate` does."""
    shown = localise_profile(profile, lang)
    return core_report.build_report(catalogue, profile, roles, sizes=builtin_profiles(), shown=shown, **options)


def size_table(catalogue: Catalogue, lang: str = "en") -> tuple[core_sizes.SizeRow, ...]:
    """`raci.core.sizes.size_table` over the built-in sizes, their titles in `lang`, as `raci sizes` does."""
    return core_sizes.size_table(catalogue, [localise_profile(profile, lang) for profile in builtin_profiles()])


def shown_in(lang: str, *profiles: Profile) -> dict[str, Profile]:
    """Profiles by name as a reader of `lang` sees them, as `raci compare` passes them to the comparison."""
    return {profile.name: localise_profile(profile, lang) for profile in profiles}


def run(*args: str) -> tuple[int, str, str]:
    """`raci ARGS` through click's CliRunner: the exit code, stdout and stderr."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def header_row(ws: Worksheet, first: Sequence[str] = RACI_HEADER) -> int:
    """The number of the row, among the sheet's first ten, that starts with `first` (by default the RACI header)."""
    for number, row in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), start=1):
        if list(row[: len(first)]) == list(first):
            return number
    raise AssertionError(f"no header row starting {', '.join(first)} on sheet {ws.title}")


def read_raci(workbook: Path) -> tuple[Values, list[Values]]:
    """The RACI sheet of a workbook raci wrote, read back: its header row and every row under it, as values."""
    ws = openpyxl.load_workbook(workbook)["RACI"]
    assert isinstance(ws, Worksheet)
    top = header_row(ws)
    header, *rows = ws.iter_rows(min_row=top, values_only=True)
    return header, rows


def packages_loaded_by(args: Sequence[str], package: str) -> list[str]:
    """The modules of `package` a fresh interpreter has loaded after `raci ARGS` ran there (and succeeded)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from raci.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"print('\\n'.join(sorted(name for name in sys.modules if name.split('.')[0] == {package!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.split()
