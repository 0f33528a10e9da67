"""The hiring pages: who sees what, which actions each page offers, and what each action says."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from decimal import Decimal
from itertools import cycle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contracts.models import Contract
from jobs.models import JobStatus, Visibility
from messaging.models import Notification, NotificationKind
from proposals import selectors, services
from proposals.models import Application, ApplicationStatus, DeclineReason
from tests.factories import ClientFactory, FreelancerFactory, JobPostFactory, UserFactory, build, bulk_applications

pytestmark = pytest.mark.django_db

S = ApplicationStatus

ACTION_LABELS = {
    "Accept",
    "Decline",
    "Ignore",
    "Propose different terms",
    "Withdraw proposal",
    "Accept offer",
    "Decline offer",
    "Ask for clarification",
    "Send message",
    "Invite to interview",
    "Send offer",
    "Withdraw offer",
    "Decline candidate",
}
END = [S.DECLINED, S.WITHDRAWN, S.REJECTED, S.EXPIRED, S.CLOSED, S.HIRED]

FREELANCER_ACTIONS = {
    S.INVITED: {"Accept", "Decline", "Ignore"},
    S.ARCHIVED: {"Accept", "Decline"},
    S.SENT: {"Propose different terms", "Withdraw proposal"},
    S.ACTIVE: {"Propose different terms", "Withdraw proposal"},
    S.OFFERED: {"Accept offer", "Decline offer", "Ask for clarification"},
    **{state: set() for state in END},
}
CLIENT_ACTIONS = {
    S.INVITED: {"Send offer", "Decline candidate"},
    S.ARCHIVED: {"Send offer", "Decline candidate"},
    S.SENT: {"Send message", "Invite to interview", "Send offer", "Decline candidate"},
    S.ACTIVE: {"Send offer", "Decline candidate"},
    S.OFFERED: {"Withdraw offer"},
    **{state: set() for state in END},
}


def actions_on(page: str) -> set[str]:
    """The action buttons (and links styled as buttons) a page offers."""
    labels = re.findall(r"<button[^>]*>(.*?)</button>", page, re.S)
    labels += re.findall(r'<a [^>]*role="button"[^>]*>(.*?)</a>', page, re.S)
    return {html.unescape(label.strip()) for label in labels} & ACTION_LABELS


def section(page: str, key: str) -> str:
    """The HTML of one `<section id="key">` (sections of these pages do not nest)."""
    match = re.search(rf'<section id="{key}"[^>]*>(.*?)</section>', page, re.S)
    assert match, f"no section {key}"
    return match.group(1)


def text(response) -> str:
    return html.unescape(response.content.decode())


def flash(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# /proposals/ --------------------------------------------------------------------------------------------------
def test_proposals_page_sorts_applications_into_the_sections(client, freelancer):
    apps = {state: build(state, freelancer=freelancer) for state in S}
    client.force_login(freelancer)
    page = client.get(reverse("proposals:list")).content.decode()
    assert ">Offers</h2>" in page  # the first section with something in it
    for label, n in [("Invitations to interview", 1), ("Submitted proposals", 1), ("Past applications", 6)]:
        assert f">{label} ({n})</a>" in page
    expected = {
        "offers": [S.OFFERED],
        "invitations": [S.INVITED],
        "active": [S.ACTIVE],
        "submitted": [S.SENT],
        "archived": [S.ARCHIVED],
        "past": END,
    }
    for key, states in expected.items():
        html_of = section(client.get(reverse("proposals:list") + f"?section={key}").content.decode(), key)
        for state in S:
            shown = f">{apps[state].job.title}</a>" in html_of
            assert shown == (state in states), (key, state)


def test_proposals_page_shows_the_offer_and_past_states(client, freelancer):
    build(S.OFFERED, freelancer=freelancer)
    build(S.CLOSED, freelancer=freelancer)
    client.force_login(freelancer)
    page = text(client.get(reverse("proposals:list")))
    assert "Offer: $50.00/hr, up to 20 hrs/week" in section(page, "offers")
    assert "Job closed" in section(text(client.get(reverse("proposals:list") + "?section=past")), "past")


def test_proposals_page_needs_a_login(client):
    assert client.get(reverse("proposals:list")).status_code == 302


def _many_applications(freelancer, count: int) -> None:
    states = cycle([S.SENT, S.INVITED, S.ACTIVE, S.OFFERED, S.ARCHIVED, S.DECLINED])
    for _ in range(count):
        build(next(states), freelancer=freelancer)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


PROPOSALS_BUDGET = 9  # one more than before issue 14: the agencies the freelancer belongs to, read as values


def _rows(response) -> int:
    return response.content.decode().count('class="status-pill app-status-')


@pytest.mark.parametrize("behind", [3, 1000])
def test_proposals_page_query_budget(client, freelancer, behind, django_assert_max_num_queries):
    _many_applications(freelancer, 6)  # one in each section
    bulk_applications(behind, freelancer=freelancer)
    client.force_login(freelancer)
    url = reverse("proposals:list") + "?section=submitted"
    client.get(url)  # warm the session
    with django_assert_max_num_queries(PROPOSALS_BUDGET):
        response = client.get(url)
    assert _rows(response) == min(behind + 1, selectors.PAGE_SIZE)
    assert f">Submitted proposals ({behind + 1})</a>" in text(response)


def test_proposals_page_queries_do_not_grow_with_the_data(client, freelancer):
    _many_applications(freelancer, 6)
    client.force_login(freelancer)
    url = reverse("proposals:list") + "?section=submitted"
    client.get(url)
    few = _queries(client, url)
    bulk_applications(1000, freelancer=freelancer)
    assert _queries(client, url) == few


def test_a_proposals_section_pages_through_1000_rows(client, freelancer):
    bulk_applications(1000, freelancer=freelancer)
    client.force_login(freelancer)
    url = reverse("proposals:list") + "?section=submitted"
    first = client.get(url)
    assert _rows(first) == selectors.PAGE_SIZE
    assert "Page 1 of 50" in text(first) and 'rel="next"' in first.content.decode()
    last = client.get(url + "&page=50")
    assert _rows(last) == selectors.PAGE_SIZE and 'rel="next"' not in last.content.decode()
    assert _rows(client.get(url + "&page=9999")) == selectors.PAGE_SIZE  # past the end: the last page


# An application's page -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("state", list(S))
def test_each_side_sees_only_the_actions_the_state_allows(client, state):
    app = build(state)
    client.force_login(app.freelancer)
    assert actions_on(client.get(app.get_absolute_url()).content.decode()) == FREELANCER_ACTIONS[state]
    client.force_login(app.job.client)
    assert actions_on(client.get(app.get_absolute_url()).content.decode()) == CLIENT_ACTIONS[state]


@pytest.mark.parametrize("who", ["other_freelancer", "other_client", "staff"])
def test_strangers_get_404_on_the_page_and_its_actions(client, who):
    app = build(S.SENT)
    stranger = {
        "other_freelancer": FreelancerFactory,
        "other_client": ClientFactory,
        "staff": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(stranger)
    assert client.get(app.get_absolute_url()).status_code == 404
    for name in ("withdraw", "respond", "reject", "withdraw_offer", "invite_to_interview", "update_terms"):
        assert client.post(reverse(f"proposals:{name}", args=[app.pk]), {}).status_code == 404
    assert client.get(reverse("proposals:send_offer", args=[app.pk])).status_code == 404
    assert client.post(reverse("contracts:accept_offer", args=[app.pk])).status_code == 404
    app.refresh_from_db()
    assert app.status == S.SENT


def test_anonymous_is_sent_to_log_in(client):
    app = build(S.SENT)
    response = client.get(app.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("proposals:withdraw", args=[app.pk])).status_code == 302


def test_actions_are_posts(client):
    app = build(S.INVITED)
    client.force_login(app.freelancer)
    for name in ("accept_invitation", "decline_invitation", "ignore", "withdraw"):
        assert client.get(reverse(f"proposals:{name}", args=[app.pk])).status_code == 405


def test_freelancer_sees_fee_and_receive_the_client_sees_the_bid(client):
    app = build(S.SENT)  # bid $45.00/hr
    client.force_login(app.freelancer)
    page = text(client.get(app.get_absolute_url()))
    assert "Your hourly rate" in page and "$45.00/hr" in page
    assert "Service fee (10%)" in page and "$4.50/hr" in page
    assert "You'll receive" in page and "$40.50/hr" in page
    client.force_login(app.job.client)
    page = text(client.get(app.get_absolute_url()))
    assert "Rate bid" in page and "$45.00/hr" in page
    assert "Service fee" not in page and "You'll receive" not in page


def test_page_shows_job_client_box_room_link_and_timeline(client):
    app = build(S.ACTIVE)
    client.force_login(app.freelancer)
    page = text(client.get(app.get_absolute_url()))
    assert app.job.title in page
    assert "Payment method verified" in page
    assert f'href="{app.room.get_absolute_url()}"' in page
    assert "Open conversation" in page
    timeline = page[page.index('aria-label="Timeline"') :]
    assert "Sent a proposal" in timeline and "Replied to the proposal" in timeline
    profile = app.job.client.client_profile
    profile.payment_verified = False
    profile.save()
    assert "Payment method not verified" in text(client.get(app.get_absolute_url()))


def test_no_room_link_before_a_room_exists(client):
    app = build(S.SENT)
    client.force_login(app.freelancer)
    page = text(client.get(app.get_absolute_url()))
    assert "Open conversation" not in page
    assert "A conversation opens when the client replies" in page


def test_an_accepted_offer_points_to_the_contract(client):
    app = build(S.HIRED)
    client.force_login(app.freelancer)
    page = text(client.get(app.get_absolute_url()))
    assert f'href="{app.contract.get_absolute_url()}"' in page
    assert "You are hired." in page


def test_the_freelancer_never_sees_the_clients_reason(client):
    app = build(S.REJECTED)  # reason: budget
    client.force_login(app.freelancer)
    page = text(client.get(app.get_absolute_url()))
    assert "The client decided not to move forward" in page
    assert "Budget" not in page
    client.force_login(app.job.client)
    assert "Reason: Budget" in text(client.get(app.get_absolute_url()))


# The freelancer's actions -------------------------------------------------------------------------------------------
def test_accept_invitation_with_new_terms_and_a_message(client):
    app = build(S.INVITED)
    client.force_login(app.freelancer)
    response = client.post(
        reverse("proposals:accept_invitation", args=[app.pk]),
        {"accept-message": "Happy to talk about it.", "accept-hourly_rate": "65"},
        follow=True,
    )
    app.refresh_from_db()
    assert app.status == S.ACTIVE and app.hourly_rate == Decimal("65.00")
    assert any("You accepted the invitation." in m for m in flash(response))
    assert app.room.messages.filter(body="Happy to talk about it.").exists()


def test_accept_invitation_without_a_message_keeps_the_input(client):
    app = build(S.INVITED)
    client.force_login(app.freelancer)
    response = client.post(
        reverse("proposals:accept_invitation", args=[app.pk]), {"accept-message": "", "accept-hourly_rate": "65"}
    )
    assert response.status_code == 200
    page = text(response)
    assert "Write a message to the client." in page
    assert 'value="65"' in page
    assert "You'll receive" in page and "$58.50/hr" in page  # the fee preview, server-side after submit
    app.refresh_from_db()
    assert app.status == S.INVITED


def test_decline_with_contact_details_is_refused_and_the_message_kept(client):
    app = build(S.INVITED)
    client.force_login(app.freelancer)
    message = "Write to me at maria@example.com instead."
    response = client.post(
        reverse("proposals:decline_invitation", args=[app.pk]),
        {"decline-reason": DeclineReason.TOO_BUSY, "decline-message": message},
    )
    assert response.status_code == 200
    page = text(response)
    assert "Remove the contact details from your message" in page
    assert message in page  # the textarea keeps it
    app.refresh_from_db()
    assert app.status == S.INVITED


def test_decline_needs_a_reason_and_other_needs_words(client):
    app = build(S.INVITED)
    client.force_login(app.freelancer)
    url = reverse("proposals:decline_invitation", args=[app.pk])
    assert "Reason: choose one." in text(client.post(url, {}))
    page = text(client.post(url, {"decline-reason": "other"}))
    assert "You chose “Other”: tell us the reason in a few words." in page
    response = client.post(url, {"decline-reason": "other", "decline-other_text": "Moving house"}, follow=True)
    assert "You declined the invitation. The client has been told." in flash(response)
    app.refresh_from_db()
    assert app.status == S.DECLINED


def test_ignore_then_find_it_archived_and_accept_later(client):
    app = build(S.INVITED)
    client.force_login(app.freelancer)
    response = client.post(reverse("proposals:ignore", args=[app.pk]), follow=True)
    assert any("Invitation archived." in m for m in flash(response))
    assert app.job.title in section(text(client.get(reverse("proposals:list"))), "archived")
    response = client.post(
        reverse("proposals:accept_invitation", args=[app.pk]), {"accept-message": "Sorry for the wait!"}, follow=True
    )
    app.refresh_from_db()
    assert app.status == S.ACTIVE


def test_update_terms_and_unchanged_terms(client):
    app = build(S.ACTIVE)  # $45.00/hr from the proposal
    client.force_login(app.freelancer)
    url = reverse("proposals:update_terms", args=[app.pk])
    response = client.post(url, {"terms-hourly_rate": "45.00"})
    assert response.status_code == 200
    assert "These are already your terms" in text(response)
    response = client.post(url, {"terms-hourly_rate": "55"}, follow=True)
    assert "Your new terms are sent to the client: $55.00/hr." in flash(response)
    app.refresh_from_db()
    assert app.hourly_rate == Decimal("55.00") and app.status == S.ACTIVE


def test_update_terms_on_a_fixed_price_job_needs_bid_and_duration(client, fixed_job, freelancer):
    app = services.submit_proposal(
        fixed_job, by=freelancer, cover_letter="Hi", fixed_bid=Decimal("700"), estimated_duration="1 to 3 months"
    )
    client.force_login(freelancer)
    page = text(client.get(app.get_absolute_url()))
    assert "Your bid" in page and "$700.00 fixed price" in page and "$630.00" in page
    response = client.post(reverse("proposals:update_terms", args=[app.pk]), {"terms-fixed_bid": "650"})
    assert "Say how long the work will take." in text(response)
    client.post(
        reverse("proposals:update_terms", args=[app.pk]),
        {"terms-fixed_bid": "650", "terms-estimated_duration": "Less than 1 month"},
    )
    app.refresh_from_db()
    assert app.fixed_bid == Decimal("650.00") and app.estimated_duration == "Less than 1 month"


def test_withdraw_proposal(client):
    app = build(S.SENT)
    client.force_login(app.freelancer)
    response = client.post(
        reverse("proposals:withdraw", args=[app.pk]), {"withdraw-reason": "scheduling_conflict"}, follow=True
    )
    assert "You withdrew your proposal. The client has been told." in flash(response)
    app.refresh_from_db()
    assert app.status == S.WITHDRAWN


def test_ask_clarification_keeps_the_offer_open(client):
    app = build(S.OFFERED)
    client.force_login(app.freelancer)
    response = client.post(
        reverse("proposals:ask_clarification", args=[app.pk]),
        {"clarify-message": "Is the rate negotiable?"},
        follow=True,
    )
    assert any("The offer stays open." in m for m in flash(response))
    app.refresh_from_db()
    assert app.status == S.OFFERED
    assert app.room.messages.filter(body="Is the rate negotiable?").exists()


def test_decline_offer(client):
    app = build(S.OFFERED)
    client.force_login(app.freelancer)
    response = client.post(
        reverse("proposals:decline_offer", args=[app.pk]), {"decline_offer-reason": "budget_too_low"}, follow=True
    )
    assert "You declined the offer. The client has been told." in flash(response)
    app.refresh_from_db()
    assert app.status == S.DECLINED


# Refusals: a clear message, never a 500 -------------------------------------------------------------------------
def test_an_action_the_state_does_not_allow_gives_a_clear_message(client):
    app = build(S.SENT)
    client.force_login(app.freelancer)
    response = client.post(reverse("proposals:accept_invitation", args=[app.pk]), {"accept-message": "Hi"}, follow=True)
    assert response.status_code == 200
    assert flash(response) == [
        "This proposal is waiting for the client's reply, so this invitation can't be accepted now."
    ]
    app.refresh_from_db()
    assert app.status == S.SENT


@pytest.mark.parametrize("state", END)
def test_an_end_state_refuses_every_action_with_a_message(client, state):
    app = build(state)
    client.force_login(app.freelancer)
    response = client.post(
        reverse("proposals:withdraw", args=[app.pk]), {"withdraw-reason": "rate_too_low"}, follow=True
    )
    assert response.status_code == 200
    assert "can no longer be withdrawn" in " ".join(flash(response))
    client.force_login(app.job.client)
    response = client.post(reverse("proposals:reject", args=[app.pk]), {"reject-reason": "budget"}, follow=True)
    assert "can no longer be declined" in " ".join(flash(response))
    app.refresh_from_db()
    assert app.status == state


def test_the_wrong_side_is_told_who_can_act(client):
    app = build(S.SENT)
    client.force_login(app.job.client)
    response = client.post(
        reverse("proposals:withdraw", args=[app.pk]), {"withdraw-reason": "rate_too_low"}, follow=True
    )
    assert flash(response) == ["Only the freelancer can do this."]
    client.force_login(app.freelancer)
    response = client.post(reverse("proposals:respond", args=[app.pk]), {"respond-message": "Hi"}, follow=True)
    assert flash(response) == ["Only the client can do this."]
    response = client.get(reverse("proposals:send_offer", args=[app.pk]), follow=True)
    assert flash(response) == ["Only the client can do this."]
    app.refresh_from_db()
    assert app.status == S.SENT


def test_a_closed_job_refuses_the_invitation_with_a_message(client):
    app = build(S.INVITED)
    services.close_job(app.job, by=app.job.client)
    client.force_login(app.freelancer)
    response = client.post(reverse("proposals:accept_invitation", args=[app.pk]), {"accept-message": "Hi"}, follow=True)
    assert "can no longer be accepted" in " ".join(flash(response))
    assert "This job is closed, so this application is closed." in text(response)


def test_accepting_a_withdrawn_offer_says_so(client):
    app = build(S.OFFERED)
    services.withdraw_offer(app, by=app.job.client)
    client.force_login(app.freelancer)
    response = client.post(reverse("contracts:accept_offer", args=[app.pk]), follow=True)
    assert response.status_code == 200
    assert "This offer was withdrawn by the client, so it can no longer be accepted." in flash(response)
    assert not Contract.objects.exists()


# The client's actions --------------------------------------------------------------------------------------------
def test_respond_starts_the_candidacy(client):
    app = build(S.SENT)
    client.force_login(app.job.client)
    url = reverse("proposals:respond", args=[app.pk])
    response = client.post(url, {"respond-message": "  "})
    assert response.status_code == 200 and "Write a message first." in text(response)
    response = client.post(url, {"respond-message": "Can you start Monday?"}, follow=True)
    assert any("is now an active candidate" in m for m in flash(response))
    app.refresh_from_db()
    assert app.status == S.ACTIVE and app.room is not None


def test_invite_to_interview_from_the_applicants_page_goes_back_there(client):
    app = build(S.SENT)
    client.force_login(app.job.client)
    applicants = reverse("hiring:applicants", args=[app.job.pk])
    response = client.post(reverse("proposals:invite_to_interview", args=[app.pk]), {"next": applicants})
    assert response.status_code == 302 and response["Location"] == applicants
    app.refresh_from_db()
    assert app.status == S.INVITED
    response = client.post(
        reverse("proposals:invite_to_interview", args=[app.pk]), {"next": "https://evil.example/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == app.get_absolute_url()


def test_send_offer_page(client):
    app = build(S.ACTIVE)
    client.force_login(app.job.client)
    url = reverse("proposals:send_offer", args=[app.pk])
    page = text(client.get(url))
    assert "Send an offer to" in page and ">Send offer</button>" in page
    assert 'value="45.00"' in page  # the rate they bid
    yesterday = timezone.localdate() - timedelta(days=1)
    data = {"payment_type": "hourly", "hourly_rate": "60", "weekly_limit": "", "start_date": yesterday.isoformat()}
    page = text(client.post(url, data))
    assert "Set a weekly limit between 1 and 100 hours." in page
    data["weekly_limit"] = "25"
    response = client.post(url, data)
    assert response.status_code == 200
    page = text(response)
    assert "The start date can't be in the past." in page and 'value="60"' in page
    data["start_date"] = timezone.localdate().isoformat()
    response = client.post(url, data, follow=True)
    assert any("Your offer is sent to" in m for m in flash(response))
    app.refresh_from_db()
    assert app.status == S.OFFERED and app.open_offer.weekly_limit == 25


def test_send_offer_expiry_errors_show_on_the_field(client):
    app = build(S.ACTIVE)
    client.force_login(app.job.client)
    response = client.post(
        reverse("proposals:send_offer", args=[app.pk]),
        {
            "payment_type": "fixed",
            "fixed_price": "900",
            "start_date": timezone.localdate().isoformat(),
            "expires_on": (timezone.localdate() + timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "An offer can stay open for 30 days at most." in response.context["form"].errors["expires_on"][0]


def test_send_offer_on_an_offered_application_is_refused(client):
    app = build(S.OFFERED)
    client.force_login(app.job.client)
    response = client.get(reverse("proposals:send_offer", args=[app.pk]), follow=True)
    assert "An offer is open on this application, so an offer can't be sent now." in flash(response)


def test_withdraw_offer_and_reject(client):
    app = build(S.OFFERED)
    client.force_login(app.job.client)
    response = client.post(reverse("proposals:withdraw_offer", args=[app.pk]), follow=True)
    assert flash(response) == ["Tick the box to confirm: withdrawing the offer means it can no longer be accepted."]
    app.refresh_from_db()
    assert app.status == S.OFFERED  # no tick, nothing changes
    response = client.post(reverse("proposals:withdraw_offer", args=[app.pk]), {"confirm": "yes"}, follow=True)
    assert any("You withdrew the offer" in m for m in flash(response))
    app.refresh_from_db()
    assert app.status == S.ACTIVE
    response = client.post(reverse("proposals:reject", args=[app.pk]), {"reject-reason": "chose_another"}, follow=True)
    assert any("not your reason" in m for m in flash(response))
    app.refresh_from_db()
    assert app.status == S.REJECTED


# Fee preview -------------------------------------------------------------------------------------------------
def test_fee_preview_partial(client):
    response = client.get(reverse("proposals:fee_preview"), {"terms-hourly_rate": "50"})
    page = text(response)
    assert "Service fee (10%)" in page and "$5.00/hr" in page
    assert "You'll receive" in page and "$45.00/hr" in page
    assert "<html" not in page
    page = text(client.get(reverse("proposals:fee_preview"), {"fixed_bid": "1234.50"}))
    assert "$123.45" in page and "$1,111.05" in page and "/hr" not in page
    for junk in ("", "abc", "NaN", "-5", "1e400"):
        page = text(client.get(reverse("proposals:fee_preview"), {"terms-hourly_rate": junk}))
        assert "Type an amount to see the service fee" in page


def test_fee_preview_follows_the_setting(client, settings):
    settings.SERVICE_FEE_RATE = "0.20"
    page = text(client.get(reverse("proposals:fee_preview"), {"hourly_rate": "50"}))
    assert "Service fee (20%)" in page and "$10.00/hr" in page and "$40.00/hr" in page


def test_terms_inputs_are_wired_to_the_fee_preview(client):
    app = build(S.SENT)
    client.force_login(app.freelancer)
    page = client.get(app.get_absolute_url()).content.decode()
    assert f'hx-get="{reverse("proposals:fee_preview")}"' in page
    assert 'hx-target="#fee-preview-terms"' in page and 'id="fee-preview-terms"' in page


# Submit proposal ---------------------------------------------------------------------------------------------
def test_submit_proposal(client, job, freelancer):
    client.force_login(freelancer)
    page = text(client.get(job.get_absolute_url()))
    assert "Submit proposal" in page
    url = reverse("hiring:submit_proposal", args=[job.pk])
    page = text(client.get(url))
    assert ">Submit proposal</button>" in page and "Cover letter" in page and "Hourly rate" in page
    response = client.post(url, {"hourly_rate": "50", "cover_letter": ""})
    page = text(response)
    assert "Write a cover letter for the client." in page
    assert "$45.00/hr" in page  # "You'll receive" for the rate typed, after submit
    response = client.post(url, {"hourly_rate": "50", "cover_letter": "I built three booking sites."}, follow=True)
    app = Application.objects.get(job=job, freelancer=freelancer)
    assert app.status == S.SENT and response.redirect_chain[-1][0] == app.get_absolute_url()
    assert any("Your proposal is sent ($50.00/hr)" in m for m in flash(response))
    # A second visit goes to the open application.
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == app.get_absolute_url()


def test_submit_proposal_on_a_fixed_price_job(client, fixed_job, freelancer):
    client.force_login(freelancer)
    url = reverse("hiring:submit_proposal", args=[fixed_job.pk])
    page = text(client.get(url))
    assert "Bid" in page and "How long will this project take?" in page and "Hourly rate" not in page
    client.post(url, {"fixed_bid": "750", "estimated_duration": "1 to 3 months", "cover_letter": "Hello"})
    app = Application.objects.get(job=fixed_job)
    assert app.fixed_bid == Decimal("750.00") and app.hourly_rate is None


def test_only_freelancers_submit_proposals(client, job):
    client.force_login(job.client)
    assert client.get(reverse("hiring:submit_proposal", args=[job.pk])).status_code == 403
    client.force_login(ClientFactory())
    assert client.get(reverse("hiring:submit_proposal", args=[job.pk])).status_code == 403
    assert "Submit proposal" not in text(client.get(job.get_absolute_url()))


def test_invite_only_jobs_take_proposals_from_invited_freelancers_only(client, client_user, freelancer):
    job = JobPostFactory(client=client_user, visibility=Visibility.INVITE_ONLY)
    client.force_login(freelancer)
    assert client.get(reverse("hiring:submit_proposal", args=[job.pk])).status_code == 404
    app = services.invite(job, freelancer, by=client_user)
    services.decline_invitation(app, by=freelancer, reason=DeclineReason.TOO_BUSY)
    response = client.post(
        reverse("hiring:submit_proposal", args=[job.pk]), {"hourly_rate": "40", "cover_letter": "Changed my mind"}
    )
    assert response.status_code == 302
    assert Application.objects.filter(job=job, freelancer=freelancer, status=S.SENT).exists()


def test_a_closed_job_takes_no_proposals(client, job, freelancer):
    services.close_job(job, by=job.client)
    client.force_login(freelancer)
    response = client.get(reverse("hiring:submit_proposal", args=[job.pk]), follow=True)
    assert "This job is closed, so it no longer takes proposals." in flash(response)
    assert "Submit proposal" not in text(response)


# The applicants page -----------------------------------------------------------------------------------------
def test_applicants_page_by_stage_with_links_terms_and_actions(client, job):
    apps = {state: build(state, job=job) for state in (S.SENT, S.INVITED, S.ACTIVE, S.OFFERED, S.WITHDRAWN)}
    client.force_login(job.client)
    url = reverse("hiring:applicants", args=[job.pk])
    page = text(client.get(url))
    for label, n in [("New proposals", 1), ("Unanswered invites", 1), ("Interviewing", 1), ("Offers", 1)]:
        assert f">{label} ({n})</a>" in page
    assert ">Hires (0)</a>" in page and ">Declined and closed (1)</a>" in page
    placement = {S.SENT: "proposals", S.INVITED: "invited", S.ACTIVE: "interviewing", S.OFFERED: "offers"}
    placement[S.WITHDRAWN] = "closed"
    pages = {key: text(client.get(f"{url}?tab={key}")) for key in placement.values()}
    for state, key in placement.items():
        part = section(pages[key], key)
        freelancer = apps[state].freelancer
        assert f'<a href="{freelancer.get_absolute_url()}">{freelancer.display_name}</a>' in part
        assert actions_on(part) == CLIENT_ACTIONS[state]
    assert "Rate bid: $45.00/hr" in section(pages["proposals"], "proposals")
    assert "Your offer: $50.00/hr, up to 20 hrs/week" in section(pages["offers"], "offers")


def test_opening_applicants_writes_nothing_the_page_posts_last_viewed(client, job):
    build(S.SENT, job=job)
    client.force_login(job.client)
    page = text(client.get(reverse("hiring:applicants", args=[job.pk])))
    job.refresh_from_db()
    assert job.client_last_viewed_at is None  # a GET (a prefetch, a crawler, a reload) changes nothing
    viewed = reverse("hiring:applicants_viewed", args=[job.pk])
    assert f'hx-post="{viewed}" hx-trigger="load"' in page  # the shown page posts it
    assert "Mark applicants as viewed</button>" in page  # without JavaScript, a button

    assert client.get(viewed).status_code == 405
    response = client.post(viewed, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    job.refresh_from_db()
    assert job.client_last_viewed_at is not None
    response = client.post(viewed)
    assert response.status_code == 302 and response["Location"] == reverse("hiring:applicants", args=[job.pk])


@pytest.mark.parametrize("who", ["freelancer", "other_client", "staff"])
def test_applicants_page_is_for_the_jobs_client_only(client, job, who):
    applicant = build(S.SENT, job=job).freelancer
    user = {
        "freelancer": lambda: applicant,
        "other_client": ClientFactory,
        "staff": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(user)
    assert client.get(reverse("hiring:applicants", args=[job.pk])).status_code == 404
    assert client.post(reverse("hiring:applicants_viewed", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.client_last_viewed_at is None


APPLICANTS_BUDGET = 10


def _many_applicants(job, count: int) -> None:
    states = cycle([S.SENT, S.INVITED, S.ACTIVE, S.OFFERED, S.ARCHIVED, S.WITHDRAWN, S.REJECTED])
    for _ in range(count):
        build(next(states), job=job)


@pytest.mark.parametrize("behind", [3, 1000])
def test_applicants_page_query_budget(client, job, behind, django_assert_max_num_queries):
    _many_applicants(job, 7)  # one in each tab but Hired
    bulk_applications(behind, job=job)
    client.force_login(job.client)
    url = reverse("hiring:applicants", args=[job.pk]) + "?tab=proposals"
    client.get(url)
    with django_assert_max_num_queries(APPLICANTS_BUDGET):
        response = client.get(url)
    assert _rows(response) == min(behind + 1, selectors.PAGE_SIZE)
    assert f">New proposals ({behind + 1})</a>" in text(response)


def test_applicants_page_queries_do_not_grow_with_the_data(client, job):
    _many_applicants(job, 7)
    client.force_login(job.client)
    url = reverse("hiring:applicants", args=[job.pk]) + "?tab=proposals"
    client.get(url)
    few = _queries(client, url)
    bulk_applications(1000, job=job)
    assert _queries(client, url) == few


def test_an_applicants_tab_pages_through_1000_rows(client, job):
    bulk_applications(1000, job=job)
    client.force_login(job.client)
    url = reverse("hiring:applicants", args=[job.pk])
    first = client.get(url)  # the first tab with rows
    assert _rows(first) == selectors.PAGE_SIZE
    assert "Page 1 of 50" in text(first)
    assert '<a href="?page=2" rel="next">' in first.content.decode()
    assert _rows(client.get(url + "?tab=proposals&page=50")) == selectors.PAGE_SIZE
    assert _rows(client.get(url + "?tab=invited")) == 0


def test_an_applicants_page_joins_only_its_own_rows(client, job):
    """The page's ids are read first (through the job/stage index), then those 20 rows with their people and
    rooms: the database never joins the whole tab (`selectors.IdsFirst`), and the order is the tab's."""
    bulk_applications(300, job=job)
    client.force_login(job.client)
    url = reverse("hiring:applicants", args=[job.pk]) + "?tab=proposals&page=3"
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    detailed = [q["sql"] for q in ctx.captured_queries if "accounts_freelancerprofile" in q["sql"]]
    assert len(detailed) == 1
    where = detailed[0].split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    ids = re.fullmatch(r'\(?"proposals_application"\."id" IN \(([\d, ]+)\)\)?', where)
    assert ids is not None, where  # by primary key alone, not by job and stage
    assert len(ids.group(1).split(",")) == selectors.PAGE_SIZE
    expected = list(
        Application.objects.filter(job=job, status=S.SENT)
        .order_by("-updated_at", "-id")
        .values_list("pk", flat=True)[40:60]
    )
    assert [app.pk for app in response.context["page"]] == expected


