from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from marketplace.forms import Form, ModelForm
from marketplace.skills import clean_skills_field

from .models import BudgetType, Category, ExperienceLevel, FlagReason, JobPost
from .moderation import COMMENT_MAX_LENGTH
from .selectors import JobSearch
from .services import REASON_MAX_LENGTH

MAX_HIRES = 100


class JobPostForm(ModelForm):
    """Post or edit a job. Budget rules live in `JobPost.clean()` and show up next to the fields."""

    skills = forms.CharField(
        label="Skills",
        required=False,
        max_length=1000,
        help_text="Separate skills with commas, e.g. Django, PostgreSQL, payments.",
    )
    hires_needed = forms.IntegerField(
        label="Freelancers to hire",
        initial=1,
        min_value=1,
        max_value=MAX_HIRES,
        help_text="You can hire more than one freelancer for this job.",
        error_messages={"min_value": "You need to hire at least 1 freelancer."},
    )

    class Meta:
        model = JobPost
        fields = (
            "title",
            "description",
            "skills",
            "category",
            "experience_level",
            "duration",
            "hires_needed",
            "visibility",
            "budget_type",
            "hourly_min",
            "hourly_max",
            "fixed_budget",
        )
        labels = {
            "title": "Title",
            "description": "Description",
            "category": "Category",
            "budget_type": "Budget type",
            "hourly_min": "Minimum hourly rate",
            "hourly_max": "Maximum hourly rate",
            "fixed_budget": "Fixed price",
            "experience_level": "Experience level",
            "duration": "Expected duration",
            "visibility": "Who can see this job",
        }
        help_texts = {
            "title": "A short headline, e.g. “Build a booking website for a holiday rental”.",
            "description": "What needs doing, what done looks like, and anything a freelancer should know.",
            "hourly_min": "In USD per hour.",
            "hourly_max": "In USD per hour.",
            "fixed_budget": "In USD, for the whole job.",
        }
        error_messages = {
            "title": {"required": "Give the job a title."},
            "description": {"required": "Describe the work: the description cannot be blank."},
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "budget_type": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "hourly_min": forms.NumberInput(attrs={"step": "0.01", "min": "1", "inputmode": "decimal"}),
            "hourly_max": forms.NumberInput(attrs={"step": "0.01", "min": "1", "inputmode": "decimal"}),
            "fixed_budget": forms.NumberInput(attrs={"step": "0.01", "min": "5", "inputmode": "decimal"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["skills"] = ", ".join(tag.name for tag in self.instance.skills.all())
        # Radio choices without the blank "---------" entry.
        for name in ("budget_type", "visibility"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]

    def clean_skills(self) -> list[str]:
        return clean_skills_field(self.cleaned_data.get("skills") or "")

    def clean(self):
        # How many errors each field has from its own checks. The model's checks run next and see a field that
        # failed as empty: "Enter the lowest hourly rate" under "35.123" would contradict the field's own error.
        self.own_error_counts = {name: len(errors) for name, errors in self.errors.items() if name != NON_FIELD_ERRORS}
        return super().clean()

    def full_clean(self) -> None:
        self.own_error_counts: dict[str, int] = {}
        super().full_clean()
        for name, count in self.own_error_counts.items():
            self.errors[name].data = self.errors[name].data[:count]
        # The model repeats some of the form's own checks (a blank title): show each message once.
        for errors in self.errors.values():
            seen: set[str] = set()
            kept = []
            for error in errors.as_data():
                text = " ".join(error.messages)
                if text not in seen:
                    seen.add(text)
                    kept.append(error)
            errors.data = kept

    def service_data(self) -> dict:
        """The cleaned values in the shape `post_job` / `update_job` take."""
        return dict(self.cleaned_data)


class ReasonForm(Form):
    """The optional reason given when closing or cancelling a job."""

    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


ANY = [("", "Any")]


class FindWorkForm(Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    skill = forms.CharField(label="Skill", required=False, max_length=100)
    budget_type = forms.ChoiceField(label="Budget type", required=False, choices=ANY + BudgetType.choices)
    min_budget = forms.DecimalField(
        label="Minimum budget",
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        help_text="USD: per hour for hourly jobs, for the whole job for fixed-price jobs.",
        widget=forms.NumberInput(attrs={"step": "1", "min": "0", "inputmode": "decimal"}),
    )
    experience_level = forms.ChoiceField(
        label="Experience level", required=False, choices=ANY + ExperienceLevel.choices
    )
    category = forms.ChoiceField(label="Category", required=False, choices=ANY + Category.choices)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("newest", "Newest first"), ("relevance", "Best match")],
    )

    def search(self) -> JobSearch:
        """The search to run: valid fields only, so one bad filter does not hide every job."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return JobSearch(
            query=data.get("q") or "",
            skill=data.get("skill") or "",
            budget_type=data.get("budget_type") or "",
            min_budget=data.get("min_budget"),
            experience_level=data.get("experience_level") or "",
            category=data.get("category") or "",
            sort=data.get("sort") or "newest",
        )

    @property
    def is_filtered(self) -> bool:
        search = self.search()
        return any(
            [
                search.query,
                search.skill,
                search.budget_type,
                search.min_budget,
                search.experience_level,
                search.category,
            ]
        )


class FlagForm(Form):
    """ "Flag as inappropriate": a reason from the list and an optional comment (needed for "Something else")."""

    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a reason from the list.",
            "invalid_choice": "Choose a reason from the list.",
        },
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What should a moderator look at? The person you report is never told who you are.",
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reason") == FlagReason.OTHER and not (data.get("comment") or "").strip():
            self.add_error("comment", "You chose “Something else”: tell us what is wrong in a few words.")
        return data
