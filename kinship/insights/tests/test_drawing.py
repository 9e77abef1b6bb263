"""Where the drawing puts each school."""

import pytest

from kinship.insights.drawing import HEIGHT, INNER, OUTER, WIDTH, layout


def test_the_family_sits_inside_its_partners_and_lines_thicken_with_use():
    dots, lines = layout(4, 2, [False, False, False, True, False, False], [(0, 1, 1), (0, 4, 4)])
    middle = (WIDTH / 2, HEIGHT / 2)
    for dot in dots:
        distance = ((dot.x - middle[0]) ** 2 + (dot.y - middle[1]) ** 2) ** 0.5
        assert distance == pytest.approx(INNER if dot.inside else OUTER, abs=0.2)
        # Names go outward: right of the middle they start after the dot, left they end before.
        assert (dot.anchor == "start") == (dot.x >= middle[0])
    assert [dot.inside for dot in dots] == [True] * 4 + [False] * 2
    assert dots[3].isolated
    # First dot at the top; a pair exchanging 4 times is drawn 1 + log2(4) = 3 wide.
    assert (dots[0].x, dots[0].y) == (WIDTH / 2, HEIGHT / 2 - INNER)
    assert [line.width for line in lines] == [1.0, 3.0]
    assert (lines[1].x2, lines[1].y2) == (dots[4].x, dots[4].y)


def test_one_school_alone_sits_in_the_middle():
    [dot], lines = layout(1, 0, [True], [])
    assert (dot.x, dot.y, lines) == (WIDTH / 2, HEIGHT / 2, [])
