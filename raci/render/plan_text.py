"""The growth plan and the comparison in words: the sentences `raci compare` prints, the plan its
workbook and page show, and the plan as JSON (its sentences included), in the reader's language.

The facts are `raci.core.compare` (who answers before and after) and `raci.core.plan` (the steps);
each sentence here is one message of the catalogue with named placeholders, so a language can order
it as it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.compare import Comparison, Move
from ..core.plan import Hire, Step, plan_steps
from ..core.shares import Shares
from ..i18n import DEFAULT, N_, Translator
from ..model import Catalogue, Role
from .labels import GROUP_LABELS, area_label

ENGLISH = Translator(DEFAULT)
# An area that hands over this many responsibilities or fewer is described by their names.
NAMED_ITEMS = 2


def plan_sentences(comparison: Comparison, t: Translator = ENGLISH) -> tuple[str, ...]:
    """A few plain sentences that read as a plan, the headcount ranges in the first.

    Each sentence is one message of the catalogue with named placeholders, so a language can
    order it as it needs; `t.plural` picks the form where a count decides it in English.
    """
    old, new, catalogue = comparison.old, comparison.new, comparison.catalogue
    total = len(comparison.moves)

    def describe(moves: tuple[Move, ...]) -> str:
        return _describe(moves, catalogue, t)

    span = {
        "old_people": old.headcount_label,
        "old_title": old.title,
        "new_people": new.headcount_label,
        "new_title": new.title,
    }
    to_marketing = comparison.in_group("sales-to-marketing")
    if to_marketing and comparison.growing:
        opening = t.plural(
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibility from sales: {items}.",
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibilities from sales: {items}.",
            total,
        )
    elif to_marketing:
        opening = t.plural(
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibility from sales: {items}.",
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "marketing takes over {moved} of the {total} responsibilities from sales: {items}.",
            total,
        )
    elif comparison.growing:
        opening = t(
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "no responsibility moves from sales to marketing; "
            "{changed} of the {total} change the function that answers for them."
        )
    else:
        opening = t(
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
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
        "From {old} ({old_people} people) to {new} ({new_people} people): "
        "{changed} of {total} responsibility changes function",
        "From {old} ({old_people} people) to {new} ({new_people} people): "
        "{changed} of {total} responsibilities change function",
        total,
    )
    lines = [
        first.format(
            old=old.name,
            old_people=old.headcount_label,
            new=new.name,
            new_people=new.headcount_label,
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
    return t("RACI comparison \u2014 {old} to {new}").format(old=comparison.old.title, new=comparison.new.title)


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


def plan_opening(comparison: Comparison, t: Translator = ENGLISH) -> tuple[str, ...]:
    """The plan's first sentences: the path, then the counts over the whole path."""
    old, new = comparison.old, comparison.new
    steps = len(comparison.path)
    path = " \u2192 ".join([comparison.path[0].old.title, *(step.new.title for step in comparison.path)])
    if comparison.growing:
        text = t.plural(
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} step: {path}.",
            "As you grow from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} steps, one size at a time: {path}.",
            steps,
        )
    else:
        text = t.plural(
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} step: {path}.",
            "Going from {old_people} people ({old_title}) to {new_people} people ({new_title}), "
            "the plan takes {steps} steps, one size at a time: {path}.",
            steps,
        )
    total = len(comparison.moves)
    counts = t.plural(
        "From the first size to the last, {changed} of the {total} responsibility gets a new Accountable role, "
        "and for {function_changed} of them the Accountable function changes too.",
        "From the first size to the last, {changed} of the {total} responsibilities get a new Accountable role, "
        "and for {function_changed} of them the Accountable function changes too.",
        total,
    )
    return (
        text.format(
            old_people=old.headcount_label,
            old_title=old.title,
            new_people=new.headcount_label,
            new_title=new.title,
            steps=steps,
            path=path,
        ),
        counts.format(
            changed=len(comparison.role_moves),
            total=total,
            function_changed=len([move for move in comparison.role_moves if move.changed]),
        ),
    )


