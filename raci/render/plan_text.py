"""The growth plan and the comparison in words: the sentences `raci compare` prints, the plan its
workbook and page show, and the plan as JSON (its sentences included), in the reader's language.

The facts are `raci.core.compare` (who answers before and after) and `raci.core.plan` (the steps);
each sentence here is one message of the catalogue with named placeholders, so a language can order
it as it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.compare import Comparison, Move
from ..core.plan import (
    Agreement,
    Guardrail,
    Handover,
    Hire,
    LoadShift,
    Merge,
    RoleChange,
    Scope,
    Step,
    path_moves,
    plan_steps,
    scope_of,
)
from ..core.shares import Shares
from ..i18n import DEFAULT, N_, Translator
from ..model import Profile, Role, Trigger
from .labels import GROUP_LABELS

ENGLISH = Translator(DEFAULT)
# A list of responsibilities names this many, then says how many more.
LISTED = 8


def plan_sentences(comparison: Comparison, t: Translator = ENGLISH) -> tuple[str, ...]:
    """A few plain sentences that read as a plan, the headcount ranges in the first.

    Each sentence is one message of the catalogue with named placeholders, so a language can
    order it as it needs; `t.plural` picks the form where a count decides it in English.
    """
    old, new = comparison.old, comparison.new
    total = len(comparison.moves)

    def describe(moves: tuple[Move, ...]) -> str:
        return _names(moves, t)

    client = comparison.branding.client
    span = {"old": size_span(old, t, client), "new": size_span(new, t, client)}
    to_marketing = comparison.in_group("sales-to-marketing")
    if to_marketing and comparison.growing:
        opening = t.plural(
            "As you grow from {old} to {new}, "
            "marketing takes over {moved} of the {total} responsibility from sales: {items}.",
            "As you grow from {old} to {new}, "
            "marketing takes over {moved} of the {total} responsibilities from sales: {items}.",
            total,
        )
    elif to_marketing:
        opening = t.plural(
            "Going from {old} to {new}, "
            "marketing takes over {moved} of the {total} responsibility from sales: {items}.",
            "Going from {old} to {new}, "
            "marketing takes over {moved} of the {total} responsibilities from sales: {items}.",
            total,
        )
    elif comparison.growing:
        opening = t(
            "As you grow from {old} to {new}, "
            "no responsibility moves from sales to marketing; "
            "{changed} of the {total} change the function that answers for them."
        )
    else:
        opening = t(
            "Going from {old} to {new}, "
            "no responsibility moves from sales to marketing; "
            "{changed} of the {total} change the function that answers for them."
        )
    sentences = [
        opening.format(
            **span,
            moved=len(to_marketing),
            total=total,
            changed=len(comparison.changes),
            items=describe(to_marketing),
        )
    ]

    kept = comparison.in_group("stays-with-sales")
    if kept:
        sentences.append(t("Sales keeps {count}: {items}.").format(count=len(kept), items=describe(kept)))
    old_titles = {other.title for other in old.roles}
    for role, moves in _by_new_role(comparison.in_group("to-new-roles")):
        if role.title in old_titles:
            text = t.plural(
                "{role} ({function}) takes over {num} responsibility: {items}.",
                "{role} ({function}) takes over {num} responsibilities: {items}.",
                len(moves),
            )
        else:
            text = t.plural(
                "A new role, {role} ({function}), takes over {num} responsibility: {items}.",
                "A new role, {role} ({function}), takes over {num} responsibilities: {items}.",
                len(moves),
            )
        sentences.append(text.format(role=role.title, function=t(role.function), num=len(moves), items=describe(moves)))
    for key, keeps in (
        ("stays-with-leadership", N_("Leadership keeps {count}: {items}.")),
        ("stays-with-marketing", N_("Marketing keeps {count}: {items}.")),
    ):
        moves = comparison.in_group(key)
        if moves:
            sentences.append(t(keeps).format(count=len(moves), items=describe(moves)))
    for (source, target), moves in _by_change(comparison.in_group("other-changes")):
        if target is None:
            text = t.plural(
                "{num} responsibility moves from {source} to no single role: {items}.",
                "{num} responsibilities move from {source} to no single role: {items}.",
                len(moves),
            )
        elif source is None:
            text = t.plural(
                "{num} responsibility moves from no single role to {function} ({role}): {items}.",
                "{num} responsibilities move from no single role to {function} ({role}): {items}.",
                len(moves),
            )
        else:
            text = t.plural(
                "{num} responsibility moves from {source} to {function} ({role}): {items}.",
                "{num} responsibilities move from {source} to {function} ({role}): {items}.",
                len(moves),
            )
        sentences.append(
            text.format(
                num=len(moves),
                source=t(source or ""),
                function=t(target.function) if target is not None else "",
                role=target.title if target is not None else "",
                items=describe(moves),
            )
        )
    rest = comparison.in_group("stays-elsewhere")
    if rest:
        text = t.plural(
            "{num} responsibility stays with the same function: {items}.",
            "{num} responsibilities stay with the same function: {items}.",
            len(rest),
        )
        sentences.append(text.format(num=len(rest), items=describe(rest)))
    sentences.append(shares_sentence(comparison.old_shares, comparison.new_shares, t))
    return tuple(sentences)


def summary_text(comparison: Comparison, t: Translator = ENGLISH, written: tuple[str, ...] = ()) -> str:
    """The short plain-text summary of a comparison, in the language of `t`."""
    old, new = comparison.old, comparison.new
    total = len(comparison.moves)
    first = t.plural(
        "From {old} to {new}: {changed} of {total} responsibility changes function",
        "From {old} to {new}: {changed} of {total} responsibilities change function",
        total,
    )
    client = comparison.branding.client
    lines = [
        first.format(
            old=size_heading(old, t, client),
            new=size_heading(new, t, client),
            changed=len(comparison.changes),
            total=total,
        )
    ]
    lines += [f"  {t(GROUP_LABELS[entry.group.key])}: {len(entry.moves)}" for entry in comparison.groups]
    lines += [t("Wrote {path}").format(path=path) for path in written]
    return "\n".join(lines)


def shares_sentence(before: Shares, after: Shares, t: Translator) -> str:
    """How the shares move from `before` to `after`, as one sentence."""
    return t(
        "The sales-led share goes from {sales_before} to {sales_after}, "
        "the marketing-led share from {marketing_before} to {marketing_after}, "
        "and home alignment from {alignment_before} to {alignment_after}."
    ).format(
        sales_before=t.percent(before.sales_led),
        sales_after=t.percent(after.sales_led),
        marketing_before=t.percent(before.marketing_led),
        marketing_after=t.percent(after.marketing_led),
        alignment_before=t.percent(before.home_alignment),
        alignment_after=t.percent(after.home_alignment),
    )


def document_title(comparison: Comparison, t: Translator = ENGLISH) -> str:
    client = comparison.branding.client
    return t("RACI comparison \u2014 {old} to {new}").format(
        old=size_title(comparison.old, t, client), new=size_title(comparison.new, t, client)
    )


def size_title(profile: Profile, t: Translator = ENGLISH, client: str = "") -> str:
    """A size by its title; a matrix made elsewhere as the client's matrix (named by `client`, else by the
    name its title rows give), never by its file's name."""
    if profile.origin is None:
        return profile.title
    name = client or profile.origin.client
    return t("the client's matrix ({client})").format(client=name) if name else t("your current matrix")


