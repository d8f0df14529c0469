from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "koe.learning"
    label = "learning"
    verbose_name = "Learning"
