from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kinship.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from kinship.accounts import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)
        privacy_registry.register_erase_step(privacy.forget_sign_in_records)

        from kinship.accounts import selectors, signals  # noqa: F401  (signals audit sign-ins)
        from kinship.notifications.registry import register_target

        # A school lead is told when a platform admin sends one of their people a reset link.
        register_target("accounts.user", selectors.people_led_by_ids)
