"""Move, never add: a school's year takes a plan's INSET days and keeps its counts."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.schools.tests.term_years import LANCASHIRE
from kinship.visits.inset_moves import own_inset_days, plan_moves, with_moves

D = date
BEFORE = D(2031, 8, 1)  # "today": every day of the year is ahead
OWN = own_inset_days(LANCASHIRE)  # 3 Sep, 3 Nov, 5 Jan, 7 Jun, 21 Jul


def test_a_day_moves_to_the_plans_day_from_the_nearest_day_its_lead_lets_move():
    moves = plan_moves(LANCASHIRE, [D(2032, 3, 2)], OWN, after=BEFORE)
    assert moves.problem == ""
    assert moves.moved == ((D(2032, 1, 5), D(2032, 3, 2)),)
    assert moves.describe() == ["Mon 5 Jan 2032 moves to Tue 2 Mar 2032"]
    after = with_moves(LANCASHIRE, moves)
    assert (after.pupil_days, after.inset_days) == (LANCASHIRE.pupil_days, 5)


def test_a_day_already_an_inset_day_costs_nothing_and_a_day_to_be_decided_is_filled():
    assert plan_moves(LANCASHIRE, [D(2032, 1, 5)], [], after=BEFORE).added == ()
    four = replace(LANCASHIRE, closures=LANCASHIRE.closures[1:])  # one still to be decided
    moves = plan_moves(four, [D(2032, 3, 2), D(2032, 3, 19)], [D(2032, 6, 7)], after=BEFORE)
    assert moves.filled == (D(2032, 3, 2),)
    assert moves.moved == ((D(2032, 6, 7), D(2032, 3, 19)),)
    assert with_moves(four, moves).inset_days == 5


def test_without_enough_days_its_lead_lets_move_the_plan_says_why():
    moves = plan_moves(LANCASHIRE, [D(2032, 3, 2), D(2032, 3, 19)], [D(2032, 6, 7)], after=BEFORE)
    assert "2 INSET days" in moves.problem and "has let 1 move" in moves.problem
    nothing = plan_moves(LANCASHIRE, [D(2032, 3, 2)], [], after=BEFORE, name="Alder")
    assert nothing.problem.startswith("Alder would need 1 INSET day") and "none" in nothing.problem
    # A day that has passed cannot move.
    passed = plan_moves(LANCASHIRE, [D(2032, 3, 2)], [D(2031, 9, 3)], after=D(2031, 10, 1))
    assert passed.problem


@settings(max_examples=60, deadline=None)
@given(
    wanted=st.sets(st.sampled_from(sorted(LANCASHIRE.open_days())), min_size=1, max_size=4),
    letting=st.sets(st.sampled_from(OWN), min_size=0, max_size=5),
)
def test_whatever_the_plan_wants_pupil_and_inset_days_are_unchanged_or_it_says_why(wanted, letting):
    moves = plan_moves(LANCASHIRE, wanted, sorted(letting), after=BEFORE)
    if moves.problem:
        assert len(letting) < len(wanted)
        return
    after = with_moves(LANCASHIRE, moves)
    assert after.pupil_days == LANCASHIRE.pupil_days
    assert after.inset_days == LANCASHIRE.inset_days
    assert set(moves.moved_days) <= letting
    assert set(wanted) <= set(own_inset_days(after))
    # Each moved day is paired with one of the plan's days.
    assert sorted(new for _old, new in moves.moved) == sorted(moves.added)
