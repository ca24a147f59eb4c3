"""A letter scheme as one value: its letters, what each is called and means, its colours, and which
letters answer for a row or do its work.

Readers, checks and renderers ask the scheme instead of spelling letters, so another scheme
(RASCI, DACI) is one more `Scheme`. `RACI` is the scheme of every built-in profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from .i18n import N_


class Letter(StrEnum):
    """A letter of the RACI scheme; equal to the string written in matrices and profiles."""

    R = "R"
    A = "A"
    AR = "A/R"
    C = "C"
    I = "I"  # noqa: E741 (the letter's own name)


@dataclass(frozen=True)
class Swatch:
    """A letter's fill and ink as #rrggbb, and whether it is set in bold."""

    fill: str
    ink: str
    bold: bool = False

    @property
    def xlsx_fill(self) -> str:
        """The fill as openpyxl wants it: RRGGBB in upper case."""
        return self.fill.lstrip("#").upper()

    @property
    def xlsx_ink(self) -> str:
        return self.ink.lstrip("#").upper()


@dataclass(frozen=True, eq=False)  # one object per scheme: compared and hashed by identity
class Scheme:
    """Letters and what they stand for.

    `letters` are in the order a matrix's drop-down and legend list them; `ranked` strongest first
    (a role card's order, and which letter wins when two roles merge); `colours` in the order of
    the pages' CSS custom properties. `names`, `meanings` and `parts` are English message ids that
    the catalogues translate; `words` are the spellings a reader accepts for a letter in English and
    Indonesian. `joined` names the letter of one role that holds several (A and R make A/R).
    """

    name: str
    letters: tuple[str, ...]
    ranked: tuple[str, ...]
    names: Mapping[str, str]
    meanings: Mapping[str, str]
    parts: Mapping[str, str]
    colours: Mapping[str, Swatch]
    accountable: frozenset[str]
    responsible: frozenset[str]
    consulted: frozenset[str]
    joined: Mapping[frozenset[str], str]
    words: Mapping[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        known = set(self.letters)
        for part in (self.ranked, self.names, self.meanings, self.parts, self.colours):
            if set(part) != known:
                raise ValueError(f"scheme {self.name}: {sorted(set(part) ^ known)} not in step with its letters")

    @property
    def doing(self) -> frozenset[str]:
        """The letters that answer for or do the work."""
        return self.accountable | self.responsible

    @property
    def simple(self) -> tuple[str, ...]:
        """The letters of one character, of which joined letters are made."""
        return tuple(letter for letter in self.letters if len(letter) == 1)

    @property
    def owner(self) -> str:
        """The single letter that answers for a row (A in RACI)."""
        return next(letter for letter in self.ranked if letter in self.accountable and len(letter) == 1)

    @property
    def doer(self) -> str:
        """The single letter of the role that does the work (R in RACI)."""
        return next(letter for letter in self.ranked if letter in self.responsible and len(letter) == 1)

    @property
    def asked(self) -> str:
        """The letter of a role asked before the work (C in RACI)."""
        return next(letter for letter in self.ranked if letter in self.consulted)

    def slug(self, letter: str) -> str:
        """The letter as a name part of CSS classes and properties: "A/R" -> "AR"."""
        return "".join(char for char in letter if char.isalnum())

    def merge(self, first: str, second: str) -> str:
        """The letter of one role that holds both ("" is none): a joined letter, else the stronger."""
        both = self.joined.get(frozenset({first, second}))
        if both is not None:
            return both
        strength = {letter: len(self.ranked) - rank for rank, letter in enumerate(self.ranked)}
        return max(first, second, key=lambda letter: strength.get(letter, 0))


RACI = Scheme(
    name="RACI",
    letters=(Letter.R, Letter.A, Letter.AR, Letter.C, Letter.I),
    ranked=(Letter.AR, Letter.A, Letter.R, Letter.C, Letter.I),
    names=MappingProxyType(
        {
            Letter.R: N_("Responsible"),
            Letter.A: N_("Accountable"),
            Letter.AR: N_("Accountable and responsible"),
            Letter.C: N_("Consulted"),
            Letter.I: N_("Informed"),
        }
    ),
    meanings=MappingProxyType(
        {
            Letter.R: N_("Responsible: does the work."),
            Letter.A: N_("Accountable: answers for the outcome and signs it off; exactly one per row."),
            Letter.AR: N_("Accountable and also does the work."),
            Letter.C: N_("Consulted: asked before the work is done; two-way."),
            Letter.I: N_("Informed: told after the work is done; one-way."),
        }
    ),
    # A role's part, in the words of its card.
    parts=MappingProxyType(
        {
            Letter.AR: N_("Answers for and does"),
            Letter.A: N_("Answers for"),
            Letter.R: N_("Does"),
            Letter.C: N_("Is asked before"),
            Letter.I: N_("Is told after"),
        }
    ),
    # Calm colours, the accountable letters darkest: A navy, A/R steel blue, R light blue, C tan, I grey.
    colours=MappingProxyType(
        {
            Letter.A: Swatch("#1d3557", "#ffffff", bold=True),
            Letter.AR: Swatch("#4a86b4", "#ffffff", bold=True),
            Letter.R: Swatch("#bcd7ea", "#12324a"),
            Letter.C: Swatch("#f4e2b3", "#5a4410"),
            Letter.I: Swatch("#e7eaee", "#4a5361"),
        }
    ),
    accountable=frozenset({Letter.A, Letter.AR}),
    responsible=frozenset({Letter.R, Letter.AR}),
    consulted=frozenset({Letter.C}),
    joined=MappingProxyType({frozenset({Letter.A, Letter.R}): Letter.AR}),
    words=MappingProxyType(
        {
            Letter.R: ("responsible", "responsibility", "pelaksana"),
            Letter.A: ("accountable", "accountability", "penanggung jawab", "penanggungjawab", "akuntabel"),
            Letter.C: ("consulted", "consult", "dikonsultasikan", "konsultasi"),
            Letter.I: ("informed", "inform", "diberi informasi", "diinformasikan", "diberitahu", "informasi"),
        }
    ),
)
