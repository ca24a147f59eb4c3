"""Shared test helpers: the report and the size table as the jobs build them (on the built-in sizes)."""

from __future__ import annotations

from typing import Any

from raci.core import report as core_report
from raci.core import sizes as core_sizes
from raci.inputs.profiles import builtin_profiles
from raci.model import Catalogue, Profile, RoleMapping


def build_report(
    catalogue: Catalogue, profile: Profile, roles: RoleMapping | None = None, **options: Any
) -> core_report.Report:
    """`raci.core.report.build_report` compared with the built-in sizes, as `raci generate` does."""
    return core_report.build_report(catalogue, profile, roles, sizes=builtin_profiles(), **options)


def size_table(catalogue: Catalogue, lang: str = "en") -> tuple[core_sizes.SizeRow, ...]:
    """`raci.core.sizes.size_table` over the built-in sizes, as `raci sizes` does."""
    return core_sizes.size_table(catalogue, builtin_profiles(), lang=lang)
