"""`/payments/` (balances and transactions) and `/settings/billing/` ("Add payment method")."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from agencies import selectors as agency_selectors
from agencies.models import Agency, Role

from . import selectors, services
from .forms import DistributeForm, PaymentMethodForm
from .models import PaymentMethod

PAGE_SIZE = 25


class PaymentsView(LoginRequiredMixin, ListView):
    """Each person's balances and every ledger transaction of their contracts, newest first."""

    template_name = "payments/payments.html"
    context_object_name = "transactions"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.for_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["balances"] = selectors.balances(self.request.user)
        for tx in context["transactions"]:
            tx.shown_amount = selectors.amount_for(tx, self.request.user)
        return context


def _billing(request: HttpRequest, form: PaymentMethodForm | None = None, status: int = 200) -> HttpResponse:
    context = {
        "form": form or PaymentMethodForm(),
        "methods": PaymentMethod.objects.filter(user=request.user),
    }
    return render(request, "payments/billing.html", context, status=status)


@login_required
def billing(request: HttpRequest) -> HttpResponse:
    if not request.user.is_client:
        raise PermissionDenied("Billing settings are for clients.")
    if request.method != "POST":
        return _billing(request)
    form = PaymentMethodForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            method = services.add_payment_method(
                request.user,
                number=data["number"],
                exp_month=data["exp_month"],
                exp_year=data["exp_year"],
                cvc=data["cvc"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{method} was added. Payment method verified.")
            return redirect("payments:billing")
    return _billing(request, form, status=400)


@require_POST
@login_required
def remove_method(request: HttpRequest, pk: int) -> HttpResponse:
    method = PaymentMethod.objects.filter(user=request.user, pk=pk).first()
    if method is None:
        raise Http404("No such payment method.")
    services.remove_payment_method(method, by=request.user)
    messages.success(request, f"{method} was removed.")
    return redirect("payments:billing")


def _agency_page(request: HttpRequest, agency, form: DistributeForm | None, status: int = 200) -> HttpResponse:
    page = Paginator(selectors.for_agency(agency), PAGE_SIZE).get_page(request.GET.get("page"))
    for tx in page.object_list:
        tx.shown_amount = selectors.amount_for_agency(tx)
    context = {
        "agency": agency,
        "balance": selectors.agency_balance(agency),
        "transactions": page.object_list,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "form": form,
    }
    return render(request, "payments/agency.html", context, status=status)


@login_required
def agency_payments(request: HttpRequest, slug: str) -> HttpResponse:
    """/agencies/<slug>/payments/: the agency's balance and its movements, for its members; its owner
    "Distribute"s the balance to members (an internal ledger transfer)."""
    agency = Agency.objects.filter(slug=slug).first()
    mine = agency_selectors.membership(agency, request.user) if agency is not None else None
    if mine is None:
        raise Http404("No such agency.")
    members = [m.user for m in agency_selectors.active_members(agency)]
    is_owner = mine.role == Role.OWNER
    if request.method != "POST":
        form = DistributeForm(members=members, initial={"key": uuid.uuid4().hex}) if is_owner else None
        return _agency_page(request, agency, form)
    form = DistributeForm(request.POST, members=members)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.distribute_to_member(
                agency,
                by=request.user,
                member=data["member"],
                amount=data["amount"],
                note=data["note"],
                key=data["key"],
            )
        except (PermissionDenied, services.ActionNotAllowed) as exc:
            messages.error(request, getattr(exc, "message", "") or str(exc))
            return redirect("payments:agency", slug=agency.slug)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"{data['member'].display_name} was paid ${data['amount']:,.2f} from {agency.name}'s balance."
            )
            return redirect("payments:agency", slug=agency.slug)
    return _agency_page(request, agency, form, status=400)
