from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "kinship.meetings"
    label = "meetings"
    verbose_name = "Meetings"
