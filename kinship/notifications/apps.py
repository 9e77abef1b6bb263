from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "kinship.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from kinship.notifications import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)
        privacy_registry.register_erase_step(privacy.forget_name_in_notifications)