def plan_text(comparison: Comparison, t: Translator = ENGLISH) -> tuple[StepText, ...]:
    """Every step of the plan as sentences (see `StepText`)."""
    return tuple(step_text(step, t) for step in plan_steps(comparison))


def step_text(step: Step, t: Translator = ENGLISH) -> StepText:
    """One step of the plan as sentences, in the language of `t`."""
    comparison = step.comparison
    old, new, catalogue = comparison.old, comparison.new, comparison.catalogue

    def describe(moves: tuple[Move, ...]) -> str:
        return _describe(moves, catalogue, t)

    heading = t("Step {number}: from {old_title} ({old_people} people) to {new_title} ({new_people} people)").format(
        number=step.number,
        old_title=old.title,
        old_people=old.headcount_label,
        new_title=new.title,
        new_people=new.headcount_label,
    )
    if comparison.growing:
        trigger = t("When to start: as the company heads for {people} people.").format(people=new.headcount_label)
    elif new.headcount_min == old.headcount_min:
        trigger = t("When to start: now; the company stays at {people} people.").format(people=new.headcount_label)
    else:
        trigger = t("When to start: as the company comes down to {people} people.").format(people=new.headcount_label)
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
    if step.moves:
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
            sources = _join([f"{_title(source, t)} ({count})" for source, count in hire.sources], t)
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
                items=describe(hire.takes),
            )
            hires.append(text + " " + _why(hire, position, comparison, t) if comparison.growing else text)
            if hire.does:
                hires.append(
                    t.plural(
                        "{role} also does the work (R) on {num} responsibility others answer for: {items}.",
                        "{role} also does the work (R) on {num} responsibilities others answer for: {items}.",
                        len(hire.does),
                    ).format(role=role, num=len(hire.does), items=describe(hire.does))
                )
        elif hire.does:
            hires.append(
                t.plural(
                    "Hire {position}: {role} ({function}) does the work (R) on {num} responsibility "
                    "and answers for none: {items}. It lets its function's head manage rather than do.",
                    "Hire {position}: {role} ({function}) does the work (R) on {num} responsibilities "
                    "and answers for none: {items}. It lets its function's head manage rather than do.",
                    len(hire.does),
                ).format(position=position, role=role, function=function, num=len(hire.does), items=describe(hire.does))
            )
        else:
            hires.append(
                t("Hire {position}: {role} ({function}) is only consulted or informed in this profile.").format(
                    position=position, role=role, function=function
                )
            )
        per_hire.append(tuple(hires))
    hires = [sentence for sentences in per_hire for sentence in sentences]
    if not step.hires:
        hires.append(t("No new role in this step."))

    changes = []
    for change in step.role_changes:
        role = change.role.title
        if change.successor is not None and change.successor.title != role:
            changes.append(t("{role} becomes {new_role}.").format(role=role, new_role=change.successor.title))
        if change.successor is None:
            changes.append(
                t("{role} is not a role of its own in the {profile} profile.").format(role=role, profile=new.title)
            )
        if change.loses:
            changes.append(
                t.plural(
                    "{role} stops signing off {num} responsibility: {items}.",
                    "{role} stops signing off {num} responsibilities: {items}.",
                    len(change.loses),
                ).format(role=role, num=len(change.loses), items=describe(change.loses))
            )
        if change.gains:
            changes.append(
                t.plural(
                    "{role} starts signing off {num} responsibility: {items}.",
                    "{role} starts signing off {num} responsibilities: {items}.",
                    len(change.gains),
                ).format(
                    role=change.successor.title if change.successor else role,
                    num=len(change.gains),
                    items=describe(change.gains),
                )
            )
        if change.loses_marketing and change.role.function == "sales":
            changes.append(
                t(
                    "Tie the bonus of {role} to what it still answers for: "
                    "sales results, not the marketing work it hands over."
                ).format(role=role)
            )
    if not changes:
        changes.append(t("No role you have now changes what it signs off."))

    interim = []
    for hire in step.hires:
        if not hire.takes:
            continue
        holder = hire.sources[0][0]
        if hire.role.wears("marketing"):
            text = t.plural(
                "Until {role} is in place, {holder} keeps the A on its {num} responsibility "
                "and an agency or a freelancer does the work (R).",
                "Until {role} is in place, {holder} keeps the A on its {num} responsibilities "
                "and an agency or a freelancer does the work (R).",
                len(hire.takes),
            )
        else:
            text = t.plural(
                "Until {role} is in place, {holder} keeps the A on its {num} responsibility; "
                "a fractional or interim head can run the work meanwhile.",
                "Until {role} is in place, {holder} keeps the A on its {num} responsibilities; "
                "a fractional or interim head can run the work meanwhile.",
                len(hire.takes),
            )
        interim.append(text.format(role=hire.role.title, holder=_title(holder, t), num=len(hire.takes)))
    if step.strategy:
        interim.append(
            t.plural(
                "Move the {num} strategy responsibility last, once its new owner has settled in: {items}.",
                "Move the {num} strategy responsibilities last, once their new owners have settled in: {items}.",
                len(step.strategy),
            ).format(num=len(step.strategy), items=describe(step.strategy))
        )

    texts = {
        "lead-definition": N_(
            "Before you split the work, agree with sales what a qualified lead is and how it is handed over."
        ),
        "pipeline-measures": N_(
            "Give marketing pipeline measures (qualified leads, conversion, cost per lead), not revenue quotas: "
            "quotas stay with sales."
        ),
        "discount-bands": N_("Set discount bands and decide who approves special prices before pricing changes hands."),
        "budget": N_("Move the budget with the responsibilities: whoever answers for the work holds its budget."),
    }
    guardrails = [t(texts[key]) for key in step.guardrails]
    shares = shares_sentence(comparison.old_shares, comparison.new_shares, t)
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
    )


