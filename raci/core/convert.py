"""One assignment in another scheme: the rules that turn RACI letters into DACI's or RAPID's and back.

RACI to DACI, on decision rows only (`is_decision`; the others stay RACI): the Accountable is the
Approver (A stays A); the first role doing the work (R) drives the decision (D) and any other R
contributes (C); an A/R with no R beside it drives its own decision (A/D), with an R beside it stays
the Approver (A). C (Contributors) and I stay. Back to RACI: D is R and A/D is A/R. The round trip is
exact when a decision row has at most one role doing its work (one R, or one A/R).

RACI to RAPID, on every row (RAPID has no other letters to share with RACI): the Accountable decides
(A and A/R are D); on a decision row the first R recommends (R) and any other performs (P), on other
rows every R performs; C gives input (I); RAPID keeps no list of the informed, so I is left empty.
Back to RACI: D is A (A/R when nobody recommends or performs), R and P are R, I and A (agree) are C.
The round trip is exact when no role is only informed and an A/R does the work alone.

RASCI holds RACI's letters and S: RACI rows are already RASCI rows; back to RACI, S is C.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Matrix, Profile, Responsibility, Row
from ..scheme import DACI, RAPID, Scheme, rules_scheme

DECIDING = frozenset({"set", "approve"})  # kinds of decision (raci.model.DECISIONS) that decide something
DECIDING_KINDS = frozenset({"decide", "recommend"})  # kinds of work (vocabulary.toml) that are decisions


def is_decision(item: Responsibility) -> bool:
    """Whether a row is a decision: its words set or approve something, or recommend or decide."""
    return item.reading.decision in DECIDING or (item.kind or item.reading.kind) in DECIDING_KINDS


def in_own_letters(profile: Profile) -> bool:
    """Whether a profile's rules write letters of its scheme that RACI lacks (a DACI D, a RAPID P): such
    rules are the scheme's own, taken as they are; rules in RACI's letters are converted."""
    base = set(rules_scheme(profile.scheme).letters)
    return any(letter not in base for rule in profile.rules for letter in rule.letters.values())


@dataclass(frozen=True)
class Converted:
    """Which rows are decisions: DACI shows `decisions` in its own letters and leaves `kept` in RACI's;
    RAPID shows every row in its letters; RACI and RASCI have no decisions of their own."""

    scheme: Scheme
    decisions: tuple[str, ...]
    kept: tuple[str, ...]


def convert(matrix: Matrix, scheme: Scheme) -> tuple[Matrix, Converted]:
    """`matrix` (in RACI or RASCI letters) shown in `scheme`, and which rows are which."""
    if scheme is matrix.scheme or scheme is rules_scheme(scheme):
        profile = replace(matrix.profile, scheme=scheme)
        ids = tuple(row.item.id for row in matrix.rows)
        return replace(matrix, profile=profile), Converted(scheme, (), ids)
    decided: list[str] = []
    kept: list[str] = []
    rows: list[Row] = []
    for row in matrix.rows:
        decision = is_decision(row.item)
        if scheme is DACI and decision:
            letters = to_daci(row.letters)
        elif scheme is RAPID:
            letters = to_rapid(row.letters, decision)
        else:
            letters = row.letters
        (decided if decision else kept).append(row.item.id)
        rows.append(replace(row, letters=letters))
    profile = replace(matrix.profile, scheme=scheme)
    return replace(matrix, profile=profile, rows=tuple(rows)), Converted(scheme, tuple(decided), tuple(kept))


def to_daci(letters: tuple[str, ...]) -> tuple[str, ...]:
    """A decision row's RACI letters as DACI's (see the module's rules)."""
    if any(letter in DACI.drivers for letter in letters):
        return letters
    doers = [index for index, letter in enumerate(letters) if letter == "R"]
    moved = ["C" if letter == "S" else letter for letter in letters]
    if doers:
        for index in doers:
            moved[index] = "D" if index == doers[0] else "C"
        return tuple("A" if letter == "A/R" else letter for letter in moved)
    return tuple("A/D" if letter == "A/R" else letter for letter in moved)


def from_daci(letters: tuple[str, ...]) -> tuple[str, ...]:
    """A DACI row's letters as RACI's."""
    return tuple({"D": "R", "A/D": "A/R"}.get(letter, letter) for letter in letters)


def to_rapid(letters: tuple[str, ...], decision: bool) -> tuple[str, ...]:
    """A row's RACI letters as RAPID's (see the module's rules)."""
    moved, recommended = [], False
    for letter in letters:
        if letter in ("A", "A/R"):
            moved.append("D")
        elif letter == "R" and decision and not recommended:
            moved.append("R")
            recommended = True
        elif letter == "R":
            moved.append("P")
        elif letter in ("C", "S"):
            moved.append("I")
        else:
            moved.append("")
    return tuple(moved)


def from_rapid(letters: tuple[str, ...]) -> tuple[str, ...]:
    """A RAPID row's letters as RACI's."""
    alone = not any(letter in ("R", "P") for letter in letters)
    return tuple(
        ("A/R" if alone else "A") if letter == "D" else {"R": "R", "P": "R", "I": "C", "A": "C"}.get(letter, "")
        for letter in letters
    )
