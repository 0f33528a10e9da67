"""Job-scoped pages (mounted under /jobs/<id>/ by hiring_urls): applicants, proposals, invitations, closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jobs import selectors as job_selectors
from jobs import services as job_services
from jobs.forms import ReasonForm
from jobs.models import JobPost, JobStatus
from jobs.selectors import Access
from marketplace.accounts.models import FreelancerProfile
from marketplace.http import parse_id

from .. import selectors, services
from ..forms import ProposalForm
from ..models import OPEN_STATES, Application
from .common import (
    REFUSALS,
    User,
    _name,
    _next_or,
    _refusal,
    _tab_page,
    _with_fee_preview,
    add_service_errors,
)

FREELANCER_RESULTS = 20


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
    counts = selectors.applicant_tab_counts(job)
    current, page = _tab_page(request, "tab", counts, lambda key: selectors.applicants_in_tab(job, key), ids_first=True)
    for app in page:
        app.job = job  # the same row; keeps the page's figures and guards in one object
        app.allowed = set(app.actions_for(request.user))
    tabs = [{"key": key, "label": label, "count": counts[key]} for key, label, _ in selectors.APPLICANT_TABS]
    tab = next(t for t in tabs if t["key"] == current)
    return render(request, "proposals/applicants.html", {"job": job, "tabs": tabs, "tab": tab, "page": page})


@login_required
@require_POST
def applicants_viewed(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Last viewed by client" moves to now: the applicants page posts this once shown (opening it, a GET, writes
    nothing). Answers htmx with 204, a plain form with the page again."""
    job = _own_job_or_404(request, pk)
    job_services.record_applicants_view(job, by=request.user)
    if request.htmx:
        return HttpResponse(status=204)
    return redirect("hiring:applicants", pk=job.pk)


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
    form = _with_fee_preview(ProposalForm(request.POST or None, job=job, user=user))
    if request.method == "POST" and form.is_valid():
        try:
            app = services.submit_proposal(
                job, by=user, cover_letter=form.cleaned_data["cover_letter"], **form.terms(), **form.submit_as_data()
            )
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(job)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            sent = "Your proposal is sent" if app.agency is None else f"{app.agency.name}'s proposal is sent"
            named = "" if app.agency is None else f", naming {app.freelancer.display_name}"
            messages.success(
                request,
                f"{sent}{named} ({app.terms_display}). It is under Submitted proposals until the client replies.",
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
        freelancer_id = parse_id(request.POST.get("freelancer"))
        freelancer = (
            User.objects.filter(pk=freelancer_id, is_freelancer=True, is_active=True).first() if freelancer_id else None
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
