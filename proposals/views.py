"""The hiring pages. Thin views: forms validate the input, services act (and check who may act), selectors read.

Every action is a POST to its own URL. Nobody but the two parties of an application learns it exists (404);
a rule that refuses the action (`ActionNotAllowed`, or the wrong side of the application) becomes a clear
message and a redirect, never a 500; a form error re-renders the page with the input kept.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_fsm import ConcurrentTransition

from jobs import selectors as job_selectors
from jobs import services as job_services
from jobs.forms import ReasonForm
from jobs.models import JobPost, JobStatus
from jobs.selectors import Access
from marketplace.accounts.models import FreelancerProfile

from . import selectors, services
from .forms import (
    AcceptInvitationForm,
    DeclineForm,
    InviteForm,
    MessageForm,
    OfferForm,
    ProposalForm,
    RejectForm,
    TermsForm,
    WithdrawForm,
)
from .forms import (
    fee_preview as compute_fee_preview,
)
from .models import OPEN_STATES, Application
from .services import ActionNotAllowed

User = get_user_model()

CONCURRENT_MESSAGE = "Someone acted on this application at the same moment. Here is where it stands now."
FREELANCER_RESULTS = 20
EMPTY_SECTIONS = {
    "offers": "No offers right now.",
    "invitations": "No invitations waiting for your answer.",
    "active": "No active candidacies. When a client replies to your proposal or you accept an invitation, it is here.",
    "submitted": "No proposals waiting for a client's reply.",
    "archived": "No archived invitations.",
    "past": "No past applications yet.",
}


# Helpers -----------------------------------------------------------------------------------------------------
def _application_or_404(request: HttpRequest, pk: int) -> Application:
    """The application with its job, people, room and offers, for its two parties only (404 for anyone else)."""
    app = selectors.application_for(request.user, pk)
    if app is None:
        raise Http404("No such application.")
    return app


def _next_or(request: HttpRequest, default: str) -> str:
    """Where to go after an action: a safe `next` from the form, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return default


def _refusal(request: HttpRequest, exc: Exception) -> None:
    """The words of a refusal for the person: PermissionDenied and ActionNotAllowed both carry them."""
    if isinstance(exc, ConcurrentTransition):
        messages.error(request, CONCURRENT_MESSAGE)
    else:
        messages.error(request, getattr(exc, "message", "") or str(exc) or "This action is not allowed.")


REFUSALS = (PermissionDenied, ActionNotAllowed, ConcurrentTransition)


def _add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the matching field, or on top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


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
def _action_forms(app: Application, allowed: set[str], bound: dict) -> dict:
    job = app.job
    builders = {
        "accept_invitation": lambda: _with_fee_preview(AcceptInvitationForm(prefix="accept", job=job)),
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
        "forms": _action_forms(app, allowed, bound or {}),
        "offer": offer,
        "offer_preview": compute_fee_preview(offer.amount) if offer is not None and side == "freelancer" else None,
        "terms_preview": compute_fee_preview(app.bid_amount) if side == "freelancer" else None,
        "client_box": job_selectors.client_summary(app.job.client),
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
            _add_service_errors(form, exc)
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


# The freelancer's page --------------------------------------------------------------------------------------
@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    """/proposals/: offers, invitations, active candidacies, submitted proposals, archived and past ones."""
    grouped = selectors.freelancer_sections(request.user)
    sections = [
        {"key": key, "label": label, "applications": grouped[key], "empty": EMPTY_SECTIONS[key]}
        for key, label, _ in selectors.FREELANCER_SECTIONS
    ]
    return render(request, "proposals/list.html", {"sections": sections, "is_freelancer": request.user.is_freelancer})


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
        services.accept_invitation(app, by=request.user, message=form.cleaned_data["message"], **form.terms())

    return _form_action(
        request,
        pk,
        action="accept_invitation",
        form_class=AcceptInvitationForm,
        prefix="accept",
        form_kwargs=lambda app: {"job": app.job},
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
            if hasattr(exc, "error_dict") and "expires_at" in exc.error_dict:
                exc = ValidationError({"expires_on": exc.error_dict.pop("expires_at"), **exc.error_dict})
            _add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your offer is sent to {_name(app.freelancer)}: {offer.terms_display}. "
                "They can accept it, decline it or ask you about it.",
            )
            return redirect(app)
    return render(request, "proposals/send_offer.html", {"application": app, "job": app.job, "form": form})


# Job-scoped pages (mounted under /jobs/<id>/ by hiring_urls) ------------------------------------------------------
def _job_or_404(pk: int) -> JobPost:
    try:
        return job_selectors.job_for_page(pk)
    except JobPost.DoesNotExist as exc:
        raise Http404("No such job.") from exc


def _own_job_or_404(request: HttpRequest, pk: int) -> JobPost:
    """The job, for its client only; everybody else gets a 404 (moderators use the admin)."""
    job = _job_or_404(pk)
    if not request.user.is_authenticated or job.client_id != request.user.pk:
        raise Http404("No such job.")
    return job


@login_required
def applicants(request: HttpRequest, pk: int) -> HttpResponse:
    """The client's review page: the job's applicants by stage, with the actions each state allows."""
    job = _own_job_or_404(request, pk)
    job_services.record_applicants_view(job, by=request.user)
    grouped = selectors.applicants_by_tab(job)
    tabs = []
    for key, label, _ in selectors.APPLICANT_TABS:
        apps = grouped[key]
        for app in apps:
            app.job = job  # the same row; keeps the page's figures and guards in one object
            app.allowed = set(app.actions_for(request.user))
        tabs.append({"key": key, "label": label, "applications": apps})
    return render(request, "proposals/applicants.html", {"job": job, "tabs": tabs})


@login_required
def submit_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """A freelancer's proposal for a job: a cover letter and terms by the job's budget type."""
    job = _job_or_404(pk)
    access = job_selectors.job_access(job, request.user)
    if access is Access.HIDDEN:
        raise Http404("No such job.")
    if access is Access.GONE:
        return render(request, "jobs/unavailable.html", {"job": job}, status=410)
    user = request.user
    if not user.is_freelancer or job.client_id == user.pk:
        return render(
            request,
            "proposals/freelancers_only.html",
            {"message": "Only freelancers can send proposals.", "job": job},
            status=403,
        )
    existing = Application.objects.filter(job=job, freelancer=user, status__in=OPEN_STATES).first()
    if existing is not None:
        messages.info(request, "You already have an open application for this job: here it is.")
        return redirect(existing)
    if not job.is_open:
        messages.error(request, f"This job is {job.get_status_display().lower()}, so it no longer takes proposals.")
        return redirect(job)
    form = _with_fee_preview(ProposalForm(request.POST or None, job=job))
    if request.method == "POST" and form.is_valid():
        try:
            app = services.submit_proposal(job, by=user, cover_letter=form.cleaned_data["cover_letter"], **form.terms())
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(job)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Your proposal is sent ({app.terms_display}). It is under Submitted proposals until the client "
                "replies.",
            )
            return redirect(app)
    context = {
        "job": job,
        "form": form,
        "client_box": job_selectors.client_summary(job.client),
    }
    return render(request, "proposals/submit.html", context)