# Closing a job -----------------------------------------------------------------------------------------------
def test_close_job_closes_every_open_application_and_tells_each_freelancer(client, job):
    open_apps = [build(state, job=job) for state in (S.SENT, S.INVITED, S.ACTIVE, S.OFFERED)]
    ended = build(S.WITHDRAWN, job=job)
    client.force_login(job.client)
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'action="{reverse("hiring:close_job", args=[job.pk])}"' in page
    response = client.post(reverse("hiring:close_job", args=[job.pk]), {"close-reason": "Hired in-house"}, follow=True)
    assert flash(response) == [
        "Job closed. It no longer takes proposals. 4 open applications were closed, and each freelancer has been told."
    ]
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED and job.status_reason == "Hired in-house"
    for app in open_apps:
        app.refresh_from_db()
        assert app.status == S.CLOSED
        assert Notification.objects.filter(recipient=app.freelancer, kind=NotificationKind.JOB_CLOSED).count() == 1
    ended.refresh_from_db()
    assert ended.status == S.WITHDRAWN


def test_cancel_job_post(client, job):
    app = build(S.SENT, job=job)
    client.force_login(job.client)
    response = client.post(reverse("hiring:cancel_job", args=[job.pk]), {"cancel-reason": "Posted twice"}, follow=True)
    assert flash(response)[0].startswith("Job post cancelled. It no longer takes proposals. 1 open application was")
    app.refresh_from_db()
    assert app.status == S.CLOSED


