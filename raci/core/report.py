"""Everything an output shows, computed once: the matrix, its shares, workload, the size comparison."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .. import __version__
from ..model import (
    Branding,
    Catalogue,
    CheckSettings,
    Finding,
    Matrix,
    MatrixSource,
    Profile,
    Role,
    RoleMapping,
    facts,
)
from ..scheme import Scheme, rules_scheme
from .assign import build_matrix
from .checks import run_checks
from .communication import CommunicationPlan, communication_plan
from .convert import Converted, convert, in_own_letters
from .load import Load, compute_load
from .roles import apply_roles
from .shares import Shares, compute_shares
from .uncertain import Inferred, Pinned, Uncertain, inferred_rows, pinned_rows, uncertain_rows


@dataclass(frozen=True)
class SizeShares:
    """One profile's shares on the report's catalogue; `current` marks the report's own profile."""

    profile: Profile
    shares: Shares
    current: bool


@dataclass(frozen=True)
class Workload:
    """How many of each letter one role holds."""

    role: Role
    counts: Mapping[str, int]


@dataclass(frozen=True)
class Report:
    matrix: Matrix
    shares: Shares
    sizes: tuple[SizeShares, ...]
    workload: tuple[Workload, ...]
    findings: tuple[Finding, ...]
    version: str
    branding: Branding = field(default_factory=Branding)
    roles: RoleMapping | None = None  # the client's titles and people, as given
    target: Profile | None = None  # for a matrix made elsewhere: the size profile to compare it with
    uncertain: tuple[Uncertain, ...] = ()  # rows raci could not place with confidence: "please confirm"
    pinned: tuple[Pinned, ...] = ()  # rows whose Accountable the client chose (the `accountable` column)
    inferred: tuple[Inferred, ...] = ()  # rows whose empty area or home raci read from the wording
    read: MatrixSource | None = None  # for a matrix made elsewhere: what was read how (cells normalised, sheets)
    converted: Converted | None = None  # for a matrix built from rules: which rows its scheme shows as decisions

    @cached_property
    def load(self) -> Load:
        """Each role's and each person's weighted letters, under the profile's `[load]` settings."""
        return compute_load(self.matrix)

    @cached_property
    def communication(self) -> CommunicationPlan:
        """Whom each person, and each deciding role, asks before and tells after, with the profile's cadence."""
        return communication_plan(self.matrix)

    @property
    def profile(self) -> Profile:
        return self.matrix.profile


def build_report(
    catalogue: Catalogue,
    profile: Profile,
    roles: RoleMapping | None = None,
    *,
    sizes: Sequence[Profile],
    shown: Profile | None = None,
    branding: Branding | None = None,
    target: Profile | None = None,
) -> Report:
    """The report on `catalogue` under `profile`, with the client's role titles when `roles` is given.

    `sizes` are the profiles the report compares with (the built-in ones, read by `raci.inputs.profiles`).
    `shown` is `profile` as the reader sees it (its texts in their language, see `raci.render.localise`):
    the matrix carries its titles, while `profile` itself is what the sizes and the role mapping go by.
    """
    chosen = shown or profile
    native = in_own_letters(chosen)  # rules that write D or P already: nothing to convert
    matrix = build_matrix(catalogue, chosen if native else replace(chosen, scheme=rules_scheme(chosen.scheme)))
    titles = {role.key: role.title for role in profile.roles}
    shown_in = None if native else chosen.scheme
    return _report(
        matrix, catalogue, profile, roles, titles, sizes=sizes, branding=branding, target=target, scheme=shown_in
    )


def build_matrix_report(
    matrix: Matrix,
    problems: Sequence[Finding] = (),
    roles: RoleMapping | None = None,
    *,
    sizes: Sequence[Profile],
    read: MatrixSource | None = None,
    branding: Branding | None = None,
    target: Profile | None = None,
) -> Report:
    """The report on a matrix as read from a file (raci's own workbook, or one made elsewhere), with the
    reader's `problems` and `read` facts: the same findings `raci check` gives for that file."""
    catalogue = Catalogue(
        path=matrix.catalogue.path if matrix.catalogue else matrix.profile.source or read_path(read),
        items=tuple(row.item for row in matrix.rows),
    )
    titles = {role.key: role.title for role in matrix.roles}
    return _report(
        matrix,
        catalogue,
        matrix.profile,
        roles,
        titles,
        sizes=sizes,
        problems=problems,
        read=read,
        branding=branding,
        target=target,
    )


