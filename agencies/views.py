"""Agency pages: "My agencies", "Create agency", the agency's profile with its members, and the member actions.

Views are thin: forms validate, services act and refuse, selectors read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView

from . import selectors, services
from .forms import AddMemberForm, AgencyForm
from .links import agency_links
from .models import Agency, AgencyMembership, MembershipStatus, Role
from .stats import agency_stats

REFUSALS = (PermissionDenied, services.ActionNotAllowed)


def _refusal(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, getattr(exc, "message", "") or str(exc) or "This action is not allowed.")


class MyAgenciesView(LoginRequiredMixin, ListView):
    """/agencies/: the agencies I belong to and the invitations waiting for my answer."""

    template_name = "agencies/mine.html"
    context_object_name = "memberships"

    def get_queryset(self):
        return selectors.my_memberships(self.request.user)


class CreateAgencyView(LoginRequiredMixin, FormView):
    """/agencies/new/: a freelancer creates an agency and becomes its owner."""

    template_name = "agencies/create.html"
    form_class = AgencyForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_freelancer:
            raise PermissionDenied("Only freelancers can create an agency.")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: AgencyForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            agency = services.create_agency(
                by=self.request.user, name=data["name"], description=data["description"], skills=data["skills"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Your agency “{agency.name}” is created. Add members to it below.")
        return redirect(agency)


def _agency_or_404(slug: str) -> Agency:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise Http404("No such agency.")
    return agency


def _render_detail(request: HttpRequest, agency: Agency, add_form: AddMemberForm | None = None, status: int = 200):
    live = agency.live_memberships  # type: ignore[attr-defined]
    user = request.user
    mine = next((m for m in live if m.user_id == user.pk), None) if user.is_authenticated else None
    is_member = mine is not None and mine.status == MembershipStatus.ACTIVE
    is_manager = is_member and mine.is_manager
    members = [m for m in live if m.status == MembershipStatus.ACTIVE]
    members.sort(key=lambda m: (selectors.ROLE_ORDER[m.role], m.user.username.lower()))
    if is_manager and add_form is None:
        add_form = AddMemberForm(can_add_owner=mine.role == Role.OWNER)
    context = {
        "agency": agency,
        "members": members,
        "invited": [m for m in live if m.status == MembershipStatus.INVITED] if is_manager else [],
        "mine": mine,
        "is_member": is_member,
        "is_manager": is_manager,
        "is_owner": is_member and mine.role == Role.OWNER,
        "add_form": add_form if is_manager else None,
        "stats": agency_stats(agency),
        "links": agency_links(agency) if is_member else {},
    }
    return render(request, "agencies/detail.html", context, status=status)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """/agencies/<slug>/: the profile (members, skills, jobs done, rating); members and invitations to owners and
    admins with "Add member"; "Accept"/"Decline" to an invited freelancer."""
    agency = selectors.profile(slug)
    if agency is None:
        raise Http404("No such agency.")
    return _render_detail(request, agency)


@require_POST
@login_required
def add_member(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency_or_404(slug)
    mine = selectors.membership(agency, request.user)
    if mine is None or not mine.is_manager:
        raise PermissionDenied("Only the agency's owners and admins can add members.")
    form = AddMemberForm(request.POST, can_add_owner=mine.role == Role.OWNER)
    if form.is_valid():
        try:
            membership = services.invite_member(
                agency, by=request.user, username=form.cleaned_data["username"], role=form.cleaned_data["role"]
            )
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(agency)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{membership.user.username} is invited. They become a member when they accept.")
            return redirect(agency)
    return _render_detail(request, selectors.profile(slug), form, status=400)


@require_POST
@login_required
def remove_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agency = _agency_or_404(slug)
    membership = AgencyMembership.objects.filter(agency=agency, pk=pk).select_related("user").first()
    if membership is None:
        raise Http404("No such member.")
    # Only a manager learns that the person already left (the service checks who asks before the state).
    done = membership.status not in (MembershipStatus.INVITED, MembershipStatus.ACTIVE)
    if done and selectors.managed_agency_ids(request.user).filter(agency_id=agency.pk).exists():
        messages.info(request, f"{membership.user.username} is no longer a member.")
        return redirect(agency)
    try:
        services.remove_member(membership, by=request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
    else:
        messages.success(request, f"{membership.user.username} is no longer a member of {agency.name}.")
    return redirect(agency)


def _my_invitation(agency: Agency, user) -> AgencyMembership | None:
    return AgencyMembership.objects.filter(agency=agency, user=user).order_by("-created_at", "-id").first()


@require_POST
@login_required
def accept_invitation(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency_or_404(slug)
    membership = _my_invitation(agency, request.user)
    if membership is None:
        raise Http404("You have no invitation to this agency.")
    if membership.status == MembershipStatus.ACTIVE:
        messages.info(request, f"You are already a member of {agency.name}.")
        return redirect(agency)
    try:
        services.accept_membership(membership, by=request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
    else:
        messages.success(request, f"You joined {agency.name}.")
    return redirect(agency)


@require_POST
@login_required
def decline_invitation(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency_or_404(slug)
    membership = _my_invitation(agency, request.user)
    if membership is None:
        raise Http404("You have no invitation to this agency.")
    if membership.status == MembershipStatus.DECLINED:
        messages.info(request, "You already declined this invitation.")
        return redirect(agency)
    try:
        services.decline_membership(membership, by=request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
    else:
        messages.success(request, f"You declined the invitation to {agency.name}.")
    return redirect(agency)


@require_POST
@login_required
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency_or_404(slug)
    if selectors.membership(agency, request.user) is None:
        messages.info(request, f"You are not a member of {agency.name}.")
        return redirect(agency)
    try:
        services.leave_agency(agency, by=request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
    else:
        messages.success(request, f"You left {agency.name}.")
    return redirect(agency)


@require_POST
@login_required
def naming(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency_or_404(slug)
    agree = request.POST.get("agree") == "yes"
    try:
        services.set_may_be_named(agency, by=request.user, agree=agree)
    except REFUSALS as exc:
        _refusal(request, exc)
    else:
        if agree:
            messages.success(request, f"{agency.name} may now name you on the proposals it sends.")
        else:
            messages.success(request, f"{agency.name} can no longer name you on new proposals.")
    return redirect(agency)
