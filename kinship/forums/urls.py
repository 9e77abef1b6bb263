from django.urls import path

from kinship.forums.views import boards, moderation, pupils

app_name = "forums"

urlpatterns = [
    path("", boards.home, name="home"),
    path(
        "families/<slug:slug>/boards/new/",
        boards.family_board_create,
        name="family_board_create",
    ),
    path(
        "families/<slug:slug>/pupil-boards/new/",
        boards.pupil_board_create,
        name="pupil_board_create",
    ),
    path("circles/<int:pk>/", boards.circle_board, name="circle_board"),
    path("boards/<int:pk>/", boards.board_detail, name="board_detail"),
    path("boards/<int:pk>/email/", boards.board_subscribe, name="board_subscribe"),
    path("boards/<int:pk>/threads/new/", boards.thread_create, name="thread_create"),
    path("threads/<int:pk>/", boards.thread_detail, name="thread_detail"),
    path("threads/<int:pk>/reply/", boards.reply, name="reply"),
    path("threads/<int:pk>/state/", boards.thread_state, name="thread_state"),
    path("posts/<int:pk>/", boards.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", boards.post_edit, name="post_edit"),
    path("posts/<int:pk>/history/", boards.post_history, name="post_history"),
    path("posts/<int:pk>/files/<int:resource_pk>/", boards.attachment, name="attachment"),
    path("posts/<int:pk>/report/", moderation.post_flag, name="post_flag"),
    path("posts/<int:pk>/hide/", moderation.post_hide, name="post_hide"),
    path("posts/<int:pk>/approve/", moderation.post_approve, name="post_approve"),
    path("posts/<int:pk>/decline/", moderation.post_decline, name="post_decline"),
    path("review/", moderation.review_queue, name="review_queue"),
    path("reports/<int:pk>/dismiss/", moderation.flag_dismiss, name="flag_dismiss"),
    path("safeguarding/", moderation.safeguarding_queue, name="safeguarding_queue"),
    path("safeguarding/<int:pk>/", moderation.alert_detail, name="alert_detail"),
    path("safeguarding/<int:pk>/close/", moderation.alert_close, name="alert_close"),
    path(
        "schools/<int:urn>/pupil-posts/",
        moderation.school_pupil_posts,
        name="school_pupil_posts",
    ),
    path(
        "schools/<int:urn>/safeguarding-leads/",
        pupils.safeguarding_leads,
        name="safeguarding_leads",
    ),
    path(
        "schools/<int:urn>/safeguarding-leads/<int:pk>/remove/",
        pupils.safeguarding_lead_remove,
        name="safeguarding_lead_remove",
    ),
    path("schools/<int:urn>/pupils/", pupils.pupil_classes, name="pupil_classes"),
    path("pupil-groups/<int:pk>/", pupils.pupil_class, name="pupil_class"),
    path(
        "pupil-groups/<int:pk>/pupils/<int:user_id>/reset/",
        pupils.pupil_reset,
        name="pupil_reset",
    ),
    path(
        "pupil-groups/<int:pk>/pupils/<int:user_id>/name/",
        pupils.pupil_rename,
        name="pupil_rename",
    ),
    path(
        "pupil-groups/<int:pk>/pupils/<int:user_id>/unlock/",
        pupils.pupil_unlock,
        name="pupil_unlock",
    ),
    path("pupils/sign-in/", pupils.pupil_sign_in, name="pupil_sign_in"),
    path("pupils/me/", pupils.pupil_account, name="pupil_account"),
]
