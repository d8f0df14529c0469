from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "koe.policies"
    label = "policies"
    verbose_name = "Policies"
