"""The growth plan as facts: per step of a comparison's path, the hires in order, the roles whose
sign-offs change, the strategy rows that move last and the guardrails that apply.

`raci.render.plan_text` says it in a language; nothing here makes a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Role
from .compare import Comparison, Move, hands_to_marketing
from .shares import STRATEGIC_AREAS

# Functions in the order a growing firm hires their first owner: marketing first (a marketing
# executive relieves sales of collateral and leads), then the rest by how much they take over.
FIRST_HIRES = ("marketing",)
GUARDRAILS = ("lead-definition", "pipeline-measures", "discount-bands", "budget")


@dataclass(frozen=True)
class Hire:
    """A role of the TO profile that the FROM profile does not have.

    `takes`: the rows it becomes Accountable for; `does`: the rows it does the work on (R) without
    answering for them; `sources`: who answered for what it takes, with how many rows each.
    """

    role: Role
    takes: tuple[Move, ...]
    does: tuple[Move, ...]
    sources: tuple[tuple[Role | None, int], ...]


@dataclass(frozen=True)
class RoleChange:
    """A role of the FROM profile whose sign-offs change: what it stops and starts answering for.

    `successor` is the same role in the TO profile (maybe under another title), None when it is gone.
    """

    role: Role
    successor: Role | None
    loses: tuple[Move, ...]
    gains: tuple[Move, ...]

    @property
    def loses_marketing(self) -> tuple[Move, ...]:
        """What a role wearing the sales hat hands to marketing: its bonus should no longer hang on it."""
        return tuple(move for move in self.loses if hands_to_marketing(move.old, move.new))


@dataclass(frozen=True)
class Step:
    """One step of the path: the moves of Accountable role, the hires, the roles that change."""

    number: int
    comparison: Comparison
    hires: tuple[Hire, ...]
    role_changes: tuple[RoleChange, ...]
    strategy: tuple[Move, ...]  # strategy rows among the moves: they move last
    guardrails: tuple[str, ...]  # keys of GUARDRAILS that apply

    @property
    def moves(self) -> tuple[Move, ...]:
        return self.comparison.role_moves

    @property
    def function_changes(self) -> tuple[Move, ...]:
        """The moves whose Accountable function changes too."""
        return tuple(move for move in self.moves if move.changed)

    @property
    def to_hires(self) -> tuple[Move, ...]:
        return tuple(move for hire in self.hires for move in hire.takes)

    @property
    def to_existing(self) -> tuple[Move, ...]:
        """The moves to roles the firm already has (under their old title or a new one)."""
        hired = {move.item.id for move in self.to_hires}
        return tuple(move for move in self.moves if move.item.id not in hired)


def plan_steps(comparison: Comparison) -> tuple[Step, ...]:
    """Each step of the comparison's path, with its hires, role changes, strategy rows and guardrails."""
    return tuple(_step(number, step) for number, step in enumerate(comparison.path, start=1))


def _step(number: int, comparison: Comparison) -> Step:
    known = set(dict(comparison.successors).values())
    moves = comparison.role_moves
    hires = []
    for role in comparison.new.roles:
        if role.key in known:
            continue
        takes = tuple(move for move in moves if move.new == role)
        does = tuple(move for move in comparison.moves if role.title in move.new_responsible and move.new != role)
        sources: list[tuple[Role | None, int]] = []
        for move in takes:
            if move.old not in [source for source, _ in sources]:
                sources.append((move.old, sum(1 for other in takes if other.old == move.old)))
        sources.sort(key=lambda entry: -entry[1])
        hires.append(Hire(role, takes, does, tuple(sources)))
    first = [hire for hire in hires if hire.takes and hire.role.function in FIRST_HIRES][:1]
    rest = sorted((hire for hire in hires if hire not in first), key=lambda hire: (-len(hire.takes), -len(hire.does)))
    changes = []
    holders: list[Role] = []
    for move in comparison.moves:
        if move.old is not None and move.old not in holders:
            holders.append(move.old)
    for role in holders:
        successor = comparison.successor(role)
        loses = tuple(move for move in moves if move.old == role)
        gains = tuple(move for move in moves if successor is not None and move.new == successor and move.old != role)
        if loses or gains or successor is None or successor.title != role.title:
            changes.append(RoleChange(role, successor, loses, gains))
    strategy = tuple(
        move
        for move in moves
        if move.item.home == "marketing"
        and (move.item.horizon == "long" if move.item.horizon else move.item.area in STRATEGIC_AREAS)
    )
    return Step(number, comparison, (*first, *rest), tuple(changes), strategy, _guardrails(moves))


def _guardrails(moves: tuple[Move, ...]) -> tuple[str, ...]:
    found = []
    if any(hands_to_marketing(move.old, move.new) for move in moves):
        found += ["lead-definition", "pipeline-measures"]
    if any(move.item.area == "pricing" for move in moves):
        found.append("discount-bands")
    if any(move.item.kind == "budget" for move in moves):
        found.append("budget")
    return tuple(found)
