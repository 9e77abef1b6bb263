from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "kinship.moderation"
    label = "moderation"
    verbose_name = "Moderation"
