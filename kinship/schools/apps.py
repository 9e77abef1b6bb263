from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "kinship.schools"
    label = "schools"
    verbose_name = "Schools"

    def ready(self) -> None:
        from kinship.privacy import registry as privacy_registry
        from kinship.schools import privacy

        privacy_registry.register(self.label, privacy.RELATIONS)
