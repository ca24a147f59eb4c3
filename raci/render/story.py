"""What a deliverable says, told once per run: the headline, the shares and what they mean, the size
chart, the next step, the checks grouped and counted, the roles' loads and cards, the org chart, the
load (letters weighted) per role and person and the communication plan with its cadence.

`tell_story` builds it from a Report in one language; the workbook, the page and the deck lay it out
and compute none of it again, so every output says the same things with the same counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..core.communication import CommunicationPlan
from ..core.load import Load
from ..core.report import Report
from ..core.shares import Shares, structure_of
from ..i18n import DEFAULT, Translator
from ..model import Finding, Matrix, MatrixSource, Role, Row
from ..scheme import RACI, Scheme
from .chart import Chart, size_chart
from .findings import Checks, checks_summary, shared_advice
from .messages import Told, tell
from .orgchart import OrgChart, org_chart
from .people import cadence_words
from .words import check_title, function_words, lower_first

HIGH = 0.75  # a share at or above this reads as "most"


@dataclass(frozen=True)
class RoleLoad:
    """One role's letters; `accountable` counts A and A/R, `accountable_share` over all rows."""

    role: Role
    counts: Mapping[str, int]
    accountable: int
    total: int
    accountable_share: float
    bottleneck: bool


def role_loads(report: Report) -> tuple[RoleLoad, ...]:
    """Each role's letters; a bottleneck answers for more than the profile's `overload_share` (as the checks say)."""
    rows = report.shares.rows
    limit = report.profile.checks.overload_share
    loads = []
    for entry in report.workload:
        accountable = sum(entry.counts.get(letter, 0) for letter in report.matrix.scheme.accountable)
        loads.append(
            RoleLoad(
                role=entry.role,
                counts=entry.counts,
                accountable=accountable,
                total=sum(entry.counts.values()),
                accountable_share=accountable / rows if rows else 0.0,
                bottleneck=rows > 0 and accountable / rows > limit,
            )
        )
    return tuple(loads)


def reading(report: Report) -> str:
    """Which interpretation sentence the headline gets, from the figures (the rule the structures are told by).

    "split": marketing answers for its own share beside sales; "hat": one role whose own function is not
    sales (a founder, an owner-director) wears the sales hat and signs off most of the work;
    "sales": sales-led and sales signs off at least as much as anyone outside sales and
    marketing; "role": sales-led on paper, but one role outside both functions signs off most.
    """
    shares = report.shares
    if structure_of(shares) == "separate" and shares.sales_led > 0:
        return "split"
    lead = max(role_loads(report), key=lambda load: load.accountable, default=None)
    if lead is not None and lead.role.wears("sales") and lead.role.function != "sales" and lead.accountable_share > 0.5:
        return "hat"
    return "sales" if shares.sales_led >= other_share(shares) else "role"


def other_share(shares: Shares) -> float:
    """Rows signed off by a role wearing neither the sales nor the marketing hat (or by no single role)."""
    return shares.segments["others"]


CARD_ROWS = 300  # up to this many rows a card names each responsibility; beyond, it counts them by area


@dataclass(frozen=True)
class RoleCard:
    """One role's part of the matrix: per letter, its responsibilities grouped by area."""

    role: Role
    load: RoleLoad
    parts: tuple[tuple[str, tuple[tuple[str, tuple[Row, ...]], ...]], ...]  # (letter, ((area, rows), ...))


def role_cards(report: Report, loads: tuple[RoleLoad, ...]) -> tuple[RoleCard, ...]:
    """Every role's card, in column order."""
    rows = report.matrix.rows
    cards = []
    for index, load in enumerate(loads):
        parts = []
        for letter in report.matrix.scheme.ranked:  # what a role answers for first, what it hears of last
            mine = [row for row in rows if row.letters[index] == letter]
            areas = list(dict.fromkeys(row.item.area for row in mine))
            if mine:
                parts.append((letter, tuple((area, tuple(r for r in mine if r.item.area == area)) for area in areas)))
        cards.append(RoleCard(load.role, load, tuple(parts)))
    return tuple(cards)


def roles_kept(report: Report) -> bool:
    """Whether the matrix has the profile's roles under the profile's titles: only then does the profile's
    description (which names them) speak of this firm; after --roles renamed or merged one, it does not."""
    kept = tuple((role.key, role.title) for role in report.profile.roles)
    return tuple((role.key, role.title) for role in report.matrix.roles) == kept


