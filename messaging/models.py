from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


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

    def get_absolute_url(self) -> str:
        return reverse("messaging:room", args=[self.pk])


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
    # A system message about someone's own action ("Maria withdrew the offer"): that person reads
    # `actor_body`, in the second person ("You withdrew the offer"), and it is not unread for them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_body = models.TextField(max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # What the screening found, as the posting service recorded it (empty when not screened). Keys:
    # `risky` (the reader sees a safety notice), `contact_notice` (both sides see a contact-details notice),
    # `hits` (a list of `marketplace.screening.Hit.as_dict()`).
    screening = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["room", "created_at"])]

    def __str__(self) -> str:
        return f"{self.sender}: {self.body[:40]}"

    def body_for(self, user) -> str:
        """The words `user` reads: the second-person text of a note about their own action."""
        if self.actor_body and user is not None and self.actor_id == getattr(user, "pk", None):
            return self.actor_body
        return self.body

    @property
    def is_risky(self) -> bool:
        return bool(self.screening.get("risky"))

    @property
    def has_contact_notice(self) -> bool:
        return bool(self.screening.get("contact_notice"))


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
    MILESTONE_ADDED = "milestone_added", "Milestone added"
    MILESTONE_FUNDED = "milestone_funded", "Milestone funded"
    MILESTONE_SUBMITTED = "milestone_submitted", "Work submitted on a milestone"
    MILESTONE_CHANGES_REQUESTED = "milestone_changes", "Changes requested on a milestone"
    MILESTONE_RELEASED = "milestone_released", "Milestone approved and released"
    MILESTONE_REFUND = "milestone_refund", "Milestone refund requested or made"
    PAYMENT_DECLINED = "payment_declined", "Payment declined"
    TIMESHEET_IN_REVIEW = "timesheet_review", "Timesheet ready for review"
    TIMESHEET_BILLED = "timesheet_billed", "Weekly hours billed"
    TIME_DISPUTED = "time_disputed", "Time disputed"
    WEEKLY_LIMIT_CHANGED = "weekly_limit", "Weekly limit or manual time changed"
    BONUS_RECEIVED = "bonus_received", "Bonus received"
    CONTRACT_PAUSED = "contract_paused", "Contract paused or resumed"
    FEEDBACK_RECEIVED = "feedback_received", "Feedback left"
    MODERATOR_WARNING = "moderator_warning", "A warning from the moderators"
    AGENCY_INVITATION = "agency_invitation", "Invitation to join an agency"
    AGENCY_MEMBERSHIP = "agency_membership", "Agency membership changed"
    AGENCY_PROPOSAL = "agency_proposal", "Named on an agency's proposal"
    AGENCY_DISTRIBUTION = "agency_payment", "Payment from your agency"
    REPORT_REVIEWED = "report_reviewed", "A moderator reviewed my report"
    ACCOUNT_SUSPENDED = "account_suspended", "Account suspended by a moderator"
    ACCOUNT_REINSTATED = "account_reinstated", "Account reinstated by a moderator"


# Email on or off for each kind when the person has not chosen (in-app is always on). Kinds missing here
# (added later) default to on.
EMAIL_DEFAULTS: dict[str, bool] = {
    NotificationKind.INVITATION_RECEIVED: True,
    NotificationKind.INVITATION_ACCEPTED: True,
    NotificationKind.INVITATION_DECLINED: True,
    NotificationKind.PROPOSAL_RECEIVED: True,
    NotificationKind.CANDIDACY_STARTED: True,
    NotificationKind.TERMS_UPDATED: False,
    NotificationKind.MESSAGE_RECEIVED: True,
    NotificationKind.OFFER_RECEIVED: True,
    NotificationKind.OFFER_WITHDRAWN: True,
    NotificationKind.OFFER_CLARIFICATION: True,
    NotificationKind.OFFER_ACCEPTED: True,
    NotificationKind.OFFER_DECLINED: True,
    NotificationKind.CONTRACT_STARTED: True,
    NotificationKind.CONTRACT_ENDED: True,
    NotificationKind.APPLICATION_DECLINED: True,
    NotificationKind.PROPOSAL_WITHDRAWN: False,
    NotificationKind.JOB_CLOSED: True,
    NotificationKind.INVITATION_EXPIRED: True,
    NotificationKind.OFFER_EXPIRED: True,
    NotificationKind.JOB_SUSPENDED: True,
    NotificationKind.MILESTONE_ADDED: True,
    NotificationKind.MILESTONE_FUNDED: True,
    NotificationKind.MILESTONE_SUBMITTED: True,
    NotificationKind.MILESTONE_CHANGES_REQUESTED: True,
    NotificationKind.MILESTONE_RELEASED: True,
    NotificationKind.MILESTONE_REFUND: True,
    NotificationKind.PAYMENT_DECLINED: True,
    NotificationKind.TIMESHEET_IN_REVIEW: True,
    NotificationKind.TIMESHEET_BILLED: True,
    NotificationKind.TIME_DISPUTED: True,
    NotificationKind.WEEKLY_LIMIT_CHANGED: True,
    NotificationKind.BONUS_RECEIVED: True,
    NotificationKind.CONTRACT_PAUSED: True,
    NotificationKind.FEEDBACK_RECEIVED: True,
    NotificationKind.MODERATOR_WARNING: True,
    NotificationKind.AGENCY_INVITATION: True,
    NotificationKind.AGENCY_MEMBERSHIP: True,
    NotificationKind.AGENCY_PROPOSAL: True,
    NotificationKind.AGENCY_DISTRIBUTION: True,
    NotificationKind.REPORT_REVIEWED: True,
    NotificationKind.ACCOUNT_SUSPENDED: True,
    NotificationKind.ACCOUNT_REINSTATED: True,
}