def test_only_the_client_closes_the_job(client, job):
    app = build(S.SENT, job=job)
    client.force_login(app.freelancer)
    assert client.post(reverse("hiring:close_job", args=[job.pk])).status_code == 403
    hidden = JobPostFactory(visibility=Visibility.INVITE_ONLY)
    assert client.post(reverse("hiring:close_job", args=[hidden.pk])).status_code == 404
    app.refresh_from_db()
    assert app.status == S.SENT


# The job page and the freelancer's profile -----------------------------------------------------------------------
def test_job_page_shows_the_clients_hiring_links(client, job):
    client.force_login(job.client)
    page = text(client.get(job.get_absolute_url()))
    assert f'href="{reverse("hiring:applicants", args=[job.pk])}"' in page
    assert f'href="{reverse("hiring:invite_freelancers", args=[job.pk])}"' in page
    assert "Review applicants" in page and "Invite to interview" in page
    assert "Submit proposal" not in page


def test_invite_freelancers_page_finds_and_invites(client, job):
    maria = FreelancerFactory(first_name="Maria", last_name="Silva")
    FreelancerFactory(first_name="Otto", last_name="Other")
    client.force_login(job.client)
    url = reverse("hiring:invite_freelancers", args=[job.pk])
    page = text(client.get(url, {"q": "silva"}))
    assert "Maria Silva" in page and "Otto Other" not in page
    response = client.post(url, {"freelancer": maria.pk, "next": f"{url}?q=silva"}, follow=True)
    assert f"You invited Maria Silva to interview for “{job.title}”." in flash(response)
    assert "Already on this job (invited)" in text(response)
    app = Application.objects.get(job=job, freelancer=maria)
    assert app.status == S.INVITED
    response = client.post(url, {"freelancer": maria.pk}, follow=True)
    assert flash(response) == ["Maria Silva is already invited to interview for this job."]


