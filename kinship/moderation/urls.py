from django.urls import path

from kinship.moderation.views import judging, reports, rounds, scripts

app_name = "moderation"

urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("families/<slug:slug>/new/", rounds.round_create, name="round_create"),
    path("<int:pk>/", rounds.round_detail, name="round_detail"),
    path("<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("<int:pk>/people/", rounds.person_add, name="person_add"),
    path(
        "<int:pk>/people/<int:person_pk>/remove/",
        rounds.person_remove,
        name="person_remove",
    ),
    path("<int:pk>/schools/<int:urn>/sample/", rounds.sample_set, name="sample_set"),
    path("<int:pk>/status/", rounds.status_set, name="status_set"),
    path("<int:pk>/schedule/", rounds.schedule, name="schedule"),
    path("<int:pk>/scripts/", scripts.script_list, name="script_list"),
    path("<int:pk>/scripts/new/", scripts.script_upload, name="script_upload"),
    path("scripts/<int:pk>/", scripts.script_detail, name="script_detail"),
    path("scripts/<int:pk>/withdraw/", scripts.script_delete, name="script_delete"),
    path("scripts/<int:pk>/outcome/", reports.outcome, name="outcome"),
    # By the script's code and the page's number: no sequential id (ids follow the order
    # schools uploaded in) reaches a judge.
    path(
        "<int:pk>/scripts/<str:code>/pages/<int:number>",
        scripts.page_image,
        name="page_image",
    ),
    path("<int:pk>/grade/", judging.grade, name="grade"),
    path("<int:pk>/judge/", judging.judge, name="judge"),
    path("<int:pk>/judge/queue.json", judging.judge_queue, name="judge_queue"),
    path("<int:pk>/report/", reports.report, name="report"),
    path("<int:pk>/report.csv", reports.report_csv, name="report_csv"),
    path(
        "<int:pk>/schools/<int:urn>/summary.pdf",
        reports.school_summary,
        name="school_summary",
    ),
    path("<int:pk>/meeting/", reports.meeting, name="meeting"),
]
