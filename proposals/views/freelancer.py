"""The freelancer's pages (their proposals, an application's page, the fee preview) and their actions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..forms import (
    AcceptInvitationForm,
    DeclineForm,
    MessageForm,
    TermsForm,
    WithdrawForm,
)
from ..forms import (
    fee_preview as compute_fee_preview,
)
from .common import (
    _application_or_404,
    _button_action,
    _form_action,
    _render_detail,
    _tab_page,
)

EMPTY_SECTIONS = {
    "offers": "No offers right now.",
    "invitations": "No invitations waiting for your answer.",
    "active": "No active candidacies. When a client replies to your proposal or you accept an invitation, it is here.",
    "submitted": "No proposals waiting for a client's reply.",
    "archived": "No archived invitations.",
    "past": "No past applications yet.",
}


# The freelancer's page --------------------------------------------------------------------------------------
@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    """/proposals/: offers, invitations, active candidacies, submitted proposals, archived and past ones."""
    counts = selectors.freelancer_section_counts(request.user)
    current, page = _tab_page(request, "section", counts, lambda key: selectors.freelancer_section(request.user, key))
    sections = [
        {"key": key, "label": label, "count": counts[key], "empty": EMPTY_SECTIONS[key]}
        for key, label, _ in selectors.FREELANCER_SECTIONS
    ]
    section = next(s for s in sections if s["key"] == current)
    return render(
        request,
        "proposals/list.html",
        {"sections": sections, "section": section, "page": page, "is_freelancer": request.user.is_freelancer},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _application_or_404(request, pk))


@require_GET
def fee_preview(request: HttpRequest) -> HttpResponse:
    """The htmx partial under a rate or bid: the service fee and what the freelancer receives."""
    key, raw = next(((k, v) for k, v in request.GET.items() if v.strip()), ("", ""))
    hourly = key.endswith("hourly_rate")
    try:
        amount = Decimal(raw.strip())
    except (InvalidOperation, ValueError):
        amount = None
    if amount is not None and (not amount.is_finite() or amount < 0 or amount > services.FIXED_MAX):
        amount = None
    return render(
        request,
        "proposals/partials/fee_preview.html",
        {"preview": compute_fee_preview(amount), "unit": "/hr" if hourly else ""},
    )


# The freelancer's actions --------------------------------------------------------------------------------------
@require_POST
@login_required
def accept_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    def call(app, form):
        services.accept_invitation(
            app, by=request.user, message=form.cleaned_data["message"], **form.terms(), **form.submit_as_data()
        )

    return _form_action(
        request,
        pk,
        action="accept_invitation",
        form_class=AcceptInvitationForm,
        prefix="accept",
        form_kwargs=lambda app: {"job": app.job, "user": request.user},
        terms=True,
        call=call,
        success=lambda app: (
            f"You accepted the invitation. You are now in an active candidacy for “{app.job.title}”: "
            "your message is in the conversation with the client."
        ),
    )


@require_POST
@login_required
def decline_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    def call(app, form):
        data = form.cleaned_data
        services.decline_invitation(
            app, by=request.user, reason=data["reason"], other_text=data["other_text"], message=data["message"]
        )

    return _form_action(
        request,
        pk,
        action="decline_invitation",
        form_class=DeclineForm,
        prefix="decline",
        call=call,
        success=lambda app: "You declined the invitation. The client has been told.",
    )


@require_POST
@login_required
def ignore_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    return _button_action(
        request,
        pk,
        call=lambda app: services.ignore_invitation(app, by=request.user),
        success=lambda app: (
            "Invitation archived. It is under Archived: you can still accept or decline it there. "
            "The client is not told."
        ),
    )


@require_POST
@login_required
def update_terms(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request,
        pk,
        action="update_terms",
        form_class=TermsForm,
        prefix="terms",
        form_kwargs=lambda app: {"job": app.job},
        terms=True,
        call=lambda app, form: services.update_terms(app, by=request.user, **form.terms()),
        success=lambda app: f"Your new terms are sent to the client: {app.terms_display}.",
    )


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    def call(app, form):
        data = form.cleaned_data
        services.withdraw(app, by=request.user, reason=data["reason"], other_text=data["other_text"])

    return _form_action(
        request,
        pk,
        action="withdraw",
        form_class=WithdrawForm,
        prefix="withdraw",
        call=call,
        success=lambda app: "You withdrew your proposal. The client has been told.",
    )


@require_POST
@login_required
def ask_clarification(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_action(
        request,
        pk,
        action="ask_clarification",
        form_class=MessageForm,
        prefix="clarify",
        call=lambda app, form: services.ask_clarification(app, by=request.user, message=form.cleaned_data["message"]),
        success=lambda app: "Your question is sent to the client in the conversation. The offer stays open.",
    )


@require_POST
@login_required
def decline_offer(request: HttpRequest, pk: int) -> HttpResponse:
    def call(app, form):
        data = form.cleaned_data
        services.decline_offer(
            app, by=request.user, reason=data["reason"], other_text=data["other_text"], message=data["message"]
        )

    return _form_action(
        request,
        pk,
        action="decline_offer",
        form_class=DeclineForm,
        prefix="decline_offer",
        call=call,
        success=lambda app: "You declined the offer. The client has been told.",
    )
