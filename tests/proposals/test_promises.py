"""The hiring pages say what is true: "not hired yet" until a contract exists, ignore stays private, the client
sees the freelancer, the job page knows your application."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from proposals.models import ApplicationStatus
from tests.factories import FreelancerFactory, build

pytestmark = pytest.mark.django_db

S = ApplicationStatus
NOT_HIRED = "You are not hired yet"


def visible(response) -> str:
    """The page's text as a reader sees it: tags dropped, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def pages_of(app) -> dict[str, str]:
    urls = {"application": app.get_absolute_url(), "job": app.job.get_absolute_url()}
    if app.room_id:
        urls["room"] = app.room.get_absolute_url()
    return urls


@pytest.mark.parametrize("state", [S.INVITED, S.ARCHIVED, S.SENT, S.ACTIVE, S.OFFERED])
def test_every_page_of_an_open_candidacy_says_not_hired_yet(client, state):
    app = build(state)
    client.force_login(app.freelancer)
    for name, url in pages_of(app).items():
        page = visible(client.get(url))
        assert NOT_HIRED in page, name
        assert "You are hired" not in page, name
    client.force_login(app.job.client)
    for name, url in pages_of(app).items():
        if name != "job":  # the client's job page lists no candidate; the applicants page does
            page = visible(client.get(url))
            assert f"{app.freelancer.display_name} is not hired yet" in page, name


def test_after_the_hire_every_page_says_hired_and_links_to_the_contract(client):
    app = build(S.HIRED)
    contract = app.contract
    client.force_login(app.freelancer)
    for name, url in pages_of(app).items():
        response = client.get(url)
        page = visible(response)
        assert "You are hired" in page and NOT_HIRED not in page, name
        assert f'href="{contract.get_absolute_url()}"' in response.content.decode(), name
    client.force_login(app.job.client)
    for name, url in pages_of(app).items():
        if name == "job":
            continue
        response = client.get(url)
        assert f"You hired {app.freelancer.display_name}" in visible(response), name
        assert f'href="{contract.get_absolute_url()}"' in response.content.decode(), name


def test_the_accept_section_says_what_accepting_will_do(client):
    app = build(S.OFFERED)
    offer = app.open_offer
    client.force_login(app.freelancer)
    page = visible(client.get(app.get_absolute_url()))
    assert f"Accepting hires you and starts the contract on {offer.start_date:%b} {offer.start_date.day}" in page
    assert "You are hired and the contract begins" not in page


def test_my_proposals_shows_a_hire_as_a_live_contract(client):
    app = build(S.HIRED)
    client.force_login(app.freelancer)
    response = client.get(reverse("proposals:list"))
    page = visible(response)
    assert "Hired · contract active" in page
    assert "Ended now" not in page
    assert f'href="{app.contract.get_absolute_url()}"' in response.content.decode()


def test_ignoring_an_invitation_stays_private(client):
    app = build(S.ARCHIVED)
    client.force_login(app.job.client)
    applicants = visible(client.get(reverse("hiring:applicants", args=[app.job.pk])))
    assert "Archived" not in applicants
    assert "Invited to interview" in applicants
    page = visible(client.get(app.get_absolute_url()))
    assert "Ignored" not in page and "Archived" not in page
    assert "Invited to interview" in page

    client.force_login(app.freelancer)
    page = visible(client.get(app.get_absolute_url()))
    assert "Ignored the invitation" in page


def test_the_client_sees_the_freelancer_not_themselves(client):
    app = build(S.SENT)
    profile = app.freelancer.freelancer_profile
    client.force_login(app.job.client)
    page = visible(client.get(app.get_absolute_url()))
    assert "About the client" not in page
    assert "About the freelancer" in page
    assert profile.title in page
    assert "$50.00/hr" in page  # the profile rate, as the profile's rate

    invited = build(S.INVITED)
    client.force_login(invited.job.client)
    page = visible(client.get(invited.get_absolute_url()))
    assert "No bid yet" in page
    applicants = visible(client.get(reverse("hiring:applicants", args=[invited.job.pk])))
    assert "No bid yet" in applicants


def test_the_freelancer_sees_the_client(client):
    app = build(S.SENT)
    client.force_login(app.freelancer)
    page = visible(client.get(app.get_absolute_url()))
    assert "About the client" in page


