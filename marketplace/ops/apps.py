from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "marketplace.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from . import logs, signals  # noqa: F401  (connect Celery signal handlers)
