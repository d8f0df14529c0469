from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "koe.people"
    label = "people"
    verbose_name = "People"
