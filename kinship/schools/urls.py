from django.urls import path

from kinship.schools import views

app_name = "schools"

urlpatterns = [
    path("schools/", views.school_list, name="school_list"),
    path("schools/<int:urn>/", views.school_detail, name="school_detail"),
]
