"""The one visual language of every raci output: letter colours, the size chart's series, the error red.

Calm colours for the letters (the accountable letters darkest, then R, C, I); red is kept for
errors alone. The workbook's styles read these values; the pages' CSS custom properties for the
letters (templates/theme.css.j2, `--a-bg` … `--i-fg`) are this module's `css_letters()` block,
kept in step by a test (`python -m raci.render.palette` prints the block).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..scheme import RACI, Swatch

__all__ = ["Swatch"]

# The letters' colours are the scheme's (A navy, A/R steel blue, R light blue, C tan, I grey).
LETTERS: Mapping[str, Swatch] = RACI.colours
# The CSS custom property prefix of each letter: "A/R" -> "ar".
CSS_NAMES: Mapping[str, str] = {letter: RACI.slug(letter).lower() for letter in RACI.colours}

# Who answers, in the size charts: sales, marketing, one person for both, others.
SERIES: Mapping[str, str] = {
    "sales": "#2f6690",
    "marketing": "#a65d2a",
    "both": "#6b4e9b",
    "others": "#d5dae1",
}

# Errors only: a flagged ID, an error finding.
ERROR = Swatch("#fbeeee", "#b23a3a", bold=True)


def xlsx(colour: str) -> str:
    """#rrggbb as openpyxl's RRGGBB."""
    return colour.lstrip("#").upper()


def css_letters() -> str:
    """The letter lines of templates/theme.css.j2's :root block, exactly as they stand there."""
    lines = []
    for letter, swatch in LETTERS.items():
        name = CSS_NAMES[letter]
        background = f"--{name}-bg: {swatch.fill};"
        lines.append(f"  {background:<17} --{name}-fg: {swatch.ink};")
    return "\n".join(lines)


if __name__ == "__main__":
    print(css_letters())
