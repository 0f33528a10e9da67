"""Form errors in the product's own words: no stock Django message, and none that contradicts the help text."""

from __future__ import annotations

import importlib
import inspect
import re
from decimal import Decimal

import pytest
from django import forms
from django.core import validators
from django.urls import reverse

from marketplace.forms import Form, OwnWords
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory

FORM_MODULES = [
    "marketplace.accounts.forms",
    "messaging.forms",
    "agencies.forms",
    "jobs.forms",
    "proposals.forms",
    "payments.forms",
    "contracts.forms",
]


def _stock_messages() -> set[str]:
    """Every message Django's form fields and validators say on their own."""
    stock: set[str] = set()
    for _, cls in inspect.getmembers(forms, inspect.isclass):
        defaults = getattr(cls, "default_error_messages", None)
        if isinstance(defaults, dict):
            stock.update(str(message) for message in defaults.values())
    for _, cls in inspect.getmembers(validators, inspect.isclass):
        message = getattr(cls, "message", None)
        if message:
            stock.add(str(message))
        messages = getattr(cls, "messages", None)
        if isinstance(messages, dict):
            stock.update(str(message) for message in messages.values())
    return stock


STOCK = _stock_messages()
# The start of each stock sentence, before its first %-placeholder (the figures differ from error to error).
STOCK_OPENINGS = {re.split(r"%\(", message)[0].strip() for message in STOCK if len(message) > 12}


def _is_stock(text: str) -> bool:
    return text in STOCK or any(opening and text.startswith(opening) for opening in STOCK_OPENINGS)


@pytest.mark.parametrize("module", FORM_MODULES)
def test_every_form_of_the_site_speaks_in_its_own_words(module):
    loaded = importlib.import_module(module)
    found = [
        cls
        for _, cls in inspect.getmembers(loaded, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == loaded.__name__
    ]
    assert found
    assert [cls.__name__ for cls in found if not issubclass(cls, OwnWords)] == []


class EveryKind(Form):
    rate = forms.DecimalField(
        label="Hourly rate", min_value=Decimal("1.00"), max_value=Decimal("10000"), decimal_places=2
    )
    price = forms.DecimalField(label="Fixed price", max_digits=8, decimal_places=2)
    hires = forms.IntegerField(label="Freelancers to hire", min_value=1, max_value=10)
    day = forms.DateField(label="Start date")
    start = forms.TimeField(label="From (UTC)")
    email = forms.EmailField(label="Email")
    title = forms.CharField(label="Title", max_length=5)
    kind = forms.ChoiceField(label="Budget type", choices=[("hourly", "Hourly"), ("fixed", "Fixed price")])
    sure = forms.BooleanField(label="I understand")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"rate": "abc", "price": "x", "hires": "two", "day": "31/31", "start": "25:99", "email": "me", "kind": "both"},
        {"rate": "0.5", "price": "123456789", "hires": "0", "title": "Too long a title"},
        {"rate": "40.555", "price": "10.123", "hires": "11"},
    ],
)
def test_no_field_says_a_stock_message(data):
    form = EveryKind(data)
    assert not form.is_valid()
    said = [message for messages in form.errors.values() for message in messages]
    assert said
    assert [message for message in said if _is_stock(message)] == []


def test_each_message_names_the_field_and_its_limits():
    form = EveryKind({"rate": "0.5", "price": "123456789", "hires": "11", "title": "Too long", "day": "soon"})
    assert not form.is_valid()
    assert form.errors["rate"] == ["Hourly rate must be at least $1.00."]
    assert form.errors["price"] == ["Fixed price can be at most $999,999.99."]
    assert form.errors["hires"] == ["Freelancers to hire can be at most 10."]
    assert form.errors["title"] == ["Title can be at most 5 characters; this has 8."]
    assert form.errors["day"] == ["Enter a date, like 2026-12-01."]
    assert form.errors["sure"] == ["Tick this box to go on."]
    assert form.errors["kind"] == ["Budget type: choose one."]


def test_a_message_the_form_chose_is_kept():
    class Chosen(Form):
        rate = forms.DecimalField(label="Rate", min_value=1, error_messages={"min_value": "Ask for at least $1."})

    form = Chosen({"rate": "0"})
    assert not form.is_valid()
    assert form.errors["rate"] == ["Ask for at least $1."]


@pytest.mark.django_db
def test_post_job_says_how_many_freelancers_can_be_hired(client):
    """The help text says "You can hire more than one freelancer"; the limit is said in the same words."""
    client.force_login(ClientFactory())
    page = client.post(
        reverse("jobs:create"),
        {
            "title": "Build a booking website",
            "description": "Guests book apartments.",
            "category": "web",
            "experience_level": "intermediate",
            "duration": "1to3m",
            "hires_needed": "150",
            "visibility": "public",
            "budget_type": "hourly",
            "hourly_min": "35.123",
            "hourly_max": "abc",
        },
    ).text
    assert "Freelancers to hire can be at most 100." in page
    # The model's own budget check does not contradict the field: the rates were entered, just not right.
    assert "Enter the lowest hourly rate" not in page and "Enter the highest hourly rate" not in page
    assert "Use at most two digits for the cents, like 40.50." in page
    assert "Enter an amount in dollars, like 40 or 40.50." in page
    assert "Ensure this value" not in page and "Ensure that there are" not in page and "Enter a number." not in page


@pytest.mark.django_db
def test_a_proposal_below_the_lowest_rate_says_the_lowest_rate(client):
    freelancer = FreelancerFactory()
    job = JobPostFactory()
    client.force_login(freelancer)
    page = client.post(
        reverse("hiring:submit_proposal", args=[job.pk]), {"hourly_rate": "0.50", "cover_letter": "I can do it."}
    ).text
    assert "Hourly rate must be at least $1.00." in page
    assert "Ensure this value" not in page
