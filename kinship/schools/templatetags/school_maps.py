"""`{% school_map schools highlighted %}`: a small map drawn on the server as inline SVG.

Schools are placed by their Easting/Northing: the British National Grid is already a flat
map in metres, so a linear scale draws England without distortion and without JavaScript,
tiles or a third-party request (the strict CSP allows none of those anyway).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinship.schools.models import School

register = template.Library()

WIDTH, HEIGHT, MARGIN = 480, 320, 28
MIN_SPAN_METRES = 2_000  # a lone school, or schools next door, still get a sensible scale
SCALE_STEPS_KM = (0.5, 1, 2, 5, 10, 20, 50, 100, 200)


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    name: str
    urn: int
    is_current: bool

    @property
    def label_anchor(self) -> str:
        """Labels of points on the right run leftwards, so they stay inside the map."""
        return "end" if self.x > WIDTH * 0.6 else "start"

    @property
    def label_x(self) -> float:
        return round(self.x - 10 if self.label_anchor == "end" else self.x + 10, 1)


@dataclass(frozen=True)
class ScaleBar:
    x: float
    y: float
    length: float
    label: str


def project(
    schools: Iterable[School], highlighted: School | None
) -> tuple[list[MapPoint], ScaleBar | None]:
    """Place each school with a grid position in the WIDTH x HEIGHT box, north up.

    The highlighted school is drawn last (on top). Schools without Easting/Northing are
    left out; a school listed twice is drawn once.
    """
    located: dict[int, School] = {}
    for school in [*schools, *([highlighted] if highlighted is not None else [])]:
        if school.easting is not None and school.northing is not None:
            located[school.urn] = school
    if not located:
        return [], None
    eastings = [s.easting for s in located.values() if s.easting is not None]
    northings = [s.northing for s in located.values() if s.northing is not None]
    span = max(max(eastings) - min(eastings), max(northings) - min(northings), MIN_SPAN_METRES)
    scale = min(WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN) / span  # pixels per metre
    centre_e = (max(eastings) + min(eastings)) / 2
    centre_n = (max(northings) + min(northings)) / 2
    current_urn = highlighted.urn if highlighted is not None else None
    points = [
        MapPoint(
            x=round(WIDTH / 2 + (school.easting - centre_e) * scale, 1),
            y=round(HEIGHT / 2 - (school.northing - centre_n) * scale, 1),
            name=school.name,
            urn=school.urn,
            is_current=school.urn == current_urn,
        )
        for school in located.values()
        if school.easting is not None and school.northing is not None
    ]
    points.sort(key=lambda point: point.is_current)
    return points, _scale_bar(scale)


def _scale_bar(scale: float) -> ScaleBar:
    """The longest round distance that fits in a quarter of the map's width."""
    fits = [km for km in SCALE_STEPS_KM if km * 1000 * scale <= WIDTH / 4]
    km = fits[-1] if fits else SCALE_STEPS_KM[0]
    label = f"{int(km * 1000)} m" if km < 1 else f"{km:g} km"
    return ScaleBar(x=12, y=HEIGHT - 12, length=round(km * 1000 * scale, 1), label=label)


def openstreetmap_url(school: School) -> str:
    """A link to the school's position on openstreetmap.org, or "" without one."""
    if school.latitude is None or school.longitude is None:
        return ""
    lat, lon = f"{school.latitude:.5f}", f"{school.longitude:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}"


@register.inclusion_tag("schools/_school_map.html")
def school_map(schools: Iterable[School], highlighted: School | None = None) -> dict[str, Any]:
    """Draw `schools` (and `highlighted`, marked out) as points on a small SVG map."""
    schools = list(schools)
    points, scale_bar = project(schools, highlighted)
    others = sum(1 for point in points if not point.is_current)
    if highlighted is not None:
        label = ngettext(
            "Map of %(name)s and %(count)d partner school",
            "Map of %(name)s and %(count)d partner schools",
            others,
        ) % {"name": highlighted.name, "count": others}
    else:
        label = ngettext("Map of %(count)d school", "Map of %(count)d schools", len(points)) % {
            "count": len(points)
        }
    return {
        "points": points,
        "scale_bar": scale_bar,
        "label": label,
        "width": WIDTH,
        "height": HEIGHT,
        "highlighted": highlighted,
        "osm_url": openstreetmap_url(highlighted) if highlighted is not None else "",
        "no_position": _("No map position is recorded for these schools."),
    }


register.filter("map_url", openstreetmap_url)
