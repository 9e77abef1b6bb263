from django.urls import path

from kinship.visits.views import plans, reflections, schools, visits

app_name = "visits"

urlpatterns = [
    path("visits/", visits.home, name="home"),
    path("visits/open-classrooms/", visits.offer_list, name="offer_list"),
    path("visits/open-classrooms/new/", visits.offer_create, name="offer_create"),
    path("visits/open-classrooms/<int:pk>/", visits.offer_detail, name="offer_detail"),
    path("visits/open-classrooms/<int:pk>/edit/", visits.offer_edit, name="offer_edit"),
    path("visits/open-classrooms/<int:pk>/request/", visits.visit_request, name="visit_request"),
    path("visits/record/", visits.visit_record, name="visit_record"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/respond/", visits.visit_respond, name="visit_respond"),
    path("visits/<int:pk>/arrange/", visits.visit_arrange, name="visit_arrange"),
    path("visits/<int:pk>/focus/", visits.visit_focus, name="visit_focus"),
    path("visits/<int:pk>/cancel/", visits.visit_cancel, name="visit_cancel"),
    path("visits/<int:pk>/reflection/", reflections.reflection_edit, name="reflection_edit"),
    path(
        "visits/<int:pk>/reflection/share/", reflections.reflection_share, name="reflection_share"
    ),
    path("visits/<int:pk>/joint-actions/", reflections.joint_action_add, name="joint_action_add"),
    path(
        "visits/joint-actions/<int:pk>/",
        reflections.joint_action_update,
        name="joint_action_update",
    ),
    path("visits/schools/<int:urn>/clearances/", schools.clearance_list, name="clearance_list"),
    path(
        "visits/schools/<int:urn>/clearances/declare/",
        schools.clearance_declare,
        name="clearance_declare",
    ),
    path(
        "visits/schools/<int:urn>/clearances/<int:pk>/withdraw/",
        schools.clearance_withdraw,
        name="clearance_withdraw",
    ),
    path("visits/schools/<int:urn>/sign-in/", schools.sign_in_sheet, name="sign_in_sheet"),
    path("visits/schools/<int:urn>/reciprocity/", schools.reciprocity, name="reciprocity"),
    path("families/<slug:slug>/visit-plans/new/", plans.plan_create, name="plan_create"),
    path("visit-plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("visit-plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("visit-plans/<int:pk>/schools/<int:urn>/", plans.plan_school, name="plan_school"),
    path("visit-plans/<int:pk>/preference/", plans.plan_preference, name="plan_preference"),
    path("visit-plans/<int:pk>/preferences/", plans.plan_preferences, name="plan_preferences"),
    path("visit-plans/<int:pk>/pins/", plans.plan_pin_add, name="plan_pin_add"),
    path(
        "visit-plans/<int:pk>/pins/<int:pin_pk>/remove/",
        plans.plan_pin_remove,
        name="plan_pin_remove",
    ),
    path("visit-plans/<int:pk>/solve/", plans.plan_solve, name="plan_solve"),
    path("visit-plans/<int:pk>/runs/<int:run_pk>/", plans.run_detail, name="run_detail"),
    path(
        "visit-plans/<int:pk>/runs/<int:run_pk>/publish/",
        plans.plan_publish,
        name="plan_publish",
    ),
]
