"""The freelancer's profile, with the hiring layer's figures and "Invite to interview"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace.accounts import reputation

from .. import selectors, services
from ..forms import DirectOfferForm, InviteForm
from .common import (
    REFUSALS,
    User,
    _name,
    _refusal,
    add_service_errors,
)


# The freelancer's profile, with the hiring layer's figures and actions -------------------------------------------
def _freelancer_or_404(username: str):
    person = get_object_or_404(
        User.objects.select_related("freelancer_profile"), username=username, is_freelancer=True, is_active=True
    )
    profile = getattr(person, "freelancer_profile", None)
    if profile is None:
        raise Http404("No such freelancer.")
    return person, profile


def _render_profile(request: HttpRequest, person, profile, *, invite_form=None, status: int = 200):
    viewer = request.user
    can_invite = viewer.is_authenticated and viewer.is_client and viewer.pk != person.pk
    if can_invite and invite_form is None:
        initial = {"job": request.GET.get("job")} if request.GET.get("job") else {}
        invite_form = InviteForm(client=viewer, initial=initial)
    context = {
        "person": person,
        "profile": profile,
        "response_time": selectors.response_time(person),
        "rating": reputation.reputation(person),
        "feedback": reputation.published_feedback(person),
        "invite_form": invite_form if can_invite else None,
        "has_open_jobs": bool(invite_form and invite_form.fields["job"].queryset.exists()) if can_invite else False,
    }
    return render(request, "proposals/freelancer_profile.html", context, status=status)


def freelancer_profile(request: HttpRequest, username: str) -> HttpResponse:
    """The public freelancer profile, with response time and, for clients, "Invite to interview"."""
    person, profile = _freelancer_or_404(username)
    return _render_profile(request, person, profile)


@require_POST
@login_required
def invite_from_profile(request: HttpRequest, username: str) -> HttpResponse:
    person, profile = _freelancer_or_404(username)
    if not request.user.is_client:
        messages.error(request, "Only clients can invite freelancers to interview.")
        return redirect(person)
    form = InviteForm(request.POST, client=request.user)
    if form.is_valid():
        job = form.cleaned_data["job"]
        try:
            services.invite(job, person, by=request.user, message=form.cleaned_data["message"])
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(person)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"You invited {_name(person)} to interview for “{job.title}”. "
                "You will hear when they answer; the job's applicants page lists the invitation.",
            )
            return redirect(person)
    return _render_profile(request, person, profile, invite_form=form)


@login_required
def hire_from_profile(request: HttpRequest, username: str) -> HttpResponse:
    """ "Hire": an offer to this freelancer for one of the client's open jobs, without a proposal."""
    person, profile = _freelancer_or_404(username)
    if not request.user.is_client or request.user.pk == person.pk:
        messages.error(request, "Only clients can hire freelancers.")
        return redirect(person)
    form = DirectOfferForm(request.POST or None, client=request.user)
    if request.method == "POST" and form.is_valid():
        job = form.cleaned_data["job"]
        try:
            offer = services.hire_directly(job, person, by=request.user, **form.offer_terms())
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(person)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your offer is sent to {_name(person)} for “{job.title}”: {offer.terms_display}. "
                "They can accept it, decline it or ask you about it.",
            )
            return redirect(offer.application)
    return render(request, "proposals/hire.html", {"person": person, "profile": profile, "form": form})
