"""The words for the rows raci asks the client to confirm, and for the client's own choices of Accountable:
one place for the console, the JSON, the workbook and the page."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.uncertain import Inferred, Pinned, Uncertain
from ..i18n import Translator
from ..model import FUNCTIONS
from .labels import area_label


def guess(entry: Uncertain, t: Translator) -> str:
    """Who raci made Accountable: "Head of Sales (sales)"."""
    if entry.role is None:
        return t("no single Accountable")
    return f"{t(entry.role.title)} ({t(entry.role.function)})"


def why(entry: Uncertain, t: Translator) -> str:
    doubt = entry.doubt
    area = entry.area or t("(empty)")
    if doubt.code == "weak-wording":
        return t(
            "the area '{area}' is not one raci knows and only general words ({words}) hint at {hint}; "
            "the letters follow the row's home ({home})"
        ).format(area=area, words=", ".join(doubt.words), hint=t(area_label(doubt.area)).lower(), home=t(entry.home))
    if doubt.code == "pin-unknown":
        return t("the `accountable` column says '{value}', which names no role or function at this size").format(
            value=doubt.value
        )
    return t(
        "neither the area '{area}' nor the wording names work raci knows; the letters follow the row's home ({home})"
    ).format(area=area, home=t(entry.home))


def fix(entry: Uncertain, t: Translator) -> str:
    if entry.doubt.code == "pin-unknown":
        return t("give a role key or title of this size, or a function ({functions})").format(
            functions=", ".join(FUNCTIONS)
        )
    return t(
        "confirm the letters, or give the row an `area` raci knows, a `kind`, or an `accountable` role or function"
    )


def console_lines(
    entries: Sequence[Uncertain], pinned: Sequence[Pinned], t: Translator, inferred: Sequence[Inferred] = ()
) -> list[str]:
    """What `raci generate` and `raci check` print about them."""
    lines = []
    areas = [entry for entry in inferred if "area" in entry.columns]
    homes = [entry for entry in inferred if "home" in entry.columns]
    if areas:
        lines.append(
            t.plural(
                "Area read from the wording of {count} row the catalogue leaves without one: {rows}",
                "Area read from the wording of {count} rows the catalogue leaves without one: {rows}",
                len(areas),
            ).format(
                count=len(areas),
                rows=", ".join(f"{entry.id} ({t(area_label(entry.area)).lower()})" for entry in areas),
            )
        )
    if homes:
        lines.append(
            t.plural(
                "Home (sales, marketing or shared) read from the wording of {count} row the catalogue leaves "
                "without one",
                "Home (sales, marketing or shared) read from the wording of {count} rows the catalogue leaves "
                "without one",
                len(homes),
            ).format(count=len(homes))
        )
    if entries:
        lines.append(
            t.plural(
                "Please confirm {count} row raci could not place with confidence:",
                "Please confirm {count} rows raci could not place with confidence:",
                len(entries),
            ).format(count=len(entries))
        )
        lines += [
            "  "
            + t("{id}: {guess}; {why}. Fix: {fix}.").format(
                id=entry.id, guess=guess(entry, t), why=why(entry, t), fix=fix(entry, t)
            )
            for entry in entries
        ]
    if pinned:
        lines.append(
            t.plural(
                "The client chose the Accountable of {count} row: {rows}",
                "The client chose the Accountable of {count} rows: {rows}",
                len(pinned),
            ).format(count=len(pinned), rows=", ".join(f"{entry.id} ({t(entry.role.title)})" for entry in pinned))
        )
    return lines


def as_dicts(entries: Sequence[Uncertain], t: Translator) -> list[dict[str, str]]:
    """The JSON form: id, guess (the role raci made Accountable), its function, why and the fix."""
    return [
        {
            "id": entry.id,
            "guess": entry.role.title if entry.role is not None else "",
            "function": entry.role.function if entry.role is not None else "",
            "code": entry.doubt.code,
            "why": why(entry, t),
            "fix": fix(entry, t),
        }
        for entry in entries
    ]
