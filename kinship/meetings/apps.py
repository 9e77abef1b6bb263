from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "kinship.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from kinship.meetings import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)

        from kinship.meetings.digest import WHATS_ON
        from kinship.notifications.registry import register_digest_provider

        register_digest_provider("meetings.whats_on", WHATS_ON)
