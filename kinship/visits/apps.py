from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "kinship.visits"
    label = "visits"
    verbose_name = "Visits"
