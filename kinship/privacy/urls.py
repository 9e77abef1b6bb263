from django.urls import path

from kinship.privacy import views

app_name = "privacy"

urlpatterns = [
    path("your-data/", views.your_data, name="your_data"),
    path("your-data/download/", views.your_data_download, name="your_data_download"),
]