def _why(hire: Hire, position: int, comparison: Comparison, t: Translator) -> str:
    """Why this hire, in this place: one sentence by its function and whom it relieves."""
    source = hire.sources[0][0]
    holder = _title(source, t)
    marketer = source is not None and source.wears("marketing")
    if hire.role.wears("marketing") and position == 1 and not marketer:
        return t(
            "It comes first: {holder} answers for marketing work today, and marketing needs an owner of its own "
            "before sales is split further."
        ).format(holder=holder)
    if hire.role.wears("marketing") and position == 1:
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


def _title(role: Role | None, t: Translator) -> str:
    return role.title if role is not None else t(N_("no single role"))


def plan_lines(comparison: Comparison, t: Translator = ENGLISH, written: tuple[str, ...] = ()) -> str:
    """The plan as plain text: what `raci compare` prints, in the language of `t`."""
    lines = list(plan_opening(comparison, t))
    for text in plan_text(comparison, t):
        lines += ["", text.heading, f"  {text.trigger}"]
        for title, sentences in (
            (N_("What changes"), text.counts),
            (N_("Hires, in order"), text.hires),
            (N_("Roles that change"), text.role_changes),
            (N_("Until the hires are in place"), text.interim),
            (N_("Guardrails"), text.guardrails),
        ):
            if sentences:
                lines.append(f"  {t(title)}:")
                lines += [f"  - {sentence}" for sentence in sentences]
        lines.append(f"  {text.shares}")
    total = len(comparison.moves)
    lines += ["", t("All {total} responsibilities, by where they end up:").format(total=total)]
    lines += [f"  {t(GROUP_LABELS[entry.group.key])}: {len(entry.moves)}" for entry in comparison.groups]
    if written:
        lines.append("")
    lines += [t("Wrote {path}").format(path=path) for path in written]
    return "\n".join(lines)


