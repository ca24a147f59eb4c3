"""A comparison as one self-contained HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.compare import Comparison, Group, document_title, grouped, plan_opening, plan_text
from ..core.labels import SHARE_LABELS
from ..i18n import Translator
from .colour import theme
from .html import render

TEMPLATE = "compare.html.j2"


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


def compare_context(comparison: Comparison) -> dict[str, Any]:
    """Every variable the compare template reads."""
    total = len(comparison.moves)
    catalogue = comparison.catalogue
    t = Translator(comparison.lang)
    return {
        "lang": comparison.lang,
        "branding": comparison.branding,
        "theme": theme(comparison.branding),
        "comparison": comparison,
        "old": comparison.old,
        "new": comparison.new,
        "version": comparison.version,
        "catalogue_name": catalogue.path.name if catalogue.path.name else None,
        "title": document_title(comparison),
        "opening": plan_opening(comparison),
        "steps": tuple(
            {"text": text, "hires": tuple(zip(text.step.hires, text.hire_sentences, strict=True))}
            for text in plan_text(comparison)
        ),
        "role_change_count": len(comparison.role_moves),
        "shifts": tuple(
            ShareShift(key, t(label), getattr(comparison.old_shares, key), getattr(comparison.new_shares, key))
            for key, label in SHARE_LABELS.items()
        ),
        "counts": tuple(
            GroupCount(entry.group, len(entry.moves), len(entry.moves) / total if total else 0.0)
            for entry in comparison.groups
        ),
        "total": total,
        "changes": grouped(comparison.changes),
        "unchanged": grouped(comparison.unchanged),
        "change_count": len(comparison.changes),
        "unchanged_count": len(comparison.unchanged),
    }


def render_compare(comparison: Comparison, templates: Path | str | None = None) -> str:
    """The comparison as one self-contained HTML page, in the comparison's language.

    `templates`: a folder of the user's whose templates replace the built-in ones of the same name.
    """
    return render(TEMPLATE, compare_context(comparison), comparison.lang, templates)
