from django.urls import path

from kinship.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.home, name="home"),
    path("families/<slug:slug>/", views.family_insights, name="family"),
    path("schools/<int:urn>/", views.school_insights, name="school"),
]
