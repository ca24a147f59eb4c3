"""Which scheme a matrix made elsewhere is written in, told from the letters in use and its legend.

The scheme that reads the most letter cells wins; among those that read as many, the one its legend
names best (a line "D = Driver", or a cell "D" beside a cell "Driver"); then RACI, RASCI, DACI,
RAPID in that order. A matrix of R, A, C and I alone is RACI; S makes it RASCI, D (with C)
DACI, P RAPID, and a legend tells RAPID's R, A, I, D apart from DACI's letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..scheme import SCHEMES, Scheme
from .letters import read_letter

LEGEND_LINE = re.compile(r"^\s*([A-Z](?:\s*/\s*[A-Z])?)\s*[=:\u2013\u2014(-]\s*(\S.*)$")
LEGEND_CELL = 60  # characters: a legend entry is short; a longer cell is prose


@dataclass(frozen=True)
class Told:
    """The scheme chosen, the letters in use (as the scheme reads them) and the legend lines it matched."""

    scheme: Scheme
    letters: tuple[str, ...]
    legend: tuple[str, ...]


def legend_entries(cells: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    """(letter, words) of each legend entry: a cell "D = Driver", or a letter cell with words beside it."""
    found = []
    for row in cells:
        for column, cell in enumerate(row):
            text = cell.strip()
            if not text or len(text) > LEGEND_CELL:
                continue
            line = LEGEND_LINE.match(text)
            if line:
                found.append((line.group(1).replace(" ", ""), line.group(2).strip()))
            elif re.fullmatch(r"[A-Z](?:/[A-Z])?", text) and column + 1 < len(row) and row[column + 1].strip():
                found.append((text, row[column + 1].strip()))
    return found


def _named(scheme: Scheme, letter: str, words: str) -> bool:
    folded = words.casefold()
    return letter in scheme.words and any(folded.startswith(word) for word in scheme.words[letter])


def tell_scheme(raw: Iterable[str], legend: Sequence[tuple[str, str]]) -> Told:
    """The scheme the letter cells `raw` and the `legend` entries are written in."""
    cells = [value for value in raw if value.strip()]

    def score(order: int, scheme: Scheme) -> tuple[int, int, int]:
        unread = sum(read_letter(value, scheme) is None for value in cells)
        named = len({letter for letter, words in legend if _named(scheme, letter, words)})
        return unread, -named, order

    best = min(enumerate(SCHEMES.values()), key=lambda pair: score(*pair))[1]
    used = {read_letter(value, best) for value in cells}
    letters = tuple(letter for letter in best.letters if letter in used)
    matched = tuple(f"{letter} = {words}" for letter, words in legend if _named(best, letter, words))
    return Told(best, letters, matched)


def any_letter(value: str) -> str | None:
    """`value` as a letter of any scheme ("" for none), or None when no scheme reads it."""
    for scheme in SCHEMES.values():
        letter = read_letter(value, scheme)
        if letter is not None:
            return letter
    return None
