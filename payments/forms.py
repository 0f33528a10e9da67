from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from marketplace.forms import Form


class PaymentMethodForm(Form):
    """ "Add payment method": a card, checked by the gateway (only its token and last four digits are kept)."""

    number = forms.RegexField(
        label="Card number",
        regex=r"^[\d ]{12,23}$",
        error_messages={"invalid": "Enter the card number: 12 to 19 digits."},
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric"}),
    )
    exp_month = forms.IntegerField(label="Expiry month", min_value=1, max_value=12)
    exp_year = forms.IntegerField(label="Expiry year", min_value=2000, max_value=2100)
    cvc = forms.RegexField(
        label="CVC",
        regex=r"^\d{3,4}$",
        error_messages={"invalid": "Enter the 3 or 4 digits on the back of the card."},
        widget=forms.TextInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric"}),
    )

    def clean(self):
        data = super().clean()
        month, year = data.get("exp_month"), data.get("exp_year")
        today = timezone.now().date()
        if month and year and (year, month) < (today.year, today.month):
            raise forms.ValidationError("This card has expired.", code="expired")
        return data


class DistributeForm(Form):
    """ "Distribute": the agency's owner pays a member from the agency's balance. `key` makes a double submit
    pay once."""

    member = forms.TypedChoiceField(label="Member", coerce=int)
    amount = forms.DecimalField(label="Amount", min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    note = forms.CharField(label="Note", required=False, max_length=200)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        self.fields["member"].choices = [(m.pk, m.display_name) for m in members]

    def clean_member(self):
        return self.members[self.cleaned_data["member"]]
