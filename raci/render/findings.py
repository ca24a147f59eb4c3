"""The checks as a page shows them: a verdict, counts by severity, findings one by one, notes grouped by rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.checks import RULES, counts
from ..i18n import DEFAULT, N_, Translator
from ..model import SEVERITIES, Finding
from .messages import Told, tell

ENGLISH = Translator(DEFAULT)

NO_ERRORS = N_("No errors: every responsibility has exactly one accountable role and someone doing the work.")


def counted(text: str, number: int) -> str:
    """A plural form chosen by ngettext with its number filled in: "%(num)d errors", 3 -> "3 errors"."""
    return text % {"num": number}


@dataclass(frozen=True)
class Tally:
    """How many findings of one severity, from how many checks, and that as words ("18 notes from 1
    check"): true of every output, whether it lists the findings one by one or a check's together."""

    severity: str
    count: int
    text: str
    checks: int = 0


@dataclass(frozen=True)
class NoteGroup:
    """One rule's notes, shown together: the ids and roles they name and the advice they share.

    `advice` is None when the messages have no common closing advice (the template then lists
    them); `single` is the finding itself when the rule fired once (shown like any finding).
    """

    rule: str
    findings: tuple[Told, ...]
    subject: str
    ids: tuple[str, ...]
    roles: tuple[str, ...]
    advice: str | None

    @property
    def single(self) -> Told | None:
        return self.findings[0] if len(self.findings) == 1 else None


@dataclass(frozen=True)
class Checks:
    """The checks section: verdict, counts, errors and warnings one by one, notes grouped by rule."""

    verdict: str
    ok: bool
    tally: tuple[Tally, ...]
    errors: tuple[Told, ...]
    warnings: tuple[Told, ...]
    notes: tuple[NoteGroup, ...]
    all_clear: str

    @property
    def empty(self) -> bool:
        return not (self.errors or self.warnings or self.notes)


def severity_count(severity: str, number: int, t: Translator = ENGLISH) -> str:
    """How many findings of one severity, in words: "1 warning", "20 notes"."""
    ngettext = t.plural
    if severity == "error":
        text = ngettext("%(num)d error", "%(num)d errors", number)
    elif severity == "warning":
        text = ngettext("%(num)d warning", "%(num)d warnings", number)
    else:
        text = ngettext("%(num)d note", "%(num)d notes", number)
    return counted(text, number)


def tally_text(severity: str, number: int, checks: int, t: Translator = ENGLISH) -> str:
    """How many findings of one severity and from how many checks: "2 errors from 1 check", "0 notes"."""
    found = severity_count(severity, number, t)
    if not number:
        return found
    rules = counted(t.plural("%(num)d check", "%(num)d checks", checks), checks)
    return t("{findings} from {checks}").format(findings=found, checks=rules)


def checks_summary(findings: tuple[Finding, ...], t: Translator = ENGLISH) -> Checks:
    """The verdict, the counts per severity, and the findings as the page lists them (in the language of `t`)."""
    ngettext = t.plural
    tally = counts(findings)
    rules = {severity: len({f.rule for f in findings if f.severity == severity}) for severity in SEVERITIES}
    told = tell(findings, t)
    errors = tuple(finding for finding in told if finding.severity == "error")
    by_rule: dict[str, list[Told]] = {}
    for finding in told:
        if finding.severity == "info":
            by_rule.setdefault(finding.rule, []).append(finding)
    return Checks(
        verdict=t(NO_ERRORS)
        if not errors
        else counted(ngettext("%(num)d error to fix", "%(num)d errors to fix", len(errors)), len(errors)),
        ok=not errors,
        tally=tuple(
            Tally(severity, tally[severity], tally_text(severity, tally[severity], rules[severity], t), rules[severity])
            for severity in SEVERITIES
        ),
        errors=errors,
        warnings=tuple(finding for finding in told if finding.severity == "warning"),
        notes=tuple(note_group(rule, tuple(group), t) for rule, group in by_rule.items()),
        all_clear=counted(
            ngettext(
                "%(num)d check passed, with no warnings or notes.",
                "All %(num)d checks passed, with no warnings or notes.",
                len(RULES),
            ),
            len(RULES),
        ),
    )


def note_group(rule: str, findings: tuple[Told, ...], t: Translator = ENGLISH) -> NoteGroup:
    """Several notes of one rule as one entry: "20 responsibilities", their ids, the shared advice."""
    _, ngettext = t, t.plural
    ids = tuple(dict.fromkeys(finding.id for finding in findings if finding.id is not None))
    roles = tuple(dict.fromkeys(finding.role for finding in findings if finding.role is not None))
    if ids and all(finding.id is not None for finding in findings):
        subject = counted(ngettext("%(num)d responsibility", "%(num)d responsibilities", len(ids)), len(ids))
        if len(ids) < len(findings):
            notes = counted(ngettext("%(num)d note", "%(num)d notes", len(findings)), len(findings))
            subject = _("%(notes)s on %(responsibilities)s") % {"notes": notes, "responsibilities": subject}
    elif roles and all(finding.role is not None for finding in findings) and len(roles) == len(findings):
        subject = counted(ngettext("%(num)d role", "%(num)d roles", len(roles)), len(roles))
    else:
        subject = counted(ngettext("%(num)d note", "%(num)d notes", len(findings)), len(findings))
    return NoteGroup(
        rule=rule,
        findings=findings,
        subject=subject,
        ids=ids,
        roles=roles,
        advice=shared_advice(findings),
    )


def shared_advice(findings: Sequence[Told]) -> str | None:
    """The advice every finding gives, capitalised; None when they differ or give none."""
    advice = {finding.advice for finding in findings}
    if len(advice) != 1 or not findings[0].advice:
        return None
    text = findings[0].advice
    return text[:1].upper() + text[1:]
