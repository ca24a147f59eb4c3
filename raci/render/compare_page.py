"""A comparison as one self-contained HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.compare import Comparison, Group, grouped
from ..core.plan import path_moves, scope_of
from ..i18n import DEFAULT, Translator
from ..model import Profile
from .colour import theme
from .html import render
from .labels import GROUP_LABELS, SHARE_LABELS
from .plan_text import document_title, plan_opening, plan_text, size_span, size_title
from .story import owner_letters

TEMPLATE = "compare.html.j2"
ENGLISH = Translator(DEFAULT)


@dataclass(frozen=True)
class ShareShift:
    key: str
    label: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class GroupCount:
    group: Group
    count: int
    share: float

    @property
    def width(self) -> str:
        """The share as a CSS percentage: 0.5102 -> "51.02%"."""
        return f"{self.share * 100:.2f}%"


def share_shifts(comparison: Comparison, t: Translator = ENGLISH) -> tuple[ShareShift, ...]:
    """The four shares from the first size to the last, labelled in the language of `t`."""
    return tuple(
        ShareShift(key, t(label), getattr(comparison.old_shares, key), getattr(comparison.new_shares, key))
        for key, label in SHARE_LABELS.items()
    )


def compare_context(comparison: Comparison, t: Translator = ENGLISH) -> dict[str, Any]:
    """Every variable the compare template reads, its words in the language of `t`."""
    total = len(comparison.moves)
    catalogue = comparison.catalogue
    old, client = comparison.old, comparison.branding.client
    as_read = old.origin
    return {
        "lang": t.lang,
        "branding": comparison.branding,
        "theme": theme(comparison.branding),
        "comparison": comparison,
        "old": comparison.old,
        "new": comparison.new,
        "version": comparison.version,
        "owners": owner_letters(comparison.after.scheme, t),
        # a matrix made elsewhere is the catalogue: the client's matrix, not named by its file
        "catalogue_name": catalogue.path.name if catalogue.path.name and as_read is None else None,
        "title": document_title(comparison, t),
        "as_read": as_read is not None,
        "old_title": size_title(old, t, client),
        "new_title": size_title(comparison.new, t, client),
        "old_span": size_span(old, t, client),
        "new_span": size_span(comparison.new, t, client),
        "old_column": _capitalised(size_title(old, t, client)),
        "new_column": comparison.new.title,
        "sides": (_side(old, t, client), _side(comparison.new, t, client)),
        "group_labels": GROUP_LABELS,
        "opening": plan_opening(comparison, t),
        "steps": tuple(
            {"text": text, "hires": tuple(zip(text.step.hires, text.hire_sentences, strict=True))}
            for text in plan_text(comparison, t)
        ),
        "role_change_count": len(path_moves(comparison)),
        "out_of_scope": scope_of(comparison).out,  # the size's shares and groups would speak of work not planned
        "shifts": share_shifts(comparison, t),
        "counts": tuple(
            GroupCount(entry.group, len(entry.moves), len(entry.moves) / total if total else 0.0)
            for entry in comparison.groups
        ),
        "total": total,
        "changes": grouped(comparison.changes),
        "unchanged": grouped(comparison.unchanged),
        # out of scope the roles stay: the plan's count, not the size's
        "change_count": len([move for move in path_moves(comparison) if move.changed])
        if scope_of(comparison).out
        else len(comparison.changes),
        "unchanged_count": len(comparison.unchanged),
    }


def _side(profile: Profile, t: Translator, client: str) -> dict[str, Any]:
    """A side of the comparison for the page's header: its title (never a key or a file's name), its people
    ("" when not known), its roles."""
    if profile.origin is None:
        return {"name": profile.title, "people": profile.headcount_label, "roles": len(profile.roles)}
    people = str(profile.origin.headcount) if profile.origin.headcount else ""
    return {"name": _capitalised(size_title(profile, t, client)), "people": people, "roles": len(profile.roles)}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_compare(comparison: Comparison, templates: Path | str | None = None, *, lang: str = DEFAULT) -> str:
    """The comparison as one self-contained HTML page, in `lang`.

    `templates`: a folder of the user's whose templates replace the built-in ones of the same name.
    """
    return render(TEMPLATE, compare_context(comparison, Translator(lang)), lang, templates)
