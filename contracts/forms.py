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