@dataclass(frozen=True)
class NextStep:
    """What the next size up changes first: the step's heading, trigger and counts, its first hire."""

    size: str  # the next size's name
    title: str  # the next size's title, in the story's language ("Medium-sized company")
    differs: bool  # True: how a matrix made elsewhere differs from the size it was given; else the next size up
    origin: str  # what `raci compare --from` takes for this report: a size name, or the matrix's file
    heading: str
    trigger: str
    counts: tuple[str, ...]
    first_hire: tuple[str, ...]
    agreement: tuple[str, ...] = ()  # the marketing-sales agreement once both functions exist
    scope: str = ""  # said when most of the matrix is not sales and marketing work


def next_step(report: Report, t: Translator) -> NextStep | None:
    """The first step of the growth plan from this profile to the next built-in size, or None at the top."""
    from ..core.compare import compare
    from ..core.plan import plan_steps
    from .localise import localise_profile
    from .plan_text import step_text

    sizes = [entry.profile for entry in report.sizes]
    current = next((entry.profile for entry in report.sizes if entry.current), None)
    catalogue = report.matrix.catalogue
    if current is None or catalogue is None:
        return None
    if report.target is not None:  # a matrix made elsewhere, set beside the size it was given
        goal = report.target
    elif current.source is not None and current.source == catalogue.path:
        return None  # a matrix made elsewhere, of no size it was given: no next size to speak of
    else:
        bigger = [size for size in sizes if size.headcount_min > current.headcount_min]
        if not bigger:
            return None
        goal = bigger[0]
    shown = {profile.name: localise_profile(profile, t.lang) for profile in (current, goal)}
    step = step_text(plan_steps(compare(catalogue, current, goal, roles=report.roles, shown=shown))[0], t)
    return NextStep(
        size=goal.name,
        title=shown[goal.name].title,
        differs=report.target is not None,
        origin=catalogue.path.name if report.target is not None else current.name,
        heading=step.heading,
        trigger=step.trigger,
        counts=step.counts,
        first_hire=step.hire_sentences[0] if step.hire_sentences else step.hires[:1],
        agreement=step.agreement,
        scope=step.scope,
    )


def headline(report: Report, t: Translator) -> str:
    """The summary page's reading sentence, as the page words it."""
    shares = report.shares
    kind = reading(report)
    if kind == "split":
        return t(
            "Marketing and sales are split: marketing answers for %(marketing)s of the work, sales for %(sales)s."
        ) % {
            "marketing": t.percent(shares.marketing_led),
            "sales": t.percent(shares.sales_led),
        }
    if kind == "sales":
        return t("Sales leads: the sales function answers for %(sales)s of the work, marketing included.") % {
            "sales": t.percent(shares.sales_led)
        }
    lead = max(role_loads(report), key=lambda load: load.accountable)
    values = {
        "role": t(lead.role.title),
        "role_share": t.percent(lead.accountable_share),
        "sales": t.percent(shares.sales_led),
        "marketing": t.percent(shares.marketing_led),
    }
    if kind == "hat":
        return (
            t(
                "%(role)s leads and sells: wearing the sales hat, that one role answers for %(role_share)s of the "
                "work, marketing included; the firm is %(sales)s sales-led."
            )
            % values
        )
    return (
        t(
            "%(role)s leads: that one role answers for %(role_share)s of the work, sales and marketing included; "
            "the sales function answers for %(sales)s, marketing for %(marketing)s."
        )
        % values
    )


def diagnosis(report: Report, t: Translator) -> str:
    """For a matrix made elsewhere set beside a size: the structure expected of a firm of its headcount
    and the one its own figures show, told by the same rule; "" otherwise."""
    target = report.target
    if target is None or report.read is None:
        return ""
    own = report.profile
    people = own.headcount_label if own.headcount_max == own.headcount_min else target.headcount_label
    shares = report.shares
    return t(
        "For a firm of {people} people ({size}), {expected} is expected; here {found}: marketing answers for "
        "{marketing} of the work, sales for {sales}."
    ).format(
        people=people,
        size=t(target.title),
        expected=t(target.structure),
        found=t(structure_of(shares)),
        marketing=t.percent(shares.marketing_led),
        sales=t.percent(shares.sales_led),
    )


def matrix_title(report: Report, t: Translator) -> str:
    """The matrix's title under its scheme's name: "RACI matrix — Small company (…)", "RAPID matrix — …"."""
    profile = report.profile
    return t("{scheme} matrix \u2014 {profile} ({people} people)").format(
        scheme=report.matrix.scheme.name, profile=t(profile.title), people=profile.headcount_label
    )


