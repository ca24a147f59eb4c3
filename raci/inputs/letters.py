"""A letter as people write it in a matrix made elsewhere, read as one of its scheme's letters.

Forgiven: any case and spaces; A and R together in any order and joining (`R/A`, `AR`, `A+R`,
`R & A`); the full words in English and Indonesian (the scheme's `words`); look-alike letters from the Cyrillic and
Greek scripts and fullwidth forms; footnote marks (`A*`, `I**`, `C¹`). `-`, an en dash, `n/a`, a
placeholder (`TBD`, `TBC`, `?`) and an empty cell mean no letter. A mark that carries no letter (`x`,
`✓`) is never guessed at.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..scheme import RACI, Scheme

# Read as no letter at all.
BLANKS = frozenset({"", "-", "\u2013", "\u2014", "n/a", "na", "n.a.", "n.a", "t/a", "tidak ada"})
# Said for a letter not chosen yet: read as no letter, and reported as a change of meaning where they stand.
PLACEHOLDERS = frozenset({"tbd", "tbc", "tba", "?", "??", "???", "n/a", "-", "belum", "menyusul", "tbd.", "t.b.d."})
# Marks that say "involved" without saying how: a column of them is a role column, but no cell is guessed.
MARKS = frozenset({"x", "✓", "✔", "✗", "✘", "•", "●", "√", "v", "y", "yes", "ya", "o", "+", "*"})
# Letters of other scripts that look like (and, for the Cyrillic Er and Greek Rho, are) R, A, C and I.
LOOKALIKES = str.maketrans(
    {
        "\u0410": "A",
        "\u0430": "a",
        "\u0421": "C",
        "\u0441": "c",
        "\u0420": "R",
        "\u0440": "r",
        "\u0406": "I",
        "\u0456": "i",
        "\u04c0": "I",
        "\u0391": "A",
        "\u03b1": "a",
        "\u03a1": "R",
        "\u03c1": "r",
        "\u0399": "I",
        "\u03b9": "i",
        "\u03f9": "C",
        "\u03f2": "c",
    }
)
FOOTNOTES = re.compile(r"[*†‡§¹²³⁰⁴-⁹]+|\(\d\)|\[\d\]")
JOINS = re.compile(r"\s*(?:[/,&+;|]|\band\b|\bdan\b)\s*|\s+")


@functools.cache
def _words(scheme: Scheme) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each whole word of the scheme's letters and the letter it stands for, longest first."""
    pairs = [(word, letter.casefold()) for letter, words in scheme.words.items() for word in words]
    pairs.sort(key=lambda pair: -len(pair[0]))
    return tuple((re.compile(rf"\b{re.escape(word)}\b"), f" {letter} ") for word, letter in pairs)


@functools.lru_cache(maxsize=8192)  # a matrix repeats a handful of spellings thousands of times
def read_letter(value: str, scheme: Scheme = RACI) -> str | None:
    """`value` as one of the scheme's letters, or "" for no letter; None when it holds no letter raci can read."""
    text = FOOTNOTES.sub("", value.translate(LOOKALIKES))
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    if text in BLANKS or text in PLACEHOLDERS:
        return ""
    for word, letter in _words(scheme):
        text = word.sub(letter, text)
    simple = {letter.casefold(): letter for letter in scheme.simple}
    found: set[str] = set()
    for token in JOINS.split(text.strip()):
        if not token:
            continue
        if not set(token) <= set(simple):
            return None
        found.update(simple[char] for char in token)
    if len(found) == 1:
        return found.pop()
    return scheme.joined.get(frozenset(found))


def is_mark(value: str) -> bool:
    """Whether `value` is a tick or cross that marks a role as involved without saying how."""
    return unicodedata.normalize("NFKC", value).strip().casefold() in MARKS


def is_placeholder(value: str) -> bool:
    """Whether `value` stands for a letter not chosen yet (`TBD`, `TBC`, `?`, `n/a`, `-`)."""
    return unicodedata.normalize("NFKC", value).strip().casefold() in PLACEHOLDERS


def footnote(value: str) -> str:
    """The footnote mark a cell's letter carries (`A**` -> `**`), or ""."""
    return "".join(FOOTNOTES.findall(value))
