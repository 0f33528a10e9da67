from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Room(models.Model):
    """A conversation between participants about one thing (for example an application)."""

    title = models.CharField(max_length=200)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="rooms")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id"], name="one_room_per_subject"),
        ]

    def __str__(self) -> str:
        return self.title


class Membership(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    last_read_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="one_membership_per_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.room}"


class Message(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    # Null sender: a system message (for example "The offer was withdrawn").
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["room", "created_at"])]

    def __str__(self) -> str:
        return f"{self.sender}: {self.body[:40]}"


class NotificationKind(models.TextChoices):
    INVITATION_RECEIVED = "invitation_received", "Invitation to interview received"
    INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
    INVITATION_DECLINED = "invitation_declined", "Invitation declined"
    PROPOSAL_RECEIVED = "proposal_received", "Proposal received"
    CANDIDACY_STARTED = "candidacy_started", "Candidacy started"
    TERMS_UPDATED = "terms_updated", "Terms updated"
    MESSAGE_RECEIVED = "message_received", "Message received"
    OFFER_RECEIVED = "offer_received", "Offer received"
    OFFER_WITHDRAWN = "offer_withdrawn", "Offer withdrawn"
    OFFER_CLARIFICATION = "offer_clarification", "Clarification asked on an offer"
    OFFER_ACCEPTED = "offer_accepted", "Offer accepted"
    OFFER_DECLINED = "offer_declined", "Offer declined"
    CONTRACT_STARTED = "contract_started", "A hire is made or a contract begins"
    CONTRACT_ENDED = "contract_ended", "Contract ended"
    APPLICATION_DECLINED = "application_declined", "Application declined"
    PROPOSAL_WITHDRAWN = "proposal_withdrawn", "Proposal withdrawn"
    JOB_CLOSED = "job_closed", "Job closed"
    INVITATION_EXPIRED = "invitation_expired", "Invitation expired"
    OFFER_EXPIRED = "offer_expired", "Offer expired"
    JOB_SUSPENDED = "job_suspended", "Job suspended by a moderator"


class EmailState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped"
    FAILED = "failed", "Failed"


class Notification(models.Model):
    """An event for one person: always shown in the app, emailed per their preferences.

    The row is the outbox: it is written in the acting transaction and delivered by a Celery task.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    context = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=10, choices=EmailState.choices, default=EmailState.PENDING)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_last_error = models.TextField(blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    # Message notifications are emailed as one digest per room after a quiet period.
    room = models.ForeignKey(Room, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient}"


class NotificationPreference(models.Model):
    """Email on or off for one kind; in-app is always on. No row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} email {'on' if self.email else 'off'}"
