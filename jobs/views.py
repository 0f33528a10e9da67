"""Job pages. Views are thin: forms validate, services act, selectors read."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from messaging.models import Message

from . import cards, moderation, selectors, services
from .cards import attach_cards, cached_fragment
from .forms import FindWorkForm, FlagForm, JobPostForm, ReasonForm
from .links import hiring_links
from .models import JobPost
from .selectors import Access

PAGE_SIZE = 20
# Find work's form fields that take any text: their cached form renderings live only a minute.
FREE_TEXT_FIELDS = ("q", "skill", "min_budget")
FREE_TEXT_FORM_SECONDS = 60
UNDER_REVIEW_MESSAGE = (
    "Your job is saved but under review: it seems to ask for payment outside the platform or for free work. "
    "Freelancers can't see it until a moderator has looked at it."
)


def find_work(request: HttpRequest) -> HttpResponse:
    """ "Find work": open public jobs, searched and filtered, newest first, 20 a page."""
    form = FindWorkForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid filters show their errors; the valid ones still apply
    search = form.search()
    jobs = selectors.find_work(search, viewer=request.user)
    paginator = Paginator(jobs, PAGE_SIZE)
    if form.is_filtered:
        paginator.count = selectors.find_work_count(search, jobs)  # a cached_property: set, it skips the COUNT
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    attach_cards(page.object_list)
    search_form = cached_fragment(
        "jobs/partials/find_work_form.html",
        {"form": form},
        vary_on=[(name, request.GET.getlist(name)) for name in form.fields],
        templates=("field.html",),
        timeout=FREE_TEXT_FORM_SECONDS if any(request.GET.get(name) for name in FREE_TEXT_FIELDS) else cards.TIMEOUT,
    )
    return render(request, "jobs/find_work.html", {"form": form, "page": page, "search_form": search_form})


@login_required
def post_job(request: HttpRequest) -> HttpResponse:
    if not request.user.is_client:
        return _clients_only(request, "Only clients can post jobs.")
    form = JobPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.post_job(client=request.user, data=form.service_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if job.held_for_review:
                messages.warning(request, UNDER_REVIEW_MESSAGE)
            else:
                messages.success(request, "Your job is posted. Freelancers can find it now.")
            return redirect(job)
    return render(request, "jobs/form.html", {"form": form, "job": None})


@login_required
def my_job_posts(request: HttpRequest) -> HttpResponse:
    if not request.user.is_client:
        return _clients_only(request, "Only clients have job posts.")
    page = Paginator(selectors.my_job_posts(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.add_job_numbers(page.object_list)
    for job in page.object_list:
        job.hiring_links = hiring_links(job)
    return render(request, "jobs/mine.html", {"page": page})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(pk)
    access = selectors.job_access(job, request.user)
    if access is Access.HIDDEN:
        raise Http404("No such job.")
    if access is Access.GONE:
        return render(request, "jobs/unavailable.html", {"job": job}, status=410)
    is_owner = request.user.is_authenticated and job.client_id == request.user.pk
    context = {
        "job": job,
        "is_owner": is_owner,
        "activity": selectors.client_activity(job),
        "my_application": selectors.viewer_application(job, request.user),
        "client_box": selectors.client_summary(job.client),
        "close_form": ReasonForm(prefix="close") if is_owner and job.is_open else None,
        "cancel_form": ReasonForm(prefix="cancel") if is_owner and job.is_open else None,
        "links": hiring_links(job),
    }
    return render(request, "jobs/detail.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _owned_job_or_deny(request, pk)
    if not job.is_open:
        messages.error(request, f"This job is {job.get_status_display().lower()}, so it can no longer be edited.")
        return redirect(job)
    form = JobPostForm(request.POST or None, instance=job)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_job(job, by=request.user, data=form.service_data())
        except ValidationError as exc:
            if isinstance(exc, services.JobStateError):
                messages.error(request, " ".join(exc.messages))
                return redirect(job)
            form.add_error(None, exc)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(job)
    return render(request, "jobs/form.html", {"form": form, "job": job})


@login_required
def flag_job(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Flag as inappropriate" on a job: the form (GET) and the flag (POST)."""
    job = _job_or_404(pk)
    access = selectors.job_access(job, request.user)
    if access is Access.HIDDEN:
        raise Http404("No such job.")
    if access is Access.GONE:
        return render(request, "jobs/unavailable.html", {"job": job}, status=410)
    if job.client_id == request.user.pk:
        messages.error(request, "You can't flag your own job post.")
        return redirect(job)
    return _flag(
        request,
        target=job,
        flag=lambda form: moderation.flag_job(job, by=request.user, **form.cleaned_data),
        already=moderation.has_open_flag(request.user, job=job),
        what="job",
    )


