"""Forms for the hiring actions. They validate input with the same rules as the services and give clear errors.

A view builds the form, and on `is_valid()` calls the matching service with `form.cleaned_data`; a
`ValidationError` from the service can go back to the form with `form.add_error(None, exc)`.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.models import Agency, AgencyMembership, AgencyStatus, MembershipStatus
from jobs.models import BudgetType, Duration, JobPost, JobStatus
from marketplace.forms import Form
from marketplace.money import service_fee, you_receive

from . import services
from .models import DeclineReason, RejectReason, WithdrawReason

TEXTAREA = forms.Textarea(attrs={"rows": 4})
DURATION_CHOICES = [("", "Choose a duration")] + [(label, label) for _, label in Duration.choices]


def fee_preview(amount: Decimal | None) -> dict[str, Decimal] | None:
    """What the freelancer sees under any amount they type: the service fee and "You'll receive"."""
    if amount is None:
        return None
    return {"amount": amount, "fee": service_fee(amount), "receive": you_receive(amount)}


def add_service_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the matching field (the form's `service_field_names` maps the
    service's names to its own), or on top of the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    names = getattr(form, "service_field_names", {})
    for name, errors in exc.error_dict.items():
        field = names.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


class TermsForm(Form):
    """A freelancer's terms for one job: an hourly rate, or a fixed bid with an estimated duration."""

    hourly_rate = forms.DecimalField(
        label="Hourly rate",
        min_value=services.HOURLY_RATE_MIN,
        max_value=services.HOURLY_RATE_MAX,
        decimal_places=2,
        help_text="What the client pays per hour, in USD.",
        error_messages={"required": "Enter your hourly rate."},
    )
    fixed_bid = forms.DecimalField(
        label="Bid",
        min_value=services.FIXED_MIN,
        max_value=services.FIXED_MAX,
        decimal_places=2,
        help_text="What the client pays for the whole job, in USD.",
        error_messages={"required": "Enter your bid for the whole job."},
    )
    estimated_duration = forms.ChoiceField(
        label="How long will this project take?",
        choices=DURATION_CHOICES,
        error_messages={"required": "Say how long the work will take."},
    )

    terms_required = True

    def __init__(self, *args, job: JobPost, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        if job.budget_type == BudgetType.FIXED:
            del self.fields["hourly_rate"]
        else:
            del self.fields["fixed_bid"]
            del self.fields["estimated_duration"]
        if not self.terms_required:
            for name in ("hourly_rate", "fixed_bid", "estimated_duration"):
                if name in self.fields:
                    self.fields[name].required = False

    @property
    def amount_field(self) -> str:
        return "fixed_bid" if "fixed_bid" in self.fields else "hourly_rate"

    def fee_preview(self) -> dict[str, Decimal] | None:
        """The fee and "You'll receive" for the amount typed so far (bound or initial)."""
        raw = self[self.amount_field].value()
        try:
            amount = self.fields[self.amount_field].clean(raw)
        except ValidationError:
            return None
        return fee_preview(amount)

    def terms(self) -> dict:
        data = self.cleaned_data
        return {
            "hourly_rate": data.get("hourly_rate"),
            "fixed_bid": data.get("fixed_bid"),
            "estimated_duration": data.get("estimated_duration") or "",
        }

    def clean(self):
        cleaned = super().clean()
        given = any(cleaned.get(n) not in (None, "") for n in ("hourly_rate", "fixed_bid"))
        if not self.errors and (self.terms_required or given):
            try:
                services.clean_terms(self.job, **self.terms())
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


def submit_as_choices(user, *, name_others: bool) -> list[tuple[str, str]]:
    """ "Submit as": myself, or an agency `user` actively belongs to, naming a member who agreed to be named (or
    `user`). Values are "<agency id>:<member id>"; empty is myself. One query for the memberships, one for the
    members who may be named."""
    if user is None or not user.is_authenticated:
        return []
    mine = list(
        AgencyMembership.objects.filter(
            user=user, status=MembershipStatus.ACTIVE, agency__status=AgencyStatus.ACTIVE
        ).select_related("agency")
    )
    if not mine:
        return []
    choices = [("", f"Myself ({user.display_name})")]
    others: dict[int, list[AgencyMembership]] = {}
    if name_others:
        nameable = (
            AgencyMembership.objects.filter(
                agency__in=[m.agency_id for m in mine], status=MembershipStatus.ACTIVE, may_be_named=True
            )
            .exclude(user=user)
            .select_related("user")
            .order_by("user__first_name", "user__username")
        )
        for m in nameable:
            others.setdefault(m.agency_id, []).append(m)
    for m in sorted(mine, key=lambda m: m.agency.name.lower()):
        choices.append((f"{m.agency_id}:{user.pk}", f"{m.agency.name}, naming me"))
        choices.extend(
            (f"{m.agency_id}:{o.user_id}", f"{m.agency.name}, naming {o.user.display_name}")
            for o in others.get(m.agency_id, [])
        )
    return choices


class SubmitAsMixin(Form):
    """Adds "Submit as" for a freelancer who belongs to an agency; `submit_as_data()` gives the service its
    `agency` and `named`."""

    name_others = True

    def add_submit_as(self, user) -> None:
        choices = submit_as_choices(user, name_others=self.name_others)
        if choices:
            self.fields["submit_as"] = forms.ChoiceField(
                label="Submit as",
                choices=choices,
                required=False,
                help_text="Yourself, or an agency you belong to with the member it names (who must have agreed).",
            )

    def submit_as_data(self) -> dict:
        value = self.cleaned_data.get("submit_as") or ""
        if not value:
            return {}
        agency_id, member_id = (int(part) for part in value.split(":"))
        agency = Agency.objects.get(pk=agency_id)
        named = get_user_model().objects.get(pk=member_id)
        return {"agency": agency, "named": named}


class ProposalForm(SubmitAsMixin, TermsForm):
    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_submit_as(user)

    cover_letter = forms.CharField(
        label="Cover letter",
        max_length=services.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Why you are a good fit. It can't be changed once the proposal is sent.",
        error_messages={"required": "Write a cover letter for the client."},
    )

    field_order = ["submit_as", "hourly_rate", "fixed_bid", "estimated_duration", "cover_letter"]


class AcceptInvitationForm(SubmitAsMixin, TermsForm):
    """Accept an invitation: a message to the client, and new terms if the freelancer wants to propose them; an
    agency member may answer for an agency (naming themselves: the client invited them)."""

    name_others = False

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_submit_as(user)

    def submit_as_data(self) -> dict:
        return {"agency": agency} if (agency := super().submit_as_data().get("agency")) else {}

    message = forms.CharField(
        label="Message to the client",
        max_length=services.TEXT_MAX_LENGTH,
        widget=TEXTAREA,
        error_messages={"required": "Write a message to the client."},
    )
    terms_required = False
    field_order = ["submit_as", "message", "hourly_rate", "fixed_bid", "estimated_duration"]


class MessageForm(Form):
    """A message that goes with an action: the client's first reply, or a question on an offer."""

    message = forms.CharField(
        label="Message",
        max_length=services.TEXT_MAX_LENGTH,
        widget=TEXTAREA,
        error_messages={"required": "Write a message first."},
    )


class InviteForm(Form):
    """Invite a freelancer to interview for one of the client's open jobs."""

    job = forms.ModelChoiceField(label="Job", queryset=JobPost.objects.none(), empty_label="Choose one of your jobs")
    message = forms.CharField(
        label="Message",
        max_length=services.TEXT_MAX_LENGTH,
        widget=TEXTAREA,
        required=False,
        help_text="Leave it empty to send a short standard invitation.",
    )

    def __init__(self, *args, client, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = JobPost.objects.filter(client=client, status=JobStatus.OPEN).order_by(
            "-created_at"
        )


class _ReasonForm(Form):
    reason_choices: type = DeclineReason
    reason = forms.ChoiceField(label="Reason", widget=forms.RadioSelect)
    other_text = forms.CharField(
        label="Other reason",
        max_length=services.REASON_TEXT_MAX_LENGTH,
        required=False,
        help_text="Needed when you choose “Other”.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = self.reason_choices.choices

    def clean(self):
        cleaned = super().clean()
        if "reason" in cleaned:
            try:
                services.clean_reason(self.reason_choices, cleaned["reason"], cleaned.get("other_text"))
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


class DeclineForm(_ReasonForm):
    """Decline an invitation or an offer: a reason and an optional message, without contact details."""

    reason_choices = DeclineReason
    message = forms.CharField(
        label="Message to the client (optional)",
        max_length=services.TEXT_MAX_LENGTH,
        widget=TEXTAREA,
        required=False,
        help_text="Do not include contact details: they are not allowed in decline messages.",
    )

    def clean(self):
        cleaned = super().clean()
        for field in ("message", "other_text"):
            if cleaned.get(field):
                try:
                    services.refuse_contact_details(cleaned[field], field)
                except ValidationError as exc:
                    self.add_error(None, exc)
        return cleaned


class WithdrawForm(_ReasonForm):
    """Withdraw proposal."""

    reason_choices = WithdrawReason


class RejectForm(_ReasonForm):
    """Decline candidate: the reason stays with the client; the freelancer is told politely."""

    reason_choices = RejectReason

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = "The freelancer is told their application was declined, not why."


class OfferForm(Form):
    """Send offer: an hourly rate with a weekly limit, or a fixed price; a start date and an expiry."""

    # The services call the expiry `expires_at` (a moment); the form asks for a day.
    service_field_names = {"expires_at": "expires_on"}

    payment_type = forms.ChoiceField(label="Payment", choices=BudgetType.choices, widget=forms.RadioSelect)
    hourly_rate = forms.DecimalField(
        label="Hourly rate",
        min_value=services.HOURLY_RATE_MIN,
        max_value=services.HOURLY_RATE_MAX,
        decimal_places=2,
        required=False,
    )
    weekly_limit = forms.IntegerField(
        label="Weekly limit (hours)", min_value=1, max_value=services.WEEKLY_LIMIT_MAX, required=False
    )
    fixed_price = forms.DecimalField(
        label="Fixed price",
        min_value=services.FIXED_MIN,
        max_value=services.FIXED_MAX,
        decimal_places=2,
        required=False,
    )
    start_date = forms.DateField(label="Start date", widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(
        label="Offer expires on",
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        help_text="Leave it empty for the usual window.",
    )
    milestones = forms.CharField(
        label="Milestones (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Fixed price only. One per line, a description and an amount, like “Designs: 300”. They must "
        "add up to the fixed price; leave empty for one milestone for the whole price.",
    )
    message = forms.CharField(
        label="Message to the freelancer (optional)",
        max_length=services.TEXT_MAX_LENGTH,
        widget=TEXTAREA,
        required=False,
    )

    def __init__(self, *args, application=None, **kwargs) -> None:
        if application is not None and "initial" not in kwargs:
            job = application.job
            kwargs["initial"] = {
                "payment_type": job.budget_type,
                "hourly_rate": application.hourly_rate,
                "fixed_price": application.fixed_bid,
                "start_date": timezone.localdate(),
            }
        super().__init__(*args, **kwargs)

    def offer_terms(self) -> dict:
        data = self.cleaned_data
        hourly = data.get("payment_type") == BudgetType.HOURLY
        return {
            "hourly_rate": data.get("hourly_rate") if hourly else None,
            "weekly_limit": data.get("weekly_limit") if hourly else None,
            "fixed_price": None if hourly else data.get("fixed_price"),
            "start_date": data.get("start_date"),
            "expires_at": data.get("expires_on"),
            "message": data.get("message") or "",
            "milestones": None if hourly else data.get("milestones") or None,
        }

    def clean_milestones(self) -> list[tuple[str, str]]:
        """ "Designs: 300" lines -> [("Designs", "300")]."""
        pairs = []
        for line in (self.cleaned_data.get("milestones") or "").splitlines():
            if not line.strip():
                continue
            description, sep, amount = line.rpartition(":")
            if not sep or not description.strip():
                raise ValidationError(
                    "Write each milestone as a description, a colon and an amount, like “Designs: 300”."
                )
            pairs.append((description.strip(), amount.strip().lstrip("$").replace(",", "")))
        return pairs

    def clean(self):
        cleaned = super().clean()
        payment_type = cleaned.get("payment_type")
        if payment_type == BudgetType.HOURLY and cleaned.get("hourly_rate") is None:
            self.add_error("hourly_rate", "Enter the hourly rate you offer.")
        if payment_type == BudgetType.FIXED and cleaned.get("fixed_price") is None:
            self.add_error("fixed_price", "Enter the fixed price you offer.")
        if not self.errors:
            terms = self.offer_terms()
            terms.pop("message")
            milestones = terms.pop("milestones")
            try:
                cleaned_terms = services.clean_offer_terms(**terms)
                services.clean_offer_milestones(milestones, cleaned_terms["fixed_price"])
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class DirectOfferForm(OfferForm):
    """ "Hire" from a freelancer's profile: one of the client's open jobs, then the offer's terms."""

    job = forms.ModelChoiceField(label="Job", queryset=JobPost.objects.none(), empty_label="Choose one of your jobs")
    field_order = ["job"]

    def __init__(self, *args, client, **kwargs) -> None:
        kwargs.setdefault("initial", {"start_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = JobPost.objects.filter(client=client, status=JobStatus.OPEN).order_by(
            "-created_at"
        )
        self.order_fields(["job"])