def test_invite_freelancers_refuses_a_bad_choice_politely(client, job):
    client.force_login(job.client)
    url = reverse("hiring:invite_freelancers", args=[job.pk])
    for junk in ("", "abc", "999999", str(job.client.pk)):
        response = client.post(url, {"freelancer": junk}, follow=True)
        assert flash(response) == ["Choose a freelancer to invite."]
    assert not Application.objects.exists()


def test_invite_freelancers_page_is_for_the_jobs_client(client, job):
    client.force_login(FreelancerFactory())
    assert client.get(reverse("hiring:invite_freelancers", args=[job.pk])).status_code == 404


def test_profile_shows_response_time(client, freelancer):
    client.force_login(ClientFactory())
    assert "Response time" not in text(client.get(freelancer.get_absolute_url()))
    for _ in range(3):
        app = build(S.INVITED, freelancer=freelancer)
        services.accept_invitation(app, by=freelancer, message="Yes")
    page = text(client.get(freelancer.get_absolute_url()))
    assert "Response time" in page and "Usually responds within 24 hours" in page


def test_client_invites_from_the_profile_choosing_an_open_job(client, client_user, freelancer):
    open_job = JobPostFactory(client=client_user, title="Open job")
    closed = JobPostFactory(client=client_user, title="Closed job")
    services.close_job(closed, by=client_user)
    JobPostFactory(title="Someone else's job")
    client.force_login(client_user)
    url = freelancer.get_absolute_url()
    page = text(client.get(url))
    assert ">Invite to interview</button>" in page
    assert "Open job" in page and "Closed job" not in page and "Someone else's job" not in page
    invite = reverse("hiring:invite_from_profile", args=[freelancer.username])
    response = client.post(invite, {"job": "", "message": "Hello"})
    assert response.status_code == 200 and "Job: choose one." in text(response)
    assert "Hello" in text(response)
    response = client.post(invite, {"job": closed.pk, "message": "Hello"})
    assert "Choose one of the options in the list." in text(response)
    response = client.post(invite, {"job": open_job.pk, "message": "Would you like to talk?"}, follow=True)
    assert any("You invited Fred Freelancer to interview for “Open job”." in m for m in flash(response))
    app = Application.objects.get(job=open_job, freelancer=freelancer)
    assert app.status == S.INVITED and app.invitation_message == "Would you like to talk?"


