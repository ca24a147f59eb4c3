"""A letter scheme as one value: its letters, what each is called and means, its colours, and which
letters answer for a row or do its work.

Readers, checks and renderers ask the scheme instead of spelling letters, so another scheme is one
more `Scheme`: RACI (the scheme of every built-in profile), RASCI (S supports), DACI (Driver,
Approver, Contributors, Informed, for decisions) and Bain's RAPID (Recommend, Agree, Perform, Input,
Decide). `SCHEMES` holds them by the name `--scheme` and a profile's `scheme` key give.
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
    title: str = ""  # what the letters stand for, as an English message id
    once: tuple[frozenset[str], ...] = ()  # groups of letters of which each row holds exactly one
    supports: frozenset[str] = frozenset()  # letters that help the one doing the work (RASCI's S)
    drivers: frozenset[str] = frozenset()  # letters that drive a decision row (DACI's D and A/D)
    owner_is: str = "accountable"  # what the owner letter is called in the checks' codes: accountable, decider
    doer_needed: bool = True  # whether every row needs a role doing the work (RAPID's rows do not)
    told: frozenset[str] = frozenset({"I"})  # letters of a role only told afterwards (RAPID keeps none)

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
    def active(self) -> frozenset[str]:
        """The letters of a role that does, decides, helps or may block: all but the asked and the told."""
        return frozenset(self.letters) - self.consulted - self.told

    @property
    def key(self) -> str:
        """The scheme's name as `--scheme` and a profile's `scheme` key give it: "daci"."""
        return self.name.lower()

    @property
    def repeating(self) -> frozenset[str]:
        """The letters several roles of a row may hold."""
        return frozenset(self.letters).difference(*self.once)

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
    # Calm colours, the accountable letters darkest: A navy, A/R steel blue (both dark enough for white text,
    # WCAG AA), R light blue, C tan, I grey.
    colours=MappingProxyType(
        {
            Letter.A: Swatch("#1d3557", "#ffffff", bold=True),
            Letter.AR: Swatch("#3d75a0", "#ffffff", bold=True),
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
    title=N_("Responsible, Accountable, Consulted, Informed"),
    once=(frozenset({Letter.A, Letter.AR}),),
)

# RASCI: S supports the one who does the work; it neither answers for the row nor does the work itself.
RASCI = Scheme(
    name="RASCI",
    letters=(*RACI.letters[:3], "S", *RACI.letters[3:]),
    ranked=(*RACI.ranked[:3], "S", *RACI.ranked[3:]),
    names=MappingProxyType({**RACI.names, "S": N_("Supports")}),
    meanings=MappingProxyType({**RACI.meanings, "S": N_("Supports: helps the one who does the work.")}),
    parts=MappingProxyType({**RACI.parts, "S": N_("Helps")}),
    colours=MappingProxyType({**RACI.colours, "S": Swatch("#d8ecd4", "#24461f")}),
    accountable=RACI.accountable,
    responsible=RACI.responsible,
    consulted=RACI.consulted,
    joined=RACI.joined,
    words=MappingProxyType(
        {**RACI.words, "S": ("supports", "support", "supportive", "supporting", "pendukung", "mendukung")}
    ),
    title=N_("Responsible, Accountable, Supports, Consulted, Informed"),
    once=RACI.once,
    supports=frozenset({"S"}),
)

# DACI: for a decision, one Driver runs it and one Approver decides; Contributors are asked, the Informed
# told. Rows that are not decisions keep RACI's R (and A/R), so one matrix holds both views.
DACI = Scheme(
    name="DACI",
    letters=("D", "A", "A/D", "R", "A/R", "C", "I"),
    ranked=("A/D", "A/R", "A", "D", "R", "C", "I"),
    names=MappingProxyType(
        {
            "D": N_("Driver"),
            "A": N_("Approver"),
            "A/D": N_("Approver and driver"),
            "R": N_("Responsible"),
            "A/R": N_("Accountable and responsible"),
            "C": N_("Contributor"),
            "I": N_("Informed"),
        }
    ),
    meanings=MappingProxyType(
        {
            "D": N_("Driver: runs the decision to its end; exactly one per decision."),
            "A": N_("Approver (Accountable): makes the decision or answers for the outcome; exactly one per row."),
            "A/D": N_("Approver who also drives the decision."),
            "R": N_("Responsible: does the work (rows that are not decisions)."),
            "A/R": N_("Accountable and also does the work (rows that are not decisions)."),
            "C": N_("Contributor (Consulted): asked before; two-way."),
            "I": N_("Informed: told after the decision; one-way."),
        }
    ),
    parts=MappingProxyType(
        {
            "A/D": N_("Decides and drives"),
            "A/R": RACI.parts[Letter.AR],
            "A": N_("Decides or answers for"),
            "D": N_("Drives"),
            "R": RACI.parts[Letter.R],
            "C": N_("Contributes to"),
            "I": RACI.parts[Letter.I],
        }
    ),
    colours=MappingProxyType(
        {
            "A": RACI.colours[Letter.A],
            "A/D": Swatch("#2e6f73", "#ffffff", bold=True),
            "A/R": RACI.colours[Letter.AR],
            "D": Swatch("#a9d8d3", "#123f3c", bold=True),
            "R": RACI.colours[Letter.R],
            "C": RACI.colours[Letter.C],
            "I": RACI.colours[Letter.I],
        }
    ),
    accountable=frozenset({"A", "A/D", "A/R"}),
    responsible=frozenset({"D", "A/D", "R", "A/R"}),
    consulted=frozenset({"C"}),
    joined=MappingProxyType({frozenset({"A", "D"}): "A/D", frozenset({"A", "R"}): "A/R"}),
    words=MappingProxyType(
        {
            "D": ("driver", "drives", "penggerak", "pendorong", "pengendali"),
            "A": ("approver", "approves", "accountable", "penyetuju", "pemberi persetujuan", "penanggung jawab"),
            "R": ("responsible", "pelaksana"),
            "C": ("contributor", "contributors", "contributes", "consulted", "kontributor", "dikonsultasikan"),
            "I": ("informed", "inform", "diberi informasi", "diinformasikan", "diberitahu"),
        }
    ),
    title=N_("Driver, Approver, Contributors, Informed"),
    once=(frozenset({"A", "A/D", "A/R"}), frozenset({"D", "A/D"})),
    drivers=frozenset({"D", "A/D"}),
)

# RAPID (Bain): Recommend, Agree (may block), Perform, Input, Decide; one D per decision. RAPID keeps no
# list of who is told afterwards.
RAPID = Scheme(
    name="RAPID",
    letters=("R", "A", "P", "I", "D"),
    ranked=("D", "R", "A", "P", "I"),
    names=MappingProxyType(
        {"R": N_("Recommend"), "A": N_("Agree"), "P": N_("Perform"), "I": N_("Input"), "D": N_("Decide")}
    ),
    meanings=MappingProxyType(
        {
            "R": N_("Recommend: proposes the decision, gathering input."),
            "A": N_("Agree: must agree to the recommendation and may block it."),
            "P": N_("Perform: carries the decision out."),
            "I": N_("Input: is asked for facts before the decision; cannot block it."),
            "D": N_("Decide: makes the decision and commits to it; exactly one per row."),
        }
    ),
    parts=MappingProxyType(
        {
            "D": N_("Decides"),
            "R": N_("Recommends"),
            "A": N_("Must agree to"),
            "P": N_("Carries out"),
            "I": N_("Gives input to"),
        }
    ),
    colours=MappingProxyType(
        {
            "D": RACI.colours[Letter.A],
            "R": RACI.colours[Letter.AR],
            "A": Swatch("#e8c6c0", "#5b2a22"),
            "P": RACI.colours[Letter.R],
            "I": RACI.colours[Letter.C],
        }
    ),
    accountable=frozenset({"D"}),
    responsible=frozenset({"R", "P"}),
    consulted=frozenset({"I"}),
    joined=MappingProxyType({}),
    words=MappingProxyType(
        {
            "R": ("recommend", "recommends", "recommender", "merekomendasikan", "rekomendasi", "pengusul"),
            "A": ("agree", "agrees", "agreement", "menyetujui", "setuju"),
            "P": ("perform", "performs", "performer", "pelaksana", "melaksanakan"),
            "I": ("input", "inputs", "masukan", "memberi masukan"),
            "D": ("decide", "decides", "decider", "decision", "memutuskan", "pemutus", "pengambil keputusan"),
        }
    ),
    title=N_("Recommend, Agree, Perform, Input, Decide"),
    once=(frozenset({"D"}),),
    owner_is="decider",
    doer_needed=False,
    told=frozenset(),
)

SCHEMES: Mapping[str, Scheme] = MappingProxyType({scheme.key: scheme for scheme in (RACI, RASCI, DACI, RAPID)})


def scheme_named(name: str) -> Scheme | None:
    """The scheme `name` names in any case ("rasci", "DACI"), or None."""
    return SCHEMES.get(name.strip().lower())


def rules_scheme(scheme: Scheme) -> Scheme:
    """The scheme a profile's rules are written in for a matrix shown in `scheme`: RASCI's own, else RACI's
    (raci.core.convert turns them into DACI's or RAPID's)."""
    return RASCI if scheme is RASCI else RACI


def letters_facts(scheme: Scheme) -> dict[str, str | tuple[str, ...]]:
    """A finding's parameters naming the scheme's letters, for a scheme other than RACI (whose words
    name its letters themselves): `scheme` and `letters`."""
    return {} if scheme is RACI else {"scheme": scheme.name, "letters": tuple(scheme.letters)}
