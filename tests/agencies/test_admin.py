"""Moderators see agencies and memberships read-only; "Suspend agency" and "Reinstate agency" go through services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agencies.models import Agency, AgencyStatus
from marketplace.activity.models import Activity
from tests.factories import AgencyFactory, AgencyMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_moderators_read_agencies_and_members_but_cannot_edit(client, moderator):
    agency = AgencyFactory(name="Pixel Forge")
    member = AgencyMembershipFactory(agency=agency)
    client.force_login(moderator)
    listing = client.get(reverse("admin:agencies_agency_changelist"))
    assert listing.status_code == 200 and "Pixel Forge" in listing.content.decode()
    page = client.get(reverse("admin:agencies_agency_change", args=[agency.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert str(member.user) in content and 'name="name"' not in content  # read-only: no inputs
    assert client.post(reverse("admin:agencies_agency_change", args=[agency.pk]), {"name": "X"}).status_code == 403
    assert client.get(reverse("admin:agencies_agencymembership_changelist")).status_code == 200
    assert client.get(reverse("admin:agencies_agency_add")).status_code == 403
    assert client.get(reverse("admin:agencies_agency_delete", args=[agency.pk])).status_code == 403


def test_suspend_agency_action_records_the_decision(client, moderator):
    agency = AgencyFactory(name="Pixel Forge")
    client.force_login(moderator)
    url = reverse("admin:agencies_agency_changelist")
    response = client.post(
        url,
        {"action": "suspend_agencies", "_selected_action": [agency.pk], "note": "Fake reviews"},
        follow=True,
    )
    assert "1 agency(ies) suspended" in response.content.decode()
    agency = Agency.objects.get()
    assert agency.status == AgencyStatus.SUSPENDED
    entry = Activity.objects.get(action="suspend_agency")
    assert (entry.actor, entry.note) == (moderator, "Fake reviews")
    response = client.post(url, {"action": "reinstate_agencies", "_selected_action": [agency.pk]}, follow=True)
    assert "1 agency(ies) reinstated." in response.content.decode()


def test_people_outside_moderation_cannot_use_the_agency_admin(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:agencies_agency_changelist")).status_code == 403
