"""Contract pages: "My Jobs" for the freelancer, the contracts list for the client, one contract's page,
"End contract", and "Accept offer" (which creates the contract, so it is served by this, the higher, layer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition

from proposals import selectors as proposal_selectors
from proposals.services import ActionNotAllowed

from . import services
from .forms import EndContractForm
from .models import Contract, ContractStatus

REFUSALS = (PermissionDenied, ActionNotAllowed, ConcurrentTransition)
CONCURRENT_MESSAGE = "Someone acted on this at the same moment. Here is where it stands now."


def _refusal(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, ConcurrentTransition):
        messages.error(request, CONCURRENT_MESSAGE)
    else:
        messages.error(request, getattr(exc, "message", "") or str(exc) or "This action is not allowed.")


def _listed(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """Active contracts first, then paused, then ended; newest first within each (one query)."""
    return (
        contracts.select_related("job", "client", "freelancer")
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
    as_freelancer = list(_listed(Contract.objects.filter(freelancer=user))) if user.is_freelancer else None
    as_client = list(_listed(Contract.objects.filter(client=user))) if user.is_client else None
    if as_freelancer is None and as_client is None:  # neither role yet: show what they have
        as_freelancer = list(_listed(Contract.objects.filter(freelancer=user)))
    context = {"as_freelancer": as_freelancer, "as_client": as_client}
    return render(request, "contracts/list.html", context)


def _contract_or_404(request: HttpRequest, pk: int) -> Contract:
    """The contract for its two parties only; a 404 for anyone else (moderators use the admin)."""
    contract = (
        Contract.objects.select_related(
            "job", "client", "client__client_profile", "freelancer", "application", "application__room", "offer"
        )
        .filter(Q(client=request.user) | Q(freelancer=request.user), pk=pk)
        .first()
    )
    if contract is None:
        raise Http404("No such contract.")
    return contract


def _render_detail(request: HttpRequest, contract: Contract, form: EndContractForm | None = None) -> HttpResponse:
    if form is None and not contract.is_ended:
        form = EndContractForm()
    context = {
        "contract": contract,
        "is_client": contract.client_id == request.user.pk,
        "other": contract.other_party(request.user),
        "room": contract.application.room,
        "form": form if not contract.is_ended else None,
    }
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
            messages.success(request, f"You ended the contract. {other.display_name} has been told.")
            return redirect(contract)
    return _render_detail(request, contract, form)


@require_POST
@login_required
def accept_offer(request: HttpRequest, application_pk: int) -> HttpResponse:
    """ "Accept offer": the freelancer is hired and the contract begins (a double click makes one contract)."""
    app = proposal_selectors.application_for(request.user, application_pk)
    if app is None:
        raise Http404("No such application.")
    try:
        contract = services.accept_offer(app, by=request.user)
    except REFUSALS as exc:
        _refusal(request, exc)
        return redirect(app)
    messages.success(request, "You accepted the offer. You are hired: the contract is under My Jobs.")
    return redirect(contract)