def owner_letters(scheme: Scheme, t: Translator) -> str:
    """The letters that sign a row off in `scheme`, as the captions name them: "A or A/R" in RACI, "D" in RAPID."""
    if scheme is RACI:
        return t("A or A/R")
    return ", ".join(letter for letter in scheme.letters if letter in scheme.accountable)


def share_readings(report: Report, t: Translator) -> list[tuple[str, float | None, str]]:
    """The four shares: label, value and a plain reading of what the value means for this firm."""
    shares = report.shares
    sales_led = structure_of(shares) == "sales-led"
    rows = {"num": shares.rows}
    owners = owner_letters(report.matrix.scheme, t)
    if shares.home_alignment is None:
        home = t("No responsibility has a sales or marketing home, so there is nothing to align.")
    elif shares.home_alignment >= HIGH:
        home = t("Most sales and marketing work is signed off by its own function.")
    elif sales_led:
        home = t("Most marketing work is still signed off by sales, as expected while sales leads.")
    else:
        home = t("Much sales and marketing work is signed off outside its own function: check who holds each A.")
    if shares.strategy_alignment is None:
        strategy = t("No responsibility is marketing strategy, so there is nothing to measure.")
    elif shares.strategy_alignment >= HIGH:
        strategy = t("Marketing strategy is signed off by marketing.")
    elif sales_led:
        strategy = t(
            "Sales sets marketing strategy, as expected while sales leads; hand it to marketing as the firm grows."
        )
    else:
        strategy = t("Sales still sets much of the marketing strategy although the firm has a marketing function.")
    return [
        (
            t("Sales-led share"),
            shares.sales_led,
            t.plural(
                "Responsibilities signed off (%(letters)s) by a role wearing the sales hat, out of %(num)d.",
                "Responsibilities signed off (%(letters)s) by a role wearing the sales hat, out of all %(num)d.",
                shares.rows,
            )
            % {**rows, "letters": owners},
        ),
        (
            t("Marketing-led share"),
            shares.marketing_led,
            t.plural(
                "Responsibilities signed off (%(letters)s) by a role wearing the marketing hat, out of %(num)d.",
                "Responsibilities signed off (%(letters)s) by a role wearing the marketing hat, out of all %(num)d.",
                shares.rows,
            )
            % {**rows, "letters": owners},
        ),
        (t("Home alignment"), shares.home_alignment, home),
        (t("Strategy alignment"), shares.strategy_alignment, strategy),
    ]


def _check_line(group: Sequence[Told], t: Translator) -> str:
    """A group of findings as one line: the rows it names and what to do."""
    ids, roles = _group_where(group)
    where = ids or roles
    if len(group) == 1 or not where:
        return _group_text(group)
    return t("{where}: {advice}").format(where=where, advice=lower_first(_group_text(group)))


def first_change(report: Report, lines: Sequence[CheckLine], t: Translator) -> str:
    """What to change first: the first error's (or warning's) advice, else the next step as the firm grows."""
    urgent = [line for line in lines if line.severity in ("error", "warning")]
    if urgent:
        return t("{check}: {advice}").format(check=urgent[0].title, advice=urgent[0].line)
    strategy = report.shares.strategy_alignment
    if strategy is not None and strategy < HIGH:
        return t(
            "Nothing needs fixing now. As the firm grows, give marketing strategy (research, branding, pricing) "
            "to a marketing role first."
        )
    return t("Nothing needs fixing: keep the matrix up to date as roles and people change.")


def finding_groups(findings: Sequence[Told]) -> list[tuple[Told, ...]]:
    """Findings of one check that give the same advice, together (in first-seen order); the others alone."""
    groups: dict[tuple[str, str] | int, list[Told]] = {}
    for index, finding in enumerate(findings):
        key: tuple[str, str] | int = (finding.rule, finding.advice) if finding.advice else index
        groups.setdefault(key, []).append(finding)
    return [tuple(group) for group in groups.values()]


def _group_where(group: Sequence[Told]) -> tuple[str, str]:
    """The rows and the roles a group of findings names, comma-separated."""
    ids = ", ".join(dict.fromkeys(finding.id for finding in group if finding.id))
    roles = ", ".join(dict.fromkeys(finding.role for finding in group if finding.role))
    return ids, roles


def _group_text(group: Sequence[Told]) -> str:
    """A single finding's message; a group's shared advice."""
    if len(group) == 1:
        return group[0].message
    return shared_advice(group) or group[0].message