@login_required
def flag_client(request: HttpRequest, username: str) -> HttpResponse:
    """ "Flag as inappropriate" on a client's profile: the form (GET) and the flag (POST)."""
    return _flag_person(request, username, role="client", flag=moderation.flag_client)


@login_required
def flag_freelancer(request: HttpRequest, username: str) -> HttpResponse:
    """ "Flag as inappropriate" on a freelancer's profile: the form (GET) and the flag (POST)."""
    return _flag_person(request, username, role="freelancer", flag=moderation.flag_freelancer)


def _flag_person(request: HttpRequest, username: str, *, role: str, flag: Callable[..., object]) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username, is_active=True, **{f"is_{role}": True})
    if person.pk == request.user.pk:
        messages.error(request, "You can't flag yourself.")
        return redirect(person.get_absolute_url())
    return _flag(
        request,
        target=person,
        flag=lambda form: flag(person, by=request.user, **form.cleaned_data),
        already=moderation.has_open_flag(request.user, client=person),
        what=role,
    )


@login_required
def flag_message(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Report message" in a room: the form (GET) and the flag (POST); participants only (404 for others)."""
    message = get_object_or_404(
        Message.objects.select_related("room", "sender"), pk=pk, room__memberships__user=request.user
    )
    if message.sender_id in (None, request.user.pk):
        messages.error(request, "You can only report messages other people wrote.")
        return redirect(message.room.get_absolute_url())
    return _flag(
        request,
        target=message,
        flag=lambda form: moderation.flag_message(message, by=request.user, **form.cleaned_data),
        already=moderation.has_open_flag(request.user, message=message),
        what="message",
        back=message.room.get_absolute_url(),
    )


def _flag(request: HttpRequest, *, target, flag, already: bool, what: str, back: str = "") -> HttpResponse:
    back = back or target.get_absolute_url()
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                flag(form)
            except moderation.FlagRefused as exc:
                if getattr(exc, "code", None) in ("duplicate", "rate_limited", "own"):  # dict errors carry no code
                    messages.error(request, " ".join(exc.messages))
                    return redirect(back)
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    f"Thank you: a moderator will review this {what}. They will not be told who reported them.",
                )
                return redirect(back)
        status = 400
    context = {"form": form, "target": target, "what": what, "already": already, "back": back}
    return render(request, "jobs/flag.html", context, status=status)


def _job_or_404(pk: int) -> JobPost:
    try:
        return selectors.job_for_page(pk)
    except JobPost.DoesNotExist as exc:
        raise Http404("No such job.") from exc


def _owned_job_or_deny(request: HttpRequest, pk: int) -> JobPost:
    """The job for its client; 403 for someone who may see the job but not change it, 404 for the rest."""
    job = _job_or_404(pk)
    if job.client_id != request.user.pk:
        if selectors.job_access(job, request.user) is Access.FULL:
            raise PermissionDenied("Only the job's client can change it.")
        raise Http404("No such job.")
    return job


def _clients_only(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "jobs/clients_only.html", {"message": message}, status=403)
