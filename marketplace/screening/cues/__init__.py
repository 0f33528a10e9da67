"""Cues for the screening classifier (`marketplace.screening.model`): what a bag of words cannot see, one feature
each (word order, a negation, an address next to a request, a lookalike domain...). They only inform the model;
the rules (`marketplace.screening`) report nothing for them. Pure (`re` only), like the rules; one module per kind, as
the rules are (`links`, `terms`, `work`, `moving_off`).

Each cue is a function of one sentence; `CUES` names them, and a trained model keeps the names it was trained with.
"""

from __future__ import annotations

from collections.abc import Callable

from .links import (
    _IP_ADDRESS_LINK,
    _RUNNABLE_FILE,
    _file_on_link,
    _lookalike_domain,
    _restore_access_link,
    _service_desk_domain,
    _unknown_link_with_request,
)
from .moving_off import _CHANNEL_NOT_HERE, _ELSEWHERE, _RESCHEDULED
from .terms import (
    _FREE_RESOURCE,
    _NO_FREE_WORK,
    _PAID_IN_KIND,
    _PAYMENT_PRODUCT,
    _TRY_OUT_AFTER_REQUEST,
    _UNPAID_WORDS,
    _no_money,
    _paid_test,
    _pay_after_contract,
    _pay_around,
    _pay_not_through_here,
    _pay_other_means,
    _pay_outside,
    _pay_outside_refused,
    _pay_rail,
)
from .work import (
    _CONTRACT_IN_PLACE,
    _ESTIMATE_FIRST,
    _NOTHING_BEFORE_CONTRACT,
    _REFUSES_TO_START,
    _REVIEW_BEFORE_OFFER,
    _WAIT_FOR_CONTRACT,
    _WORK_AFTER_CONTRACT,
    _fetch_then_start,
    _formality_deferred,
    _start_formality_later,
    _start_now_contract_later,
    _work_before_formality,
    _work_during_formality,
    _work_formality_pending,
)

# Word-order cues a bag of words cannot see, one feature each (weight CUE_WEIGHT): the work comes after the offer
# ("I'll start once the offer is accepted", "please wait for the contract") or the start is refused ("I never
# begin before ..."). They only inform the model; the rules report nothing for them.
CUE_WEIGHT = 3.0

# The order is the model's: a trained model keeps the names it was trained with, and new cues go at the end.
CUES: dict[str, Callable[[str], object]] = {
    "work_after_contract": _WORK_AFTER_CONTRACT.search,
    "wait_for_contract": _WAIT_FOR_CONTRACT.search,
    "refuses_to_start": _REFUSES_TO_START.search,
    "nothing_before_contract": _NOTHING_BEFORE_CONTRACT.search,
    "review_before_offer": _REVIEW_BEFORE_OFFER.search,
    "start_now_contract_later": _start_now_contract_later,
    "contract_in_place": _CONTRACT_IN_PLACE.search,
    "pay_outside": _pay_outside,
    "channel_not_here": _CHANNEL_NOT_HERE.search,
    "pay_outside_refused": _pay_outside_refused,
    "paid_test": _paid_test,
    "paid_in_kind": _PAID_IN_KIND.search,
    "no_free_work": _NO_FREE_WORK.search,
    "unknown_link_with_request": _unknown_link_with_request,
    "lookalike_domain": _lookalike_domain,
    "ip_address_link": _IP_ADDRESS_LINK.search,
    "file_on_link": _file_on_link,
    "work_before_formality": _work_before_formality,
    "elsewhere": _ELSEWHERE.search,
    "pay_other_means": _pay_other_means,
    "unpaid_words": _UNPAID_WORDS.search,
    "work_during_formality": _work_during_formality,
    "pay_around": _pay_around,
    "service_desk_domain": _service_desk_domain,
    "restore_access_link": _restore_access_link,
    "fetch_then_start": _fetch_then_start,
    "runnable_file": _RUNNABLE_FILE.search,
    "pay_after_contract": _pay_after_contract,
    "pay_not_through_here": _pay_not_through_here,
    "payment_product": _PAYMENT_PRODUCT.search,
    "start_formality_later": _start_formality_later,
    "no_money": _no_money,
    "work_formality_pending": _work_formality_pending,
    "pay_rail": _pay_rail,
    "formality_deferred": _formality_deferred,
    "rescheduled": _RESCHEDULED.search,
    "estimate_first": _ESTIMATE_FIRST.search,
    "free_resource": _FREE_RESOURCE.search,
    "try_out_after_request": _TRY_OUT_AFTER_REQUEST.search,
}
