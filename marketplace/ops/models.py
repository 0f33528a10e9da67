from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """When a background process last showed it was alive (read by /healthz on any host)."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"


BEAT = "beat"


def beat(at=None) -> None:
    Heartbeat.objects.update_or_create(name=BEAT, defaults={"at": at or timezone.now()})


def last_beat():
    return Heartbeat.objects.filter(name=BEAT).values_list("at", flat=True).first()
