"""Contract pages: "My Jobs" for the freelancer, the contracts list for the client, one contract's page,
"End contract", and "Accept offer" (which creates the contract, so it is served by this, the higher, layer)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from django_fsm import ConcurrentTransition

from agencies import selectors as agency_selectors
from agencies.models import Agency
from payments import selectors as payment_selectors
from payments.services import PaymentDeclined
from proposals import selectors as proposal_selectors
from proposals.services import ActionNotAllowed, check_action

from . import access, services
from .forms import (
    AddMilestoneForm,
    AssignMemberForm,
    BonusForm,
    DisputeForm,
    EndContractForm,
    FeedbackForm,
    ManualTimeForm,
    PauseForm,
    RequestChangesForm,
    ResumeForm,
    StopTimerForm,
    SubmitWorkForm,
    WeeklyLimitForm,
)
from .models import Contract, ContractStatus, Milestone, TimeEntry, Timesheet, week_start

REFUSALS = (PermissionDenied, ActionNotAllowed, ConcurrentTransition)  # PaymentDeclined is an ActionNotAllowed
CONCURRENT_MESSAGE = "Someone acted on this at the same moment. Here is where it stands now."


def _refusal(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, ConcurrentTransition):
        messages.error(request, CONCURRENT_MESSAGE)
    else:
        messages.error(request, getattr(exc, "message", "") or str(exc) or "This action is not allowed.")


CONTRACTS_PAGE_SIZE = 25


def _listed(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """Active contracts first, then paused, then ended; newest first within each (one query)."""
    return (
        contracts.select_related("job", "client", "freelancer", "agency")
        .annotate(
            rank=Case(
                When(status=ContractStatus.ACTIVE, then=Value(0)),
                When(status=ContractStatus.PAUSED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "-created_at", "-id")
    )


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    """/contracts/: "My Jobs" (the freelancer's contracts) and the client's contracts, active first."""
    user = request.user
    mine = access.freelancer_side(user)

    def page_of(contracts: QuerySet[Contract], param: str):
        return Paginator(_listed(contracts), CONTRACTS_PAGE_SIZE).get_page(request.GET.get(param))

    as_freelancer = page_of(Contract.objects.filter(mine), "page") if user.is_freelancer else None
    as_client = page_of(Contract.objects.filter(client=user), "client_page") if user.is_client else None
    if as_freelancer is None and as_client is None:  # neither role yet: show what they have
        as_freelancer = page_of(Contract.objects.filter(mine), "page")
    context = {"as_freelancer": as_freelancer, "as_client": as_client}
    return render(request, "contracts/list.html", context)


def _contract_or_404(request: HttpRequest, pk: int) -> Contract:
    """The contract for its two parties only; a 404 for anyone else (moderators use the admin)."""
    contract = (
        Contract.objects.select_related(
            "job",
            "client",
            "client__client_profile",
            "freelancer",
            "agency",
            "application",
            "application__room",
            "offer",
        )
        .filter(access.visible_to(request.user), pk=pk)
        .first()
    )
    if contract is None:
        raise Http404("No such contract.")
    return contract


PAYMENTS_ON_PAGE = 20


def _agency_context(request: HttpRequest, contract: Contract) -> dict:
    """Who works on an agency contract and what the viewer may do on it (three queries on agency contracts)."""
    user = request.user
    is_named = contract.freelancer_id == user.pk
    if contract.agency_id is None:
        return {"is_party": contract.client_id == user.pk or is_named, "can_track": is_named, "can_add_time": is_named}
    mine = agency_selectors.membership(contract.agency_id, user)
    assignments = list(contract.assignments.select_related("user"))
    assigned = mine is not None and any(a.user_id == user.pk for a in assignments)
    is_manager = mine is not None and mine.is_manager
    context = {
        "is_party": contract.client_id == user.pk or (is_named and mine is not None),
        "can_track": is_named and mine is not None,
        "can_add_time": mine is not None and (is_named or assigned),
        "assignments": assignments,
        "is_agency_manager": is_manager,
    }
    if is_manager and not contract.is_ended:
        taken = {a.user_id for a in assignments} | {contract.freelancer_id}
        members = [m.user for m in agency_selectors.active_members(contract.agency_id) if m.user_id not in taken]
        context["assign_form"] = AssignMemberForm(members=members) if members else None
    return context


def _render_detail(request: HttpRequest, contract: Contract, form: EndContractForm | None = None) -> HttpResponse:
    agency_context = _agency_context(request, contract)
    if form is None and not contract.is_ended and agency_context["is_party"]:
        form = EndContractForm()
    is_client = contract.client_id == request.user.pk
    payments = list(payment_selectors.with_amounts(contract.ledger_transactions.all())[: PAYMENTS_ON_PAGE + 1])
    for tx in payments:
        tx.contract = contract
        tx.shown_amount = payment_selectors.amount_for(tx, request.user)
    context = {
        "contract": contract,
        "is_client": is_client,
        "other": contract.other_party(request.user),
        "room": contract.application.room,
        "form": form if not contract.is_ended else None,
        "milestones": list(contract.milestones.all()) if not contract.is_hourly else None,
        "add_milestone_form": AddMilestoneForm() if is_client and not contract.is_ended else None,
        "transactions": payments[:PAYMENTS_ON_PAGE],
        "more_payments": len(payments) > PAYMENTS_ON_PAGE,
    }
    feedback = list(contract.feedback.select_related("author"))
    mine = next((f for f in feedback if f.author_id == request.user.pk), None)
    now = timezone.now()
    context.update(
        bonus_form=BonusForm(initial={"key": uuid.uuid4().hex}, prefix="bonus") if is_client else None,
        pause_form=PauseForm(prefix="pause") if is_client and contract.is_active else None,
        resume_form=ResumeForm(prefix="resume") if is_client and contract.status == ContractStatus.PAUSED else None,
        feedback_form=FeedbackForm() if contract.is_ended and mine is None and agency_context["is_party"] else None,
        my_feedback=mine,
        shown_feedback=[f for f in feedback if f.is_published(now)],
    )
    context.update(agency_context)
    if contract.is_hourly:
        context.update(
            week=services.week_summary(contract),
            stop_form=StopTimerForm(),
            manual_form=ManualTimeForm(initial={"day": timezone.now().date()}, prefix="manual"),
            limit_form=WeeklyLimitForm(initial={"weekly_limit": contract.weekly_limit}),
        )
    return render(request, "contracts/detail.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _contract_or_404(request, pk))


@require_POST
@login_required
def end_contract(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = EndContractForm(request.POST)
    if form.is_valid():
        try:
            services.end_contract(contract, by=request.user, reason=form.cleaned_data["reason"])
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(contract)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            other = contract.other_party(request.user)
            messages.success(
                request, f"You ended the contract. {other.display_name} has been told. Leave feedback below."
            )
            return redirect(contract)
    return _render_detail(request, contract, form)


@require_POST
@login_required
def accept_offer(request: HttpRequest, application_pk: int) -> HttpResponse:
    """ "Accept offer": the freelancer is hired and the contract begins (a double click makes one contract)."""
    app = proposal_selectors.application_for(request.user, application_pk)
    if app is None:
        raise Http404("No such application.")
    if request.POST.get("confirm") != "yes":
        # Accepting changes who is hired, so the form asks for a tick first (a stray click does nothing).
        try:
            check_action(app, "accept_offer", request.user)
        except REFUSALS as exc:
            _refusal(request, exc)
            return redirect(app)
        messages.error(request, "Tick the box to confirm: accepting the offer hires you and starts the contract.")
        return redirect(f"{app.get_absolute_url()}#accept-offer")
    try:
        contract = services.accept_offer(app, by=request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
        return redirect(app)
    messages.success(request, "You accepted the offer. You are hired: the contract is under My Jobs.")
    return redirect(contract)


def _form_errors(request: HttpRequest, errors) -> None:
    for messages_ in errors.values():
        for message in messages_:
            messages.error(request, message)


@require_POST
@login_required
def add_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = AddMilestoneForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(f"{contract.get_absolute_url()}#milestones")
    try:
        milestone = services.add_milestone(contract, by=request.user, **form.cleaned_data)
    except REFUSALS as exc:
        _refusal(request, exc)
    except ValidationError as exc:
        _form_errors(request, exc.message_dict)
    else:
        messages.success(request, f"Milestone “{milestone.description}” added. Fund it so the freelancer can start.")
    return redirect(f"{contract.get_absolute_url()}#milestones")


# action in the URL -> (service, form for the service's text argument, success message)
MILESTONE_ACTIONS = {
    "fund": (services.fund_milestone, None, "Milestone funded: the money is held in escrow until you release it."),
    "submit": (services.submit_work, SubmitWorkForm, "Work submitted. The client has been told."),
    "approve": (services.approve_milestone, None, "Milestone approved and released to the freelancer."),
    "request-changes": (
        services.request_changes,
        RequestChangesForm,
        "Changes requested. The freelancer has been told.",
    ),
    "request-refund": (services.request_refund, None, "Refund requested. The freelancer has been told."),
    "agree-refund": (services.agree_refund, None, "Refund made: the money went back to the client."),
}


@require_POST
@login_required
def milestone_action(request: HttpRequest, pk: int, milestone_pk: int, action: str) -> HttpResponse:
    """ "Fund milestone", "Submit work", "Approve and release", "Request changes", and the two refund steps."""
    contract = _contract_or_404(request, pk)
    milestone = Milestone.objects.filter(contract=contract, pk=milestone_pk).first()
    if milestone is None or action not in MILESTONE_ACTIONS:
        raise Http404("No such milestone.")
    service, form_class, success = MILESTONE_ACTIONS[action]
    kwargs = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            _form_errors(request, form.errors)
            return redirect(f"{contract.get_absolute_url()}#milestones")
        kwargs = form.cleaned_data
    try:
        service(milestone, by=request.user, **kwargs)
    except PaymentDeclined as exc:
        messages.error(request, f"The milestone was not funded: {exc.message}")
    except REFUSALS as exc:
        _refusal(request, exc)
    except ValidationError as exc:
        _form_errors(request, exc.message_dict)
    else:
        messages.success(request, success)
    return redirect(f"{contract.get_absolute_url()}#milestones")


def _diary_url(contract: Contract) -> str:
    return f"{contract.get_absolute_url()}#work-diary"


def _run(request: HttpRequest, contract: Contract, call, success: str | None) -> HttpResponse:
    """Call a service; flash its success or its refusal; back to the work diary."""
    try:
        result = call()
    except PaymentDeclined as exc:
        messages.error(request, exc.message)
    except REFUSALS as exc:
        _refusal(request, exc)
    except ValidationError as exc:
        _form_errors(request, exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages})
    else:
        if callable(success):
            success = success(result)
        if success:
            messages.success(request, success)
    return redirect(_diary_url(contract))


@require_POST
@login_required
def start_timer(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    return _run(request, contract, lambda: services.start_timer(contract, by=request.user), "Timer started.")


def _stopped(result) -> str:
    entry, left_out = result
    text = (
        f"Timer stopped: {entry.minutes} minutes recorded."
        if entry
        else "Timer stopped: less than 10 minutes, nothing recorded."
    )
    if left_out:
        text += f" {left_out} minutes past the weekly limit were not recorded."
    return text


@require_POST
@login_required
def stop_timer(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = StopTimerForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(_diary_url(contract))
    memo = form.cleaned_data["memo"]
    return _run(request, contract, lambda: services.stop_timer(contract, by=request.user, memo=memo), _stopped)


@require_POST
@login_required
def add_manual_time(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = ManualTimeForm(request.POST, prefix="manual")
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(_diary_url(contract))
    data = form.cleaned_data
    return _run(
        request,
        contract,
        lambda: services.add_manual_time(
            contract, by=request.user, start=data["start_at"], end=data["end_at"], memo=data["memo"]
        ),
        lambda entry: f"Manual time added: {entry.minutes} minutes.",
    )


@require_POST
@login_required
def change_weekly_limit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = WeeklyLimitForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(_diary_url(contract))
    limit = form.cleaned_data["weekly_limit"]
    return _run(
        request,
        contract,
        lambda: services.change_weekly_limit(contract, by=request.user, limit=limit),
        f"Weekly limit set to {limit} hrs. The freelancer has been told.",
    )


@require_POST
@login_required
def manual_time_setting(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    allowed = request.POST.get("allowed") == "yes"
    return _run(
        request,
        contract,
        lambda: services.set_manual_time(contract, by=request.user, allowed=allowed),
        "Manual time is allowed." if allowed else "Manual time is turned off for this contract.",
    )


@require_POST
@login_required
def dispute_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    entry = TimeEntry.objects.filter(timesheet__contract=contract, pk=entry_pk).first()
    if entry is None:
        raise Http404("No such time entry.")
    form = DisputeForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form.errors)
    else:
        note = form.cleaned_data["note"]
        _run(request, contract, lambda: services.dispute_entry(entry, by=request.user, note=note), "Time disputed.")
    return redirect(f"{reverse('contracts:work_diary', args=[contract.pk])}?week={entry.timesheet.week_start}")


class WorkDiaryView(LoginRequiredMixin, ListView):
    """ "Work diary": one week of an hourly contract's time, in 10-minute segments with memos, 50 a page."""

    template_name = "contracts/work_diary.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        self.contract = _contract_or_404(self.request, self.kwargs["pk"])
        if not self.contract.is_hourly:
            raise Http404("A fixed-price contract has no work diary.")
        try:
            self.monday = week_start(date.fromisoformat(self.request.GET.get("week", "")))
        except ValueError:
            self.monday = week_start(timezone.now())
        self.timesheet = Timesheet.objects.filter(contract=self.contract, week_start=self.monday).first()
        return TimeEntry.objects.filter(
            timesheet__contract=self.contract, timesheet__week_start=self.monday
        ).select_related("created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        is_client = self.contract.client_id == self.request.user.pk
        context.update(
            contract=self.contract,
            is_client=is_client,
            timesheet=self.timesheet,
            week=services.week_summary(self.contract, self.monday),
            previous_week=self.monday - timedelta(days=7),
            next_week=self.monday + timedelta(days=7),
            can_dispute=is_client and self.timesheet is not None and self.timesheet.status in ("in_review", "disputed"),
            dispute_form=DisputeForm(),
        )
        return context


@require_POST
@login_required
def give_bonus(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = BonusForm(request.POST, prefix="bonus")
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(contract)
    data = form.cleaned_data
    _run(
        request,
        contract,
        lambda: services.give_bonus(
            contract, by=request.user, amount=data["amount"], note=data["note"], key=data["key"]
        ),
        f"Bonus of ${data['amount']:,.2f} sent to {contract.freelancer.display_name}.",
    )
    return redirect(contract)


@require_POST
@login_required
def pause_contract(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = PauseForm(request.POST, prefix="pause")
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(contract)
    reason = form.cleaned_data["reason"]
    _run(
        request,
        contract,
        lambda: services.pause_contract(contract, by=request.user, reason=reason),
        "Contract paused. The freelancer has been told.",
    )
    return redirect(contract)


@require_POST
@login_required
def resume_contract(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = ResumeForm(request.POST, prefix="resume")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _run(
        request,
        contract,
        lambda: services.resume_contract(contract, by=request.user, reason=reason),
        "Contract resumed. The freelancer has been told.",
    )
    return redirect(contract)


@require_POST
@login_required
def leave_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(f"{contract.get_absolute_url()}#feedback")
    _run(
        request,
        contract,
        lambda: services.leave_feedback(contract, by=request.user, **form.cleaned_data),
        "Thank you: your feedback is saved. It is shown once both sides have left theirs, or after 14 days.",
    )
    return redirect(f"{contract.get_absolute_url()}#feedback")


# Agency contracts ----------------------------------------------------------------------------------------------
@require_POST
@login_required
def assign_member(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Assign member": an owner or admin of the contract's agency lets a member add manual time to it."""
    contract = _contract_or_404(request, pk)
    if contract.agency_id is None:
        raise Http404("Only agency contracts have assigned members.")
    members = [m.user for m in agency_selectors.active_members(contract.agency_id)]
    form = AssignMemberForm(request.POST, members=members)
    if not form.is_valid():
        _form_errors(request, form.errors)
        return redirect(f"{contract.get_absolute_url()}#agency-team")
    member = form.cleaned_data["member"]
    try:
        services.assign_member(contract, by=request.user, member=member)
    except REFUSALS as exc:
        _refusal(request, exc)
    except ValidationError as exc:
        _form_errors(request, exc.message_dict)
    else:
        messages.success(request, f"{member.display_name} is assigned to this contract and can add manual time.")
    return redirect(f"{contract.get_absolute_url()}#agency-team")


@require_POST
@login_required
def unassign_member(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    contract = _contract_or_404(request, pk)
    assignment = contract.assignments.select_related("user").filter(user_id=user_pk).first()
    if assignment is None:
        messages.info(request, "That member is not assigned to this contract.")
        return redirect(f"{contract.get_absolute_url()}#agency-team")
    try:
        services.unassign_member(contract, by=request.user, member=assignment.user)
    except REFUSALS as exc:
        _refusal(request, exc)
    else:
        messages.success(request, f"{assignment.user.display_name} is no longer assigned to this contract.")
    return redirect(f"{contract.get_absolute_url()}#agency-team")


class AgencyContractsView(LoginRequiredMixin, ListView):
    """/agencies/<slug>/contracts/: the agency's contracts, active first. Owners and admins see all of them;
    other members the ones they are named on or assigned to; anyone else gets a 404."""

    template_name = "contracts/agency_list.html"
    context_object_name = "contracts"

    def get_queryset(self):
        self.agency = Agency.objects.filter(slug=self.kwargs["slug"]).first()
        if self.agency is None or not agency_selectors.is_member(self.agency, self.request.user):
            raise Http404("No such agency.")
        return _listed(Contract.objects.filter(access.freelancer_side(self.request.user), agency=self.agency))

    def get_context_data(self, **kwargs):
        return super().get_context_data(agency=self.agency, **kwargs)