def plan_json(comparison: Comparison, t: Translator = ENGLISH) -> dict[str, object]:
    """The plan for scripts: the path, its steps with their moves and hires, the counts that add up, and
    its sentences in the language of `t`."""
    steps = []
    for step, text in zip(plan_steps(comparison), plan_text(comparison, t), strict=True):
        old, new = step.comparison.old, step.comparison.new
        steps.append(
            {
                "from": old.name,
                "to": new.name,
                "headcount_min": new.headcount_min,
                "headcount_max": new.headcount_max,
                "changed": len(step.moves),
                "function_changed": len(step.function_changes),
                "to_new_roles": len(step.to_hires),
                "to_existing_roles": len(step.to_existing),
                "moves": [_move_json(move) for move in step.moves],
                "hires": [
                    {
                        "role": hire.role.title,
                        "key": hire.role.key,
                        "function": hire.role.function,
                        "takes": [move.item.id for move in hire.takes],
                        "does": [move.item.id for move in hire.does],
                        "from": [
                            {"role": source.title if source else None, "count": count} for source, count in hire.sources
                        ],
                    }
                    for hire in step.hires
                ],
                "role_changes": [
                    {
                        "role": change.role.title,
                        "becomes": change.successor.title if change.successor else None,
                        "loses": [move.item.id for move in change.loses],
                        "gains": [move.item.id for move in change.gains],
                        "loses_to_marketing": [move.item.id for move in change.loses_marketing],
                    }
                    for change in step.role_changes
                ],
                "strategy_last": [move.item.id for move in step.strategy],
                "guardrails": list(step.guardrails),
                "groups": {entry.group.key: len(entry.moves) for entry in step.comparison.groups},
                "shares": _shares_json(step.comparison),
                "sentences": {
                    "heading": text.heading,
                    "trigger": text.trigger,
                    "counts": list(text.counts),
                    "hires": list(text.hires),
                    "role_changes": list(text.role_changes),
                    "interim": list(text.interim),
                    "guardrails": list(text.guardrails),
                    "shares": text.shares,
                },
            }
        )
    return {
        "from": comparison.old.name,
        "to": comparison.new.name,
        "lang": t.lang,
        "total": len(comparison.moves),
        "changed": len(comparison.role_moves),
        "function_changed": len([move for move in comparison.role_moves if move.changed]),
        "groups": {entry.group.key: len(entry.moves) for entry in comparison.groups},
        "opening": list(plan_opening(comparison, t)),
        "steps": steps,
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


def _describe(moves: tuple[Move, ...], catalogue: Catalogue, t: Translator) -> str:
    """Whole areas by name, larger parts of an area as "most of"/"part of", single items by name."""
    areas: list[str] = []
    for move in moves:
        if move.item.area not in areas:
            areas.append(move.item.area)
    whole, parts, items = [], [], []
    for area in areas:
        taken = [move.item for move in moves if move.item.area == area]
        size = sum(1 for item in catalogue.items if item.area == area)
        if not area:  # a matrix made elsewhere whose row names no area: the rows by name
            items += [_lower_first(item.responsibility) for item in taken]
        elif len(taken) == size:
            whole.append(_area_phrase(area, t))
        elif len(taken) <= NAMED_ITEMS:
            items += [_lower_first(item.responsibility) for item in taken]
        else:
            amount = (
                N_("most of {area} ({taken} of {size})")
                if len(taken) * 2 > size
                else N_("part of {area} ({taken} of {size})")
            )
            parts.append(t(amount).format(area=_area_phrase(area, t), taken=len(taken), size=size))
    return _join([*whole, *parts, *items], t)


def _area_phrase(area: str, t: Translator) -> str:
    """An area inside a sentence: its label (see raci.render.labels.AREA_LABELS) in the language, lower case."""
    text = t(area_label(area)).lower()
    return t("the {area}").format(area=text) if area.endswith("_process") else text


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


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
