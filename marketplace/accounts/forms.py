from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from marketplace.forms import ModelForm, OwnWords
from marketplace.skills import clean_skills_field

from .models import ClientProfile, FreelancerProfile, User
from .services import CLIENT, FREELANCER


def suspended_message() -> str:
    return (
        "This account is suspended by a moderator, so you can't log in. If you think this is a mistake, write to "
        f"{settings.APPEALS_EMAIL}."
    )


def closed_message() -> str:
    """For an account switched off outside the moderation tools (a superuser in the admin): not called a
    suspension, which would promise a moderator's decision that was never made."""
    return (
        "This account is closed, so you can't log in. If you think this is a mistake, write to "
        f"{settings.APPEALS_EMAIL}."
    )


class LoginForm(OwnWords, AuthenticationForm):
    """The login form, which tells a suspended person why they can't log in once their password is right
    (`backends.LoginBackend`); a wrong password gets Django's usual answer."""

    def confirm_login_allowed(self, user) -> None:
        if not user.is_active:
            message = suspended_message() if user.suspended_at else closed_message()
            raise forms.ValidationError(message, code="inactive")


class SignUpForm(OwnWords, UserCreationForm):
    email = forms.EmailField(label="Email")
    role = forms.ChoiceField(
        label="I want to",
        choices=[(CLIENT, "I am a client"), (FREELANCER, "I am a freelancer")],
        widget=forms.RadioSelect,
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists. Log in instead.")
        return email


class FreelancerProfileForm(ModelForm):
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)

    class Meta:
        model = FreelancerProfile
        fields = ("title", "overview", "hourly_rate", "skills")
        labels = {"title": "Title", "overview": "Overview", "hourly_rate": "Hourly rate", "skills": "Skills"}
        widgets = {"overview": forms.Textarea(attrs={"rows": 6})}

    def clean_skills(self) -> list[str]:
        return clean_skills_field(self.cleaned_data.get("skills") or [])


class ClientProfileForm(ModelForm):
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)

    class Meta:
        model = ClientProfile
        fields = ("company_name", "location")
        labels = {"company_name": "Company name", "location": "Location"}