def size_span(profile: Profile, t: Translator = ENGLISH, client: str = "") -> str:
    """A size as its people and title ("10-49 people (Small company)"); a matrix made elsewhere as the
    client's matrix, with the headcount its title rows give, if any."""
    if profile.origin is None:
        return t("{people} people ({title})").format(people=profile.headcount_label, title=profile.title)
    return _matrix_span(profile, t, client)


def size_heading(profile: Profile, t: Translator = ENGLISH, client: str = "") -> str:
    """A size as its title and people ("Small company (10-49 people)"), as headings name it; a matrix made
    elsewhere as in `size_span`."""
    if profile.origin is None:
        return t("{title} ({people} people)").format(people=profile.headcount_label, title=profile.title)
    return _matrix_span(profile, t, client)


def _matrix_span(profile: Profile, t: Translator, client: str) -> str:
    origin = profile.origin
    assert origin is not None
    name = client or origin.client
    if origin.headcount is None:
        return size_title(profile, t, client)
    if name:
        return t("the client's matrix ({client}, {people} people)").format(client=name, people=origin.headcount)
    return t("your current matrix ({people} people)").format(people=origin.headcount)


@dataclass(frozen=True)
class StepText:
    """A step of the plan as whole sentences, section by section, in the comparison's language."""

    step: Step
    heading: str
    trigger: str
    counts: tuple[str, ...]
    hires: tuple[str, ...]
    role_changes: tuple[str, ...]
    interim: tuple[str, ...]
    guardrails: tuple[str, ...]
    shares: str
    hire_sentences: tuple[tuple[str, ...], ...] = ()  # `hires`, one tuple per hire of `step.hires`
    signs: tuple[str, ...] = ()  # the business triggers of the step, each with its source
    handovers: tuple[str, ...] = ()
    agreement: tuple[str, ...] = ()  # the marketing-sales agreement, one clause a sentence
    scope: str = ""  # said when most of the matrix is not commercial work
    promotions: tuple[tuple[str, ...], ...] = ()  # per role of `step.promotions`: what it becomes, its bonus
    merges: tuple[str, ...] = ()  # per merge of `step.merges`: who takes over its work


def plan_opening(comparison: Comparison, t: Translator = ENGLISH) -> tuple[str, ...]:
    """The plan's first sentences: the scope when most rows are not commercial work, the path, then the
    counts over the whole path."""
    old, new = comparison.old, comparison.new
    steps = len(comparison.path)
    client = comparison.branding.client
    titles = [comparison.path[0].old, *(step.new for step in comparison.path)]
    path = " \u2192 ".join(size_title(profile, t, client) for profile in titles)
    # one step and many are two messages, not two plural forms: a language with one form (Indonesian)
    # would say "one size at a time" of a single step, and "up" of a firm getting smaller
    if comparison.growing:
        text = (
            t("As you grow from {old} to {new}, the plan takes 1 step: {path}.")
            if steps == 1
            else t("As you grow from {old} to {new}, the plan takes {steps} steps, one size at a time: {path}.")
        )
    elif steps == 1:
        text = t("Going from {old} to {new}, the plan takes 1 step: {path}.")
    else:
        text = t("Going down from {old} to {new}, the plan takes {steps} steps, one size at a time: {path}.")
    total = len(comparison.moves)
    counts = t.plural(
        "From the first size to the last, {changed} of the {total} responsibility gets a new Accountable role, "
        "and for {function_changed} of them the Accountable function changes too.",
        "From the first size to the last, {changed} of the {total} responsibilities get a new Accountable role, "
        "and for {function_changed} of them the Accountable function changes too.",
        total,
    )
    scope = scope_sentence(scope_of(comparison), t)
    moves = path_moves(comparison)
    return (
        *([scope] if scope else []),
        text.format(old=size_span(old, t, client), new=size_span(new, t, client), steps=steps, path=path),
        counts.format(
            changed=len(moves),
            total=total,
            function_changed=len([move for move in moves if move.changed]),
        ),
    )


