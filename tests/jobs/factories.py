"""Factories for trust and safety: moderators and flags."""

from __future__ import annotations

import importlib

import factory
from django.contrib.auth.models import Group, Permission
from factory.django import DjangoModelFactory

from jobs.models import Flag, FlagReason
from tests.factories import FreelancerFactory, JobPostFactory, UserFactory

_migration = importlib.import_module("jobs.migrations.0004_moderators_group")
MODERATORS = _migration.GROUP


def moderators_group() -> Group:
    """The group the data migration creates (rebuilt the same way after a flush, e.g. in browser tests)."""
    group, created = Group.objects.get_or_create(name=MODERATORS)
    if created:
        for label, codenames in _migration.PERMISSIONS.items():
            group.permissions.add(*Permission.objects.filter(content_type__app_label=label, codename__in=codenames))
    return group


class ModeratorFactory(UserFactory):
    """A staff user in the Moderators group (not a superuser)."""

    username = factory.Sequence(lambda n: f"moderator{n}")
    is_staff = True

    @factory.post_generation
    def in_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(moderators_group())


class FlagFactory(DjangoModelFactory):
    class Meta:
        model = Flag

    reporter = factory.SubFactory(FreelancerFactory)
    job = factory.SubFactory(JobPostFactory)
    user = factory.LazyAttribute(lambda o: o.job.client if o.job else None)
    reason = FlagReason.OFF_PLATFORM_PAYMENT
    comment = "Asked me to pay a deposit on PayPal."
