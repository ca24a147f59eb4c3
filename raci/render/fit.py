"""Text measured with a font, so a slide's text fits its box: wrapped at the box's width, and shrunk
until its lines fit the box's height. Sizes and lengths are in points.

The deck names Calibri; LibreOffice shows it in Carlito when it has it, else in DejaVu Sans, the
widest of the fonts it falls back on. Text is measured in the first of those found, so it fits in
each; without any, a character is taken as 0.6 em wide (DejaVu Sans' average, a little over).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
FONT_FILES = {False: ("DejaVuSans.ttf",), True: ("DejaVuSans-Bold.ttf",)}
MEASURE_SIZE = 100  # the size fonts are loaded at; lengths scale with the size
LINE_HEIGHT = 1.2  # a line's height, in ems
SPACE_BEFORE = 6.0  # points between paragraphs, as the deck sets them
AVERAGE_EM = 0.6
SMALLEST = 8  # points: text is never shrunk below this


@dataclass(frozen=True)
class Line:
    """A paragraph to fit: its text, its size in points and whether it is bold."""

    text: str
    size: float
    bold: bool = False


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    for folder in FONT_FOLDERS:
        for name in FONT_FILES[bold]:
            path = folder / name
            if path.is_file():
                return ImageFont.truetype(str(path), MEASURE_SIZE)
    return None


def width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is at `size` points."""
    font = _font(bold)
    if font is None:
        return len(text) * size * AVERAGE_EM * (1.08 if bold else 1.0)
    return float(font.getlength(text)) * size / MEASURE_SIZE


def wrap(text: str, room: float, size: float, bold: bool = False) -> list[str]:
    """`text` broken into lines at spaces, each as long as `room` points allows (a longer word alone)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and width(candidate, size, bold) > room:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def height(lines: Sequence[Line], room: float) -> float:
    """How tall `lines` are, wrapped at `room` points wide."""
    total = 0.0
    for index, line in enumerate(lines):
        total += len(wrap(line.text, room, line.size, line.bold)) * line.size * LINE_HEIGHT
        total += SPACE_BEFORE if index else 0.0
    return total


def fits(lines: Sequence[Line], room: float, tall: float) -> bool:
    """Whether `lines` fit a box `room` wide and `tall` high: every word on a line, every line in the box."""
    words = all(width(word, line.size, line.bold) <= room for line in lines for word in line.text.split())
    return words and height(lines, room) <= tall


def fitted(lines: Sequence[Line], room: float, tall: float) -> list[Line]:
    """`lines` shrunk together, by whole points from the largest, until they fit the box (never below
    SMALLEST points); as they are when they fit already."""
    current = list(lines)
    while not fits(current, room, tall) and any(line.size > SMALLEST for line in current):
        current = [_smaller(line) for line in current]
    return current


def _smaller(line: Line) -> Line:
    """`line` a point smaller, or a twentieth for large text; never below SMALLEST."""
    return Line(line.text, max(SMALLEST, line.size - max(1, round(line.size / 20))), line.bold)


def largest_size(words: Sequence[str], room: float, most: float, least: float = SMALLEST, bold: bool = True) -> float:
    """The largest whole size, from `most` down to `least` points, at which every word fits `room` points."""
    size = most
    while size > least and any(width(word, size, bold) > room for word in words):
        size -= 1
    return size
