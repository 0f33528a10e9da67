"""What the hiring pages share: the refusal messages, the application's page and its action forms, and the
one-form and one-button POST actions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_fsm import ConcurrentTransition

from jobs import selectors as job_selectors
from marketplace.accounts import reputation
from marketplace.http import safe_next

from .. import selectors, services
from ..forms import (
    AcceptInvitationForm,
    DeclineForm,
    MessageForm,
    RejectForm,
    TermsForm,
    WithdrawForm,
    add_service_errors,
)
from ..forms import (
    fee_preview as compute_fee_preview,
)
from ..models import Application
from ..services import ActionNotAllowed

User = get_user_model()

CONCURRENT_MESSAGE = "Someone acted on this application at the same moment. Here is where it stands now."


# Helpers -----------------------------------------------------------------------------------------------------
def _tab_page(
    request: HttpRequest, param: str, counts: dict[str, int], rows_of, *, ids_first: bool = False
) -> tuple[str, Page]:
    """The chosen tab (`?<param>=key`, else the first with rows) and its `?page=`.

    The tab counts are already known, so the paginator gets its count from them instead of a COUNT query. With
    `ids_first`, a page reads its ids first, then those rows (`selectors.IdsFirst`: one more query, but a page
    of a big tab no longer joins every row of it).
    """
    key = request.GET.get(param, "")
    if key not in counts:
        key = next((k for k, n in counts.items() if n), next(iter(counts)))
    rows = rows_of(key)
    paginator = Paginator(selectors.IdsFirst(rows) if ids_first else rows, selectors.PAGE_SIZE)
    paginator.count = counts[key]  # a cached_property: set, it skips the COUNT query
    return key, paginator.get_page(request.GET.get("page"))


def _application_or_404(request: HttpRequest, pk: int) -> Application:
    """The application with its job, people, room and offers, for its two parties only (404 for anyone else)."""
    app = selectors.application_for(request.user, pk)
    if app is None:
        raise Http404("No such application.")
    return app


def _next_or(request: HttpRequest, default: str) -> str:
    """Where to go after an action: a safe `next` from the form, else `default`."""
    return safe_next(request, default)


def _refusal(request: HttpRequest, exc: Exception) -> None:
    """The words of a refusal for the person: PermissionDenied and ActionNotAllowed both carry them."""
    if isinstance(exc, ConcurrentTransition):
        messages.error(request, CONCURRENT_MESSAGE)
    else:
        messages.error(request, getattr(exc, "message", "") or str(exc) or "This action is not allowed.")


REFUSALS = (PermissionDenied, ActionNotAllowed, ConcurrentTransition)


def _with_fee_preview(form: TermsForm) -> TermsForm:
    """Wire the amount input to the fee preview partial (htmx); the page shows it server-side too."""
    form.fee_target = f"fee-preview-{form.prefix or 'terms'}"
    form.fields[form.amount_field].widget.attrs.update(
        {
            "hx-get": reverse("proposals:fee_preview"),
            "hx-trigger": "input changed delay:300ms, change",
            "hx-target": f"#{form.fee_target}",
            "hx-swap": "innerHTML",
            "aria-describedby": f"{form[form.amount_field].auto_id}_helptext {form.fee_target}",
        }
    )
    return form


def _terms_initial(app: Application) -> dict:
    return {
        "hourly_rate": app.hourly_rate,
        "fixed_bid": app.fixed_bid,
        "estimated_duration": app.estimated_duration,
    }


# The action forms on an application's page. Each is built only when its action is allowed now.
def _action_forms(app: Application, allowed: set[str], bound: dict, user=None) -> dict:
    job = app.job
    builders = {
        "accept_invitation": lambda: _with_fee_preview(AcceptInvitationForm(prefix="accept", job=job, user=user)),
        "decline_invitation": lambda: DeclineForm(prefix="decline"),
        "update_terms": lambda: _with_fee_preview(TermsForm(prefix="terms", job=job, initial=_terms_initial(app))),
        "withdraw": lambda: WithdrawForm(prefix="withdraw"),
        "ask_clarification": lambda: MessageForm(prefix="clarify"),
        "decline_offer": lambda: DeclineForm(prefix="decline_offer"),
        "respond": lambda: MessageForm(prefix="respond"),
        "reject": lambda: RejectForm(prefix="reject"),
    }
    forms = {}
    for action, build in builders.items():
        if action in bound:
            forms[action] = bound[action]
        elif action in allowed:
            forms[action] = build()
    return forms


def _render_detail(request: HttpRequest, app: Application, *, bound: dict | None = None, status: int = 200):
    user = request.user
    side = app.side_of(user)
    allowed = set(app.actions_for(user))
    offer = app.latest_offer
    context = {
        "application": app,
        "job": app.job,
        "side": side,
        "is_freelancer": side == "freelancer",
        "is_client": side == "client",
        "actions": allowed,
        "forms": _action_forms(app, allowed, bound or {}, user),
        # An agency's owner, admin or sender reading the application: they see it, the named member acts.
        "for_agency": side is None and app.agency_id is not None,
        "offer": offer,
        "offer_preview": compute_fee_preview(offer.amount) if offer is not None and side == "freelancer" else None,
        "terms_preview": compute_fee_preview(app.bid_amount) if side == "freelancer" else None,
        # The other side: the freelancer sees the client; the client sees the freelancer.
        "client_box": job_selectors.client_summary(app.job.client) if side != "client" else None,
        "freelancer_box": (
            {**reputation.reputation(app.freelancer), "response_time": selectors.response_time(app.freelancer)}
            if side == "client"
            else None
        ),
        "timeline": selectors.timeline(app, user),
    }
    return render(request, "proposals/detail.html", context, status=status)


def _form_action(
    request: HttpRequest,
    pk: int,
    *,
    action: str,
    form_class,
    prefix: str,
    call,
    success,
    form_kwargs=None,
    terms: bool = False,
) -> HttpResponse:
    """One POST action with a form: check the action is allowed, validate, call the service, then redirect
    with a success message; a form or service error re-renders the application's page with the input kept."""
    app = _application_or_404(request, pk)
    try:
        services.check_action(app, action, request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
        return redirect(_next_or(request, app.get_absolute_url()))
    kwargs = form_kwargs(app) if form_kwargs else {}
    form = form_class(request.POST, prefix=prefix, **kwargs)
    if terms:
        _with_fee_preview(form)
    if form.is_valid():
        try:
            call(app, form)
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(_next_or(request, app.get_absolute_url()))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success(app))
            return redirect(_next_or(request, app.get_absolute_url()))
    return _render_detail(request, app, bound={action: form})


def _button_action(request: HttpRequest, pk: int, *, call, success) -> HttpResponse:
    """A POST action without input ("Ignore", "Withdraw offer", "Invite to interview")."""
    app = _application_or_404(request, pk)
    try:
        call(app)
    except REFUSALS as exc:
        _refusal(request, exc)
    else:
        messages.success(request, success(app))
    return redirect(_next_or(request, app.get_absolute_url()))


def _name(user) -> str:
    return getattr(user, "display_name", None) or str(user)
