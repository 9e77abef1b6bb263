from django.urls import path

from kinship.mentoring.views import cohort, matching, pair_goals, pair_meetings, pairs, programmes

app_name = "mentoring"

P = "programmes/<int:pk>/"
PAIR = "pairs/<int:pk>/"
COHORT = "cohort-meetings/<int:pk>/"

urlpatterns = [
    path("", programmes.home, name="home"),
    path("families/<slug:slug>/new/", programmes.programme_create, name="programme_create"),
    path(P, programmes.programme_detail, name="programme_detail"),
    path(f"{P}edit/", programmes.programme_edit, name="programme_edit"),
    path(f"{P}join/<str:role>/", programmes.programme_join, name="join"),
    path(f"{P}profile/", programmes.profile, name="profile"),
    path(f"{P}nominate/", programmes.nominate, name="nominate"),
    path(f"{P}conflicts/", programmes.conflict_add, name="conflict_add"),
    path(f"{P}cohort/adopt/", programmes.cohort_adopt, name="cohort_adopt"),
    path("conflicts/<int:pk>/remove/", programmes.conflict_remove, name="conflict_remove"),
    path(
        "participants/<int:pk>/accept/",
        programmes.participant_accept,
        name="participant_accept",
    ),
    path(
        "participants/<int:pk>/withdraw/",
        programmes.participant_withdraw,
        name="participant_withdraw",
    ),
    path(f"{P}journal/", programmes.journal, name="journal"),
    path(f"{P}journal/<int:entry_id>/edit/", programmes.journal_edit, name="journal_edit"),
    path(f"{P}journal/<int:entry_id>/delete/", programmes.journal_delete, name="journal_delete"),
    path(f"{P}feedback/", programmes.feedback, name="feedback"),
    path(f"{P}report/", programmes.report, name="report"),
    path(f"{P}matching/", matching.matching, name="matching"),
    path(f"{P}matching/run/", matching.matching_run, name="matching_run"),
    path(f"{P}matching/publish/", matching.matching_publish, name="matching_publish"),
    path(f"{P}matching/swap/", matching.pair_swap, name="pair_swap"),
    path(f"{P}matching/propose/", matching.pair_propose, name="pair_propose"),
    path("runs/<int:pk>/", matching.run_progress, name="run_progress"),
    path("proposals/<int:pk>/lock/", matching.pair_lock, name="pair_lock"),
    path(PAIR, pairs.pair_detail, name="pair_detail"),
    path(f"{PAIR}decline/", pairs.pair_decline, name="pair_decline"),
    path(f"{PAIR}questions/", pairs.question_add, name="question_add"),
    path(f"{PAIR}questions/<int:question_id>/", pairs.question_edit, name="question_edit"),
    path(f"{PAIR}questions/<int:question_id>/move/", pairs.question_move, name="question_move"),
    path(
        f"{PAIR}questions/<int:question_id>/answer/", pairs.question_answer, name="question_answer"
    ),
    path(
        f"{PAIR}questions/<int:question_id>/reopen/", pairs.question_reopen, name="question_reopen"
    ),
    path(
        f"{PAIR}questions/<int:question_id>/delete/", pairs.question_delete, name="question_delete"
    ),
    path(f"{PAIR}meetings/new/", pair_meetings.meeting_new, name="meeting_new"),
    path(f"{PAIR}meetings/<int:meeting_id>/", pair_meetings.meeting_detail, name="meeting_detail"),
    path(f"{PAIR}meetings/<int:meeting_id>/edit/", pair_meetings.meeting_edit, name="meeting_edit"),
    path(
        f"{PAIR}meetings/<int:meeting_id>/notes/", pair_meetings.meeting_notes, name="meeting_notes"
    ),
    path(
        f"{PAIR}meetings/<int:meeting_id>/cancel/",
        pair_meetings.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        f"{PAIR}meetings/<int:meeting_id>/meeting.ics",
        pair_meetings.meeting_ics,
        name="meeting_ics",
    ),
    path(f"{PAIR}actions/", pair_meetings.action_add, name="action_add"),
    path(f"{PAIR}actions/<int:action_id>/done/", pair_meetings.action_done, name="action_done"),
    path(f"{PAIR}actions/<int:action_id>/edit/", pair_meetings.action_edit, name="action_edit"),
    path(
        f"{PAIR}actions/<int:action_id>/delete/", pair_meetings.action_delete, name="action_delete"
    ),
    path(f"{PAIR}goals/", pair_goals.goals, name="goals"),
    path(f"{PAIR}goals/<int:goal_id>/", pair_goals.goal_progress, name="goal_progress"),
    path(f"{PAIR}goals/<int:goal_id>/edit/", pair_goals.goal_edit, name="goal_edit"),
    path(f"{PAIR}goals/<int:goal_id>/delete/", pair_goals.goal_delete, name="goal_delete"),
    path(f"{PAIR}resources/", pair_goals.resource_add, name="resource_add"),
    path(
        f"{PAIR}resources/<int:resource_id>/file/",
        pair_goals.resource_download,
        name="resource_download",
    ),
    path(
        f"{PAIR}resources/<int:resource_id>/remove/",
        pair_goals.resource_remove,
        name="resource_remove",
    ),
    path(f"{PAIR}reflection/", pair_goals.reflection, name="reflection"),
    path(f"{P}cohort/", cohort.cohort, name="cohort"),
    path(f"{P}cohort/meetings/new/", cohort.cohort_meeting_new, name="cohort_meeting_new"),
    path(COHORT, cohort.cohort_meeting, name="cohort_meeting"),
    path(f"{COHORT}edit/", cohort.cohort_meeting_edit, name="cohort_meeting_edit"),
    path(f"{COHORT}cancel/", cohort.cohort_meeting_cancel, name="cohort_meeting_cancel"),
    path(f"{COHORT}topics/", cohort.cohort_topic_add, name="cohort_topic_add"),
    path(f"{COHORT}notes/", cohort.cohort_notes, name="cohort_notes"),
    path(f"{COHORT}meeting.ics", cohort.cohort_meeting_ics, name="cohort_meeting_ics"),
    path("topics/<int:pk>/vote/", cohort.cohort_vote, name="cohort_vote"),
    path("calendar/", cohort.feed_settings, name="feed_settings"),
    path("calendar/reset/", cohort.feed_reset, name="feed_reset"),
    path("feed/<str:token>.ics", cohort.feed, name="feed"),
]
