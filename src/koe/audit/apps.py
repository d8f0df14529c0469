from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "koe.audit"
    label = "audit"
    verbose_name = "Audit"
