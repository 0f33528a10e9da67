"""The moderators' admin: "Flagged jobs", the client actions, and what a moderator may and may not do."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from jobs.models import Flag, FlagReason, FlagStatus, JobStatus
from jobs.moderation import decisions_for_job
from messaging.models import Notification, NotificationKind
from proposals.models import ApplicationStatus
from tests.factories import (
    ClientFactory,
    FlagFactory,
    FreelancerFactory,
    JobPostFactory,
    UserFactory,
    build,
    moderators_group,
)

pytestmark = pytest.mark.django_db

FLAGGED = reverse("admin:jobs_flaggedjob_changelist")


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def _act(client, url: str, action: str, pks, note: str = ""):
    data = {"action": action, "_selected_action": [str(pk) for pk in pks], "index": "0", "note": note}
    return client.post(url, data, follow=True)


def _group_permissions() -> set[str]:
    group = Group.objects.get(name="Moderators")
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_factory_rebuilds_the_group_the_migrations_made():
    """Browser tests flush the database; `moderators_group` must give back what the migrations gave."""
    migrated = _group_permissions()
    Group.objects.filter(name="Moderators").delete()
    moderators_group()
    assert _group_permissions() == migrated


def test_moderators_group_has_only_the_permissions_it_needs():
    perms = _group_permissions()
    assert perms == {
        "jobs.view_flaggedjob",
        "jobs.change_flaggedjob",
        "jobs.view_flag",
        "jobs.change_flag",
        "jobs.view_jobpost",
        "jobs.view_flaggedroom",
        "jobs.change_flaggedroom",
        "jobs.view_suspendedaccount",
        "jobs.change_suspendedaccount",
        "accounts.view_clientprofile",
        "accounts.change_clientprofile",
        "accounts.view_user",
        "agencies.view_agency",
        "agencies.change_agency",
        "agencies.view_agencymembership",
    }


def test_flagged_jobs_lists_jobs_with_open_flags_riskiest_first(mod_client):
    calm = FlagFactory(reason=FlagReason.SPAM).job
    risky = JobPostFactory()
    FlagFactory(job=risky)
    FlagFactory(job=risky, reason=FlagReason.UNPAID_WORK)
    screened = FlagFactory(reporter=None, job=JobPostFactory(), hits=[{"category": "x"}] * 3, hit_count=3).job
    decided = FlagFactory()
    decided.dismiss(moderator=None)
    decided.save()
    unflagged = JobPostFactory()

    response = mod_client.get(FLAGGED)

    assert response.status_code == 200
    listed = [job.pk for job in response.context["cl"].result_list]
    assert listed == [risky.pk, screened.pk, calm.pk]
    assert unflagged.pk not in listed and decided.job_id not in listed
    page = response.content.decode()
    assert "Asks for payment outside the platform (1)" in page and "Asks for free work or unpaid tests (1)" in page


def test_flagged_job_page_shows_the_flags_and_decisions_read_only(mod_client, moderator):
    flag = FlagFactory(comment="Wants a wire transfer", snippet="pay by «wire» now")
    url = reverse("admin:jobs_flaggedjob_change", args=[flag.job_id])

    page = mod_client.get(url).content.decode()

    assert "Wants a wire transfer" in page and "pay by «wire» now" in page and str(flag.reporter) in page
    assert mod_client.post(url, {"title": "Edited"}).status_code == 403


def test_suspend_job_action_cascades_and_records_the_decision(mod_client, moderator):
    flag = FlagFactory()
    job = flag.job
    app = build(ApplicationStatus.SENT, job=job)

    response = _act(mod_client, FLAGGED, "suspend_jobs", [job.pk], note="Confirmed scam")

    assert "1 job(s) suspended" in response.content.decode()
    job.refresh_from_db()
    app.refresh_from_db()
    flag.refresh_from_db()
    assert (job.status, app.status, flag.status) == (JobStatus.SUSPENDED, "closed", FlagStatus.ACTIONED)
    assert Notification.objects.filter(kind=NotificationKind.JOB_CLOSED, recipient=app.freelancer).count() == 1
    page = mod_client.get(reverse("admin:jobs_jobpost_change", args=[job.pk])).content.decode()
    assert "Suspended the job by" in page and "Confirmed scam" in page


def test_dismiss_and_reinstate_actions(mod_client):
    job = FlagFactory().job
    _act(mod_client, FLAGGED, "dismiss_flags", [job.pk], note="Fine")
    assert not Flag.objects.filter(status=FlagStatus.OPEN).exists()

    FlagFactory(job=job)
    _act(mod_client, FLAGGED, "suspend_jobs", [job.pk])
    response = _act(mod_client, f"{FLAGGED}?queue=suspended", "reinstate_jobs", [job.pk], note="Appeal accepted")

    assert "1 job(s) reinstated" in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN


def test_client_actions_verify_payment_and_suspend(mod_client):
    target = ClientFactory()
    target.client_profile.payment_verified = False
    target.client_profile.save()
    job = JobPostFactory(client=target)
    url = reverse("admin:accounts_clientprofile_changelist")

    _act(mod_client, url, "mark_payment_verified", [target.client_profile.pk])
    response = _act(mod_client, url, "suspend_clients", [target.client_profile.pk], note="Fraud")

    assert (
        "1 client(s) suspended: they can no longer log in, and each is emailed why and where to appeal"
        in response.content.decode()
    )
    target.refresh_from_db()
    job.refresh_from_db()
    assert target.client_profile.payment_verified and not target.is_active
    assert job.status == JobStatus.SUSPENDED


def test_rooms_to_review_lists_room_flags(mod_client):
    app = build(ApplicationStatus.ACTIVE)
    Flag.objects.create(room=app.room, user=app.job.client, job=app.job, reason=FlagReason.OFF_PLATFORM_PAYMENT)
    FlagFactory()  # a job flag: not a room

    response = mod_client.get(reverse("admin:jobs_flag_changelist") + "?queue=rooms")

    assert [f.room_id for f in response.context["cl"].result_list] == [app.room.pk]


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "admin:auth_user_password_change", "user"),
        ("post", "admin:accounts_user_change", "user"),
        ("get", "admin:accounts_user_add", None),
        ("get", "admin:auth_group_changelist", None),
        ("get", "admin:proposals_application_changelist", None),
        ("get", "admin:jobs_jobpost_add", None),
        ("post", "admin:jobs_jobpost_change", "job"),
        ("post", "admin:jobs_flag_change", "flag"),
        ("post", "admin:accounts_clientprofile_change", "profile"),
        ("get", "admin:jobs_jobpost_delete", "job"),
    ],
)
def test_moderator_cannot_edit_passwords_or_other_models(mod_client, method, name, args):
    flag = FlagFactory()
    objects = {
        "user": flag.user.pk,
        "job": flag.job_id,
        "flag": flag.pk,
        "profile": flag.user.client_profile.pk,
    }
    url = reverse(name, args=[objects[args]] if args else [])
    response = getattr(mod_client, method)(url, {"password1": "x", "password2": "x", "title": "x"})
    assert response.status_code == 403


def test_moderator_can_view_what_they_review(mod_client):
    flag = FlagFactory()
    for url in (
        reverse("admin:index"),
        FLAGGED,
        reverse("admin:jobs_flag_changelist"),
        reverse("admin:jobs_jobpost_change", args=[flag.job_id]),
        reverse("admin:accounts_user_change", args=[flag.user.pk]),
        reverse("admin:accounts_clientprofile_changelist"),
    ):
        assert mod_client.get(url).status_code == 200, url


@pytest.mark.parametrize("user_factory", [FreelancerFactory, ClientFactory])
def test_non_staff_user_gets_the_admin_login_page(client, user_factory):
    client.force_login(user_factory())
    response = client.get(FLAGGED, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "admin/login.html" in [t.name for t in response.templates]


def test_staff_without_the_group_cannot_suspend(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(FLAGGED).status_code == 403


# Query budget ----------------------------------------------------------------------------------------------------

# session, user, the moderator's permissions (2), the changelist counts (2), the page with its clients and
# profiles, the open flags (one prefetch), the two navigation counts of the site's context processor
FLAGGED_JOBS_BUDGET = 10


@pytest.mark.parametrize("rows", [3, 60])
def test_flagged_jobs_changelist_query_budget(mod_client, rows, django_assert_max_num_queries):
    reporters = FreelancerFactory.create_batch(2)
    for _ in range(rows):
        job = JobPostFactory()
        for reporter in reporters:
            FlagFactory(job=job, reporter=reporter)

    with django_assert_max_num_queries(FLAGGED_JOBS_BUDGET):
        response = mod_client.get(FLAGGED)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == min(rows, 50)


def test_flag_admin_dismiss_action_records_the_moderator(mod_client, moderator):
    app = build(ApplicationStatus.ACTIVE)
    room_flag = Flag.objects.create(room=app.room, user=app.freelancer, reason=FlagReason.CONTACT_DETAILS)
    job_flag = FlagFactory()

    _act(mod_client, reverse("admin:jobs_flag_changelist"), "dismiss_selected", [room_flag.pk, job_flag.pk], "Ok")

    for flag in (room_flag, job_flag):
        flag.refresh_from_db()
        assert (flag.status, flag.moderator, flag.decision_note) == (FlagStatus.DISMISSED, moderator, "Ok")
    assert decisions_for_job(job_flag.job).get().actor == moderator
