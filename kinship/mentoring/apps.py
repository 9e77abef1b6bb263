from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "kinship.mentoring"
    label = "mentoring"
    verbose_name = "Heads' support and mentoring"
