from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "kinship.families"
    label = "families"
    verbose_name = "Families and circles"

    def ready(self) -> None:
        from kinship.families import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)
