"""The check job: a CSV (with a profile) or a workbook raci wrote -> findings, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.assign import build_matrix
from ..core.checks import SEVERITIES, counts, run_checks
from ..core.localise import localise_profile
from ..i18n import Translator
from ..inputs.catalog import WORKBOOK_SUFFIXES, read_catalogue
from ..inputs.workbook import read_workbook, written_by_raci
from ..model import Finding, Matrix, Profile


@dataclass(frozen=True)
class CheckResult:
    matrix: Matrix
    findings: tuple[Finding, ...]
    lang: str = "en"

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
    lang: str = "en",
) -> CheckResult:
    """Check a CSV under `profile`, or a workbook under the profile it records; thresholds given override."""
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES and written_by_raci(path):
        matrix, problems = read_workbook(path, lang=lang)
    else:  # a responsibilities list, as CSV or as a workbook's first sheet
        catalogue = read_catalogue(path, encoding=encoding, delimiter=delimiter)
        matrix, problems = build_matrix(catalogue, localise_profile(profile, lang)), ()
    settings = matrix.profile.checks
    if max_consulted is not None:
        settings = replace(settings, max_consulted=max_consulted)
    if overload_share is not None:
        settings = replace(settings, overload_share=overload_share)
    return CheckResult(matrix, (*problems, *run_checks(matrix, settings, lang=lang)), lang)


def as_json(findings: tuple[Finding, ...]) -> str:
    total = counts(findings)
    return json.dumps(
        {
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "id": f.id,
                    "role": f.role,
                    "message": f.message,
                    "advice": f.advice,
                }
                for f in findings
            ],
            "errors": total["error"],
            "warnings": total["warning"],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_text(result: CheckResult) -> str:
    t = Translator(result.lang)
    profile = result.matrix.profile
    total = counts(result.findings)
    lines = [
        t("Checked {rows} responsibilities, {roles} roles, profile {profile} ({structure}).").format(
            rows=len(result.matrix.rows),
            roles=len(result.matrix.roles),
            profile=profile.name,
            structure=t(profile.structure),
        ),
        t("{errors} error(s), {warnings} warning(s), {notes} note(s).").format(
            errors=total["error"], warnings=total["warning"], notes=total["info"]
        ),
    ]
    headings = {"error": t("Errors:"), "warning": t("Warnings:"), "info": t("Notes:")}
    for severity in SEVERITIES:
        group = [finding for finding in result.findings if finding.severity == severity]
        if group:
            lines += ["", headings[severity]]
            lines += _notes(group, t) if severity == "info" else [f"  [{f.rule}] {f.message}" for f in group]
    return "\n".join(lines)


GROUPED = 3  # notes of one rule with one advice are said once from this many on


def _notes(findings: list[Finding], t: Translator) -> list[str]:
    """Notes one by one, except that many notes of one rule giving one advice are said once, with their ids."""
    lines = []
    done: set[tuple[str, str]] = set()
    for finding in findings:
        key = (finding.rule, finding.advice)
        alike = [other for other in findings if (other.rule, other.advice) == key]
        if len(alike) < GROUPED or not finding.advice or any(other.id is None for other in alike):
            lines.append(f"  [{finding.rule}] {finding.message}")
        elif key not in done:
            done.add(key)
            ids = ", ".join(other.id or "" for other in alike)
            subject = t.plural("{count} responsibility ({ids})", "{count} responsibilities ({ids})", len(alike))
            lines.append(f"  [{finding.rule}] {subject.format(count=len(alike), ids=ids)}: {finding.advice}")
    return lines
