from django.urls import include, path

from kinship.families import views

app_name = "families"

# Under families/. Circles come before a family's slug: "circles" and "new" are never given
# as a family's slug (services.RESERVED_SLUGS).
family_patterns = [
    path("", views.family_list, name="family_list"),
    path("new/", views.family_create, name="family_create"),
    path("circles/", views.circle_list, name="circle_list"),
    path("circles/<int:pk>/", views.circle_detail, name="circle_detail"),
    path("circles/<int:pk>/posts/", views.circle_post, name="circle_post"),
    path("circles/<int:pk>/join/", views.circle_join, name="circle_join"),
    path("circles/<int:pk>/leave/", views.circle_leave, name="circle_leave"),
    path("circles/<int:pk>/members/", views.circle_member_add, name="circle_member_add"),
    path(
        "circles/<int:pk>/members/<int:user_id>/remove/",
        views.circle_member_remove,
        name="circle_member_remove",
    ),
    path("<slug:slug>/", views.family_detail, name="family_detail"),
    path("<slug:slug>/edit/", views.family_edit, name="family_edit"),
    path("<slug:slug>/schools/invite/", views.family_school_invite, name="school_invite"),
    path(
        "<slug:slug>/schools/<int:urn>/respond/",
        views.family_membership_respond,
        name="membership_respond",
    ),
    path(
        "<slug:slug>/schools/<int:urn>/leave/",
        views.family_membership_leave,
        name="membership_leave",
    ),
    path("<slug:slug>/coordinators/", views.family_coordinator_add, name="coordinator_add"),
    path(
        "<slug:slug>/coordinators/<int:role_id>/remove/",
        views.family_coordinator_remove,
        name="coordinator_remove",
    ),
    path("<slug:slug>/circles/new/", views.circle_create, name="circle_create"),
]

# Mounted at the root: the dashboard is the site's home page, everything else is families/.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("families/", include(family_patterns)),
]