# Kinds about the account itself: always emailed, with no switch on the settings page and no unsubscribe link,
# even to a suspended account (which can't log in to read its notifications, so email is the only way to tell it).
ACCOUNT_NOTICES = frozenset({NotificationKind.ACCOUNT_SUSPENDED, NotificationKind.ACCOUNT_REINSTATED})

# "Email me when ..." on the notification settings page.
EMAIL_WHEN: dict[str, str] = {
    NotificationKind.INVITATION_RECEIVED: "I am invited to interview for a job",
    NotificationKind.INVITATION_ACCEPTED: "a freelancer accepts my invitation to interview",
    NotificationKind.INVITATION_DECLINED: "a freelancer declines my invitation to interview",
    NotificationKind.PROPOSAL_RECEIVED: "a freelancer sends a proposal to my job",
    NotificationKind.CANDIDACY_STARTED: "an interview starts (a conversation about a job opens)",
    NotificationKind.TERMS_UPDATED: "a candidate changes their rate or bid",
    NotificationKind.MESSAGE_RECEIVED: "I receive messages I have not read",
    NotificationKind.OFFER_RECEIVED: "I receive an offer",
    NotificationKind.OFFER_WITHDRAWN: "a client withdraws an offer made to me",
    NotificationKind.OFFER_CLARIFICATION: "a freelancer asks for clarification on my offer",
    NotificationKind.OFFER_ACCEPTED: "a freelancer accepts my offer",
    NotificationKind.OFFER_DECLINED: "a freelancer declines my offer",
    NotificationKind.CONTRACT_STARTED: "I accept an offer and my contract begins",
    NotificationKind.CONTRACT_ENDED: "a contract ends",
    NotificationKind.APPLICATION_DECLINED: "a client declines my application",
    NotificationKind.PROPOSAL_WITHDRAWN: "a freelancer withdraws their proposal",
    NotificationKind.JOB_CLOSED: "a job I applied to closes",
    NotificationKind.INVITATION_EXPIRED: "an invitation to interview expires",
    NotificationKind.OFFER_EXPIRED: "an offer expires",
    NotificationKind.JOB_SUSPENDED: "a moderator suspends my job post",
    NotificationKind.MILESTONE_ADDED: "the client adds a milestone to my contract",
    NotificationKind.MILESTONE_FUNDED: "a client funds a milestone of my contract",
    NotificationKind.MILESTONE_SUBMITTED: "a freelancer submits work on a milestone",
    NotificationKind.MILESTONE_CHANGES_REQUESTED: "a client requests changes on my submitted work",
    NotificationKind.MILESTONE_RELEASED: "a milestone is approved and its payment released",
    NotificationKind.MILESTONE_REFUND: "a refund of a funded milestone is requested or made",
    NotificationKind.PAYMENT_DECLINED: "my card is declined for a payment",
    NotificationKind.TIMESHEET_IN_REVIEW: "a week of hourly work is ready for my review",
    NotificationKind.TIMESHEET_BILLED: "a week of hourly work is billed",
    NotificationKind.TIME_DISPUTED: "a client disputes time in my work diary",
    NotificationKind.WEEKLY_LIMIT_CHANGED: "the client changes the weekly limit or manual time of my contract",
    NotificationKind.BONUS_RECEIVED: "a client sends me a bonus",
    NotificationKind.CONTRACT_PAUSED: "a contract is paused or resumed",
    NotificationKind.FEEDBACK_RECEIVED: "the other side leaves feedback on a contract",
    NotificationKind.MODERATOR_WARNING: "a moderator warns me about something I wrote",
    NotificationKind.AGENCY_INVITATION: "an agency asks me to join it",
    NotificationKind.AGENCY_MEMBERSHIP: "someone joins, declines, leaves or is removed from my agency",
    NotificationKind.AGENCY_PROPOSAL: "my agency names me on a proposal it sends",
    NotificationKind.AGENCY_DISTRIBUTION: "my agency pays me from its balance",
    NotificationKind.REPORT_REVIEWED: "a moderator reviews something I reported",
}

