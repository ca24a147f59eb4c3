"""Quality rules for a RACI matrix: each a small function with a stable name that yields Findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..i18n import Translator
from ..model import KNOWN_AREAS, SEVERITIES, CheckSettings, Finding, Matrix, Row
from .shares import is_strategic_marketing

Check = Callable[[Matrix, CheckSettings, Translator], Iterator[Finding]]
RULES: dict[str, Check] = {}


def rule(name: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[name] = check
        return check

    return register


def run_checks(matrix: Matrix, settings: CheckSettings | None = None, *, lang: str = "en") -> tuple[Finding, ...]:
    """Every rule's findings, errors first, then in rule order; messages in `lang`."""
    settings = settings or matrix.profile.checks
    t = Translator(lang)
    found = [finding for check in RULES.values() for finding in check(matrix, settings, t)]
    return tuple(sorted(found, key=lambda finding: SEVERITIES.index(finding.severity)))


def said(what: str, advice: str) -> tuple[str, str]:
    """A finding's message ("what: advice") and its advice, which findings of one rule share."""
    return f"{what}: {advice}", advice


def counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    return {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES}


def _titles(matrix: Matrix, row: Row, letters: frozenset[str]) -> list[str]:
    return [role.title for role, letter in zip(matrix.roles, row.letters, strict=True) if letter in letters]


@rule("no-accountable")
def no_accountable(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    for row in matrix.rows:
        if not row.accountable(matrix.scheme):
            yield Finding(
                "no-accountable",
                "error",
                row.item.id,
                None,
                *said(
                    t("{id} ({work}) has nobody accountable").format(id=row.item.id, work=row.item.responsibility),
                    t("give exactly one role A or A/R."),
                ),
            )


@rule("multiple-accountable")
def multiple_accountable(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    for row in matrix.rows:
        holders = _titles(matrix, row, matrix.scheme.accountable)
        if len(holders) > 1:
            yield Finding(
                "multiple-accountable",
                "error",
                row.item.id,
                holders[1],
                *said(
                    t("{id} has {count} accountable roles ({roles})").format(
                        id=row.item.id, count=len(holders), roles=", ".join(holders)
                    ),
                    t("keep one A and make the others R or C."),
                ),
            )


@rule("no-responsible")
def no_responsible(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    for row in matrix.rows:
        if not _titles(matrix, row, matrix.scheme.responsible):
            yield Finding(
                "no-responsible",
                "error",
                row.item.id,
                None,
                *said(
                    t("Nobody does the work of {id} ({work})").format(id=row.item.id, work=row.item.responsibility),
                    t("make one role R, or the accountable role A/R."),
                ),
            )


@rule("too-many-consulted")
def too_many_consulted(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    for row in matrix.rows:
        consulted = _titles(matrix, row, matrix.scheme.consulted)
        if len(consulted) > settings.max_consulted:
            yield Finding(
                "too-many-consulted",
                "warning",
                row.item.id,
                None,
                *said(
                    t("{id} consults {count} roles ({roles}), more than {limit}").format(
                        id=row.item.id, count=len(consulted), roles=", ".join(consulted), limit=settings.max_consulted
                    ),
                    t("every C slows the work; make some of them I."),
                ),
            )


@rule("role-overloaded")
def role_overloaded(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    if len(matrix.roles) < 3 or not matrix.rows:
        return
    for index, role in enumerate(matrix.roles):
        share = sum(row.letters[index] in matrix.scheme.accountable for row in matrix.rows) / len(matrix.rows)
        if share > settings.overload_share:
            expected = t(" (this profile expects it)") if settings.overload_expected else ""
            yield Finding(
                "role-overloaded",
                "info" if settings.overload_expected else "warning",
                None,
                role.title,
                *said(
                    t("{role} is accountable for {share} of the work, over {limit}{expected}").format(
                        role=role.title,
                        share=t.percent(share),
                        limit=t.percent(settings.overload_share),
                        expected=expected,
                    ),
                    t("a bottleneck; hand some of it to other roles as the firm grows."),
                ),
            )


@rule("idle-role")
def idle_role(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    for index, role in enumerate(matrix.roles):
        if not any(row.letters[index] in matrix.scheme.doing for row in matrix.rows):
            yield Finding(
                "idle-role",
                "warning",
                None,
                role.title,
                *said(
                    t("{role} neither does nor answers for any work (no R, A or A/R)").format(role=role.title),
                    t("is the position needed? Give it work or remove it."),
                ),
            )


@rule("sales-sets-marketing-strategy")
def sales_sets_marketing_strategy(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    profile = matrix.profile
    own_marketing = profile.structure == "separate" and matrix.has_function("marketing")
    for row in matrix.rows:
        role = matrix.accountable_role(row)
        if (
            role is not None
            and role.wears("sales")
            and not role.wears("marketing")
            and is_strategic_marketing(row, matrix.area_of(row))
        ):
            advice = (
                t("give the A to a marketing role and keep sales consulted.")
                if own_marketing
                else t("expected while sales leads; it moves to marketing once the firm has its own.")
            )
            yield Finding(
                "sales-sets-marketing-strategy",
                "error" if own_marketing else "info",
                row.item.id,
                role.title,
                *said(
                    t("{role} (sales) answers for marketing strategy {id} ({work})").format(
                        role=role.title, id=row.item.id, work=row.item.responsibility
                    ),
                    advice,
                ),
            )


@rule("marketing-carries-quota")
def marketing_carries_quota(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    both = matrix.has_function("sales") and matrix.has_function("marketing")
    for row in matrix.rows:
        if matrix.area_of(row) != "quotas":
            continue
        for role, letter in zip(matrix.roles, row.letters, strict=True):
            if role.wears("marketing") and not role.wears("sales") and letter in matrix.scheme.doing:
                yield Finding(
                    "marketing-carries-quota",
                    "error" if both else "info",
                    row.item.id,
                    role.title,
                    *said(
                        t("{role} (marketing) holds {letter} on sales target {id} ({work})").format(
                            role=role.title, letter=letter, id=row.item.id, work=row.item.responsibility
                        ),
                        t("quotas belong to sales; make marketing C (market-potential data)."),
                    ),
                )


@rule("unknown-area")
def unknown_area(matrix: Matrix, settings: CheckSettings, t: Translator) -> Iterator[Finding]:
    named = set(KNOWN_AREAS)
    for profile_rule in matrix.profile.rules:
        named.update(profile_rule.when.get("area", ()))
    for row in matrix.rows:
        if not row.item.area:
            continue  # left empty: read from the wording, and listed for the client to confirm when unsure
        if matrix.profile.area_of(row.item.area) not in named:
            yield Finding(
                "unknown-area",
                "warning",
                row.item.id,
                None,
                *said(
                    t("{id} has area '{area}', which neither raci nor the profile's rules know").format(
                        id=row.item.id, area=row.item.area
                    ),
                    t("check the spelling, or use a synonym raci knows (known areas: {known}).").format(
                        known=", ".join(KNOWN_AREAS)
                    ),
                ),
            )
