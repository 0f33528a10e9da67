"""Moderators' decisions that reach applications, and the screening of hiring rooms before a contract."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jobs import moderation as job_moderation
from jobs.models import Flag, FlagReason, FlagStatus, JobStatus, ModerationAction
from messaging.models import Notification, NotificationKind
from messaging.services import post_message
from proposals import services
from proposals.models import OPEN_STATES, ApplicationStatus
from tests.factories import PASSWORD, FlagFactory, JobPostFactory, ModeratorFactory, build

pytestmark = pytest.mark.django_db

S = ApplicationStatus
RISKY = "let's pay via PayPal directly, start now"


# Suspend, dismiss, reinstate ------------------------------------------------------------------------------------


def test_suspend_job_closes_every_open_application_and_notifies_each_freelancer_once(job, moderator):
    apps = [build(state, job=job) for state in OPEN_STATES]
    hired_elsewhere = build(S.SENT)  # another job: untouched
    flags = [FlagFactory(job=job), FlagFactory(job=job)]

    job_moderation.suspend_job(job, by=moderator, note="Reporter sent a screenshot")

    assert job.status == JobStatus.SUSPENDED
    for app in apps:
        app.refresh_from_db()
        assert app.status == S.CLOSED
    hired_elsewhere.refresh_from_db()
    assert hired_elsewhere.status == S.SENT
    closed = Notification.objects.filter(kind=NotificationKind.JOB_CLOSED)
    assert sorted(closed.values_list("recipient", flat=True)) == sorted(a.freelancer_id for a in apps)
    suspended = Notification.objects.get(kind=NotificationKind.JOB_SUSPENDED)
    assert suspended.recipient == job.client
    assert "Reporter" not in suspended.text + str(suspended.context)  # the internal note stays internal
    for flag in flags:
        flag.refresh_from_db()
        assert (flag.status, flag.moderator, flag.decision_note) == (
            FlagStatus.ACTIONED,
            moderator,
            "Reporter sent a screenshot",
        )
    decision = job_moderation.decisions_for_job(job).get()
    assert (decision.action, decision.actor, decision.data) == (
        ModerationAction.SUSPEND_JOB,
        moderator,
        {"flags_decided": 2},
    )
    assert (decision.from_state, decision.to_state) == (JobStatus.OPEN, JobStatus.SUSPENDED)


def test_suspend_job_emails_the_freelancers_and_the_client(
    job, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    apps = [build(S.SENT, job=job), build(S.ACTIVE, job=job)]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        job_moderation.suspend_job(job, by=moderator)

    assert sorted(tuple(m.to) for m in mailoutbox) == sorted(
        [(job.client.email,), *[(a.freelancer.email,) for a in apps]]
    )


def test_suspend_job_by_a_non_moderator_is_refused(job):
    staff_only = ModeratorFactory()
    staff_only.groups.clear()
    for user in (job.client, staff_only):
        with pytest.raises(PermissionDenied):
            job_moderation.suspend_job(job, by=user)
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN


def test_suspend_job_twice_is_refused_with_a_message(job, moderator):
    job_moderation.suspend_job(job, by=moderator)
    with pytest.raises(services.ActionNotAllowed, match="suspended"):
        job_moderation.suspend_job(job, by=moderator)


def test_reinstate_job_puts_it_back_and_records_the_decision(job, moderator):
    job_moderation.suspend_job(job, by=moderator)

    job_moderation.reinstate_job(job, by=moderator, note="Mistake")

    assert job.status == JobStatus.OPEN
    assert list(job_moderation.decisions_for_job(job).values_list("action", "note")) == [
        (ModerationAction.REINSTATE_JOB, "Mistake"),
        (ModerationAction.SUSPEND_JOB, ""),
    ]
    with pytest.raises(ValidationError, match="not suspended"):
        job_moderation.reinstate_job(job, by=moderator)


def test_dismiss_flags_leaves_the_job_open(job, moderator):
    flag = FlagFactory(job=job)
    build(S.SENT, job=job)

    assert job_moderation.dismiss_flags(job, by=moderator, note="Fine") == 1

    flag.refresh_from_db()
    job.refresh_from_db()
    assert (flag.status, job.status) == (FlagStatus.DISMISSED, JobStatus.OPEN)
    assert not Notification.objects.filter(kind=NotificationKind.JOB_CLOSED).exists()
    with pytest.raises(ValidationError, match="no open flags"):
        job_moderation.dismiss_flags(job, by=moderator)


def test_suspend_client_blocks_login_and_suspends_their_open_jobs(client_user, moderator, client):
    jobs = [JobPostFactory(client=client_user) for _ in range(2)]
    closed_job = JobPostFactory(client=client_user)
    services.close_job(closed_job, by=client_user)
    apps = [build(S.SENT, job=jobs[0]), build(S.ACTIVE, job=jobs[1])]
    client_flag = FlagFactory(job=None, user=client_user)

    suspended = job_moderation.suspend_client(client_user, by=moderator, note="Scammer")

    assert sorted(j.pk for j in suspended) == sorted(j.pk for j in jobs)
    for job in jobs:
        job.refresh_from_db()
        assert job.status == JobStatus.SUSPENDED
    closed_job.refresh_from_db()
    assert closed_job.status == JobStatus.CLOSED
    for app in apps:
        app.refresh_from_db()
        assert app.status == S.CLOSED
    assert Notification.objects.filter(kind=NotificationKind.JOB_CLOSED).count() == 2
    client_flag.refresh_from_db()
    assert client_flag.status == FlagStatus.ACTIONED
    client_user.refresh_from_db()
    assert not client_user.is_active
    response = client.post(reverse("accounts:login"), {"username": client_user.username, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session  # the right password, refused
    assert job_moderation.decisions_for_client(client_user.pk).filter(action=ModerationAction.SUSPEND_CLIENT).exists()


def test_suspend_client_signs_out_an_open_session(client_user, moderator, client):
    client.force_login(client_user)
    job_moderation.suspend_client(client_user, by=moderator)
    response = client.get(reverse("jobs:mine"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mark_payment_verified(client_user, moderator):
    client_user.client_profile.payment_verified = False
    client_user.client_profile.save()

    assert job_moderation.mark_payment_verified(client_user, by=moderator, note="Card checked")

    client_user.client_profile.refresh_from_db()
    assert client_user.client_profile.payment_verified
    assert not job_moderation.mark_payment_verified(client_user, by=moderator)
    with pytest.raises(PermissionDenied):
        job_moderation.mark_payment_verified(client_user, by=client_user)


# Room screening ----------------------------------------------------------------------------------------------------


def test_room_message_risky_before_contract_queues_the_room_and_the_job(job):
    app = build(S.ACTIVE, job=job)

    message = post_message(app.room, sender=job.client, body=RISKY)

    assert message.is_risky
    assert {hit["category"] for hit in message.screening["hits"]} >= {"off_platform_payment"}
    flag = Flag.objects.get()
    assert (flag.reporter, flag.room, flag.job, flag.user) == (None, app.room, job, job.client)
    assert flag.reason in (FlagReason.OFF_PLATFORM_PAYMENT, FlagReason.WORK_BEFORE_CONTRACT)
    assert "PayPal" in flag.snippet

    post_message(app.room, sender=job.client, body="Or pay me in gift cards, start working today")
    flag.refresh_from_db()
    assert Flag.objects.count() == 1  # one open flag per room; later hits join it
    assert flag.hit_count == len(flag.hits) > len(message.screening["hits"]) - 1


def test_room_message_risky_from_the_freelancer_queues_the_room_only(job):
    app = build(S.ACTIVE, job=job)
    post_message(app.room, sender=app.freelancer, body="Pay me via PayPal directly please")
    flag = Flag.objects.get()
    assert (flag.room, flag.job, flag.user) == (app.room, None, app.freelancer)


def test_job_held_for_review_refuses_proposals_and_invitations(job):
    from tests.factories import FreelancerFactory

    type(job).objects.filter(pk=job.pk).update(held_for_review=True)
    job.refresh_from_db()
    with pytest.raises(services.ActionNotAllowed, match="under review"):
        services.submit_proposal(job, by=FreelancerFactory(), cover_letter="Hello", hourly_rate="40")
    with pytest.raises(services.ActionNotAllowed, match="under review"):
        services.invite(job, FreelancerFactory(), by=job.client, message="Interview?")


def test_service_messages_are_screened_too(job):
    # A client's first reply on a proposal goes through `respond`, not the room form: it is screened the same.
    app = build(S.SENT, job=job)
    services.respond(app, by=job.client, message="Let's pay via PayPal directly, start now")
    app.refresh_from_db()
    assert app.room.messages.get().is_risky
    flag = Flag.objects.get()
    assert (flag.room, flag.job) == (app.room, job)


def test_room_message_ordinary_text_is_not_flagged(job):
    app = build(S.ACTIVE, job=job)
    message = post_message(app.room, sender=job.client, body="Can you start after the contract?")
    assert not message.is_risky
    assert not Flag.objects.exists()


def test_room_message_after_the_contract_is_not_screened(job):
    app = build(S.HIRED, job=job)
    message = post_message(app.room, sender=job.client, body=RISKY)
    assert message.screening == {}
    assert not Flag.objects.exists()


@pytest.mark.parametrize(("policy", "notice"), [("allow", False), ("warn", True)])
def test_room_message_contact_details_follow_the_setting(settings, job, policy, notice):
    settings.CONTACT_DETAILS_BEFORE_CONTRACT = policy
    app = build(S.ACTIVE, job=job)
    message = post_message(app.room, sender=app.freelancer, body="My email is fred@example.com")
    assert message.has_contact_notice is notice
    assert not Flag.objects.exists()


def test_room_message_inviting_to_a_contact_detail_queues_the_room_as_moving_off(settings, job):
    # A detail given with an invitation to use it is moving off the platform as well (issue 15, fourteenth pass).
    settings.CONTACT_DETAILS_BEFORE_CONTRACT = "allow"
    app = build(S.ACTIVE, job=job)
    message = post_message(app.room, sender=app.freelancer, body="Mail me at fred@example.com")
    assert {hit["category"] for hit in message.screening["hits"]} == {"contact_details", "off_platform_contact"}
    flag = Flag.objects.get()
    assert flag.room == app.room
    assert flag.reason == FlagReason.CONTACT_DETAILS  # moving off is filed under contact details


def test_room_message_contact_details_blocked_before_contract_only(settings, job):
    settings.CONTACT_DETAILS_BEFORE_CONTRACT = "block"
    app = build(S.ACTIVE, job=job)
    with pytest.raises(ValidationError, match="Contact details can't be shared before a contract"):
        post_message(app.room, sender=app.freelancer, body="Mail me at fred@example.com")
    assert not app.room.messages.filter(sender=app.freelancer, body__contains="fred@").exists()

    hired = build(S.HIRED)
    post_message(hired.room, sender=hired.freelancer, body="Mail me at fred@example.com")


# The room page ------------------------------------------------------------------------------------------------------


def test_room_page_send_screens_and_the_reader_sees_the_safety_notice(client, job):
    app = build(S.ACTIVE, job=job)
    client.force_login(job.client)
    response = client.post(reverse("messaging:send", args=[app.room.pk]), {"body": RISKY})
    assert response.status_code == 302
    assert Flag.objects.filter(room=app.room).exists()
    notice = "Don't start work or pay outside the platform before a contract is in place"
    assert notice not in client.get(app.room.get_absolute_url()).content.decode()  # the writer

    client.force_login(app.freelancer)
    page = client.get(app.room.get_absolute_url()).content.decode()
    assert notice in page
    assert "You are not hired yet: wait for an offer and a contract before starting work" in page


def test_room_page_blocked_contact_details_show_a_clear_error(settings, client, job):
    settings.CONTACT_DETAILS_BEFORE_CONTRACT = "block"
    app = build(S.ACTIVE, job=job)
    client.force_login(app.freelancer)
    response = client.post(reverse("messaging:send", args=[app.room.pk]), {"body": "call me on +1 415 555 0100"})
    assert response.status_code == 400
    assert "Contact details can&#x27;t be shared before a contract" in response.content.decode()


def test_room_page_warn_shows_the_contact_notice_to_both(settings, client, job):
    settings.CONTACT_DETAILS_BEFORE_CONTRACT = "warn"
    app = build(S.ACTIVE, job=job)
    client.force_login(app.freelancer)
    client.post(reverse("messaging:send", args=[app.room.pk]), {"body": "Mail me at fred@example.com"})
    for user in (app.freelancer, job.client):
        client.force_login(user)
        assert "This message shares contact details" in client.get(app.room.get_absolute_url()).content.decode()


def test_room_page_says_hired_once_the_contract_exists(client, job):
    app = build(S.HIRED, job=job)
    client.force_login(app.freelancer)
    page = client.get(app.room.get_absolute_url()).content.decode()
    assert "Hired" in page
    assert "You are not hired yet" not in page


def test_room_page_unverified_client_notice(client, job):
    job.client.client_profile.payment_verified = False
    job.client.client_profile.save()
    app = build(S.ACTIVE, job=job)
    client.force_login(app.freelancer)
    assert "payment method is not verified" in client.get(app.room.get_absolute_url()).content.decode()


# The application page -------------------------------------------------------------------------------------------


def test_application_page_shows_payment_verified_and_an_unverified_client_notice(client, job):
    app = build(S.OFFERED, job=job)
    client.force_login(app.freelancer)
    page = client.get(app.get_absolute_url()).content.decode()
    assert "Payment method verified" in page and "not verified" not in page

    job.client.client_profile.payment_verified = False
    job.client.client_profile.save()
    page = client.get(app.get_absolute_url()).content.decode()
    assert "This offer is with a client whose payment method is not verified" in page


def test_a_job_of_a_suspended_client_cannot_be_reinstated(job, moderator):
    job_moderation.suspend_client(job.client, by=moderator)
    job.refresh_from_db()
    assert job.status == JobStatus.SUSPENDED
    with pytest.raises(job_moderation.ModerationError, match="is suspended, so their job") as refused:
        job_moderation.reinstate_job(job, by=moderator)
    assert refused.value.code == "client_suspended"
    job.refresh_from_db()
    assert job.status == JobStatus.SUSPENDED
