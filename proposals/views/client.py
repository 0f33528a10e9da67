"""The client's actions on an application: reply, invite to interview, offers, decline the candidate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import services
from ..forms import (
    MessageForm,
    OfferForm,
    RejectForm,
)
from .common import (
    REFUSALS,
    _application_or_404,
    _button_action,
    _form_action,
    _name,
    _refusal,
    add_service_errors,
)


# The client's actions ------------------------------------------------------------------------------------------
@require_POST
@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request,
        pk,
        action="respond",
        form_class=MessageForm,
        prefix="respond",
        call=lambda app, form: services.respond(app, by=request.user, message=form.cleaned_data["message"]),
        success=lambda app: (
            f"Your message is sent. {_name(app.freelancer)} is now an active candidate: "
            "continue the conversation in Messages."
        ),
    )


@require_POST
@login_required
def invite_to_interview(request: HttpRequest, pk: int) -> HttpResponse:
    return _button_action(
        request,
        pk,
        call=lambda app: services.invite_to_interview(app, by=request.user, message=request.POST.get("message", "")),
        success=lambda app: f"You invited {_name(app.freelancer)} to interview. They can accept or decline.",
    )


@require_POST
@login_required
def withdraw_offer(request: HttpRequest, pk: int) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        # Withdrawing changes who may be hired, so the form asks for a tick first (a stray click does nothing).
        app = _application_or_404(request, pk)
        try:
            services.check_action(app, "withdraw_offer", request.user)
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(app)
        messages.error(request, "Tick the box to confirm: withdrawing the offer means it can no longer be accepted.")
        return redirect(f"{app.get_absolute_url()}#withdraw-offer")
    return _button_action(
        request,
        pk,
        call=lambda app: services.withdraw_offer(app, by=request.user),
        success=lambda app: (
            f"You withdrew the offer to {_name(app.freelancer)}. The candidacy stays active; they have been told."
        ),
    )


@require_POST
@login_required
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    def call(app, form):
        data = form.cleaned_data
        services.reject(app, by=request.user, reason=data["reason"], other_text=data["other_text"])

    return _form_action(
        request,
        pk,
        action="reject",
        form_class=RejectForm,
        prefix="reject",
        call=call,
        success=lambda app: (
            f"You declined {_name(app.freelancer)}. They are told their application was not selected, not your reason."
        ),
    )


@login_required
def send_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Send offer" page: terms (hourly rate + weekly limit, or fixed price), start date and expiry."""
    app = _application_or_404(request, pk)
    try:
        services.check_action(app, "send_offer", request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
        return redirect(app)
    form = OfferForm(request.POST or None, application=app)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.send_offer(app, by=request.user, **form.offer_terms())
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(app)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your offer is sent to {_name(app.freelancer)}: {offer.terms_display}. "
                "They can accept it, decline it or ask you about it.",
            )
            return redirect(app)
    return render(request, "proposals/send_offer.html", {"application": app, "job": app.job, "form": form})
