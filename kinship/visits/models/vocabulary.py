"""The words teachers use to say what they would like to see: subjects and year groups."""

from datetime import time

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    EARLY_READING = "early_reading", _("Early reading and phonics")
    READING = "reading", _("Reading")
    WRITING = "writing", _("Writing")
    MATHS = "maths", _("Maths")
    SCIENCE = "science", _("Science")
    HISTORY = "history", _("History")
    GEOGRAPHY = "geography", _("Geography")
    ART = "art", _("Art and design")
    DESIGN_TECHNOLOGY = "design_technology", _("Design and technology")
    MUSIC = "music", _("Music")
    PE = "pe", _("PE")
    COMPUTING = "computing", _("Computing")
    LANGUAGES = "languages", _("Languages")
    RE = "re", _("RE")
    PSHE = "pshe", _("PSHE and RSE")
    SEND = "send", _("SEND and inclusion")
    EARLY_YEARS = "early_years", _("Early years provision")
    BEHAVIOUR = "behaviour", _("Behaviour and routines")
    OTHER = "other", _("Something else")


class YearGroup(models.TextChoices):
    NURSERY = "nursery", _("Nursery")
    RECEPTION = "reception", _("Reception")
    Y1 = "y1", _("Year 1")
    Y2 = "y2", _("Year 2")
    Y3 = "y3", _("Year 3")
    Y4 = "y4", _("Year 4")
    Y5 = "y5", _("Year 5")
    Y6 = "y6", _("Year 6")
    Y7 = "y7", _("Year 7")
    Y8 = "y8", _("Year 8")
    Y9 = "y9", _("Year 9")
    Y10 = "y10", _("Year 10")
    Y11 = "y11", _("Year 11")
    Y12 = "y12", _("Year 12")
    Y13 = "y13", _("Year 13")
    MIXED = "mixed", _("Mixed-age class")


# How an offer's year group reads in a short line: "Y2 phonics".
YEAR_GROUP_SHORT = {
    YearGroup.NURSERY: "Nursery",
    YearGroup.RECEPTION: "Reception",
    YearGroup.MIXED: "Mixed-age",
    **{getattr(YearGroup, f"Y{n}"): f"Y{n}" for n in range(1, 14)},
}
SUBJECT_SHORT = {
    Subject.EARLY_READING: "phonics",
    Subject.DESIGN_TECHNOLOGY: "D&T",
    Subject.PE: "PE",
    Subject.RE: "RE",
    Subject.PSHE: "PSHE",
    Subject.SEND: "SEND",
    Subject.EARLY_YEARS: "early years",
    Subject.BEHAVIOUR: "behaviour",
    Subject.OTHER: "",
}


def subject_short(subject: str) -> str:
    """`phonics`, `maths`, `art and design`: a subject as it reads after a year group."""
    if subject in SUBJECT_SHORT:
        return SUBJECT_SHORT[Subject(subject)]
    return str(Subject(subject).label).lower() if subject in Subject.values else subject


WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri")


class Session(models.TextChoices):
    """Part of the school day an open classroom welcomes visitors; times are the usual ones."""

    MORNING = "morning", _("Mornings")
    AFTERNOON = "afternoon", _("Afternoons")
    ALL_DAY = "all_day", _("All day")


SESSION_TIMES = {
    Session.MORNING: (time(9, 0), time(12, 0)),
    Session.AFTERNOON: (time(13, 0), time(15, 15)),
    Session.ALL_DAY: (time(8, 45), time(15, 15)),
}
