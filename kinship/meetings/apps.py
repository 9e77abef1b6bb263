from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "kinship.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from kinship.meetings import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)
