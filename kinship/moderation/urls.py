from django.urls import path

from kinship.moderation.views import judging, reports, rounds, scripts

app_name = "moderation"

urlpatterns = [
    path("moderation/", rounds.round_list, name="round_list"),
    path("families/<slug:slug>/moderation/new/", rounds.round_create, name="round_create"),
    path("moderation/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("moderation/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("moderation/<int:pk>/people/", rounds.person_add, name="person_add"),
    path(
        "moderation/<int:pk>/people/<int:person_pk>/remove/",
        rounds.person_remove,
        name="person_remove",
    ),
    path("moderation/<int:pk>/schools/<int:urn>/sample/", rounds.sample_set, name="sample_set"),
    path("moderation/<int:pk>/status/", rounds.status_set, name="status_set"),
    path("moderation/<int:pk>/schedule/", rounds.schedule, name="schedule"),
    path("moderation/<int:pk>/scripts/", scripts.script_list, name="script_list"),
    path("moderation/<int:pk>/scripts/new/", scripts.script_upload, name="script_upload"),
    path("moderation/scripts/<int:pk>/", scripts.script_detail, name="script_detail"),
    path("moderation/scripts/<int:pk>/withdraw/", scripts.script_delete, name="script_delete"),
    path("moderation/scripts/<int:pk>/outcome/", reports.outcome, name="outcome"),
    # By the script's code and the page's number: no sequential id (ids follow the order
    # schools uploaded in) reaches a judge.
    path(
        "moderation/<int:pk>/scripts/<str:code>/pages/<int:number>",
        scripts.page_image,
        name="page_image",
    ),
    path("moderation/<int:pk>/grade/", judging.grade, name="grade"),
    path("moderation/<int:pk>/judge/", judging.judge, name="judge"),
    path("moderation/<int:pk>/judge/queue.json", judging.judge_queue, name="judge_queue"),
    path("moderation/<int:pk>/report/", reports.report, name="report"),
    path("moderation/<int:pk>/report.csv", reports.report_csv, name="report_csv"),
    path(
        "moderation/<int:pk>/schools/<int:urn>/summary.pdf",
        reports.school_summary,
        name="school_summary",
    ),
    path("moderation/<int:pk>/meeting/", reports.meeting, name="meeting"),
]
