"""A scheme in words: which rows a scheme's view shows its own way, and the scheme's letters as a legend."""

from __future__ import annotations

from ..core.convert import Converted
from ..i18n import Translator
from ..scheme import DACI

IDS_SHOWN = 8  # ids named in the console line and on the page; the workbook's Legend names every one


def shown_ids(ids: tuple[str, ...], shown: int = IDS_SHOWN) -> str:
    """Up to `shown` ids, then "…" when there are more."""
    return ", ".join(ids[:shown]) + (", …" if len(ids) > shown else "")


def converted_line(converted: Converted, t: Translator, shown: int = IDS_SHOWN) -> str:
    """Which rows are decisions in the scheme's view (up to `shown` ids named), and which stay RACI."""
    decisions, kept = converted.decisions, converted.kept
    if converted.scheme is DACI:
        return t.plural(
            "DACI for {count} decision row ({ids}); RACI for the other {rest}.",
            "DACI for {count} decision rows ({ids}); RACI for the other {rest}.",
            len(decisions),
        ).format(count=len(decisions), ids=shown_ids(decisions, shown), rest=len(kept))
    return t.plural(
        "{scheme} on every row; {count} of them is a decision ({ids}).",
        "{scheme} on every row; {count} of them are decisions ({ids}).",
        len(decisions),
    ).format(scheme=converted.scheme.name, count=len(decisions), ids=shown_ids(decisions, shown))