def test_profile_has_no_invite_for_freelancers_or_clients_without_open_jobs(client, freelancer):
    client.force_login(FreelancerFactory())
    assert "Invite to interview" not in text(client.get(freelancer.get_absolute_url()))
    client.force_login(ClientFactory())
    page = text(client.get(freelancer.get_absolute_url()))
    assert "You have no open job to invite them to." in page
    assert ">Invite to interview</button>" not in page
    client.logout()
    assert client.get(freelancer.get_absolute_url()).status_code == 200


def test_a_freelancer_cannot_post_an_invitation(client, freelancer):
    other = FreelancerFactory()
    client.force_login(other)
    response = client.post(reverse("hiring:invite_from_profile", args=[freelancer.username]), {"job": 1}, follow=True)
    assert flash(response) == ["Only clients can invite freelancers to interview."]


@pytest.mark.django_db
def test_offer_status_reads_from_each_side(client):
    app = build(ApplicationStatus.OFFERED)
    client.force_login(app.freelancer)
    assert "Offer received" in client.get(reverse("proposals:list")).content.decode()
    assert "Offer received" in client.get(app.get_absolute_url()).content.decode()
    client.force_login(app.job.client)
    page = client.get(app.get_absolute_url()).content.decode()
    assert "Offer sent" in page and "Offer received" not in page


@pytest.mark.parametrize("bad_next", ["applicants", "jobs.list", "//evil.example/", "javascript:alert(1)", "/\\evil"])
def test_an_action_with_a_bad_next_goes_to_the_application(client, bad_next):
    # "applicants" (no leading slash) used to reach redirect() as a URL name: a 500 after the action was saved.
    app = build(S.SENT)
    client.force_login(app.job.client)
    response = client.post(reverse("proposals:invite_to_interview", args=[app.pk]), {"next": bad_next})
    assert response.status_code == 302 and response["Location"] == app.get_absolute_url()


def test_invite_freelancers_with_a_unicode_digit_or_a_bad_next_is_refused_politely(client, job):
    client.force_login(job.client)
    url = reverse("hiring:invite_freelancers", args=[job.pk])
    for freelancer_id in ("²", "١٢", "99999999999999999999", "-1", ""):
        response = client.post(url, {"freelancer": freelancer_id, "next": "jobs"}, follow=True)
        assert response.redirect_chain[0][0] == url
        assert flash(response) == ["Choose a freelancer to invite."]
    assert not Application.objects.filter(job=job).exists()