@dataclass(frozen=True)
class CheckLine:
    """Findings of one check giving one advice, as the workbook and the deck list them: the check in
    words, the rows and roles it names, and what it says (a single finding's message, a group's advice)."""

    severity: str
    rule: str
    title: str
    ids: str
    roles: str
    text: str  # the message, or the advice the group shares
    line: str  # `text`, led by the rows or roles when several findings share it
    findings: tuple[Told, ...] = ()


def check_lines(told: Sequence[Told], t: Translator) -> tuple[CheckLine, ...]:
    lines = []
    for group in finding_groups(told):
        ids, roles = _group_where(group)
        lines.append(
            CheckLine(
                group[0].severity,
                group[0].rule,
                check_title(group[0].rule, t),
                ids,
                roles,
                _group_text(group),
                _check_line(group, t),
                tuple(group),
            )
        )
    return tuple(lines)


@dataclass(frozen=True)
class ConfirmLine:
    """A row the outputs ask the client to confirm (raci's guess, why, the fix), or one whose Accountable
    the client chose."""

    id: str
    responsibility: str
    guess: str
    why: str
    fix: str
    chosen: bool = False


def confirm_lines(report: Report, t: Translator) -> tuple[ConfirmLine, ...]:
    from .uncertain import fix, guess, why

    lines = [
        ConfirmLine(entry.id, entry.responsibility, guess(entry, t), why(entry, t), fix(entry, t))
        for entry in report.uncertain
    ]
    lines += [
        ConfirmLine(entry.id, "", t(entry.role.title), t("the client's choice (`accountable` column)"), "", True)
        for entry in report.pinned
    ]
    return tuple(lines)


@dataclass(frozen=True)
class ReadAs:
    """What raci read in a matrix made elsewhere as something other than what it holds, alike ones
    together: the audit trail of what raci decided, in every output of that matrix (the JSON of
    `raci check` too). `kind` is a key of `READ_AS_KINDS`."""

    before: str
    after: str  # "" where the cell was read as holding no letter, or the role's function or the row's area as unknown
    cells: tuple[str, ...]  # the cells, or the rows of an area
    spelling: bool  # only the spelling changed (case, spaces, order, a dash for none)
    kind: str = "meaning"
    change: str = ""  # what the kind changed, in the deliverable's language
    shown: str = ""  # `after` as the deliverable shows it: a function or an area in its language

    @property
    def written(self) -> str:
        """The cell as written, a character from outside ASCII named by its code point (a look-alike
        such as Cyrillic Es, U+0421, shows the same as "C" but is not the letter)."""
        odd = [f"U+{ord(char):04X}" for char in dict.fromkeys(self.before) if not char.isascii()]
        return f"{self.before} ({', '.join(odd)})" if odd else self.before


# The kinds of the audit trail, in the order shown: what changes a letter's meaning first, spelling last.
READ_AS_KINDS = ("control", "cut", "meaning", "unreadable", "role", "area", "function", "spelling")
NONE_MARKS = frozenset("-\u2013\u2014.")  # a cell holding only these holds no letter


def _spelling_only(before: str, after: str) -> bool:
    written = "".join(before.split())
    if not after:
        return bool(written) and set(written) <= NONE_MARKS
    if not written.isascii():
        return False  # a look-alike from another script: the same to the eye, not to a spreadsheet
    if written.casefold() == after.casefold():
        return True
    return sorted(written.upper().replace("/", "")) == sorted(after.upper().replace("/", ""))


def read_as(report: Report, t: Translator) -> tuple[ReadAs, ...]:
    """The audit trail of the report's matrix made elsewhere (see `read_as_of`), in words; () for any other input."""
    from dataclasses import replace

    from .labels import area_label
    from .words import READ_AS_CHANGES

    def shown(entry: ReadAs) -> str:
        if entry.kind == "function":
            return function_words(entry.after or "unknown", t)
        if entry.kind == "area":
            return t(area_label(entry.after)) if entry.after else t("none raci knows")
        return entry.after or t("(empty)")

    return tuple(
        replace(entry, change=t(READ_AS_CHANGES[entry.kind]), shown=shown(entry))
        for entry in read_as_of(report.read, report.matrix, report.findings)
    )


