"""The one activity log: every state change of every object, written by the services through `log_action`.

It sits in the lowest layer (next to accounts) so every app can write to it; the target is any model row
(content type + id), so the log never names a higher layer's models.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Activity(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # Null actor: the system (expiry, the screening, a beat task, a job closing or filling).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    # A code from the owning app's reason list, with the free text for "Other".
    reason = models.CharField(max_length=40, blank=True)
    reason_text = models.CharField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    # Empty: shown to everyone who may see the target. Otherwise the one side (e.g. "freelancer", "client")
    # the entry is for; staff see every entry.
    private_to = models.CharField(max_length=20, blank=True)
    # Figures that go with the action (e.g. how many flags a moderator decided).
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "activity"
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="activity_target_idx")]

    def __str__(self) -> str:
        states = f" ({self.from_state or 'new'} -> {self.to_state})" if self.to_state else ""
        return f"{self.action}{states}"

    @property
    def is_system(self) -> bool:
        return self.actor_id is None
