from kinship.privacy.registry import Erase, Relation

RELATIONS = [
    Relation(
        "schools.SchoolRole", "user", Erase.DELETE,
        "The roles through which the person acted for a school end.",
    ),
    Relation(
        "schools.TermCalendar", "updated_by", Erase.FORMER_MEMBER,
        "A school's term dates; who last changed them is shown as a former member.",
    ),
]  # fmt: skip