def _report(
    matrix: Matrix,
    catalogue: Catalogue,
    profile: Profile,
    roles: RoleMapping | None,
    titles: Mapping[str, str],
    *,
    sizes: Sequence[Profile],
    problems: Sequence[Finding] = (),
    read: MatrixSource | None = None,
    branding: Branding | None,
    target: Profile | None,
    scheme: Scheme | None = None,
) -> Report:
    """The report on `matrix` (the client's role titles applied when `roles` is given; `titles`, key to
    title, are the ones a mapping may name), its findings, shares and the sizes compared on `catalogue`."""
    if roles is not None:
        matrix = apply_roles(matrix, roles, titles)
    converted = None
    if scheme is not None:  # a matrix built from rules: shown in the scheme chosen (DACI, RAPID)
        matrix, converted = convert(matrix, scheme)
    return Report(
        matrix=matrix,
        shares=compute_shares(matrix),
        sizes=size_comparison(catalogue, profile, matrix, sizes),
        workload=workload(matrix),
        findings=matrix_findings(matrix, problems, read=read),
        version=__version__,
        branding=branding or Branding(),
        roles=roles,
        target=target,
        uncertain=uncertain_rows(matrix),
        pinned=pinned_rows(matrix),
        inferred=inferred_rows(matrix),
        read=read,
        converted=converted,
    )


def read_path(read: MatrixSource | None) -> Path:
    return read.path if read is not None else Path()


def matrix_findings(
    matrix: Matrix,
    problems: Sequence[Finding] = (),
    settings: CheckSettings | None = None,
    *,
    read: MatrixSource | None = None,
) -> tuple[Finding, ...]:
    """Everything wrong with a matrix read from a file, in one list every output shows alike: what its
    reader found, then the checks; for a matrix made elsewhere without an area column, one note for the
    rows whose wording names no area instead of a warning on each."""
    found = run_checks(matrix, settings)
    if read is not None:
        found = _conditional(_areas_told(found, read), read)
    return (*problems, *found)


def _conditional(findings: tuple[Finding, ...], read: MatrixSource) -> tuple[Finding, ...]:
    """A row whose A's carry different footnote marks (`A*` here, `A**` there) names who answers in which
    case, as the file's note says: a warning of conditional accountability instead of the error of two."""
    if not read.marks:
        return findings
    marks = {(marked.id, marked.role): marked for marked in read.marks}
    notes = dict(read.notes)
    kept = []
    for finding in findings:
        holders = finding.param("roles", ())
        if finding.rule == "multiple-accountable" and isinstance(holders, tuple):
            found = [marks.get((str(finding.id), str(role))) for role in holders]
            if len({marked.mark if marked else "" for marked in found}) > 1:
                written = tuple(marked.written for marked in found if marked)
                said = tuple(
                    f"{marked.written}: {notes[marked.mark]}"
                    for marked in {m.mark: m for m in found if m}.values()
                    if marked.mark in notes
                )
                shown = tuple(
                    f"{role} ({marked.written})" if marked else str(role)
                    for role, marked in zip(holders, found, strict=True)
                )
                kept.append(
                    Finding(
                        "conditional-accountable",
                        "warning",
                        finding.id,
                        finding.role,
                        facts(roles=shown, marks=written, notes=said),
                    )
                )
                continue
        kept.append(finding)
    return tuple(kept)


def _areas_told(findings: tuple[Finding, ...], read: MatrixSource) -> tuple[Finding, ...]:
    kept = tuple(f for f in findings if not (f.rule == "unknown-area" and f.id in read.inferred))
    if not read.unknown_areas:
        return kept
    return (*kept, Finding("unknown-area", "info", None, None, facts(ids=tuple(read.unknown_areas))))


def size_comparison(
    catalogue: Catalogue, profile: Profile, matrix: Matrix, sizes: Sequence[Profile]
) -> tuple[SizeShares, ...]:
    """Every profile of `sizes` on `catalogue`, smallest first, plus `profile` if it is not one of them."""
    entries = []
    is_builtin = False
    for builtin in sizes:
        current = builtin == profile
        is_builtin = is_builtin or current
        other = matrix if current else build_matrix(catalogue, builtin)
        entries.append(SizeShares(builtin, compute_shares(other), current))
    if not is_builtin:
        entries.append(SizeShares(profile, compute_shares(matrix), True))
        entries.sort(key=lambda entry: (entry.profile.headcount_min, not entry.current))
    return tuple(entries)


def workload(matrix: Matrix) -> tuple[Workload, ...]:
    """Letters held per role, every letter counted (0 where the role holds none)."""
    columns = [Counter(letters) for letters in zip(*(row.letters for row in matrix.rows), strict=True)]
    columns = columns or [Counter() for _ in matrix.roles]
    return tuple(
        Workload(role=role, counts={letter: column[letter] for letter in matrix.scheme.letters})
        for role, column in zip(matrix.roles, columns, strict=True)
    )