def scope_sentence(scope: Scope, t: Translator) -> str:
    """The warning at the top of a plan whose matrix is mostly not sales and marketing work; "" otherwise."""
    if not scope.out:
        return ""
    return t.plural(
        "Out of scope: only {commercial} of the {total} row of this matrix is sales or marketing work "
        "(the rest is the firm's own process); the plan covers those rows only and proposes no sales "
        "or marketing hire.",
        "Out of scope: only {commercial} of the {total} rows of this matrix are sales or marketing work "
        "(the rest is the firm's own process); the plan covers those rows only and proposes no sales "
        "or marketing hire.",
        scope.total,
    ).format(commercial=scope.commercial, total=scope.total)


def plan_text(comparison: Comparison, t: Translator = ENGLISH) -> tuple[StepText, ...]:
    """Every step of the plan as sentences (see `StepText`)."""
    return tuple(step_text(step, t) for step in plan_steps(comparison))


def step_text(step: Step, t: Translator = ENGLISH) -> StepText:
    """One step of the plan as sentences, in the language of `t`."""
    comparison = step.comparison
    old, new = comparison.old, comparison.new

    def names(moves: tuple[Move, ...]) -> str:
        return _names(moves, t)

    client = comparison.branding.client
    heading = t("Step {number}: from {old} to {new}").format(
        number=step.number, old=size_heading(old, t, client), new=size_heading(new, t, client)
    )
    if comparison.growing:
        trigger = t("When to start: as the company heads for {people} people.").format(people=new.headcount_label)
    elif new.headcount_min == old.headcount_min:
        trigger = t("When to start: now; the company stays at {people} people.").format(people=new.headcount_label)
    else:
        trigger = t("When to start: as the company comes down to {people} people.").format(people=new.headcount_label)
    signs = tuple(_sign(trigger_, new, t) for trigger_ in step.triggers)
    total = len(comparison.moves)
    counts = [
        t.plural(
            "In this step {changed} of the {total} responsibility gets a new Accountable role; "
            "for {function_changed} of them the Accountable function changes too.",
            "In this step {changed} of the {total} responsibilities get a new Accountable role; "
            "for {function_changed} of them the Accountable function changes too.",
            total,
        ).format(changed=len(step.moves), total=total, function_changed=len(step.function_changes))
    ]
    if step.moves and not comparison.growing:  # a step down: the roles that stay take over, the others merge
        counts += _step_down(step, t)
    elif step.moves and not step.to_hires:  # a step the roles you have absorb: no new role to name
        counts.append(
            t.plural(
                "Roles you already have take over the {changed} responsibility that moves.",
                "Roles you already have take over all {changed} of these responsibilities.",
                len(step.moves),
            ).format(changed=len(step.moves))
        )
    elif step.moves:
        counts.append(
            t.plural(
                "New roles take over {hired} of these {changed} responsibility and roles you already have take {kept}.",
                "New roles take over {hired} of these {changed} responsibilities "
                "and roles you already have take {kept}.",
                len(step.moves),
            ).format(hired=len(step.to_hires), changed=len(step.moves), kept=len(step.to_existing))
        )

    per_hire: list[tuple[str, ...]] = []
    for position, hire in enumerate(step.hires, start=1):
        hires: list[str] = []
        role, function = hire.role.title, t(hire.role.function)
        if hire.takes:
            sources = _join([f"{role_title(source, t)} ({count})" for source, count in hire.sources], t)
            text = t.plural(
                "Hire {position}: {role} ({function}) answers for {num} responsibility (A), "
                "taken over from {sources}: {items}.",
                "Hire {position}: {role} ({function}) answers for {num} responsibilities (A), "
                "taken over from {sources}: {items}.",
                len(hire.takes),
            ).format(
                position=position,
                role=role,
                function=function,
                num=len(hire.takes),
                sources=sources,
                items=names(hire.takes),
            )
            hires.append(text + " " + _why(hire, position, comparison, t))
            if hire.promotable is not None:
                hires.append(
                    t("Or promote from {role}: whoever holds it knows the customers and the product.").format(
                        role=hire.promotable.title
                    )
                )
            if hire.does:
                hires.append(
                    t.plural(
                        "{role} also does the work (R) on {num} responsibility others answer for: {items}.",
                        "{role} also does the work (R) on {num} responsibilities others answer for: {items}.",
                        len(hire.does),
                    ).format(role=role, num=len(hire.does), items=names(hire.does))
                )
        else:
            hires.append(
                t.plural(
                    "Hire {position}: {role} ({function}) does the work (R) on {num} responsibility "
                    "and answers for none: {items}. It lets its function's head manage rather than do.",
                    "Hire {position}: {role} ({function}) does the work (R) on {num} responsibilities "
                    "and answers for none: {items}. It lets its function's head manage rather than do.",
                    len(hire.does),
                ).format(position=position, role=role, function=function, num=len(hire.does), items=names(hire.does))
            )
        per_hire.append(tuple(hires))
    hires = [sentence for sentences in per_hire for sentence in sentences]
    if step.withheld:
        hires.append(
            t(
                "No sales or marketing hire is proposed ({roles}): this matrix is mostly not sales or marketing "
                "work, so whoever answers for its commercial rows today keeps them."
            ).format(roles=_join([hire.role.title for hire in step.withheld], t))
        )
    if not step.hires and not step.withheld:
        hires.append(t("No new role in this step."))

    promotions = tuple((_change(change, t), *_bonus(change, t)) for change in step.promotions)
    merges = tuple(
        t.plural(
            "{targets} takes over the work of {role}; {role} is no longer needed as a separate role.",
            "{targets} take over the work of {role}; {role} is no longer needed as a separate role.",
            len(merge.into),
        ).format(targets=_join([f"{target.title} ({count})" for target, count in merge.into], t), role=merge.role.title)
        for merge in step.merges
    )
    changes = [
        *(sentences[0] for sentences in promotions),
        *(sentence for sentences in promotions for sentence in sentences[1:]),
        *merges,
    ]
    if not changes and _out(step):  # the firm's own roles keep their rows: no load moves to the size's roles
        changes.append(
            t("Every role you have now stays and keeps the work it holds today, so its load does not change.")
        )
    elif not changes:
        changes.append(t("No role you have now changes what it signs off."))

    interim = []
    for hire in step.hires:
        for holder, count in hire.sources:
            if holder is None:
                continue
            if hire.role.wears("marketing"):
                text = t.plural(
                    "Until {role} is in place, {holder} keeps the A on the {num} responsibility it answers for "
                    "today and an agency or a freelancer does the work (R).",
                    "Until {role} is in place, {holder} keeps the A on the {num} responsibilities it answers for "
                    "today and an agency or a freelancer does the work (R).",
                    count,
                )
            else:
                text = t.plural(
                    "Until {role} is in place, {holder} keeps the A on the {num} responsibility it answers for "
                    "today; a fractional or interim head can run the work meanwhile.",
                    "Until {role} is in place, {holder} keeps the A on the {num} responsibilities it answers for "
                    "today; a fractional or interim head can run the work meanwhile.",
                    count,
                )
            interim.append(text.format(role=hire.role.title, holder=holder.title, num=count))
    handovers = []
    for handover in step.handovers:
        if handover.to_hire:
            text = t.plural(
                "{source} hands {num} responsibility to {target} within {days} days of its start, "
                "and stays consulted (C) until then: {items}.",
                "{source} hands {num} responsibilities to {target} within {days} days of its start, "
                "and stays consulted (C) until then: {items}.",
                len(handover.moves),
            )
        else:
            text = t.plural(
                "{source} hands {num} responsibility to {target} within {days} days, "
                "and stays consulted (C) until then: {items}.",
                "{source} hands {num} responsibilities to {target} within {days} days, "
                "and stays consulted (C) until then: {items}.",
                len(handover.moves),
            )
        handovers.append(
            text.format(
                source=role_title(handover.source, t),
                target=role_title(handover.target, t),
                num=len(handover.moves),
                days=handover.days,
                items=names(handover.moves),
            )
        )

    if step.strategy:
        handovers.append(
            t.plural(
                "Move the {num} strategy responsibility last, once its new owner has settled in: {items}.",
                "Move the {num} strategy responsibilities last, once their new owners have settled in: {items}.",
                len(step.strategy),
            ).format(num=len(step.strategy), items=names(step.strategy))
        )

    guardrails = [
        t(GUARDRAIL_TEXTS[guardrail.key])
        + " "
        + t.plural(
            "It applies to {num} responsibility that changes hands: {items}.",
            "It applies to {num} responsibilities that change hands: {items}.",
            len(guardrail.moves),
        ).format(num=len(guardrail.moves), items=names(guardrail.moves))
        for guardrail in step.guardrails
    ]
    shares = shares_sentence(comparison.old_shares, comparison.new_shares, t) if not step.withheld else ""
    return StepText(
        step,
        heading,
        trigger,
        tuple(counts),
        tuple(hires),
        tuple(changes),
        tuple(interim),
        tuple(guardrails),
        shares,
        tuple(per_hire),
        signs,
        tuple(handovers),
        agreement_text(step.agreement, t) if step.agreement is not None else (),
        scope_sentence(step.scope, t) if step.scope is not None else "",
        promotions,
        merges,
    )


