from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "koe.accounts"
    label = "social_accounts"
    verbose_name = "Social accounts"
