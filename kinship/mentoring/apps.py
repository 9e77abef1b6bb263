from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "kinship.mentoring"
    label = "mentoring"
    verbose_name = "Heads' support and mentoring"

    def ready(self) -> None:
        from kinship.mentoring import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)
