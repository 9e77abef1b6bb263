from django.urls import path

from kinship.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.my_calendar, name="my_calendar"),
    path("settings/", views.calendar_settings, name="calendar_settings"),
    path("settings/feed/reset/", views.feed_reset, name="feed_reset"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("families/<slug:slug>/calendar/", views.family_calendar, name="family_calendar"),
    path("families/<slug:slug>/events/new/", views.series_create, name="series_create"),
    path("families/<slug:slug>/polls/new/", views.poll_create, name="poll_create"),
    path("series/<int:pk>/", views.series_detail, name="series_detail"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<int:pk>/reply/", views.event_rsvp, name="event_rsvp"),
    path("events/<int:pk>/register/", views.event_attendance, name="event_attendance"),
    path("events/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("events/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("events/<int:pk>/actions/", views.action_add, name="action_add"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("agenda/<int:pk>/remove/", views.agenda_remove, name="agenda_remove"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("polls/<int:pk>/", views.poll_detail, name="poll_detail"),
    path("polls/<int:pk>/close/", views.poll_close, name="poll_close"),
]
