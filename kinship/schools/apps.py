from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "kinship.schools"
    label = "schools"
    verbose_name = "Schools"
