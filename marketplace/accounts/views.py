from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.generic import FormView
from django_ratelimit.decorators import ratelimit

from . import reputation
from .forms import ClientProfileForm, FreelancerProfileForm, SignUpForm
from .links import client_profile_links
from .models import ClientProfile, FreelancerProfile, User
from .services import sign_up


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: settings.SIGNUP_RATE_LIMIT, method="POST"), name="post"
)
class SignUpView(FormView):
    template_name = "accounts/signup.html"
    form_class = SignUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: SignUpForm) -> HttpResponse:
        user = sign_up(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            role=form.cleaned_data["role"],
        )
        login(self.request, user, backend="marketplace.accounts.backends.LoginBackend")
        messages.success(self.request, "Welcome! Your account is ready. Complete your profile below.")
        return redirect("accounts:profile_edit")


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Opening the page writes nothing: a missing profile is created by the form's save on POST.
    if user.is_freelancer:
        profile = FreelancerProfile.objects.filter(user=user).first() or FreelancerProfile(user=user)
        form_class = FreelancerProfileForm
    else:
        profile = ClientProfile.objects.filter(user=user).first() or ClientProfile(user=user)
        form_class = ClientProfileForm
    initial = {"first_name": user.first_name, "last_name": user.last_name}
    form = form_class(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        user.first_name = form.cleaned_data["first_name"]
        user.last_name = form.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        messages.success(request, "Your profile was saved.")
        return redirect(user.get_absolute_url())
    return render(request, "accounts/profile_edit.html", {"form": form})


def client_profile(request: HttpRequest, username: str) -> HttpResponse:
    user = get_object_or_404(
        User.objects.select_related("client_profile"), username=username, is_client=True, is_active=True
    )
    profile = getattr(user, "client_profile", None)
    if profile is None:
        raise Http404
    context = {
        "person": user,
        "profile": profile,
        "rating": reputation.reputation(user),
        "hires": user.client_contracts.count(),
        "feedback": reputation.published_feedback(user),
        "links": client_profile_links(user),
    }
    return render(request, "accounts/client_profile.html", context)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a throttled login (setting `AXES_LOCKOUT_CALLABLE`): 429, the same page whether the
    username exists or not, saying how long to wait."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
