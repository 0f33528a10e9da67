from datetime import UTC, datetime, timedelta

from django import forms

from marketplace.forms import Form


class EndContractForm(Form):
    """ "End contract": either party, with a reason the other side reads."""

    reason = forms.CharField(
        label="Reason for ending the contract",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The other side is told the contract ended and reads this reason.",
        error_messages={"required": "Say why the contract ends."},
    )


class AddMilestoneForm(Form):
    """ "Add milestone" (the client, on a fixed-price contract)."""

    description = forms.CharField(label="Milestone description", max_length=200)
    amount = forms.DecimalField(label="Amount", min_value=5, max_digits=10, decimal_places=2, help_text="In USD.")
    due_date = forms.DateField(label="Due date", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SubmitWorkForm(Form):
    message = forms.CharField(
        label="Message to the client",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tell the client what you are submitting."},
    )


class RequestChangesForm(Form):
    note = forms.CharField(
        label="What should change",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what should change."},
    )


class StopTimerForm(Form):
    memo = forms.CharField(
        label="Memo",
        max_length=300,
        help_text="What you worked on; the client reads it in the work diary.",
        error_messages={"required": "Write a memo: what did you work on?"},
    )


class ManualTimeForm(Form):
    """ "Add manual time": a date and a start and end in 10-minute steps (UTC), with a memo."""

    day = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="From (UTC)", widget=forms.TimeInput(attrs={"type": "time", "step": 600}))
    end = forms.TimeField(label="To (UTC)", widget=forms.TimeInput(attrs={"type": "time", "step": 600}))
    memo = forms.CharField(
        label="What you worked on", max_length=300, error_messages={"required": "Write a memo: what did you work on?"}
    )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            data["start_at"] = datetime.combine(day, start, tzinfo=UTC)
            end_at = datetime.combine(day, end, tzinfo=UTC)
            if end <= start:  # "to 00:00" means midnight at the end of the day
                end_at += timedelta(days=1)
            data["end_at"] = end_at
        return data


class WeeklyLimitForm(Form):
    weekly_limit = forms.IntegerField(label="Weekly limit (hours)", min_value=1, max_value=100)


class DisputeForm(Form):
    note = forms.CharField(
        label="Why you dispute this time",
        max_length=1000,
        error_messages={"required": "Say why you dispute this time."},
    )


class BonusForm(Form):
    """ "Give a bonus": the key makes a double submit pay once."""

    amount = forms.DecimalField(label="Bonus amount", min_value=1, max_digits=10, decimal_places=2, help_text="In USD.")
    note = forms.CharField(
        label="Note to the freelancer",
        max_length=300,
        error_messages={"required": "Add a note: the freelancer reads it with the bonus."},
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class PauseForm(Form):
    reason = forms.CharField(
        label="Reason for pausing",
        max_length=500,
        error_messages={"required": "Give a reason; the other side reads it."},
    )


class ResumeForm(Form):
    reason = forms.CharField(label="Note for the freelancer (optional)", max_length=500, required=False)


STAR_CHOICES = [(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)]


class FeedbackForm(Form):
    stars = forms.TypedChoiceField(label="Rating", choices=STAR_CHOICES, coerce=int)
    comment = forms.CharField(
        label="Public comment",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a public comment about working together."},
    )
    private_reason = forms.ChoiceField(label="Private reason (only the marketplace sees it)", required=False)
    private_note = forms.CharField(
        label="Private note to the marketplace",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        from .models import PrivateReason

        super().__init__(*args, **kwargs)
        self.fields["private_reason"].choices = [("", "Choose a reason"), *PrivateReason.choices]


class AssignMemberForm(Form):
    """ "Assign member" on an agency contract: one of the agency's active members."""

    member = forms.TypedChoiceField(label="Member", coerce=int)

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        self.fields["member"].choices = [(m.pk, m.display_name) for m in members]

    def clean_member(self):
        return self.members[self.cleaned_data["member"]]
