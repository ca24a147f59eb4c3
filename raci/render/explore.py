"""The page to explore (`raci generate --interactive`): the four sizes (and the client's own matrix when
one was read) told once each as stories, laid out in one self-contained HTML file.

Everything is in the HTML: each view's figures, load bars, org chart, communication plan and letter
cells carry `data-s` (the view's number) and CSS shows the one view `main[data-view]` names, so
without JavaScript the page shows the report's own view whole, and prints as it shows. The script
(`templates/explore.js`) only changes `data-view`, hides rows that a filter leaves out, orders rows
and shows a letter's reason; what it needs to decide that is one JSON island built here from the
stories.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.report import Report, build_report
from ..i18n import Translator
from ..model import Catalogue, Profile, Row
from .html import render_bytes, summary_context
from .labels import area_label
from .localise import localise_profile
from .story import Story, tell_story, told
from .words import KIND_WORDS

TEMPLATE = "explore.html.j2"


@dataclass(frozen=True)
class View:
    """One size (or the client's matrix) as the page shows it: its number, name, label and story;
    `moves[i]` is True where row i's Accountable is another role in the next view up."""

    index: int
    name: str
    label: str
    story: Story
    current: bool
    moves: tuple[bool, ...]


def catalogue_of(report: Report) -> Catalogue:
    """The responsibilities of `report`, whatever it was read from (a list, raci's workbook, a matrix)."""
    matrix = report.matrix
    path = matrix.catalogue.path if matrix.catalogue is not None else matrix.profile.source or Path("matrix")
    return Catalogue(path=path, items=tuple(row.item for row in matrix.rows))


def views(story: Story, sizes: Sequence[Profile]) -> tuple[View, ...]:
    """The report's own view and every size of `sizes` (the built-in ones) on its responsibilities,
    smallest first; a matrix made elsewhere (or a profile of the client's) first, as the place the
    firm starts from."""
    report, t = story.report, story.t
    catalogue = catalogue_of(report)
    own = report.profile.name
    builtin = tuple(sizes)
    stories: list[tuple[str, Story]] = []
    for profile in builtin:
        if profile.name == own and profile.source == report.profile.source:
            stories.append((profile.name, story))
        else:
            other = build_report(
                catalogue,
                profile,
                sizes=builtin,
                shown=localise_profile(profile, t.lang),
                branding=report.branding,
            )
            stories.append((profile.name, tell_story(other, t.lang)))
    if not any(entry is story for _, entry in stories):
        stories.insert(0, (own, story))
    found = []
    for index, (name, entry) in enumerate(stories):
        following = stories[index + 1][1] if index + 1 < len(stories) else None
        found.append(
            View(
                index=index,
                name=name,
                label=_label(entry, t),
                story=entry,
                current=entry is story,
                moves=_moves(entry, following),
            )
        )
    return tuple(found)


def _label(story: Story, t: Translator) -> str:
    report = story.report
    if report.read is not None:
        return t("As it is (%(file)s)") % {"file": report.read.path.name}
    return t(report.profile.title)


def _accountable_titles(story: Story) -> list[str]:
    matrix = story.report.matrix
    return [role.title if (role := matrix.accountable_role(row)) is not None else "" for row in matrix.rows]


def _moves(story: Story, following: Story | None) -> tuple[bool, ...]:
    now = _accountable_titles(story)
    if following is None:
        return tuple(False for _ in now)
    then = _accountable_titles(following)
    return tuple(a != b for a, b in zip(now, then, strict=True))


def island(shown: Sequence[View], t: Translator) -> str:
    """The one JSON island the script reads: per view its roles (title, person), shares, load, and per
    row its letters and reason; per row its id, area and words, for filtering and ordering."""
    first = shown[0].story.report.matrix
    notes: dict[str, int] = {}

    def note(row: Row) -> int:
        text = t(row.rule.note) if row.rule.note else row.rule_label
        return notes.setdefault(text, len(notes))

    data: dict[str, Any] = {
        "letters": {letter: t(first.scheme.names[letter]) for letter in first.scheme.letters},
        "views": [
            {
                "name": view.name,
                "label": view.label,
                "current": view.current,
                "roles": [
                    {"key": role.key, "title": t(role.title), "person": role.person}
                    for role in view.story.report.matrix.roles
                ],
                "shares": {
                    "sales_led": view.story.report.shares.sales_led,
                    "marketing_led": view.story.report.shares.marketing_led,
                    "home_alignment": view.story.report.shares.home_alignment,
                    "strategy_alignment": view.story.report.shares.strategy_alignment,
                },
                "load": [
                    {"person": person.person, "roles": [role.key for role in person.roles], "points": person.points}
                    for person in view.story.load.people
                ],
                "cells": [list(row.letters) for row in view.story.report.matrix.rows],
                "reasons": [note(row) for row in view.story.report.matrix.rows],
            }
            for view in shown
        ],
        "rows": [
            {
                "id": row.item.id,
                "area": row.item.area,
                "text": row.item.responsibility,
                "kind": t(KIND_WORDS[row.item.kind]) if row.item.kind in KIND_WORDS else "",
            }
            for row in first.rows
        ],
    }
    data["notes"] = list(notes)
    # "</" would end the script element early: escaped, the JSON reads the same.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def explore_context(subject: Report | Story, t: Translator, sizes: Sequence[Profile]) -> dict[str, Any]:
    """The summary's variables for the report's own view, plus the views, their areas and the island."""
    story = told(subject, t.lang)
    shown = views(story, sizes)
    context = summary_context(story)
    rows = story.report.matrix.rows
    areas = list(dict.fromkeys(row.item.area for row in rows))
    context.update(
        views=shown,
        current_view=next(view.index for view in shown if view.current),
        areas=[(area, t(area_label(area))) for area in areas],
        data=island(shown, t),
        row_count=len(rows),
    )
    return context


def explore_bytes(
    report: Report | Story, sizes: Sequence[Profile], templates: Path | str | None = None, *, lang: str = "en"
) -> bytes:
    """The page to explore of `report` beside the `sizes` (the built-in profiles), as the UTF-8 bytes of
    one self-contained HTML file."""
    story = told(report, lang)
    return render_bytes(TEMPLATE, explore_context(story, story.t, sizes), story.lang, templates)