def _bonus(change: RoleChange, t: Translator) -> tuple[str, ...]:
    """For a sales role handing marketing work over: its bonus should hang on what it still answers for."""
    if not (change.loses_marketing and change.role.function == "sales"):
        return ()
    return (
        t(
            "Tie the bonus of {role} to what it still answers for: sales results, not the marketing work it hands over."
        ).format(role=change.successor.title if change.successor else change.role.title),
    )


GUARDRAIL_TEXTS = {
    "lead-definition": N_(
        "Before lead work changes hands, agree in writing what a qualified lead is and how it is handed to sales."
    ),
    "pipeline-measures": N_(
        "Give marketing pipeline measures (qualified leads, conversion, cost per lead), not revenue quotas: "
        "quotas stay with sales."
    ),
    "discount-bands": N_("Set discount bands and decide who approves special prices before pricing changes hands."),
    "deal-desk": N_(
        "Set up a deal desk (in a small firm, one named approver) that checks every special price against "
        "the bands before it is offered."
    ),
    "budget": N_("Move the budget with the responsibilities: whoever answers for the work holds its budget."),
}
# The business signs raci words, by trigger key; {role} is the role the sign is for.
SIGN_TEXTS = {
    "founder-selling": N_(
        "{role}: when the founder spends more than {share} of the week selling, "
        "or leads come in that sales cannot follow up."
    ),
    "reps": N_("{role}: when more than {min}\u2013{max} sales reps report to one person."),
    "revops": N_("{role}: at about {min}\u2013{max} sales reps, or when the first CRM or sales-tooling budget is set."),
    "renewals": N_("{role}: when renewals and repeat orders pass {share} of revenue."),
    "marketing-team": N_("{role}: when marketing work needs more than {count} people or agencies to manage."),
    "specialist-teams": N_(
        "{role}: when marketing runs specialist teams (brand, product marketing, research) and answers for list prices."
    ),
    "distributors": N_("{role}: when you sell through more than {count} distributors or resellers."),
}


