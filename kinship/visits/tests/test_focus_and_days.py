"""The pure helpers: a subject or year group into schools, and a school's days in a window."""

from datetime import date

from kinship.visits.candidates import candidate_days, closed_days, open_days_in_window
from kinship.visits.focus import SchoolOffer, schools_for_focus, tag_matches

ALDER = SchoolOffer(1, "Alder", open_classrooms=(("early_reading", "y2"),), colleagues=())
BIRCH = SchoolOffer(
    2,
    "Birch",
    open_classrooms=(("early_reading", "y1"), ("maths", "y2")),
    colleagues=(("Phonics", "EYFS"), ("KS2 writing",)),
)
CEDAR = SchoolOffer(3, "Cedar", colleagues=(("Early reading",),))
DOLPHIN = SchoolOffer(4, "Dolphin", open_classrooms=(("science", "y5"),))


def test_a_tag_matches_its_subject_by_whole_words():
    assert tag_matches("KS2 writing", subject="writing")
    assert tag_matches("SENCO", subject="send")
    assert tag_matches("EYFS", year_group="reception")
    assert not tag_matches("Sendai exchange", subject="send")
    assert not tag_matches("Maths mastery", subject="writing")


def test_an_open_classroom_matching_everything_asked_counts_most():
    found = schools_for_focus(
        [ALDER, BIRCH, CEDAR, DOLPHIN], subject="early_reading", year_group="y2"
    )
    # Alder's Y2 phonics (4) beats Birch's Y1 phonics, Y2 maths and a phonics colleague (3).
    assert [match.name for match in found] == ["Alder", "Birch", "Cedar"]
    assert (found[1].open_classrooms, found[1].colleagues) == (2, 1)


def test_schools_with_nothing_to_see_are_left_out_and_exclusions_honoured():
    found = schools_for_focus([ALDER, BIRCH, CEDAR, DOLPHIN], subject="early_reading", exclude=[1])
    assert [match.name for match in found] == ["Birch", "Cedar"]
    assert schools_for_focus([ALDER], subject="", year_group="") == []
    assert [m.name for m in schools_for_focus([ALDER, BIRCH], year_group="y2", limit=1)] == [
        "Alder"
    ]


def test_ties_go_by_name():
    found = schools_for_focus(
        [DOLPHIN, SchoolOffer(5, "Ash", (("science", "y5"),))], subject="science"
    )
    assert [match.name for match in found] == ["Ash", "Dolphin"]


MON, TUE, WED, THU, FRI = (date(2032, 3, day) for day in (1, 2, 3, 4, 5))
SAT = date(2032, 3, 6)


def test_candidates_are_open_days_in_the_window_less_the_common_day_and_exclusions():
    open_days = {MON, TUE, THU, FRI, SAT}
    assert open_days_in_window(open_days, MON, SAT) == [MON, TUE, THU, FRI]
    assert candidate_days(open_days, MON, SAT, common=FRI, excluded=[TUE]) == [MON, THU]


def test_a_school_cannot_host_when_closed_or_on_the_common_day():
    assert closed_days({MON, TUE, THU, FRI}, MON, FRI, common=FRI) == [WED, FRI]
