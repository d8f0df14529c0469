from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "koe.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"
