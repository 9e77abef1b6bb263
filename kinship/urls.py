from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Kinship administration"
admin.site.site_title = "Kinship admin"

urlpatterns = [
    path("", include("kinship.families.urls")),
    path("", include("kinship.accounts.urls")),
    path("", include("kinship.schools.urls")),
    path("", include("kinship.meetings.urls")),
    path("", include("kinship.moderation.urls")),
    path("", include("kinship.visits.urls")),
    path("", include("kinship.mentoring.urls")),
    path("", include("kinship.notifications.urls")),
    path("", include("kinship.library.urls")),
    path("", include("kinship.forums.urls")),
    path("", include("kinship.privacy.urls")),
    path("", include("kinship.core.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "kinship.core.views.bad_request"
handler403 = "kinship.core.views.permission_denied"
handler404 = "kinship.core.views.page_not_found"
handler500 = "kinship.core.views.server_error"
