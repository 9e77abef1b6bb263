from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kinship.demo"
    label = "demo"
    verbose_name = "Demo family"
