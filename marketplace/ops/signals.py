"""Celery signal handlers: beat records itself when it starts, before its first heartbeat task is due."""

from celery.signals import beat_init

from . import models


@beat_init.connect
def _beat_started(**kwargs) -> None:
    models.beat()
