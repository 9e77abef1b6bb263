"""Each app's pages sit under the app's own prefix. At the root stay only the pages whose
addresses are promised outside Kinship: the dashboard (`/`), `/healthz` (monitoring), the
audit log (`core`) and the admin. Calendar feed addresses already given out did not move.

Pages that moved keep their URL names, and their old addresses redirect (`MOVED`)."""

from django.contrib import admin
from django.urls import include, path

from kinship.core.moved import moved_patterns

admin.site.site_header = "Kinship administration"
admin.site.site_title = "Kinship admin"

# The address each app's URLconf is mounted at.
PREFIXES = {
    "accounts": "accounts/",
    "schools": "schools/",
    "meetings": "meetings/",
    "moderation": "moderation/",
    "visits": "visits/",
    "mentoring": "mentoring/",
    "notifications": "notifications/",
    "library": "library/",
    "forums": "forums/",
    "privacy": "privacy/",
    "insights": "insights/",
}

# Old address → the URL name of the page that lives there now (issue 17). Each old route
# captures the same arguments, by the same names, as the page's new one.
MOVED: tuple[tuple[str, str], ...] = (
    ("directory/", "accounts:directory"),
    ("invitations/<str:token>/", "accounts:invitation_accept"),
    ("accounts/your-data/", "privacy:your_data"),
    ("accounts/your-data/download/", "privacy:your_data_download"),
    ("circles/", "families:circle_list"),
    ("circles/<int:pk>/", "families:circle_detail"),
    ("circles/<int:pk>/posts/", "families:circle_post"),
    ("circles/<int:pk>/join/", "families:circle_join"),
    ("circles/<int:pk>/leave/", "families:circle_leave"),
    ("circles/<int:pk>/members/", "families:circle_member_add"),
    ("circles/<int:pk>/members/<int:user_id>/remove/", "families:circle_member_remove"),
    ("families/<slug:slug>/calendar/", "meetings:family_calendar"),
    ("families/<slug:slug>/events/new/", "meetings:series_create"),
    ("families/<slug:slug>/polls/new/", "meetings:poll_create"),
    ("families/<slug:slug>/mentoring/new/", "mentoring:programme_create"),
    ("families/<slug:slug>/moderation/new/", "moderation:round_create"),
    ("families/<slug:slug>/visit-plans/new/", "visits:plan_create"),
    ("visit-plans/<int:pk>/", "visits:plan_detail"),
    ("visit-plans/<int:pk>/edit/", "visits:plan_edit"),
    ("visit-plans/<int:pk>/schools/<int:urn>/", "visits:plan_school"),
    ("visit-plans/<int:pk>/preference/", "visits:plan_preference"),
    ("visit-plans/<int:pk>/preferences/", "visits:plan_preferences"),
    ("visit-plans/<int:pk>/pins/", "visits:plan_pin_add"),
    ("visit-plans/<int:pk>/pins/<int:pin_pk>/remove/", "visits:plan_pin_remove"),
    ("visit-plans/<int:pk>/solve/", "visits:plan_solve"),
    ("visit-plans/<int:pk>/runs/<int:run_pk>/", "visits:run_detail"),
    ("visit-plans/<int:pk>/runs/<int:run_pk>/publish/", "visits:plan_publish"),
    ("pupils/sign-in/", "forums:pupil_sign_in"),
    ("pupils/me/", "forums:pupil_account"),
)

urlpatterns = [
    # The dashboard at "/" and the rest of the families app under families/.
    path("", include("kinship.families.urls")),
    *(path(prefix, include(f"kinship.{app}.urls")) for app, prefix in PREFIXES.items()),
    path("", include("kinship.core.urls")),
    path("admin/", admin.site.urls),
    *moved_patterns(MOVED),
]

handler400 = "kinship.core.views.bad_request"
handler403 = "kinship.core.views.permission_denied"
handler404 = "kinship.core.views.page_not_found"
handler500 = "kinship.core.views.server_error"
