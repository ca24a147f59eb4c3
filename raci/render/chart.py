"""The size chart's geometry: one 100% bar per size profile, in SVG user units (the chart scales to its container)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.report import SizeShares
from ..i18n import DEFAULT, N_, Translator

ENGLISH = Translator(DEFAULT)
CHART_WIDTH = 760.0
PLOT_LEFT = 200.0
PLOT_RIGHT = 740.0
PLOT_TOP = 40.0
GROUP_HEIGHT = 58.0
BAR_HEIGHT = 24.0
BAR_GAP = 4.0
AXIS_SPACE = 30.0
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
# The segments of each size's bar, in order, and their legend labels.
SEGMENT_LABELS: Mapping[str, str] = {
    "sales": N_("Sales"),
    "marketing": N_("Marketing"),
    "both": N_("One person for both"),
    "others": N_("Others"),
}
MIN_LABELLED_WIDTH = 34.0  # a segment narrower than this shows its figure only in its tooltip
LEGEND_STEP = 150.0  # from one legend key to the next, at least
LEGEND_KEY = 18.0  # swatch and space before its label
LEGEND_CHAR = 6.2  # a generous width per character of an 11px label
LEGEND_GAP = 24.0


@dataclass(frozen=True)
class Bar:
    """One segment of a size's 100% bar; `labelled` when it is wide enough to hold its figure."""

    share: str
    value: float
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    labelled: bool = True


@dataclass(frozen=True)
class SizeGroup:
    """One profile in the size chart: its labels, its band and its bar's segments (summing to 100%)."""

    name: str
    title: str
    headcount: str
    current: bool
    y: float
    height: float
    title_y: float
    headcount_y: float
    marker_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    value: float
    x: float


@dataclass(frozen=True)
class LegendKey:
    share: str
    label: str
    x: float


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    tick_label_y: float
    legend_y: float
    groups: tuple[SizeGroup, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[LegendKey, ...]

    @property
    def current(self) -> SizeGroup | None:
        return next((group for group in self.groups if group.current), None)


def size_chart(sizes: tuple[SizeShares, ...], t: Translator = ENGLISH) -> Chart:
    """Geometry for the size comparison: per profile, smallest first, one 100% bar of who answers:
    sales, marketing, one person wearing both hats, and everyone else."""
    span = PLOT_RIGHT - PLOT_LEFT
    groups = []
    for index, size in enumerate(sizes):
        top = PLOT_TOP + index * GROUP_HEIGHT
        y = top + (GROUP_HEIGHT - BAR_HEIGHT) / 2
        bars, x = [], PLOT_LEFT
        for share, value in size.shares.segments.items():
            width = round(max(0.0, min(1.0, value)) * span, 1)
            bars.append(
                Bar(
                    share=share,
                    value=value,
                    x=x,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    label_x=x + width / 2,
                    label_y=y + BAR_HEIGHT / 2 + 4,
                    labelled=width >= MIN_LABELLED_WIDTH,
                )
            )
            x += width
        groups.append(
            SizeGroup(
                name=size.profile.name,
                title=size.profile.title,
                headcount=size.profile.headcount_label,
                current=size.current,
                y=top,
                height=GROUP_HEIGHT,
                title_y=top + 22,
                headcount_y=top + 37,
                marker_y=top + 51,
                bars=tuple(bars),
            )
        )
    bottom = PLOT_TOP + len(sizes) * GROUP_HEIGHT
    legend, x = [], PLOT_LEFT
    for share, label in SEGMENT_LABELS.items():
        legend.append(LegendKey(share=share, label=t(label), x=x))
        x += max(LEGEND_STEP, LEGEND_KEY + round(len(t(label)) * LEGEND_CHAR) + LEGEND_GAP)
    shift = max(0.0, x - LEGEND_GAP - CHART_WIDTH)  # long labels: start the legend further left
    return Chart(
        width=CHART_WIDTH,
        height=bottom + AXIS_SPACE,
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        plot_top=PLOT_TOP,
        plot_bottom=bottom,
        tick_label_y=bottom + 18,
        legend_y=16,
        groups=tuple(groups),
        ticks=tuple(Tick(value=tick, x=PLOT_LEFT + tick * span) for tick in TICKS),
        legend=tuple(LegendKey(key.share, key.label, max(14.0, key.x - shift)) for key in legend),
    )
