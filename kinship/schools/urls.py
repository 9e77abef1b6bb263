from django.urls import path

from kinship.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.school_list, name="school_list"),
    path("<int:urn>/", views.school_detail, name="school_detail"),
    path("<int:urn>/terms/<int:year>/", views.term_calendar, name="term_calendar"),
    path("<int:urn>/term-dates/", views.public_term_dates, name="public_term_dates"),
    path("<int:urn>/term-dates.ics", views.public_term_dates_feed, name="public_term_dates_feed"),
    path(
        "<int:urn>/terms/<int:year>/edit/",
        views.term_calendar_edit,
        name="term_calendar_edit",
    ),
    path(
        "<int:urn>/terms/<int:year>/import/",
        views.term_calendar_import,
        name="term_calendar_import",
    ),
]
