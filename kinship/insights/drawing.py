"""Where each school goes in the network drawing: pure Python, no Django import.

The family's schools sit on an inner circle, the partners outside it on an outer ring, each
in the order given (by name), so the same family is drawn the same way every time; a line
joins each pair that exchanged, thicker the more often they did.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 480  # the drawing's size in SVG units: room beside the rings for names
INNER, OUTER = 120, 190
LABEL_GAP = 12


@dataclass(frozen=True)
class Dot:
    index: int
    x: float
    y: float
    inside: bool  # one of the family's schools
    isolated: bool
    label_x: float  # where the school's name starts (or ends, when `anchor` is "end")
    label_y: float
    anchor: str  # SVG text-anchor: "start" right of the middle, "end" left of it


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    count: int


def _ring(count: int, radius: float) -> list[tuple[float, float]]:
    return [
        (
            round(WIDTH / 2 + radius * math.sin(2 * math.pi * step / count), 1),
            round(HEIGHT / 2 - radius * math.cos(2 * math.pi * step / count), 1),
        )
        for step in range(count)
    ]


def _label(x: float, y: float) -> tuple[float, float, str]:
    """A name beside its dot, away from the middle."""
    if x >= WIDTH / 2:
        return round(x + LABEL_GAP, 1), round(y + 4, 1), "start"
    return round(x - LABEL_GAP, 1), round(y + 4, 1), "end"


def layout(
    inside: int, outside: int, isolated: Sequence[bool], pairs: Sequence[tuple[int, int, int]]
) -> tuple[list[Dot], list[Line]]:
    """Dots for `inside` family schools (numbered first) and `outside` partners, and a line
    for each pair (a, b, how often)."""
    # One school alone (a school's own page) sits in the middle of its partners.
    radius = 0 if inside == 1 else INNER if outside else INNER * 1.3
    places = _ring(inside, radius) + _ring(outside, OUTER)
    dots = [
        Dot(index, x, y, index < inside, isolated[index], *_label(x, y))
        for index, (x, y) in enumerate(places)
    ]
    lines = [
        Line(
            x1=places[a][0],
            y1=places[a][1],
            x2=places[b][0],
            y2=places[b][1],
            width=round(1 + math.log2(count), 1),
            count=count,
        )
        for a, b, count in pairs
    ]
    return dots, lines