# Sections of the notification settings page; a person sees the ones that match their roles.
PREFERENCE_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "everyone",
        "Messages, interviews and contracts",
        (
            NotificationKind.MESSAGE_RECEIVED,
            NotificationKind.CANDIDACY_STARTED,
            NotificationKind.CONTRACT_ENDED,
            NotificationKind.INVITATION_EXPIRED,
            NotificationKind.OFFER_EXPIRED,
            NotificationKind.MILESTONE_RELEASED,
            NotificationKind.MILESTONE_REFUND,
            NotificationKind.TIMESHEET_BILLED,
            NotificationKind.CONTRACT_PAUSED,
            NotificationKind.FEEDBACK_RECEIVED,
            NotificationKind.MODERATOR_WARNING,
            NotificationKind.REPORT_REVIEWED,
        ),
    ),
    (
        "freelancer",
        "As a freelancer",
        (
            NotificationKind.INVITATION_RECEIVED,
            NotificationKind.OFFER_RECEIVED,
            NotificationKind.CONTRACT_STARTED,
            NotificationKind.OFFER_WITHDRAWN,
            NotificationKind.APPLICATION_DECLINED,
            NotificationKind.JOB_CLOSED,
            NotificationKind.MILESTONE_ADDED,
            NotificationKind.MILESTONE_FUNDED,
            NotificationKind.MILESTONE_CHANGES_REQUESTED,
            NotificationKind.TIME_DISPUTED,
            NotificationKind.WEEKLY_LIMIT_CHANGED,
            NotificationKind.BONUS_RECEIVED,
            NotificationKind.AGENCY_INVITATION,
            NotificationKind.AGENCY_MEMBERSHIP,
            NotificationKind.AGENCY_PROPOSAL,
            NotificationKind.AGENCY_DISTRIBUTION,
        ),
    ),
    (
        "client",
        "As a client",
        (
            NotificationKind.PROPOSAL_RECEIVED,
            NotificationKind.INVITATION_ACCEPTED,
            NotificationKind.INVITATION_DECLINED,
            NotificationKind.TERMS_UPDATED,
            NotificationKind.OFFER_CLARIFICATION,
            NotificationKind.OFFER_ACCEPTED,
            NotificationKind.OFFER_DECLINED,
            NotificationKind.PROPOSAL_WITHDRAWN,
            NotificationKind.JOB_SUSPENDED,
            NotificationKind.MILESTONE_SUBMITTED,
            NotificationKind.PAYMENT_DECLINED,
            NotificationKind.TIMESHEET_IN_REVIEW,
        ),
    ),
)


def email_default(kind: str) -> bool:
    return EMAIL_DEFAULTS.get(kind, True)


def email_when(kind: str) -> str:
    if kind in EMAIL_WHEN:
        return EMAIL_WHEN[kind]
    try:
        return f"there is news: {NotificationKind(kind).label.lower()}"
    except ValueError:
        return f"there is news: {kind.replace('_', ' ')}"


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
    # Retry schedule of a temporary failure: the one retry chain of the row runs at `email_next_attempt_at`
    # (the sweep leaves the row alone until then) and gives up at `email_retry_until`.
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)
    email_retry_until = models.DateTimeField(null=True, blank=True)
    # A `failed` row whose last error was temporary: the sweep retries it once the mail server answers again.
    email_error_temporary = models.BooleanField(default=False)
    # Message notifications are emailed as one digest per room after a quiet period.
    room = models.ForeignKey(Room, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The message a MESSAGE_RECEIVED notification is about (listed in the room's digest email).
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "created_at"]),
            models.Index(fields=["recipient", "-created_at"], name="notification_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_digest(self) -> bool:
        """Emailed in the room's digest rather than on its own."""
        return self.kind == NotificationKind.MESSAGE_RECEIVED and self.room_id is not None


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
