"""Agency forms: "Create agency" and "Add member"."""

from __future__ import annotations

from django import forms

from marketplace.forms import Form
from marketplace.skills import clean_skills_field

from .models import Role


class AgencyForm(Form):
    name = forms.CharField(label="Agency name", max_length=120)
    description = forms.CharField(
        label="About the agency", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    skills = forms.CharField(
        label="Skills",
        required=False,
        max_length=500,
        help_text="Separate skills with commas, e.g. Django, design, copywriting.",
    )

    def clean_skills(self) -> list[str]:
        return clean_skills_field(self.cleaned_data.get("skills") or "")


class AddMemberForm(Form):
    username = forms.CharField(label="Username", max_length=150, help_text="An existing freelancer's username.")
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, can_add_owner: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not can_add_owner:
            self.fields["role"].choices = [(r.value, r.label) for r in Role if r != Role.OWNER]
