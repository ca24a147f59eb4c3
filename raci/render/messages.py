"""Findings in words: each finding's rule and parameters as a sentence in the reader's language.

Every sentence a finding is shown as is made here, from the facts core and the readers record
(`raci.model.Finding`); the workbook, the page, the deck and `raci check` only lay them out.
A message is "what: advice"; findings of one rule often share the advice, and outputs group them by it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..i18n import DEFAULT, Translator
from ..model import FUNCTIONS, HOMES, KNOWN_AREAS, Finding, MatrixSource

ENGLISH = Translator(DEFAULT)


@dataclass(frozen=True)
class Said:
    """A finding in words: `what` is wrong, the `advice` (may be "") and both as one `message`."""

    what: str
    advice: str = ""

    @property
    def message(self) -> str:
        return f"{self.what}: {self.advice}" if self.advice else self.what


def say(finding: Finding, t: Translator = ENGLISH) -> Said:
    """`finding` in the language of `t`; a rule raci does not know is shown by its name and parameters."""
    words = SAYINGS.get(finding.rule)
    if words is None:
        shown = ", ".join(f"{key}={_text(value)}" for key, value in finding.params)
        return Said(f"{finding.rule} ({shown})" if shown else finding.rule)
    return words(finding, t)


@dataclass(frozen=True)
class Told:
    """A finding with its words, as outputs lay it out: its rule, severity, row and role, and what it says."""

    finding: Finding
    message: str
    advice: str

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def id(self) -> str | None:
        return self.finding.id

    @property
    def role(self) -> str | None:
        return self.finding.role


def tell(findings: Iterable[Finding], t: Translator = ENGLISH) -> tuple[Told, ...]:
    """Each finding with its message and advice in the language of `t`."""
    return tuple(Told(finding, said.message, said.advice) for finding in findings for said in (say(finding, t),))


def message(finding: Finding, t: Translator = ENGLISH) -> str:
    return say(finding, t).message


def advice(finding: Finding, t: Translator = ENGLISH) -> str:
    return say(finding, t).advice


def _text(value: object) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def _get(finding: Finding, name: str) -> str:
    return _text(finding.param(name))


def _count(finding: Finding, name: str) -> int:
    value = finding.param(name, 0)
    return len(value) if isinstance(value, tuple) else int(value) if isinstance(value, int | float) else 0


def _share(finding: Finding, name: str) -> float:
    value = finding.param(name, 0.0)
    return float(value) if isinstance(value, int | float) else 0.0


# --- the checks (raci.core.checks) ---------------------------------------------------------------


def _no_accountable(finding: Finding, t: Translator) -> Said:
    if _get(finding, "scheme") == "DACI":
        return Said(
            t("{id} ({work}) has no approver").format(id=finding.id, work=_get(finding, "work")),
            t("give exactly one role A (or A/D when it also drives the decision)."),
        )
    return Said(
        t("{id} ({work}) has nobody accountable").format(id=finding.id, work=_get(finding, "work")),
        t("give exactly one role A or A/R."),
    )


def _multiple_accountable(finding: Finding, t: Translator) -> Said:
    if _get(finding, "scheme") == "DACI":
        return Said(
            t("{id} has {count} approvers ({roles})").format(
                id=finding.id, count=_count(finding, "roles"), roles=_get(finding, "roles")
            ),
            t("keep one A and make the others C (contributors)."),
        )
    return Said(
        t("{id} has {count} accountable roles ({roles})").format(
            id=finding.id, count=_count(finding, "roles"), roles=_get(finding, "roles")
        ),
        t("keep one A and make the others R or C."),
    )


def _conditional_accountable(finding: Finding, t: Translator) -> Said:
    notes = finding.param("notes", ())
    said = t("{id}: conditional accountability: {roles}, under different footnote marks").format(
        id=finding.id, roles=_get(finding, "roles")
    )
    if isinstance(notes, tuple) and notes:
        said += "; " + t("the file's note: {notes}").format(notes="; ".join(map(str, notes)))
    return Said(said, t("say which case each A is for (a column or a row per case), or keep one A."))


def _no_decider(finding: Finding, t: Translator) -> Said:
    return Said(
        t("Nobody decides {id} ({work})").format(id=finding.id, work=_get(finding, "work")),
        t("give exactly one role D; the others recommend (R), agree (A), perform (P) or give input (I)."),
    )


def _multiple_deciders(finding: Finding, t: Translator) -> Said:
    return Said(
        t("{id} has {count} roles that decide ({roles})").format(
            id=finding.id, count=_count(finding, "roles"), roles=_get(finding, "roles")
        ),
        t("keep one D; make the others A if they must agree, or I if they give input."),
    )


def _no_driver(finding: Finding, t: Translator) -> Said:
    return Said(
        t("Decision {id} ({work}) has no driver").format(id=finding.id, work=_get(finding, "work")),
        t("make one role D, or the approver A/D when it drives the decision itself."),
    )


def _multiple_drivers(finding: Finding, t: Translator) -> Said:
    return Said(
        t("Decision {id} has {count} drivers ({roles})").format(
            id=finding.id, count=_count(finding, "roles"), roles=_get(finding, "roles")
        ),
        t("keep one D and make the others C (contributors)."),
    )


def _support_without_responsible(finding: Finding, t: Translator) -> Said:
    return Said(
        t("{id} ({work}) has support ({roles}) but nobody doing the work").format(
            id=finding.id, work=_get(finding, "work"), roles=_get(finding, "roles")
        ),
        t("S helps the one who does the work: make one role R, or the accountable role A/R."),
    )


def _scheme_read(finding: Finding, t: Translator) -> Said:
    letters = _get(finding, "letters")
    by = _get(finding, "by")
    if by == "option":
        return Said(t("Read as {scheme}, as --scheme asked.").format(scheme=_get(finding, "scheme")))
    if by == "legend":
        return Said(
            t("Read as {scheme}: its legend says so ({legend}); letters in use: {letters}.").format(
                scheme=_get(finding, "scheme"), legend=_get(finding, "legend"), letters=letters
            )
        )
    return Said(
        t("Read as {scheme} from the letters in use ({letters}); give --scheme if it is another.").format(
            scheme=_get(finding, "scheme"), letters=letters
        )
    )


def _no_responsible(finding: Finding, t: Translator) -> Said:
    return Said(
        t("Nobody does the work of {id} ({work})").format(id=finding.id, work=_get(finding, "work")),
        t("make one role R, or the accountable role A/R."),
    )


def _too_many_consulted(finding: Finding, t: Translator) -> Said:
    return Said(
        t("{id} consults {count} roles ({roles}), more than {limit}").format(
            id=finding.id, count=_count(finding, "roles"), roles=_get(finding, "roles"), limit=_get(finding, "limit")
        ),
        t("every C slows the work; make some of them I."),
    )


def _role_overloaded(finding: Finding, t: Translator) -> Said:
    expected = t(" (this profile expects it)") if finding.severity == "info" else ""
    return Said(
        t("{role} is accountable for {share} of the work, over {limit}{expected}").format(
            role=finding.role,
            share=t.percent(_share(finding, "share")),
            limit=t.percent(_share(finding, "limit")),
            expected=expected,
        ),
        t("a bottleneck; hand some of it to other roles as the firm grows."),
    )


def _idle_role(finding: Finding, t: Translator) -> Said:
    if finding.param("letters"):  # a scheme other than RACI: its own active letters
        return Said(
            t("{role} only gives input or is told (it holds none of {letters})").format(
                role=finding.role, letters=_get(finding, "letters")
            ),
            t("is the position needed? Give it work or remove it."),
        )
    return Said(
        t("{role} neither does nor answers for any work (no R, A or A/R)").format(role=finding.role),
        t("is the position needed? Give it work or remove it."),
    )


def _sales_sets_marketing_strategy(finding: Finding, t: Translator) -> Said:
    advice = (
        t("give the A to a marketing role and keep sales consulted.")
        if finding.severity == "error"
        else t("expected while sales leads; it moves to marketing once the firm has its own.")
    )
    return Said(
        t("{role} (sales) answers for marketing strategy {id} ({work})").format(
            role=finding.role, id=finding.id, work=_get(finding, "work")
        ),
        advice,
    )


def _marketing_carries_quota(finding: Finding, t: Translator) -> Said:
    return Said(
        t("{role} (marketing) holds {letter} on sales target {id} ({work})").format(
            role=finding.role, letter=_get(finding, "letter"), id=finding.id, work=_get(finding, "work")
        ),
        t("quotas belong to sales; make marketing C (market-potential data)."),
    )


def _unknown_area(finding: Finding, t: Translator) -> Said:
    if finding.id is None:  # a matrix without an area column: the rows whose wording names no area, together
        return Said(
            t.plural(
                "The file has no area column and the wording of {count} row ({ids}) names no area raci knows: "
                "the sales and marketing checks pass over it.",
                "The file has no area column and the wording of {count} rows ({ids}) names no area raci knows: "
                "the sales and marketing checks pass over them.",
                _count(finding, "ids"),
            ).format(count=_count(finding, "ids"), ids=_get(finding, "ids"))
        )
    return Said(
        t("{id} has area '{area}', which neither raci nor the profile's rules know").format(
            id=finding.id, area=_get(finding, "area")
        ),
        t("check the spelling, or use a synonym raci knows (known areas: {known}).").format(
            known=", ".join(KNOWN_AREAS)
        ),
    )


# --- what the readers find (raci.inputs.workbook, raci.inputs.matrix) ----------------------------


def _duplicate_id(finding: Finding, t: Translator) -> Said:
    return Said(
        t("{cell}: id {id} is also on row {row}; give every responsibility its own id.").format(
            cell=_get(finding, "cell"), id=finding.id, row=_get(finding, "row")
        )
    )


def _unknown_role(finding: Finding, t: Translator) -> Said:
    return Said(
        t(
            "Role column '{role}' has no function on the Roles sheet: add a row there "
            "with one of {functions}; its function is unknown meanwhile (neither sales nor marketing)."
        ).format(role=finding.role, functions=", ".join(FUNCTIONS))
    )


def _missing_id(finding: Finding, t: Translator) -> Said:
    return Said(
        t("{cell}: the row has no ID; give it one so it can be referred to.").format(cell=_get(finding, "cell"))
    )


def _invalid_home(finding: Finding, t: Translator) -> Said:
    return Said(
        t("{cell}: home '{home}' is not one of {homes}; counted as shared.").format(
            cell=_get(finding, "cell"), home=_get(finding, "home"), homes=", ".join(HOMES)
        )
    )


def _invalid_letter(finding: Finding, t: Translator) -> Said:
    if finding.param("formula"):
        return Said(
            t("{cell}: holds a formula ({formula}) whose result was never saved; type the letter instead.").format(
                cell=_get(finding, "cell"), formula=_get(finding, "formula")
            )
        )
    if finding.param("letters"):  # a scheme other than RACI
        return Said(
            t("{cell}: '{value}' is not a {scheme} letter; use {letters}, or leave the cell empty.").format(
                cell=_get(finding, "cell"),
                value=_get(finding, "value"),
                scheme=_get(finding, "scheme"),
                letters=_get(finding, "letters"),
            )
        )
    return Said(
        t("{cell}: '{value}' is not a RACI letter; use R, A, A/R, C or I, or leave the cell empty.").format(
            cell=_get(finding, "cell"), value=_get(finding, "value")
        )
    )


def _unknown_function(finding: Finding, t: Translator) -> Said:
    return Said(
        t(
            "raci cannot tell what role '{role}' does from its title; it is counted as neither sales nor marketing."
        ).format(role=finding.role)
    )


SAYINGS: dict[str, Callable[[Finding, Translator], Said]] = {
    "no-accountable": _no_accountable,
    "multiple-accountable": _multiple_accountable,
    "conditional-accountable": _conditional_accountable,
    "no-responsible": _no_responsible,
    "no-decider": _no_decider,
    "multiple-deciders": _multiple_deciders,
    "no-driver": _no_driver,
    "multiple-drivers": _multiple_drivers,
    "support-without-responsible": _support_without_responsible,
    "scheme-read": _scheme_read,
    "too-many-consulted": _too_many_consulted,
    "role-overloaded": _role_overloaded,
    "idle-role": _idle_role,
    "sales-sets-marketing-strategy": _sales_sets_marketing_strategy,
    "marketing-carries-quota": _marketing_carries_quota,
    "unknown-area": _unknown_area,
    "duplicate-id": _duplicate_id,
    "unknown-role": _unknown_role,
    "missing-id": _missing_id,
    "invalid-home": _invalid_home,
    "invalid-letter": _invalid_letter,
    "unknown-function": _unknown_function,
}


CLEANED_SHOWN = 5  # cells a cleaning warning names; the Read as sheet lists every one


def cleaned_warning(read: MatrixSource | None, lang: str = DEFAULT) -> str | None:
    """One line for stderr when cells of a matrix made elsewhere were changed to fit a workbook (a control
    character dropped, a cell cut at 32,767 characters), naming them; else None."""
    if read is None or not (read.controls or read.cut):
        return None
    t = Translator(lang)
    parts = []
    for changed, words in ((read.controls, t("control characters dropped")), (read.cut, t("cut at 32,767 characters"))):
        if changed:
            cells = ", ".join(change.cell for change in changed[:CLEANED_SHOWN])
            more = len(changed) - CLEANED_SHOWN
            if more > 0:
                cells += " " + t("and {count} more").format(count=more)
            parts.append(f"{words} ({cells})")
    said = t("{file}: cells no workbook holds as written were changed: {changes}; the Read as sheet lists them.")
    return said.format(file=read.path.name, changes="; ".join(parts))
