from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "kinship.library"
    label = "library"
    verbose_name = "Resource library"

    def ready(self) -> None:
        from kinship.library import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)

        from kinship.library import selectors
        from kinship.notifications.registry import register_target

        register_target("library.resource", selectors.visible_resource_ids)