def read_as_of(read: MatrixSource | None, matrix: Matrix, findings: Sequence[Finding]) -> tuple[ReadAs, ...]:
    """Everything raci read differently from how a matrix made elsewhere writes it, or decided for it: each
    way a letter is written and read otherwise (a mark dropped, a word, a look-alike, a placeholder; spelling
    only last), letters it cannot read, role titles merged, rows whose area it told from their wording, and
    each role's function told from its title; the most frequent first within each kind."""
    if read is None:
        return ()
    letters: dict[tuple[str, str], list[str]] = {}
    merged: dict[tuple[str, str], list[str]] = {}
    for change in read.normalised:
        into = merged if change.cell in read.merged else letters
        into.setdefault((change.before, change.after), []).append(change.cell)
    found = [
        ReadAs(before, after, tuple(where), spelling, "spelling" if spelling else "meaning")
        for (before, after), where in letters.items()
        for spelling in (_spelling_only(before, after),)
    ]
    found += [ReadAs(before, after, tuple(where), False, "role") for (before, after), where in merged.items()]
    found += [ReadAs(change.before, change.after, (change.cell,), False, "control") for change in read.controls]
    found += [ReadAs(change.before, change.after, (change.cell,), False, "cut") for change in read.cut]
    unreadable: dict[str, list[str]] = {}
    for finding in findings:
        if finding.rule == "invalid-letter":
            unreadable.setdefault(str(finding.param("value")), []).append(str(finding.param("cell")))
    found += [ReadAs(value, "", tuple(where), False, "unreadable") for value, where in unreadable.items()]
    areas: dict[str, list[str]] = {}
    for row in matrix.rows:
        if row.item.id in read.inferred:
            areas.setdefault(row.item.area if row.item.id not in read.unknown_areas else "", []).append(row.item.id)
    found += [ReadAs("", area, tuple(ids), False, "area") for area, ids in areas.items()]
    found += [
        ReadAs(title, function or "", (cell,), False, "function")
        for (title, cell), function in zip(read.role_titles, read.functions, strict=False)
    ]
    order = {kind: number for number, kind in enumerate(READ_AS_KINDS)}
    return tuple(sorted(found, key=lambda entry: (order[entry.kind], -len(entry.cells))))


@dataclass(frozen=True)
class Story:
    """Everything a deliverable of `report` says in `lang` (see the module's docstring)."""

    report: Report
    lang: str
    headline: str
    reading: str  # which headline sentence applies: split, hat, sales or role
    loads: tuple[RoleLoad, ...]
    shares: tuple[tuple[str, float | None, str], ...]  # (label, value, what it means for this firm)
    chart: Chart
    next_step: NextStep | None
    first_change: str
    checks: Checks  # the verdict, the counts, errors and warnings one by one, notes grouped by check
    lines: tuple[CheckLine, ...]  # the findings by check and advice
    cards: tuple[RoleCard, ...]
    org: OrgChart
    confirm: tuple[ConfirmLine, ...] = ()  # the rows to confirm, then the rows whose Accountable the client chose
    said: tuple[Told, ...] = ()  # every finding with its words, in the report's order
    read_as: tuple[ReadAs, ...] = ()  # for a matrix made elsewhere: what raci read differently or told, alike together
    diagnosis: str = ""  # a matrix made elsewhere beside a size: what that size expects and what it shows
    cadence: str = ""  # how often and where those who decide ask and tell, in words

    @property
    def load(self) -> Load:
        """Each role's and person's weighted letters (the report's: one figure for every output)."""
        return self.report.load

    @property
    def communication(self) -> CommunicationPlan:
        """Whom each person, and each deciding role, asks before and tells after."""
        return self.report.communication

    @property
    def t(self) -> Translator:
        return Translator(self.lang)

    @property
    def lead_role(self) -> RoleLoad | None:
        return max(self.loads, key=lambda load: load.accountable, default=None)


def tell_story(report: Report, lang: str = DEFAULT) -> Story:
    """What the deliverables of `report` say, in `lang`."""
    t = Translator(lang)
    loads = role_loads(report)
    said = tell(report.findings, t)
    lines = check_lines(said, t)
    return Story(
        report=report,
        lang=lang,
        headline=headline(report, t),
        reading=reading(report),
        loads=loads,
        shares=tuple(share_readings(report, t)),
        chart=size_chart(report.sizes, t),
        next_step=next_step(report, t),
        first_change=first_change(report, lines, t),
        checks=checks_summary(report.findings, t),
        lines=lines,
        cards=role_cards(report, loads),
        org=org_chart(report.matrix.roles),
        confirm=confirm_lines(report, t),
        said=said,
        read_as=read_as(report, t),
        diagnosis=diagnosis(report, t),
        cadence=cadence_words(report.communication.settings, t),
    )


def told(subject: Report | Story, lang: str = DEFAULT) -> Story:
    """`subject` as told: a Story as it is, a Report told in `lang`."""
    return subject if isinstance(subject, Story) else tell_story(subject, lang)
