"""The server-drawn SVG map of schools."""

import pytest
from django.template import Context, Template

from kinship.schools.models import School
from kinship.schools.templatetags.school_maps import HEIGHT, WIDTH, openstreetmap_url, project


def school(urn, easting, northing, name=None, **extra):
    return School(
        urn=urn, name=name or f"School {urn}", easting=easting, northing=northing, **extra
    )


def test_points_are_placed_north_up_and_east_right_inside_the_map():
    west = school(1, 340000, 460000)
    east = school(2, 360000, 460000)
    north = school(3, 350000, 470000)

    points, scale_bar = project([west, east, north], None)

    by_urn = {point.urn: point for point in points}
    assert by_urn[1].x < by_urn[3].x < by_urn[2].x
    assert by_urn[3].y < by_urn[1].y == by_urn[2].y  # SVG y grows downwards
    assert all(0 <= p.x <= WIDTH and 0 <= p.y <= HEIGHT for p in points)
    assert scale_bar is not None and scale_bar.label == "5 km"


def test_distances_keep_their_proportions():
    points, _ = project([school(1, 0, 0), school(2, 10000, 0), school(3, 0, 5000)], None)
    by_urn = {point.urn: point for point in points}
    across = by_urn[2].x - by_urn[1].x
    up = by_urn[1].y - by_urn[3].y
    assert across == pytest.approx(2 * up, rel=0.01)


def test_the_highlighted_school_is_marked_drawn_last_and_not_repeated():
    home = school(1, 350000, 460000)
    points, _ = project([home, school(2, 351000, 461000)], home)
    assert [(p.urn, p.is_current) for p in points] == [(2, False), (1, True)]


def test_a_single_school_sits_in_the_middle():
    [point], scale_bar = project([school(1, 350000, 460000)], None)
    assert (point.x, point.y) == (WIDTH / 2, HEIGHT / 2)
    assert scale_bar is not None


def test_schools_without_a_position_are_left_off():
    points, scale_bar = project([school(1, None, None), school(2, 350000, None)], None)
    assert points == []
    assert scale_bar is None


def render(schools, highlighted):
    template = Template("{% load school_maps %}{% school_map schools highlighted %}")
    return template.render(Context({"schools": schools, "highlighted": highlighted}))


def test_the_map_is_an_accessible_svg_with_a_title_for_each_school():
    home = school(1, 350000, 460000, "Alder <Primary>", latitude=54.04, longitude=-2.8)
    html = render([school(2, 352000, 462000, "Birch")], home)

    assert 'role="img"' in html
    assert 'aria-label="Map of Alder &lt;Primary&gt; and 1 partner school"' in html
    assert "<title>Birch (URN 2)</title>" in html
    assert "<title>Alder &lt;Primary&gt; (URN 1)</title>" in html
    assert 'class="is-current"' in html
    assert "style=" not in html
    assert (
        'href="https://www.openstreetmap.org/?mlat=54.04000&amp;mlon=-2.80000'
        '#map=15/54.04000/-2.80000"' in html
    )


def test_a_map_of_a_family_has_no_highlight_and_no_link():
    html = render([school(1, 350000, 460000), school(2, 352000, 462000)], None)
    assert 'aria-label="Map of 2 schools"' in html
    assert "is-current" not in html
    assert "openstreetmap" not in html


def test_without_positions_the_map_says_so():
    html = render([school(1, None, None)], None)
    assert "<svg" not in html
    assert "No map position" in html


def test_openstreetmap_url_needs_coordinates():
    assert openstreetmap_url(school(1, 1, 1)) == ""
    assert openstreetmap_url(school(1, 1, 1, latitude=51.5, longitude=-0.1276)) == (
        "https://www.openstreetmap.org/?mlat=51.50000&mlon=-0.12760#map=15/51.50000/-0.12760"
    )
