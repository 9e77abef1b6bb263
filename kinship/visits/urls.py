from django.urls import path

from kinship.visits.views import families, plans, proposals, reflections, schools, visits

app_name = "visits"

urlpatterns = [
    path("", visits.home, name="home"),
    path("open-classrooms/", visits.offer_list, name="offer_list"),
    path("open-classrooms/new/", visits.offer_create, name="offer_create"),
    path("open-classrooms/<int:pk>/", visits.offer_detail, name="offer_detail"),
    path("open-classrooms/<int:pk>/edit/", visits.offer_edit, name="offer_edit"),
    path("open-classrooms/<int:pk>/request/", visits.visit_request, name="visit_request"),
    path("record/", visits.visit_record, name="visit_record"),
    path("term-dates/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("term-dates/<int:pk>/answer/", proposals.proposal_answer, name="proposal_answer"),
    path("<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("<int:pk>/respond/", visits.visit_respond, name="visit_respond"),
    path("<int:pk>/arrange/", visits.visit_arrange, name="visit_arrange"),
    path("<int:pk>/focus/", visits.visit_focus, name="visit_focus"),
    path("<int:pk>/cancel/", visits.visit_cancel, name="visit_cancel"),
    path("<int:pk>/reflection/", reflections.reflection_edit, name="reflection_edit"),
    path("<int:pk>/reflection/share/", reflections.reflection_share, name="reflection_share"),
    path("<int:pk>/joint-actions/", reflections.joint_action_add, name="joint_action_add"),
    path("joint-actions/<int:pk>/", reflections.joint_action_update, name="joint_action_update"),
    path("schools/<int:urn>/clearances/", schools.clearance_list, name="clearance_list"),
    path(
        "schools/<int:urn>/clearances/declare/",
        schools.clearance_declare,
        name="clearance_declare",
    ),
    path(
        "schools/<int:urn>/clearances/<int:pk>/withdraw/",
        schools.clearance_withdraw,
        name="clearance_withdraw",
    ),
    path("schools/<int:urn>/sign-in/", schools.sign_in_sheet, name="sign_in_sheet"),
    path("schools/<int:urn>/reciprocity/", schools.reciprocity, name="reciprocity"),
    path("families/<slug:slug>/plans/new/", plans.plan_create, name="plan_create"),
    path(
        "families/<slug:slug>/common-inset-days/",
        proposals.common_day_list,
        name="common_day_list",
    ),
    path(
        "families/<slug:slug>/who-visits-whom/",
        families.who_visits_whom,
        name="who_visits_whom",
    ),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/schools/<int:urn>/", plans.plan_school, name="plan_school"),
    path("plans/<int:pk>/preference/", plans.plan_preference, name="plan_preference"),
    path("plans/<int:pk>/preferences/", plans.plan_preferences, name="plan_preferences"),
    path("plans/<int:pk>/pins/", plans.plan_pin_add, name="plan_pin_add"),
    path(
        "plans/<int:pk>/pins/<int:pin_pk>/remove/",
        plans.plan_pin_remove,
        name="plan_pin_remove",
    ),
    path("plans/<int:pk>/solve/", plans.plan_solve, name="plan_solve"),
    path("plans/<int:pk>/runs/<int:run_pk>/", plans.run_detail, name="run_detail"),
    path(
        "plans/<int:pk>/runs/<int:run_pk>/publish/",
        plans.plan_publish,
        name="plan_publish",
    ),
]