def _sign(trigger: Trigger, profile: Profile, t: Translator) -> str:
    """A business trigger as a sentence, its source in brackets."""
    role = next((role.title for role in profile.roles if role.key == trigger.role), profile.title)
    params: dict[str, str] = {}
    for name, value in trigger.params:
        params[name] = t.percent(value) if name == "share" else str(value)
    if trigger.key in SIGN_TEXTS:
        try:
            text = t(SIGN_TEXTS[trigger.key]).format(role=role, **params)
        except KeyError:
            text = f"{role}: {t(trigger.text) if trigger.text else trigger.key}"
    else:
        text = f"{role}: {t(trigger.text) if trigger.text else trigger.key}"
    if trigger.source:
        text += " " + t("(Source: {source})").format(source=t(trigger.source))
    return text


def agreement_text(agreement: Agreement, t: Translator) -> tuple[str, ...]:
    """The marketing-sales agreement, one clause a sentence, the roles by the client's titles."""

    def name(role: Role) -> str:
        today = dict(agreement.names).get(role.key)
        return t("{role} (today {title})").format(role=role.title, title=today) if today else role.title

    marketing, sales, keeper = agreement.marketing.title, agreement.sales.title, agreement.keeper.title
    stages = {stage.key: stage for stage in agreement.stages}
    clauses = [
        t("{marketing} and {sales} sign this agreement; {keeper} keeps it and chairs the monthly review.").format(
            marketing=name(agreement.marketing), sales=name(agreement.sales), keeper=name(agreement.keeper)
        ),
        t(
            "MQL (marketing-qualified lead): a lead that fits the segments you sell to and has shown interest; "
            "{owner} answers for it."
        ).format(owner=stages["mql"].owner.title),
        t(
            "SAL (sales-accepted lead): {owner} accepts or rejects each MQL within {hours} hours, "
            "with a reason when it is rejected."
        ).format(owner=stages["sal"].owner.title, hours=agreement.follow_up_hours),
        t(
            "SQL (sales-qualified lead): a lead with a need, a budget and a buyer confirmed in a conversation; "
            "{owner} answers for it from there to the close."
        ).format(owner=stages["sql"].owner.title),
        t(
            "Recycling: a rejected lead goes back to {marketing} with its reason and is scored again "
            "after {days} days, never dropped."
        ).format(marketing=marketing, days=agreement.recycle_days),
        t(
            "Shared measures, judged together: pipeline sourced by marketing, conversion from MQL to SQL to won, "
            "revenue and retention; {marketing} has no revenue quota and {sales} no brand target."
        ).format(marketing=marketing, sales=sales),
        t(
            "Monthly review: both heads go through the lead stages, the rejected leads and the prices granted "
            "below list; {keeper} writes down what changes."
        ).format(keeper=keeper),
    ]
    if agreement.rows:
        listed = _join(
            [
                f"{item.responsibility} ({owner.title if owner else t(N_('no single role'))})"
                for item, owner in agreement.rows[:LISTED]
            ],
            t,
        )
        more = len(agreement.rows) - LISTED
        clauses.append(
            t.plural(
                "Read from {num} row of the matrix about leads, hand-off, pipeline and prices: {items}.",
                "Read from {num} rows of the matrix about leads, hand-off, pipeline and prices: {items}.",
                len(agreement.rows),
            ).format(num=len(agreement.rows), items=listed if more <= 0 else _more(listed, more, t))
        )
    return tuple(clauses)


