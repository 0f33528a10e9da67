"""Form errors in the product's own words: every form of the site is a `Form` or `ModelForm` from here.

Django's stock messages ("This field is required.", "Ensure this value is less than or equal to 10.", "Ensure that
there are no more than 8 digits in total.") name no field, use no money format and can contradict the help text
next to them. Before a form validates, each field's stock messages are replaced with sentences that name the
field and its limits ("Freelancers to hire can be at most 10.", "Enter an amount in dollars, like 40 or 40.50.").
A message a form sets itself is kept. `tests/test_form_errors.py` checks every form of every app.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist


def _stock(field: forms.Field) -> dict[str, Any]:
    """Django's messages for this field class (its own and its bases')."""
    stock: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        stock.update(getattr(cls, "default_error_messages", {}) or {})
    return stock


def _number(value: Any, money: bool) -> str:
    if money:
        return f"${Decimal(value):,.2f}"
    return f"{value:,}" if isinstance(value, int) else f"{Decimal(value).normalize():f}"


def _label(field: forms.Field, name: str) -> str:
    label = str(field.label or name.replace("_", " ").capitalize()).strip().rstrip(":?")
    label = re.sub(r"\s*\([^)]*\)$", "", label) or label  # "Reason (optional)", "Weekly limit (hours)"
    return label.replace("%", "%%")  # messages are %-formatted with the validator's figures


def _messages(field: forms.Field, label: str) -> dict[str, str]:
    words: dict[str, str] = {}
    if isinstance(field, forms.BooleanField):
        words["required"] = "Tick this box to go on."
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        words["required"] = f"{label}: choose one."
    else:
        words["required"] = f"{label} is required."
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        words["invalid_choice"] = "Choose one of the options in the list."
        words["invalid_list"] = "Choose from the options in the list."
        words["invalid_pk_value"] = "Choose one of the options in the list."
    if isinstance(field, forms.IntegerField):  # DecimalField and FloatField too
        money = isinstance(field, forms.DecimalField) and field.decimal_places == 2
        low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
        for validator in field.validators:  # a model field's limits come as validators
            if low is None and isinstance(validator, validators.MinValueValidator):
                low = validator.limit_value
            if high is None and isinstance(validator, validators.MaxValueValidator):
                high = validator.limit_value
        if money:
            words["invalid"] = "Enter an amount in dollars, like 40 or 40.50."
            words["max_decimal_places"] = "Use at most two digits for the cents, like 40.50."
        elif isinstance(field, forms.DecimalField):
            words["invalid"] = "Enter a number, like 2 or 2.5."
            words["max_decimal_places"] = f"Use at most {field.decimal_places} digits after the point."
        elif isinstance(field, forms.FloatField):
            words["invalid"] = "Enter a number, like 2 or 2.5."
        else:
            words["invalid"] = "Enter a whole number, like 3."
        if low is not None:
            words["min_value"] = f"{label} must be at least {_number(low, money)}."
        if high is not None:
            words["max_value"] = f"{label} can be at most {_number(high, money)}."
        too_large = words.get("max_value", f"{label} is too large.")
        if high is None and isinstance(field, forms.DecimalField) and field.max_digits is not None:
            places = field.decimal_places or 0
            largest = Decimal(10) ** (field.max_digits - places) - Decimal(1).scaleb(-places)
            too_large = f"{label} can be at most {_number(largest, money)}."
        words["max_digits"] = words["max_whole_digits"] = too_large
        words["step_size"] = f"{label} must be in steps of %(limit_value)s."
    elif isinstance(field, forms.DateTimeField):
        words["invalid"] = "Enter a date and a time, like 2026-12-01 14:30."
    elif isinstance(field, forms.DateField):
        words["invalid"] = "Enter a date, like 2026-12-01."
    elif isinstance(field, forms.TimeField):
        words["invalid"] = "Enter a time, like 09:30 or 14:00."
    elif isinstance(field, forms.EmailField):
        words["invalid"] = "Enter an email address, like name@example.com."
    elif isinstance(field, forms.URLField):
        words["invalid"] = "Enter a web address, like https://example.com."
    if isinstance(field, forms.CharField):
        if field.max_length is not None:
            words["max_length"] = f"{label} can be at most {field.max_length} characters; this has %(show_value)d."
        if field.min_length is not None:
            words["min_length"] = f"{label} needs at least {field.min_length} characters; this has %(show_value)d."
    return words


def own_words(fields: dict[str, forms.Field]) -> None:
    """Replace each field's stock messages (never one a form chose) with the product's words."""
    for name, field in fields.items():
        stock = _stock(field)
        for code, text in _messages(field, _label(field, name)).items():
            current = field.error_messages.get(code)
            if current is None or current == stock.get(code):
                field.error_messages[code] = text


class OwnWords:
    """Mixin: the product's words for every field, including fields a form adds or changes in `__init__`."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        own_words(self.fields)
        super().full_clean()  # type: ignore[misc]


class Form(OwnWords, forms.Form):
    pass


class ModelForm(OwnWords, forms.ModelForm):
    """The model field's value limits are checked by the form field too, so they are said in the same words."""

    def full_clean(self) -> None:
        model = self._meta.model
        for name, field in self.fields.items():
            try:
                limits = model._meta.get_field(name).validators
            except FieldDoesNotExist:
                continue
            for validator in limits:
                is_limit = isinstance(validator, validators.MinValueValidator | validators.MaxValueValidator)
                if is_limit and validator not in field.validators:
                    field.validators.append(validator)
        super().full_clean()
