from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "kinship.visits"
    label = "visits"
    verbose_name = "Visits"

    def ready(self) -> None:
        from kinship.privacy import registry as privacy_registry
        from kinship.visits import privacy

        privacy_registry.register(self.label, privacy.RELATIONS)