def _why(hire: Hire, position: int, comparison: Comparison, t: Translator) -> str:
    """Why this hire, in this place: one sentence by its function and whom it relieves."""
    source = hire.sources[0][0]
    holder = role_title(source, t)
    marketer = source is not None and source.wears("marketing")
    continues = source is not None and comparison.successor(source) is not None
    if hire.role.wears("marketing") and position == 1 and not marketer:
        return t(
            "It comes first: {holder} answers for marketing work today, and marketing needs an owner of its own "
            "before sales is split further."
        ).format(holder=holder)
    if hire.role.wears("marketing") and position == 1 and not continues:
        return t("It comes first: the specialist teams need the head they report to.")
    if hire.role.wears("marketing") and marketer and source is not None and comparison.successor(source) is None:
        return t("Why: the work of {holder} grows into a team of its own.").format(holder=holder)
    if hire.role.wears("marketing") and marketer:
        return t("Why: it takes this work off {holder}, who can then manage rather than do.").format(holder=holder)
    if hire.role.wears("marketing"):
        return t("Why: marketing work needs an owner who is not measured on this month's sales.")
    if hire.role.wears("sales") and source is not None and source.wears("leadership"):
        return t("Why: {holder} can stop signing off every deal and run the company.").format(holder=holder)
    if hire.role.wears("sales"):
        return t("Why: a larger sales organisation needs a head who manages its teams, operations and channels.")
    if hire.role.wears("service"):
        return t("Why: service and retention need an owner who is not chasing new deals.")
    if hire.role.wears("finance"):
        return t("Why: plans, forecasts and schemes need someone who is not paid by them.")
    return t("Why: {holder} can hand over work nobody else is dedicated to.").format(holder=holder)


def role_title(role: Role | None, t: Translator) -> str:
    """A role's title, or "no single role" where a row has no single Accountable."""
    return role.title if role is not None else t(N_("no single role"))


def plan_lines(comparison: Comparison, t: Translator = ENGLISH, written: tuple[str, ...] = ()) -> str:
    """The plan as plain text: what `raci compare` prints, in the language of `t`."""
    lines = list(plan_opening(comparison, t))
    for text in plan_text(comparison, t):
        lines += ["", text.heading, f"  {text.trigger}"]
        for title, sentences in step_sections(text):
            if sentences:
                lines.append(f"  {t(title)}:")
                lines += [f"  - {sentence}" for sentence in sentences]
        if text.shares:
            lines.append(f"  {text.shares}")
    total = len(comparison.moves)
    if not scope_of(comparison).out:  # out of scope, the groups would speak of moves the plan does not make
        lines += ["", t("All {total} responsibilities, by where they end up:").format(total=total)]
        lines += [f"  {t(GROUP_LABELS[entry.group.key])}: {len(entry.moves)}" for entry in comparison.groups]
    if written:
        lines.append("")
    lines += [t("Wrote {path}").format(path=path) for path in written]
    return "\n".join(lines)


SECTIONS = (
    N_("Signs that it is time"),
    N_("What changes"),
    N_("Hires, in order"),
    N_("Roles that change"),
    N_("Until the hires are in place"),
    N_("Handovers"),
    N_("Guardrails"),
    N_("The marketing-sales agreement"),
)


def step_sections(text: StepText) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A step's sections in the order every output shows them: (title in English, sentences)."""
    return tuple(
        zip(
            SECTIONS,
            (
                text.signs,
                text.counts,
                text.hires,
                text.role_changes,
                text.interim,
                text.handovers,
                text.guardrails,
                text.agreement,
            ),
            strict=True,
        )
    )


def plan_json(comparison: Comparison, t: Translator = ENGLISH) -> dict[str, object]:
    """The plan for scripts: the path, its steps with their moves and hires, the counts that add up, and
    its sentences in the language of `t`."""
    return {
        "from": comparison.old.name,
        "to": comparison.new.name,
        "source": comparison.old.origin.file if comparison.old.origin is not None else None,  # a matrix's file
        "lang": t.lang,
        "total": len(comparison.moves),
        "changed": len(path_moves(comparison)),
        "function_changed": len([move for move in path_moves(comparison) if move.changed]),
        "groups": {entry.group.key: len(entry.moves) for entry in comparison.groups},
        "opening": list(plan_opening(comparison, t)),
        "steps": [
            _step_json(step, text) for step, text in zip(plan_steps(comparison), plan_text(comparison, t), strict=True)
        ],
    }


def _step_json(step: Step, text: StepText) -> dict[str, object]:
    """One step for scripts: its counts, moves and facts (one function each), and its sentences."""
    new = step.comparison.new
    return {
        "from": step.comparison.old.name,
        "to": new.name,
        "headcount_min": new.headcount_min,
        "headcount_max": new.headcount_max,
        "changed": len(step.moves),
        "function_changed": len(step.function_changes),
        "to_new_roles": len(step.to_hires),
        "to_existing_roles": len(step.to_existing),
        "from_merged_roles": len(held_by_merged(step)),  # of `changed`, held by roles that merge into others
        "moves": [_move_json(move) for move in step.moves],
        "hires": [_hire_json(hire) for hire in step.hires],
        "role_changes": [_role_change_json(change) for change in step.role_changes],
        "promotions": [_promotion_json(change) for change in step.promotions],
        "merges": [_merge_json(merge) for merge in step.merges],
        "withheld": [hire.role.title for hire in step.withheld],
        "load": None if _out(step) else [_load_json(shift) for shift in step.load],
        "triggers": [_headcount_json(new), *(_trigger_json(trigger, new) for trigger in step.triggers)],
        "handovers": [_handover_json(handover) for handover in step.handovers],
        "strategy_last": _ids(step.strategy),
        "guardrails": [_guardrail_json(guardrail) for guardrail in step.guardrails],
        "agreement": _agreement_json(step.agreement) if step.agreement is not None else None,
        "scope": _scope_json(step.scope) if step.scope is not None else None,
        "groups": {entry.group.key: len(entry.moves) for entry in step.comparison.groups},
        "shares": _shares_json(step.comparison),
        "sentences": _sentences_json(text),
    }


