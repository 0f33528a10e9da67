from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "marketplace.activity"
    label = "activity"
    verbose_name = "Activity log"
