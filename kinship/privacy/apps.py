from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "kinship.privacy"
    label = "privacy"
    verbose_name = "Privacy rights"

    def ready(self) -> None:
        from kinship.privacy import privacy, registry

        # Django's own and third-party models that point at a person are declared here.
        registry.register("privacy", privacy.RELATIONS)