def _out(step: Step) -> bool:
    """Whether the step plans a matrix that is mostly not sales and marketing work (its roles stay)."""
    return step.scope is not None and step.scope.out


def _ids(moves: tuple[Move, ...]) -> list[str]:
    return [move.item.id for move in moves]


def _hire_json(hire: Hire) -> dict[str, object]:
    return {
        "role": hire.role.title,
        "key": hire.role.key,
        "function": hire.role.function,
        "takes": _ids(hire.takes),
        "does": _ids(hire.does),
        "from": [{"role": source.title if source else None, "count": count} for source, count in hire.sources],
        "promote_from": hire.promotable.title if hire.promotable else None,
    }


def _role_change_json(change: RoleChange) -> dict[str, object]:
    return {
        "role": change.role.title,
        "becomes": change.successor.title if change.successor else None,
        "loses": _ids(change.loses),
        "gains": _ids(change.gains),
        "loses_to_marketing": _ids(change.loses_marketing),
    }


def _promotion_json(change: RoleChange) -> dict[str, object]:
    return {
        "role": change.role.title,
        "becomes": change.successor.title if change.successor else None,
        "kind": change.kind,
        "keeps": _ids(change.keeps),
        "gains": _ids(change.gains),
        "hands_over": _ids(change.loses),
    }


def _merge_json(merge: Merge) -> dict[str, object]:
    return {
        "role": merge.role.title,
        "into": [{"role": role.title, "count": count} for role, count in merge.into],
        "answered": _ids(merge.answered),
        "did": _ids(merge.did),
    }


def _load_json(shift: LoadShift) -> dict[str, object]:
    return {
        "role": shift.before.title if shift.before else None,
        "becomes": shift.after.title if shift.after else None,
        "before": round(shift.share_before, 4),
        "after": round(shift.share_after, 4),
    }


def _headcount_json(profile: Profile) -> dict[str, object]:
    """The headcount range of the step's size, the trigger every step has."""
    return {
        "key": "headcount",
        "role": None,
        "headcount_min": profile.headcount_min,
        "headcount_max": profile.headcount_max,
        "source": HEADCOUNT_SOURCE,
    }


def _trigger_json(trigger: Trigger, profile: Profile) -> dict[str, object]:
    return {
        "key": trigger.key,
        "role": _role_title(profile, trigger.role),
        **dict(trigger.params),
        "source": trigger.source,
    }


def _handover_json(handover: Handover) -> dict[str, object]:
    return {
        "from": _title_or_none(handover.source),
        "to": _title_or_none(handover.target),
        "days": handover.days,
        "to_hire": handover.to_hire,
        "consulted": _title_or_none(handover.source),
        "ids": _ids(handover.moves),
    }


def _guardrail_json(guardrail: Guardrail) -> dict[str, object]:
    return {"key": guardrail.key, "moves": _ids(guardrail.moves)}


def _scope_json(scope: Scope) -> dict[str, object]:
    return {"rows": scope.total, "commercial": scope.commercial, "out": scope.out}


def _sentences_json(text: StepText) -> dict[str, object]:
    return {
        "heading": text.heading,
        "trigger": text.trigger,
        "signs": list(text.signs),
        "handovers": list(text.handovers),
        "agreement": list(text.agreement),
        "counts": list(text.counts),
        "hires": list(text.hires),
        "role_changes": list(text.role_changes),
        "interim": list(text.interim),
        "guardrails": list(text.guardrails),
        "shares": text.shares,
    }


# Where the headcount ranges of the built-in sizes come from.
HEADCOUNT_SOURCE = "EU recommendation 2003/361 (micro under 10 staff, small under 50, medium under 250)"


def _role_title(profile: Profile, key: str) -> str | None:
    return next((role.title for role in profile.roles if role.key == key), None) if key else None


def _title_or_none(role: Role | None) -> str | None:
    return role.title if role is not None else None


def _agreement_json(agreement: Agreement) -> dict[str, object]:
    return {
        "marketing": agreement.marketing.title,
        "sales": agreement.sales.title,
        "keeper": agreement.keeper.title,
        "today": {key: title for key, title in agreement.names},
        "stages": [
            {"stage": stage.key.upper(), "owner": stage.owner.title, "rows": [item.id for item in stage.rows]}
            for stage in agreement.stages
        ],
        "follow_up_hours": agreement.follow_up_hours,
        "recycle_days": agreement.recycle_days,
        "measures": ["sourced_pipeline", "conversion", "revenue", "retention"],
        "review": "monthly",
        "rows": [{"id": item.id, "accountable": owner.title if owner else None} for item, owner in agreement.rows],
    }


def _move_json(move: Move) -> dict[str, object]:
    return {
        "id": move.item.id,
        "responsibility": move.item.responsibility,
        "from_role": move.old.title if move.old else None,
        "to_role": move.new.title if move.new else None,
        "from_function": move.old_function,
        "to_function": move.new_function,
        "from_hats": list(move.old.functions) if move.old else [],
        "to_hats": list(move.new.functions) if move.new else [],
        "function_changed": move.changed,
        "group": move.group,
    }


