from kinship.privacy.registry import Erase, Relation

RELATIONS = [
    Relation(
        "meetings.Series", "organiser", Erase.FORMER_MEMBER,
        "Meetings others attend stay in the calendar, organised by a former member.",
    ),
    Relation("meetings.Series", "guests", Erase.DELETE, "The person is no longer a guest."),
    Relation(
        "meetings.Event", "minutes_by", Erase.FORMER_MEMBER,
        "Minutes are the meeting's record; their writer is shown as a former member.",
    ),
    Relation(
        "meetings.MinutesRevision", "written_by", Erase.FORMER_MEMBER,
        "Earlier minutes are part of the meeting's record; their writer is shown as a former "
        "member.",
    ),
    Relation(
        "meetings.MinutesRevision", "replaced_by", Erase.FORMER_MEMBER,
        "Earlier minutes are part of the meeting's record; who replaced them is shown as a "
        "former member.",
    ),
    Relation("meetings.Rsvp", "user", Erase.DELETE, "Replies to invitations are deleted."),
    Relation(
        "meetings.AgendaItem", "proposer", Erase.FORMER_MEMBER,
        "Agenda items belong to the meeting's record.",
    ),
    Relation(
        "meetings.Action", "owner", Erase.FORMER_MEMBER,
        "Actions agreed in a meeting stay in its record.",
    ),
    Relation(
        "meetings.Action", "created_by", Erase.FORMER_MEMBER,
        "Actions agreed in a meeting stay in its record.",
    ),
    Relation(
        "meetings.CalendarSettings", "user", Erase.DELETE,
        "Calendar settings and the private feed address are deleted, so the feed stops.",
        exclude=("feed_token",),
    ),
    Relation(
        "meetings.DatePoll", "organiser", Erase.FORMER_MEMBER,
        "Polls others answered stay, organised by a former member.",
    ),
    Relation("meetings.PollAnswer", "user", Erase.DELETE, "Answers to date polls are deleted."),
]  # fmt: skip
