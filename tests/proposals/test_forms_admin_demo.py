"""The forms the pages will use, the moderators' admin, and the demo data."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contracts.models import Contract
from jobs.models import JobStatus
from marketplace.activity.models import Activity
from proposals import forms
from proposals.models import Application, ApplicationStatus
from tests.factories import FreelancerFactory, JobPostFactory, UserFactory, build

S = ApplicationStatus


# Forms -----------------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_proposal_form_shows_the_fee_and_what_the_freelancer_receives(job, fixed_job):
    form = forms.ProposalForm({"hourly_rate": "45.50", "cover_letter": "Hi"}, job=job)
    assert form.is_valid(), form.errors
    assert form.fee_preview() == {
        "amount": Decimal("45.50"),
        "fee": Decimal("4.55"),
        "receive": Decimal("40.95"),
    }
    assert form.terms() == {"hourly_rate": Decimal("45.50"), "fixed_bid": None, "estimated_duration": ""}

    fixed = forms.ProposalForm({"fixed_bid": "800", "cover_letter": "Hi"}, job=fixed_job)
    assert "hourly_rate" not in fixed.fields
    assert not fixed.is_valid()
    assert fixed.errors["estimated_duration"] == ["Say how long the work will take."]


@pytest.mark.django_db
def test_accept_invitation_form_takes_optional_terms(job):
    assert forms.AcceptInvitationForm({"message": "Yes"}, job=job).is_valid()
    form = forms.AcceptInvitationForm({"message": "Yes", "hourly_rate": "0.10"}, job=job)
    assert not form.is_valid()
    assert "hourly_rate" in form.errors


@pytest.mark.django_db
def test_decline_form_refuses_contact_details_and_needs_other_text():
    form = forms.DeclineForm({"reason": "too_busy", "message": "Email me: fred@example.com"})
    assert not form.is_valid()
    assert "contact details" in form.errors["message"][0]
    form = forms.DeclineForm({"reason": "other", "other_text": ""})
    assert not form.is_valid()
    assert "other_text" in form.errors
    assert forms.DeclineForm({"reason": "spam"}).is_valid()
    assert [c for c, _ in forms.RejectForm().fields["reason"].choices][-1] == "other"
    assert not forms.WithdrawForm({"reason": "too_busy"}).is_valid()  # not on the withdraw list


@pytest.mark.django_db
def test_offer_form_checks_the_terms_for_the_payment_type():
    start = (timezone.localdate() + timedelta(days=1)).isoformat()
    form = forms.OfferForm({"payment_type": "hourly", "hourly_rate": "50", "start_date": start})
    assert not form.is_valid()
    assert "weekly_limit" in form.errors
    form = forms.OfferForm({"payment_type": "fixed", "fixed_price": "900", "start_date": start, "message": "Hi"})
    assert form.is_valid(), form.errors
    terms = form.offer_terms()
    assert (terms["fixed_price"], terms["hourly_rate"], terms["message"]) == (Decimal("900"), None, "Hi")
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    form = forms.OfferForm({"payment_type": "fixed", "fixed_price": "900", "start_date": start, "expires_on": past})
    assert not form.is_valid()
    assert "expires_on" in form.errors


@pytest.mark.django_db
def test_invite_form_offers_only_the_clients_open_jobs(client_user):
    mine = JobPostFactory(client=client_user)
    closed = JobPostFactory(client=client_user)
    closed.close()
    closed.save()
    JobPostFactory()
    form = forms.InviteForm(client=client_user)
    assert list(form.fields["job"].queryset) == [mine]


# Admin -----------------------------------------------------------------------------------------------------------
@pytest.fixture
def moderator(db):
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["proposals", "contracts", "jobs"], codename__startswith="view_"
        ),
        *Permission.objects.filter(codename__in=["change_application", "change_jobpost"]),
    )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_admin_lists_filters_and_shows_the_timeline_read_only(client, moderator, django_assert_max_num_queries):
    apps = [build(state) for state in (S.SENT, S.ACTIVE, S.OFFERED, S.HIRED)]
    client.force_login(moderator)
    url = reverse("admin:proposals_application_changelist")
    response = client.get(url)
    assert response.status_code == 200
    for app in apps:
        assert app.job.title in response.text
    with django_assert_max_num_queries(20):  # list_select_related: no query per row
        assert client.get(url, {"status__exact": "offered"}).status_code == 200
    response = client.get(url, {"job__id__exact": apps[0].job_id})
    assert list(response.context["cl"].result_list) == [apps[0]]
    response = client.get(url, {"status__exact": "hired"})
    assert list(response.context["cl"].result_list) == [apps[3]]

    page = client.get(reverse("admin:proposals_application_change", args=[apps[3].pk]))
    assert page.status_code == 200
    assert "Timeline" in page.text
    assert "Accepted the offer" in page.text
    assert 'name="status"' not in page.text  # the state is read-only
    assert not page.context["has_add_permission"]
    # django-fsm's transition buttons are not there
    assert "_fsmtransition" not in page.text
    for name in ("proposals_offer", "contracts_contract"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


@pytest.mark.django_db
def test_admin_actions_call_the_services(client, moderator):
    due = build(S.INVITED)
    Application.objects.filter(pk=due.pk).update(invited_at=timezone.now() - timedelta(days=60))
    fresh = build(S.INVITED)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:proposals_application_changelist"),
        {"action": "expire_if_due", "_selected_action": [due.pk, fresh.pk]},
        follow=True,
    )
    assert response.status_code == 200
    due.refresh_from_db()
    fresh.refresh_from_db()
    assert (due.status, fresh.status) == (S.EXPIRED, S.INVITED)
    assert due.events.last().action == "expire"


# Demo ------------------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_seed_demo_fills_every_state_and_is_idempotent(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    counts = Counter(Application.objects.values_list("status", flat=True))
    assert set(counts) == set(S.values)
    assert Contract.objects.count() == 7  # two from the hiring demo, five from contracts.demo (one an agency's)
    events = Activity.objects.count()
    maria = FreelancerFactory._meta.model.objects.get(username="maria")
    statuses = set(Application.objects.filter(freelancer=maria).values_list("status", flat=True))
    assert {S.OFFERED, S.ARCHIVED, S.HIRED} <= statuses
    assert Application.objects.filter(status=S.ACTIVE, room__isnull=False).exists()
    assert mailoutbox == []  # the demo's notifications stay in the app

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert Counter(Application.objects.values_list("status", flat=True)) == counts
    assert Activity.objects.count() == events
    assert Contract.objects.count() == 7
    filled = Contract.objects.values_list("job__status", flat=True)
    assert set(filled) == {JobStatus.FILLED}
