"""Quality rules for a RACI matrix: each a small function with a stable name that yields Findings.

A finding is a fact (its rule, severity, row, role and parameters); `raci.render.messages` words it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import KNOWN_AREAS, RACI, SEVERITIES, CheckSettings, Finding, Matrix, Row, facts
from .convert import is_decision
from .shares import is_strategic_marketing

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


# The codes of the owner's checks, by what the scheme's owner letter is (raci.scheme.Scheme.owner_is).
OWNER_CODES = {
    "accountable": ("no-accountable", "multiple-accountable"),
    "decider": ("no-decider", "multiple-deciders"),
}


@rule("no-accountable")
def no_accountable(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    """Exactly one owner per row: A or A/R (RACI, RASCI), the Approver (DACI), D (RAPID: no-decider)."""
    scheme = matrix.scheme
    code = OWNER_CODES[scheme.owner_is][0]
    for row in matrix.rows:
        if not row.accountable(scheme):
            yield Finding(code, "error", row.item.id, None, facts(work=row.item.responsibility, scheme=scheme.name))


@rule("multiple-accountable")
def multiple_accountable(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    scheme = matrix.scheme
    code = OWNER_CODES[scheme.owner_is][1]
    for row in matrix.rows:
        holders = _titles(matrix, row, scheme.accountable)
        if len(holders) > 1:
            yield Finding(code, "error", row.item.id, holders[1], facts(roles=tuple(holders), scheme=scheme.name))


def _drives(matrix: Matrix, row: Row) -> bool:
    """Whether `row` is one DACI shows as a decision: it holds a driver, or its words decide and nobody
    does its work as RACI's R."""
    scheme = matrix.scheme
    if any(letter in scheme.drivers for letter in row.letters):
        return True
    return is_decision(row.item) and not _titles(matrix, row, scheme.responsible)


@rule("no-driver")
def no_driver(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    """DACI: a decision needs exactly one Driver (D or A/D)."""
    scheme = matrix.scheme
    if not scheme.drivers:
        return
    for row in matrix.rows:
        if not _drives(matrix, row):
            continue
        drivers = _titles(matrix, row, scheme.drivers)
        if not drivers:
            yield Finding("no-driver", "error", row.item.id, None, facts(work=row.item.responsibility))
        elif len(drivers) > 1:
            yield Finding("multiple-drivers", "error", row.item.id, drivers[1], facts(roles=tuple(drivers)))


@rule("no-responsible")
def no_responsible(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    """Someone does each row's work; a row with only a supporter (RASCI's S) is said as such. Not in RAPID,
    and not on DACI's decisions (no-driver says those)."""
    scheme = matrix.scheme
    if not scheme.doer_needed:
        return
    for row in matrix.rows:
        if _titles(matrix, row, scheme.responsible) or (scheme.drivers and _drives(matrix, row)):
            continue
        supporters = _titles(matrix, row, scheme.supports)
        if supporters:
            yield Finding(
                "support-without-responsible",
                "error",
                row.item.id,
                supporters[0],
                facts(work=row.item.responsibility, roles=tuple(supporters)),
            )
        else:
            yield Finding("no-responsible", "error", row.item.id, None, facts(work=row.item.responsibility))


@rule("too-many-consulted")
def too_many_consulted(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    for row in matrix.rows:
        consulted = _titles(matrix, row, matrix.scheme.consulted)
        if len(consulted) > settings.max_consulted:
            yield Finding(
                "too-many-consulted",
                "warning",
                row.item.id,
                None,
                facts(roles=tuple(consulted), limit=settings.max_consulted),
            )


@rule("role-overloaded")
def role_overloaded(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    """A warning, or a note when the profile expects one role to carry most of the work."""
    if len(matrix.roles) < 3 or not matrix.rows:
        return
    for index, role in enumerate(matrix.roles):
        share = sum(row.letters[index] in matrix.scheme.accountable for row in matrix.rows) / len(matrix.rows)
        if share > settings.overload_share:
            yield Finding(
                "role-overloaded",
                "info" if settings.overload_expected else "warning",
                None,
                role.title,
                facts(share=share, limit=settings.overload_share),
            )


@rule("idle-role")
def idle_role(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    """A role only asked or told: in RACI no R, A or A/R; in another scheme none of its active letters."""
    scheme = matrix.scheme
    active = scheme.doing if scheme is RACI else scheme.active
    shown = () if scheme is RACI else tuple(letter for letter in scheme.letters if letter in active)
    for index, role in enumerate(matrix.roles):
        if not any(row.letters[index] in active for row in matrix.rows):
            yield Finding("idle-role", "warning", None, role.title, facts(letters=shown) if shown else ())


@rule("sales-sets-marketing-strategy")
def sales_sets_marketing_strategy(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    """An error when the firm has marketing of its own, else a note (expected while sales leads)."""
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
            yield Finding(
                "sales-sets-marketing-strategy",
                "error" if own_marketing else "info",
                row.item.id,
                role.title,
                facts(work=row.item.responsibility),
            )


@rule("marketing-carries-quota")
def marketing_carries_quota(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
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
                    facts(letter=letter, work=row.item.responsibility),
                )


@rule("unknown-area")
def unknown_area(matrix: Matrix, settings: CheckSettings) -> Iterator[Finding]:
    named = set(KNOWN_AREAS)
    for profile_rule in matrix.profile.rules:
        named.update(profile_rule.when.get("area", ()))
    for row in matrix.rows:
        if not row.item.area:
            continue  # left empty: read from the wording, and listed for the client to confirm when unsure
        if matrix.profile.area_of(row.item.area) not in named:
            yield Finding("unknown-area", "warning", row.item.id, None, facts(area=row.item.area))
