from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "kinship.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from kinship.moderation import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)
