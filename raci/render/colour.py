"""The pages' accent colours: the built-in navy, or a client's accent made readable (WCAG contrast) with a pale wash."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Branding, parse_accent

# The built-in accent (navy) and its pale wash; a client's accent replaces both.
BUILTIN_ACCENT = "#1d3557"
BUILTIN_TINT = "#e9f0f7"
INK_CONTRAST = 4.5  # WCAG AA for text on white: the accent is darkened for text until it reaches this
TINT_SHARE = 0.12  # how much of the accent its wash keeps (the rest is white)


@dataclass(frozen=True)
class Theme:
    """The page's accent colours: `accent` for rules, bars and edges, `accent_ink` for text in
    the accent (the accent darkened until it reads on white), `accent_tint` for highlighted bands."""

    accent: str
    accent_ink: str
    accent_tint: str


BUILTIN_THEME = Theme(accent=BUILTIN_ACCENT, accent_ink=BUILTIN_ACCENT, accent_tint=BUILTIN_TINT)


def theme(branding: Branding) -> Theme:
    """The built-in navy, or the client's accent with a readable ink and a pale wash of it."""
    if not branding.accent:
        return BUILTIN_THEME
    accent = parse_accent(branding.accent)  # raises on anything but a hex colour: it goes into CSS
    rgb = _rgb(accent)
    ink = rgb
    for step in range(1, 21):
        if _contrast_on_white(ink) >= INK_CONTRAST:
            break
        ink = _mix(rgb, (0, 0, 0), step / 20)
    return Theme(accent=accent, accent_ink=_hex(ink), accent_tint=_hex(_mix((255, 255, 255), rgb, TINT_SHARE)))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _mix(base: tuple[int, int, int], other: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """`base` with `share` of `other` mixed in."""
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(base, other, strict=True))
    return red, green, blue


def _contrast_on_white(rgb: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of `rgb` against white (1 to 21)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
    return 1.05 / (luminance + 0.05)