def _find_freelancers(query: str, *, exclude_pk: int):
    people = (
        User.objects.filter(is_freelancer=True, is_active=True, freelancer_profile__isnull=False)
        .exclude(pk=exclude_pk)
        .select_related("freelancer_profile")
    )
    for word in query.split()[:6]:
        people = people.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(freelancer_profile__title__icontains=word)
            | Q(freelancer_profile__in=_profiles_with_skill(word))
        )
    return people.order_by("first_name", "last_name", "username")[:FREELANCER_RESULTS]


def _profiles_with_skill(word: str):
    return FreelancerProfile.objects.filter(skills__name__icontains=word).values("pk")


@login_required
def invite_freelancers(request: HttpRequest, pk: int) -> HttpResponse:
    """From the job page: find freelancers and "Invite to interview" (GET lists, POST invites one)."""
    job = _own_job_or_404(request, pk)
    if request.method == "POST":
        freelancer_id = request.POST.get("freelancer", "")
        freelancer = (
            User.objects.filter(pk=int(freelancer_id), is_freelancer=True, is_active=True).first()
            if freelancer_id.isdigit()
            else None
        )
        if freelancer is None:
            messages.error(request, "Choose a freelancer to invite.")
        else:
            _invite(request, job, freelancer, request.POST.get("message", ""))
        return redirect(_next_or(request, reverse("hiring:invite_freelancers", args=[job.pk])))
    query = request.GET.get("q", "").strip()[:100]
    people = list(_find_freelancers(query, exclude_pk=request.user.pk))
    stage = dict(
        Application.objects.filter(job=job, freelancer__in=people, status__in=OPEN_STATES).values_list(
            "freelancer_id", "status"
        )
    )
    for person in people:
        person.open_status = stage.get(person.pk)
    return render(request, "proposals/invite_freelancers.html", {"job": job, "people": people, "query": query})


def _invite(request: HttpRequest, job: JobPost, freelancer, message: str) -> bool:
    try:
        services.invite(job, freelancer, by=request.user, message=message)
    except REFUSALS as exc:
        _refusal(request, exc)
        return False
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, f"You invited {_name(freelancer)} to interview for “{job.title}”.")
    return True


@require_POST
@login_required
def close_job(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Close job": the job closes and so does every open application, each freelancer told."""
    return _end_job(request, pk, to=JobStatus.CLOSED, prefix="close", done="Job closed. It no longer takes proposals.")


@require_POST
@login_required
def cancel_job(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Cancel job post": like closing, for a post that should not have been published."""
    return _end_job(
        request, pk, to=JobStatus.CANCELLED, prefix="cancel", done="Job post cancelled. It no longer takes proposals."
    )


def _end_job(request: HttpRequest, pk: int, *, to: str, prefix: str, done: str) -> HttpResponse:
    job = _job_or_404(pk)
    if job.client_id != request.user.pk:
        # Someone who may see the job learns they can't change it; the rest don't learn it exists.
        if job_selectors.job_access(job, request.user) is Access.FULL:
            raise PermissionDenied("Only the job's client can close it.")
        raise Http404("No such job.")
    form = ReasonForm(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", ["Check the reason."])))
        return redirect(job)
    open_before = Application.objects.filter(job=job, status__in=OPEN_STATES).count()
    try:
        services.close_job(job, by=request.user, reason=form.cleaned_data["reason"], to=to)
    except REFUSALS as exc:
        _refusal(request, exc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if open_before:
            done += (
                f" {open_before} open application{'s were' if open_before != 1 else ' was'} closed, "
                "and each freelancer has been told."
            )
        messages.success(request, done)
    return redirect(job)


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
            _add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"You invited {_name(person)} to interview for “{job.title}”. "
                "You will hear when they answer; the job's applicants page lists the invitation.",
            )
            return redirect(person)
    return _render_profile(request, person, profile, invite_form=form)