@pytest.mark.parametrize("state", [S.INVITED, S.SENT, S.ACTIVE, S.OFFERED])
def test_the_job_page_leads_to_your_open_application(client, state):
    app = build(state)
    client.force_login(app.freelancer)
    response = client.get(app.job.get_absolute_url())
    page = visible(response)
    assert "Submit proposal" not in page
    assert "View your application" in page
    assert f'href="{app.get_absolute_url()}"' in response.content.decode()


def test_the_job_page_offers_a_proposal_to_others_and_after_an_ended_application(client):
    app = build(S.WITHDRAWN)
    client.force_login(app.freelancer)
    assert "Submit proposal" in visible(client.get(app.job.get_absolute_url()))
    client.force_login(FreelancerFactory())
    assert "Submit proposal" in visible(client.get(app.job.get_absolute_url()))


def test_the_job_page_says_you_are_hired(client):
    app = build(S.HIRED)  # the job is filled by the hire; the page still says it
    client.force_login(app.freelancer)
    page = visible(client.get(app.job.get_absolute_url()))
    assert "You are hired" in page and "Submit proposal" not in page


# One set of numbers ---------------------------------------------------------------------------------------------
def _figure(page: str, label: str) -> int:
    """The number shown next to `label` on a page: "Label 3", "Label (3)" or "Label: 3"."""
    match = re.search(rf"{re.escape(label)}:? \(?(\d+)\)?", page)
    assert match, f"no {label!r} figure"
    return int(match.group(1))


def test_every_page_shows_the_same_numbers_for_a_job(client, job):
    from jobs.selectors import job_numbers

    job.hires_needed = 5  # so a hire does not fill the job and close the rest
    job.save()
    for state in S:
        if state != S.CLOSED:  # closing the job would close every other application too
            build(state, job=job)
    build(S.SENT, job=job)
    build(S.ACTIVE, job=job, origin="invitation")
    apps = job.applications.all()
    assert {app.status for app in apps} == set(S) - {S.CLOSED}
    numbers = job_numbers(job)
    assert numbers == {
        "proposals": apps.filter(origin="proposal").count(),
        "new_proposals": apps.filter(status=S.SENT).count(),
        "invites_sent": apps.filter(invited_at__isnull=False).count(),
        "unanswered_invites": apps.filter(status__in=[S.INVITED, S.ARCHIVED]).count(),
        "interviewing": apps.filter(status=S.ACTIVE).count(),
        "offers": apps.filter(status=S.OFFERED).count(),
        "hires": 1,
        "closed": apps.filter(status__in=[S.DECLINED, S.WITHDRAWN, S.REJECTED, S.EXPIRED]).count(),
    }
    client.force_login(job.client)
    mine = visible(client.get(reverse("jobs:mine")))
    row = mine[mine.index(job.title) :]
    # My job posts: a table, read by column order.
    cells = re.findall(r"\b(\d+)\b", row.split("Review applicants", 1)[1])[:5]
    assert [int(c) for c in cells] == [
        numbers["proposals"],
        numbers["unanswered_invites"],
        numbers["interviewing"],
        numbers["offers"],
        numbers["hires"],
    ]
    applicants = visible(client.get(reverse("hiring:applicants", args=[job.pk])))
    for label, name in [
        ("New proposals", "new_proposals"),
        ("Unanswered invites", "unanswered_invites"),
        ("Interviewing", "interviewing"),
        ("Offers", "offers"),
        ("Hires", "hires"),
        ("Declined and closed", "closed"),
    ]:
        assert _figure(applicants, label) == numbers[name], label
    page = visible(client.get(job.get_absolute_url()))
    for label, name in [
        ("Proposals", "proposals"),
        ("Interviewing", "interviewing"),
        ("Invites sent", "invites_sent"),
        ("Unanswered invites", "unanswered_invites"),
        ("Hires", "hires"),
    ]:
        assert _figure(page[page.index("Client activity") :], label) == numbers[name], label


# System notes about your own action -----------------------------------------------------------------------------
def test_a_note_about_your_own_action_is_in_the_second_person_and_not_unread_for_you(client):
    from messaging.selectors import unread_counts
    from messaging.services import mark_room_read
    from proposals import services
    from tests.factories import offer_terms

    app = build(S.ACTIVE)
    carla, fred = app.job.client, app.freelancer
    mark_room_read(app.room, user=fred)
    mark_room_read(app.room, user=carla)
    services.send_offer(app, by=carla, **offer_terms())
    assert unread_counts(carla)["messages"] == 0
    assert unread_counts(fred)["messages"] == 1

    client.force_login(carla)
    page = visible(client.get(app.room.get_absolute_url()))
    assert "You sent an offer: $50.00/hr" in page and f"{carla} sent an offer" not in page
    client.force_login(fred)
    assert f"{carla} sent an offer: $50.00/hr" in visible(client.get(app.room.get_absolute_url()))


