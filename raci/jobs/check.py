"""The check job: a CSV (with a profile), a workbook raci wrote, or a matrix made elsewhere -> findings,
as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.assign import build_matrix
from ..core.checks import counts
from ..core.communication import communication_json, communication_plan
from ..core.convert import convert, in_own_letters
from ..core.load import compute_load, load_json
from ..core.report import matrix_findings
from ..core.shares import told_structure
from ..core.uncertain import inferred_rows, pinned_rows, uncertain_rows
from ..i18n import Translator
from ..inputs.catalog import read_catalogue
from ..inputs.matrix import read_matrix
from ..inputs.source import SourceKind, open_source
from ..inputs.workbook import read_workbook
from ..model import SEVERITIES, Finding, Matrix, MatrixSource, Profile
from ..render.findings import severity_count
from ..render.localise import localise_profile
from ..render.messages import message, say
from ..render.story import read_as_of
from ..render.uncertain import as_dicts, console_lines
from ..render.words import READ_AS_CHANGES
from ..scheme import rules_scheme
from .generate import choose_scheme

NORMALISED_SHOWN = 40  # normalisations listed in the text report; JSON lists every one


@dataclass(frozen=True)
class CheckResult:
    matrix: Matrix
    findings: tuple[Finding, ...]
    lang: str = "en"
    source: MatrixSource | None = None  # set for a matrix made elsewhere

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
    scheme: str | None = None,
) -> CheckResult:
    """Check a list under `profile`, a workbook raci wrote under the profile it records, or a matrix made
    elsewhere as it stands; thresholds given override. `scheme` shows a list's matrix in that scheme and
    reads a matrix made elsewhere in it (a workbook raci wrote records its own)."""
    source = open_source(path, encoding=encoding, delimiter=delimiter)
    chosen = choose_scheme(scheme)
    read: MatrixSource | None = None
    problems: tuple[Finding, ...] = ()
    if source.kind is SourceKind.WORKBOOK:
        matrix, problems = read_workbook(source)
    elif source.kind is SourceKind.MATRIX:
        matrix, problems, read = read_matrix(source, chosen)
        matrix = told_structure(matrix)
    else:
        shown = localise_profile(replace(profile, scheme=chosen or profile.scheme), lang)
        if in_own_letters(shown):
            matrix = build_matrix(read_catalogue(source), shown)
        else:
            base = replace(shown, scheme=rules_scheme(shown.scheme))
            matrix = convert(build_matrix(read_catalogue(source), base), shown.scheme)[0]
    settings = matrix.profile.checks
    if max_consulted is not None:
        settings = replace(settings, max_consulted=max_consulted)
    if overload_share is not None:
        settings = replace(settings, overload_share=overload_share)
    return CheckResult(matrix, matrix_findings(matrix, problems, settings, read=read), lang, read)


def as_json(result: CheckResult) -> str:
    """The findings as JSON, with `matrix` and `normalised` saying what was read from a matrix made
    elsewhere (empty for raci's own workbooks and responsibilities lists), `uncertain` the rows raci
    could not place with confidence, `chosen` the rows whose Accountable the catalogue chose, `load` each
    role's and person's weighted letters and `communication` whom each person (`by_person`) and each
    deciding role (`roles`) asks and tells."""
    findings, source, matrix, lang = result.findings, result.source, result.matrix, result.lang
    total = counts(findings)
    t = Translator(lang)
    read: dict[str, object] = {}
    normalised: list[dict[str, str]] = []
    trail: list[dict[str, object]] = []
    if source is not None:
        read = {
            "rows": len(matrix.rows),
            "roles": [
                {"title": role.title, "function": function}
                for role, function in zip(matrix.roles, source.functions, strict=True)
            ],
            "skipped": [{"sheet": sheet, "why": why} for sheet, why in source.skipped],
        }
        normalised = [{"cell": n.cell, "from": n.before, "to": n.after} for n in source.normalised]
        trail = [
            {"kind": entry.kind, "written": entry.before, "read_as": entry.after, "cells": list(entry.cells)}
            for entry in read_as_of(source, matrix, findings)
        ]
    return json.dumps(
        {
            "matrix": read,
            "normalised": normalised,
            "read_as": trail,
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "id": f.id,
                    "role": f.role,
                    "message": said.message,
                    "advice": said.advice,
                    "params": dict(f.params),
                }
                for f, said in ((f, say(f, t)) for f in findings)
            ],
            "errors": total["error"],
            "warnings": total["warning"],
            "notes": total["info"],
            "uncertain": as_dicts(uncertain_rows(matrix), t),
            "inferred": [
                {"id": entry.id, "area": entry.area, "columns": list(entry.columns)} for entry in inferred_rows(matrix)
            ],
            "chosen": [
                {"id": entry.id, "accountable": entry.role.title, "value": entry.value} for entry in pinned_rows(matrix)
            ],
            "load": load_json(compute_load(matrix)),
            "communication": communication_json(communication_plan(matrix)),
        },
        indent=2,
        ensure_ascii=False,
    )


def as_text(result: CheckResult) -> str:
    t = Translator(result.lang)
    profile = result.matrix.profile
    total = counts(result.findings)
    if result.source is None:
        opening = t("Checked {rows} responsibilities, {roles} roles, profile {profile} ({structure}).").format(
            rows=len(result.matrix.rows),
            roles=len(result.matrix.roles),
            profile=t(profile.title),
            structure=t(profile.structure),
        )
    else:
        opening = t("Checked {rows} responsibilities and {roles} roles as {file} has them.").format(
            rows=len(result.matrix.rows), roles=len(result.matrix.roles), file=result.source.path.name
        )
    lines = [
        opening,
        t("{errors}, {warnings}, {notes}.").format(
            errors=severity_count("error", total["error"], t),
            warnings=severity_count("warning", total["warning"], t),
            notes=severity_count("info", total["info"], t),
        ),
    ]
    if result.source is not None:
        lines += _read_lines(result.matrix, result.source, t)
    matrix = result.matrix
    confirm = console_lines(uncertain_rows(matrix), pinned_rows(matrix), t, inferred_rows(matrix))
    if confirm:
        lines += ["", *confirm]
    headings = {"error": t("Errors:"), "warning": t("Warnings:"), "info": t("Notes:")}
    for severity in SEVERITIES:
        group = [finding for finding in result.findings if finding.severity == severity]
        if group:
            lines += ["", headings[severity]]
            lines += _notes(group, t) if severity == "info" else [f"  [{f.rule}] {message(f, t)}" for f in group]
    return "\n".join(lines)


GROUPED = 3  # notes of one rule with one advice are said once from this many on


def _notes(findings: list[Finding], t: Translator) -> list[str]:
    """Notes one by one, except that many notes of one rule giving one advice are said once, with their ids."""
    lines = []
    done: set[tuple[str, str]] = set()
    said = [say(finding, t) for finding in findings]
    for finding, words in zip(findings, said, strict=True):
        key = (finding.rule, words.advice)
        alike = [other for other, its in zip(findings, said, strict=True) if (other.rule, its.advice) == key]
        if len(alike) < GROUPED or not words.advice or any(other.id is None for other in alike):
            lines.append(f"  [{finding.rule}] {words.message}")
        elif key not in done:
            done.add(key)
            ids = ", ".join(other.id or "" for other in alike)
            subject = t.plural("{count} responsibility ({ids})", "{count} responsibilities ({ids})", len(alike))
            lines.append(f"  [{finding.rule}] {subject.format(count=len(alike), ids=ids)}: {words.advice}")
    return lines


def _read_lines(matrix: Matrix, source: MatrixSource, t: Translator) -> list[str]:
    """What was read from a matrix made elsewhere: its roles, the sheets passed over, the cells read
    differently from how they are written."""
    unknown = t("function unknown")
    roles = ", ".join(
        f"{role.title} ({t(function) if function else unknown})"
        for role, function in zip(matrix.roles, source.functions, strict=True)
    )
    lines = ["", t("Roles: {roles}").format(roles=roles)]
    if source.skipped:
        skipped = ", ".join(f"{sheet} ({why})" for sheet, why in source.skipped)
        lines.append(t("Not a matrix, passed over: {sheets}").format(sheets=skipped))
    if source.normalised:
        lines += ["", t("Read as:")]
        lines += [f"  {n.cell}: '{n.before}' \u2192 '{n.after}'" for n in source.normalised[:NORMALISED_SHOWN]]
        more = len(source.normalised) - NORMALISED_SHOWN
        if more > 0:
            lines.append("  " + t("... and {count} more (--format json lists them all)").format(count=more))
    cleaned = [(n, kind) for kind, changed in (("control", source.controls), ("cut", source.cut)) for n in changed]
    if cleaned and not source.normalised:
        lines += ["", t("Read as:")]
    lines += [f"  {n.cell}: '{n.before}' \u2192 '{n.after}' ({t(READ_AS_CHANGES[kind])})" for n, kind in cleaned]
    return lines
