"""Pure helpers the workflow relies on: the service fee and the contact-details finder (`marketplace.screening`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.money import service_fee, to_money, you_receive
from marketplace.screening import find_contact_details


@pytest.mark.parametrize(
    ("amount", "fee", "receive"),
    [
        ("100", "10.00", "90.00"),
        ("45.50", "4.55", "40.95"),
        ("0.05", "0.01", "0.04"),  # 0.005 rounds half up
        ("0.04", "0.00", "0.04"),
        (33, "3.30", "29.70"),
        (Decimal("1234.565"), "123.46", "1111.11"),  # the amount itself is rounded to cents first
        ("0", "0.00", "0.00"),
    ],
)
def test_fee_and_what_the_freelancer_receives(amount, fee, receive):
    assert service_fee(amount) == Decimal(fee)
    assert you_receive(amount) == Decimal(receive)
    assert service_fee(amount) + you_receive(amount) == to_money(amount)


def test_the_rate_is_a_setting(settings):
    settings.SERVICE_FEE_RATE = Decimal("0.20")
    assert service_fee("50") == Decimal("10.00")
    assert you_receive("50") == Decimal("40.00")
    assert service_fee("50", Decimal("0.05")) == Decimal("2.50")


def test_results_are_decimals_in_cents():
    fee = service_fee("19.99")
    assert isinstance(fee, Decimal)
    assert fee.as_tuple().exponent == -2


@pytest.mark.parametrize("bad", [1.5, "abc", "NaN", "-1", None])
def test_bad_amounts_are_refused(bad):
    with pytest.raises((TypeError, ValueError)):
        service_fee(bad)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Write to me at maria.costa+jobs@example.co.uk", ["maria.costa+jobs@example.co.uk"]),
        ("maria at gmail dot com", ["maria at gmail dot com"]),
        ("maria [at] proton [dot] me", ["maria [at] proton [dot] me"]),
        ("Call +1 (415) 555-0100 tomorrow", ["+1 (415) 555-0100"]),
        ("phone 0151 2345 6789", ["0151 2345 6789"]),
        ("skype: maria.costa", ["skype: maria.costa"]),
        ("Skype live:maria_1", ["Skype live:maria_1"]),
        ("telegram @maria_c", ["telegram @maria_c"]),
        ("whatsapp +44 7700 900123", ["whatsapp +44 7700 900123"]),
        ("reach me on t.me/mariac or wa.me/14155550100", ["t.me/mariac", "wa.me/14155550100"]),
        ("my discord is maria#1234", ["my discord is maria#1234"]),
        ("email a@b.io, phone 415-555-0100", ["a@b.io", "415-555-0100"]),
    ],
)
def test_contact_details_are_found(text, found):
    assert [hit.text for hit in find_contact_details(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Not a fit for my skills, sorry.",
        "The budget of $1,500 is too low for 3 months of work.",
        "I could start on 2026-01-15 or 15/01/2026.",
        "My rate is 45.00/hr for 40 hours a week.",
        "I only talk to clients on the platform, never on Skype or WhatsApp.",
        "We reached 10 000 000 users last year.",
        "Thanks! Good luck with the project @ your company.",
    ],
)
def test_ordinary_decline_messages_pass(text):
    assert find_contact_details(text) == []