def _shares_json(comparison: Comparison) -> dict[str, object]:
    keys = ("sales_led", "marketing_led", "home_alignment")
    return {
        "before": {key: getattr(comparison.old_shares, key) for key in keys},
        "after": {key: getattr(comparison.new_shares, key) for key in keys},
    }


def _by_new_role(moves: tuple[Move, ...]) -> tuple[tuple[Role, tuple[Move, ...]], ...]:
    roles: list[Role] = []
    for move in moves:
        if move.new is not None and move.new not in roles:
            roles.append(move.new)
    found = [(role, tuple(move for move in moves if move.new == role)) for role in roles]
    return tuple(sorted(found, key=lambda entry: -len(entry[1])))


def _by_change(moves: tuple[Move, ...]) -> tuple[tuple[tuple[str | None, Role | None], tuple[Move, ...]], ...]:
    """Moves grouped by (old function, new role), in order of first appearance."""
    keys: list[tuple[str | None, Role | None]] = []
    for move in moves:
        if (move.old_function, move.new) not in keys:
            keys.append((move.old_function, move.new))
    return tuple((key, tuple(move for move in moves if (move.old_function, move.new) == key)) for key in keys)


def _names(moves: tuple[Move, ...], t: Translator) -> str:
    """The responsibilities by name, as written, the first `LISTED` of them and how many more."""
    names = [move.item.responsibility for move in moves]
    listed = _join(names[:LISTED], t)
    return _more(listed, len(names) - LISTED, t) if len(names) > LISTED else listed


def _more(listed: str, more: int, t: Translator) -> str:
    return t.plural("{items} and {more} more", "{items} and {more} more", more).format(items=listed, more=more)


def _step_down(step: Step, t: Translator) -> tuple[str, ...]:
    """What a step down in size does: the roles that stay take over every moved responsibility, some of them
    held by the roles that merge into them."""
    sentences = [
        t.plural(
            "The roles that stay take over the {changed} responsibility that moves.",
            "The roles that stay take over all {changed} of these responsibilities.",
            len(step.moves),
        ).format(changed=len(step.moves))
    ]
    merged = [merge.role for merge in step.merges if any(move.old == merge.role for move in step.moves)]
    held = len(held_by_merged(step))
    if len(merged) == 1:
        sentences.append(
            t.plural(
                "{held} of them was held by {role}, which merges into the roles that stay.",
                "{held} of them were held by {role}, which merges into the roles that stay.",
                held,
            ).format(held=held, role=merged[0].title)
        )
    elif merged:
        sentences.append(
            t.plural(
                "{held} of them was held by the roles that merge into those that stay: {roles}.",
                "{held} of them were held by the roles that merge into those that stay: {roles}.",
                held,
            ).format(held=held, roles=_join([role.title for role in merged], t))
        )
    return tuple(sentences)


def held_by_merged(step: Step) -> tuple[Move, ...]:
    """The step's moves away from roles that merge into others (no role continues them)."""
    merged = {merge.role for merge in step.merges}
    return tuple(move for move in step.moves if move.old in merged)


def _change(change: RoleChange, t: Translator) -> str:
    """A role that continues: what it becomes, keeps, gains and hands over, in one sentence."""
    role = change.role.title
    successor = change.successor.title if change.successor is not None else role
    if successor == role:  # the title is the same in the reader's language (Indonesian: "Direktur Utama")
        head = role
    elif change.kind == "promotion":
        head = t("{role} becomes {new_role}").format(role=role, new_role=successor)
    elif change.kind in ("grows", "narrows"):
        head = t("{role} (now {new_role})").format(role=role, new_role=successor)
    else:
        head = role
    parts = []
    if change.keeps:
        parts.append(
            t.plural(
                "keeps the A on {num} responsibility ({items})",
                "keeps the A on {num} responsibilities ({items})",
                len(change.keeps),
            ).format(num=len(change.keeps), items=_names(change.keeps, t))
        )
    if change.gains:
        parts.append(
            t.plural("gains {num} ({items})", "gains {num} ({items})", len(change.gains)).format(
                num=len(change.gains), items=_names(change.gains, t)
            )
        )
    if change.loses:
        parts.append(
            t.plural("hands over {num} ({items})", "hands over {num} ({items})", len(change.loses)).format(
                num=len(change.loses), items=_names(change.loses, t)
            )
        )
    if not parts:
        return t("{sentence}.").format(sentence=head)
    return t("{head}: {parts}.").format(head=head, parts="; ".join(parts))


def _join(phrases: list[str], t: Translator) -> str:
    """ "a, b and c"; with semicolons when a phrase has its own commas, colons or "and"."""
    if len(phrases) <= 1:
        return "".join(phrases)
    conjunction = t("{first} and {second}").format(first="", second="")
    if any("," in phrase or ":" in phrase or conjunction in phrase for phrase in phrases):
        return t("{items}; and {last}").format(items="; ".join(phrases[:-1]), last=phrases[-1])
    if len(phrases) == 2:
        return t("{first} and {second}").format(first=phrases[0], second=phrases[1])
    return t("{items} and {last}").format(items=", ".join(phrases[:-1]), last=phrases[-1])
