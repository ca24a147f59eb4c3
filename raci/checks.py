"""Quality rules for a RACI matrix: each a small function with a stable name that yields Findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import ACCOUNTABLE, KNOWN_AREAS, RESPONSIBLE, CheckSettings, Matrix, Row

SEVERITIES = ("error", "warning", "info")
DOING = ACCOUNTABLE | RESPONSIBLE
STRATEGIC_AREAS = frozenset({"research", "branding", "marketing_process", "pricing", "distribution", "product"})


@dataclass(frozen=True)
class Finding:
    """One problem: `id` is the responsibility's id and `role` the role's title, where they apply."""

    rule: str
    severity: str
    id: str | None
    role: str | None
    message: str


Check = Callable[[Matrix, CheckSettings], Iterator[Finding]]
RULES: dict[str, Check] = {}


def rule(name: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[name] = check
        return check

    return register


def run_checks(matrix: Matrix, settings: CheckSettings | None = None) -> tuple[Finding, ...]:
    """Every rule's findings, errors first, then in rule order."""
    settings = settings or matrix.profile.checks
    found = [finding for check in RULES.values() for finding in check(matrix, settings)]
    return tuple(sorted(found, key=lambda finding: SEVERITIES.index(finding.severity)))


def counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    return {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES}


def _titles(matrix: Matrix, row: Row, letters: frozenset[str]) -> list[str]:
    return [role.title for role, letter in zip(matrix.roles, row.letters, strict=True) if letter in letters]


@rule("no-accountable")
def no_accountable(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    for row in matrix.rows:
        if not row.accountable():
            yield Finding(
                "no-accountable",
                "error",
                row.item.id,
                None,
                f"{row.item.id} ({row.item.responsibility}) has nobody accountable: give exactly one role A or A/R.",
            )


@rule("multiple-accountable")
def multiple_accountable(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    for row in matrix.rows:
        holders = _titles(matrix, row, ACCOUNTABLE)
        if len(holders) > 1:
            yield Finding(
                "multiple-accountable",
                "error",
                row.item.id,
                holders[1],
                f"{row.item.id} has {len(holders)} accountable roles ({', '.join(holders)}): "
                "keep one A and make the others R or C.",
            )


@rule("no-responsible")
def no_responsible(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    for row in matrix.rows:
        if not _titles(matrix, row, RESPONSIBLE):
            yield Finding(
                "no-responsible",
                "error",
                row.item.id,
                None,
                f"Nobody does the work of {row.item.id} ({row.item.responsibility}): "
                "make one role R, or the accountable role A/R.",
            )


@rule("too-many-consulted")
def too_many_consulted(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    for row in matrix.rows:
        consulted = _titles(matrix, row, frozenset({"C"}))
        if len(consulted) > settings.max_consulted:
            yield Finding(
                "too-many-consulted",
                "warning",
                row.item.id,
                None,
                f"{row.item.id} consults {len(consulted)} roles ({', '.join(consulted)}), more than "
                f"{settings.max_consulted}: every C slows the work; make some of them I.",
            )


@rule("role-overloaded")
def role_overloaded(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    if len(matrix.roles) < 3 or not matrix.rows:
        return
    for index, role in enumerate(matrix.roles):
        share = sum(row.letters[index] in ACCOUNTABLE for row in matrix.rows) / len(matrix.rows)
        if share > settings.overload_share:
            expected = " (this profile expects it)" if settings.overload_expected else ""
            yield Finding(
                "role-overloaded",
                "info" if settings.overload_expected else "warning",
                None,
                role.title,
                f"{role.title} is accountable for {share:.0%} of the work, over {settings.overload_share:.0%}"
                f"{expected}: a bottleneck; hand some of it to other roles as the firm grows.",
            )


@rule("idle-role")
def idle_role(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    for index, role in enumerate(matrix.roles):
        if not any(row.letters[index] in DOING for row in matrix.rows):
            yield Finding(
                "idle-role",
                "warning",
                None,
                role.title,
                f"{role.title} neither does nor answers for any work (no R, A or A/R): "
                "is the position needed? Give it work or remove it.",
            )


def is_strategic_marketing(row: Row) -> bool:
    """Marketing-home work on the long horizon (or, without a horizon, in a strategic area)."""
    item = row.item
    if item.home != "marketing":
        return False
    return item.horizon == "long" if item.horizon else item.area in STRATEGIC_AREAS


@rule("sales-sets-marketing-strategy")
def sales_sets_marketing_strategy(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    profile = matrix.profile
    own_marketing = profile.structure == "separate" and matrix.has_function("marketing")
    for row in matrix.rows:
        role = matrix.accountable_role(row)
        if role is not None and role.function == "sales" and is_strategic_marketing(row):
            advice = (
                "give the A to a marketing role and keep sales consulted."
                if own_marketing
                else "expected while sales leads; it moves to marketing once the firm has its own."
            )
            yield Finding(
                "sales-sets-marketing-strategy",
                "error" if own_marketing else "info",
                row.item.id,
                role.title,
                f"{role.title} (sales) answers for marketing strategy {row.item.id} "
                f"({row.item.responsibility}): {advice}",
            )


@rule("marketing-carries-quota")
def marketing_carries_quota(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    both = matrix.has_function("sales") and matrix.has_function("marketing")
    for row in matrix.rows:
        if row.item.area != "quotas":
            continue
        for role, letter in zip(matrix.roles, row.letters, strict=True):
            if role.function == "marketing" and letter in DOING:
                yield Finding(
                    "marketing-carries-quota",
                    "error" if both else "info",
                    row.item.id,
                    role.title,
                    f"{role.title} (marketing) holds {letter} on sales target {row.item.id} "
                    f"({row.item.responsibility}): quotas belong to sales; make marketing C (market-potential data).",
                )


@rule("unknown-area")
def unknown_area(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    named = set(KNOWN_AREAS)
    for profile_rule in matrix.profile.rules:
        named.update(profile_rule.when.get("area", ()))
    for row in matrix.rows:
        if row.item.area not in named:
            yield Finding(
                "unknown-area",
                "warning",
                row.item.id,
                None,
                f"{row.item.id} has area '{row.item.area}', which neither raci nor the profile's rules know: "
                f"check the spelling (known areas: {', '.join(KNOWN_AREAS)}).",
            )