def test_a_note_does_not_mark_the_others_words_read_for_the_actor():
    from messaging.selectors import unread_counts
    from messaging.services import post_message
    from proposals import services

    app = build(S.OFFERED)
    post_message(app.room, sender=app.freelancer, body="One question first")
    services.withdraw_offer(app, by=app.job.client)
    assert unread_counts(app.job.client)["messages"] == 1  # Fred's question is still unread for Carla


# Direct offers from the pages -----------------------------------------------------------------------------------
def test_hire_from_a_profile_sends_an_offer_without_a_proposal(client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import JobPostFactory

    job = JobPostFactory()
    person = FreelancerFactory(first_name="Maria", last_name="Silva")
    client.force_login(job.client)
    profile = client.get(person.get_absolute_url()).content.decode()
    hire_url = reverse("hiring:hire_from_profile", args=[person.username])
    assert f'href="{hire_url}"' in profile
    page = client.get(hire_url).content.decode()
    assert 'class="offer-form"' in page and 'class="hourly-only"' in page and 'class="fixed-only"' in page
    start = timezone.localdate() + timedelta(days=2)
    response = client.post(
        hire_url,
        {"job": job.pk, "payment_type": "hourly", "hourly_rate": "60", "weekly_limit": "10", "start_date": start},
        follow=True,
    )
    app = job.applications.get(freelancer=person)
    assert app.status == S.OFFERED
    assert response.redirect_chain[-1][0] == app.get_absolute_url()
    assert "Maria Silva is not hired yet: they are hired when they accept your offer." in visible(response)

    client.force_login(person)
    assert "Accepting hires you and starts the contract" in visible(client.get(app.get_absolute_url()))


def test_hire_is_for_clients(client):
    person = FreelancerFactory()
    client.force_login(FreelancerFactory())
    response = client.get(reverse("hiring:hire_from_profile", args=[person.username]), follow=True)
    assert "Only clients can hire freelancers." in visible(response)


def test_the_client_can_send_an_offer_to_an_unanswered_invitation(client):
    app = build(S.INVITED)
    client.force_login(app.job.client)
    applicants = client.get(reverse("hiring:applicants", args=[app.job.pk])).content.decode()
    assert f'href="{reverse("proposals:send_offer", args=[app.pk])}"' in applicants


def test_the_room_links_to_the_application_the_offer_and_send_offer():
    from django.test import Client

    app = build(S.ACTIVE)
    carla, fred = Client(), Client()
    carla.force_login(app.job.client)
    fred.force_login(app.freelancer)
    send = reverse("proposals:send_offer", args=[app.pk])
    page = carla.get(app.room.get_absolute_url()).content.decode()
    assert f'href="{app.get_absolute_url()}"' in page and f'href="{send}"' in page
    assert f'href="{send}"' not in fred.get(app.room.get_absolute_url()).content.decode()
    services_send_offer(app)
    page = fred.get(app.room.get_absolute_url()).content.decode()
    assert f'href="{app.get_absolute_url()}#offer-heading"' in page and "View the offer" in page


def services_send_offer(app) -> None:
    from proposals import services
    from tests.factories import offer_terms

    services.send_offer(app, by=app.job.client, **offer_terms())


# Find work ------------------------------------------------------------------------------------------------------
def test_find_work_marks_the_jobs_you_applied_to_and_filters_by_category(client):
    from tests.factories import JobPostFactory

    applied = build(S.SENT)
    fred = applied.freelancer
    invited = build(S.INVITED, freelancer=fred)
    design = JobPostFactory(title="Design a logo", category="design")
    client.force_login(fred)
    page = visible(client.get(reverse("jobs:list")))
    assert f"{applied.job.title} You applied" in page
    assert f"{invited.job.title} You are invited" in page
    assert f"{design.title} You" not in page

    page = visible(client.get(reverse("jobs:list"), {"category": "design"}))
    assert design.title in page and applied.job.title not in page
