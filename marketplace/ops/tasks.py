from celery import shared_task

from . import models


@shared_task(name="ops.beat_heartbeat")
def beat_heartbeat() -> None:
    """Sent by beat every minute; running it shows that beat and a housekeeping worker are alive."""
    models.beat()
