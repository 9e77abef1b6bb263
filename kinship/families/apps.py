from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "kinship.families"
    label = "families"
    verbose_name = "Families and circles"
