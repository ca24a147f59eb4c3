"""The check job: a CSV (with a profile) or a workbook raci wrote -> findings, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from .assign import build_matrix
from .catalog import read_catalogue
from .checks import SEVERITIES, Finding, counts, run_checks
from .model import Matrix, Profile

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class CheckResult:
    matrix: Matrix
    findings: tuple[Finding, ...]

    def failed(self, strict: bool = False) -> bool:
        failing = {"error", "warning"} if strict else {"error"}
        return any(finding.severity in failing for finding in self.findings)


def check_path(
    path: Path | str,
    profile: Profile,
    *,
    max_consulted: int | None = None,
    overload_share: float | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> CheckResult:
    """Check a CSV under `profile`, or a workbook under the profile it records; thresholds given override."""
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from .workbook import read_workbook

        matrix, problems = read_workbook(path)
    else:
        catalogue = read_catalogue(path, encoding=encoding, delimiter=delimiter)
        matrix, problems = build_matrix(catalogue, profile), ()
    settings = matrix.profile.checks
    if max_consulted is not None:
        settings = replace(settings, max_consulted=max_consulted)
    if overload_share is not None:
        settings = replace(settings, overload_share=overload_share)
    return CheckResult(matrix, (*problems, *run_checks(matrix, settings)))


def as_json(findings: tuple[Finding, ...]) -> str:
    total = counts(findings)
    return json.dumps(
        {
            "findings": [
                {"rule": f.rule, "severity": f.severity, "id": f.id, "role": f.role, "message": f.message}
                for f in findings
            ],
            "errors": total["error"],
            "warnings": total["warning"],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_text(result: CheckResult) -> str:
    profile = result.matrix.profile
    total = counts(result.findings)
    lines = [
        f"Checked {len(result.matrix.rows)} responsibilities, {len(result.matrix.roles)} roles, "
        f"profile {profile.name} ({profile.structure}).",
        f"{total['error']} error(s), {total['warning']} warning(s), {total['info']} note(s).",
    ]
    headings = {"error": "Errors", "warning": "Warnings", "info": "Notes"}
    for severity in SEVERITIES:
        group = [finding for finding in result.findings if finding.severity == severity]
        if group:
            lines += ["", f"{headings[severity]}:"]
            lines += [f"  [{finding.rule}] {finding.message}" for finding in group]
    return "\n".join(lines)
