"""The org chart's geometry: leadership on top, the other roles in one column per function, in SVG units."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..model import Role

WIDTH = 760.0
BOX_HEIGHT = 58.0
BOX_GAP = 12.0
TOP = 16.0
HEADING = 26.0  # a column's function name above its boxes
BUS_GAP = 30.0  # from the leadership row to the line the columns hang from
ORDER = ("sales", "marketing", "service", "product", "finance", "operations")


@dataclass(frozen=True)
class Box:
    role: Role
    x: float
    y: float
    width: float
    lines: tuple[str, ...]  # the title, wrapped
    hats: tuple[str, ...]  # functions worn besides the primary one

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Column:
    function: str
    x: float
    width: float
    boxes: tuple[Box, ...]

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class OrgChart:
    width: float
    height: float
    top: tuple[Box, ...]
    columns: tuple[Column, ...]
    bus_y: float  # the horizontal line the columns hang from (when there is a top row and columns)
    heading_y: float
    box_height: float = BOX_HEIGHT


def org_chart(roles: tuple[Role, ...]) -> OrgChart:
    """Leadership roles across the top; every other role under its primary function's heading."""
    leaders = [role for role in roles if role.function == "leadership"]
    functions = sorted({role.function for role in roles} - {"leadership"}, key=_rank)
    columns_count = max(1, len(functions))
    column_width = WIDTH / columns_count
    box_width = min(200.0, column_width - 16)
    top_width = min(220.0, WIDTH / max(1, len(leaders)) - 16)
    top = tuple(
        _box(role, WIDTH * (index + 0.5) / len(leaders) - top_width / 2, TOP, top_width)
        for index, role in enumerate(leaders)
    )
    bus_y = TOP + BOX_HEIGHT + BUS_GAP / 2 if top else TOP
    heading_y = (TOP + BOX_HEIGHT + BUS_GAP if top else TOP) + HEADING - 8
    first_box = heading_y + 10
    columns = []
    for index, function in enumerate(functions):
        x = index * column_width
        members = [role for role in roles if role.function == function]
        boxes = tuple(
            _box(role, x + (column_width - box_width) / 2, first_box + number * (BOX_HEIGHT + BOX_GAP), box_width)
            for number, role in enumerate(members)
        )
        columns.append(Column(function, x, column_width, boxes))
    deepest = max((len(column.boxes) for column in columns), default=0)
    height = (first_box + deepest * (BOX_HEIGHT + BOX_GAP)) if columns else TOP + BOX_HEIGHT + 16
    return OrgChart(WIDTH, height + 4, top, tuple(columns), bus_y, heading_y)


def _box(role: Role, x: float, y: float, width: float) -> Box:
    lines = tuple(textwrap.wrap(role.title, max(8, int(width / 7.2))) or [role.title])[:2]
    return Box(role, x, y, width, lines, role.also)


def _rank(function: str) -> int:
    return ORDER.index(function) if function in ORDER else len(ORDER)
