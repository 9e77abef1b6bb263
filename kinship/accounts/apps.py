from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kinship.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from kinship.accounts import signals  # noqa: F401  (audit sign-ins and lockouts)
