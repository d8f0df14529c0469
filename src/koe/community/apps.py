from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "koe.community"
    label = "community"
    verbose_name = "Community"
