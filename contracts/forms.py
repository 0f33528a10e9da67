from django import forms


class EndContractForm(forms.Form):
    """ "End contract": either party, with a reason the other side reads."""

    reason = forms.CharField(
        label="Reason for ending the contract",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The other side is told the contract ended and reads this reason.",
        error_messages={"required": "Say why the contract ends."},
    )


class AddMilestoneForm(forms.Form):
    """ "Add milestone" (the client, on a fixed-price contract)."""

    description = forms.CharField(label="Milestone description", max_length=200)
    amount = forms.DecimalField(label="Amount", min_value=5, max_digits=10, decimal_places=2, help_text="In USD.")
    due_date = forms.DateField(label="Due date", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SubmitWorkForm(forms.Form):
    message = forms.CharField(
        label="Message to the client",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tell the client what you are submitting."},
    )


class RequestChangesForm(forms.Form):
    note = forms.CharField(
        label="What should change",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what should change."},
    )
