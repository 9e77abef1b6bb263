from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "kinship.insights"
    label = "insights"
    verbose_name = "Insights"
