"""Response time, the page groupings and the timeline as each side sees it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from proposals import selectors, services
from proposals.models import Application, ApplicationStatus, DeclineReason, RejectReason, WithdrawReason
from tests.factories import FreelancerFactory, JobPostFactory, UserFactory, build, bulk_applications

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def fred(db):
    return FreelancerFactory()


def invited(freelancer, *, ago: timedelta, answer: str | None = None, after: timedelta | None = None):
    """An invitation received `ago`, answered (accept/decline) `after` it arrived, or left as it is."""
    job = JobPostFactory()
    app = services.invite(job, freelancer, by=job.client)
    if answer == "accept":
        services.accept_invitation(app, by=freelancer, message="Yes")
    elif answer == "decline":
        services.decline_invitation(app, by=freelancer, reason=DeclineReason.TOO_BUSY)
    elif answer == "ignore":
        services.ignore_invitation(app, by=freelancer)
    elif answer == "withdrawn":  # the client takes the invitation back
        services.reject(app, by=job.client, reason=RejectReason.NO_LONGER_HIRING)
    invited_at = timezone.now() - ago
    fields = {"invited_at": invited_at}
    if answer in ("accept", "decline"):
        fields["responded_at"] = invited_at + after
    if answer == "withdrawn":
        fields["ended_at"] = invited_at + after
    Application.objects.filter(pk=app.pk).update(**fields)
    return app


def test_nothing_with_fewer_than_three_answers(fred):
    assert selectors.response_time(fred) is None
    invited(fred, ago=timedelta(days=5), answer="accept", after=timedelta(hours=1))
    invited(fred, ago=timedelta(days=5), answer="decline", after=timedelta(hours=1))
    invited(fred, ago=timedelta(days=5), answer="ignore")  # ignore is not an answer
    invited(fred, ago=timedelta(days=20))  # still unanswered
    assert selectors.response_time(fred) is None


def test_within_24_hours(fred):
    for hours in (1, 5, 23):
        invited(fred, ago=timedelta(days=10), answer="accept", after=timedelta(hours=hours))
    assert selectors.response_time(fred) == "within 24 hours"


def test_within_3_days(fred):
    invited(fred, ago=timedelta(days=10), answer="accept", after=timedelta(hours=2))
    invited(fred, ago=timedelta(days=10), answer="decline", after=timedelta(hours=30))
    invited(fred, ago=timedelta(days=10), answer="accept", after=timedelta(hours=60))
    assert selectors.response_time(fred) == "within 3 days"


def test_more_than_3_days(fred):
    for hours in (80, 100, 2):
        invited(fred, ago=timedelta(days=10), answer="decline", after=timedelta(hours=hours))
    assert selectors.response_time(fred) == "more than 3 days"


def test_ignored_invitations_count_as_unanswered(fred):
    for _ in range(3):
        invited(fred, ago=timedelta(days=10), answer="accept", after=timedelta(hours=1))
    assert selectors.response_time(fred) == "within 24 hours"
    for _ in range(4):
        invited(fred, ago=timedelta(days=10), answer="ignore")
    assert selectors.response_time(fred) == "more than 3 days"


def test_invitations_withdrawn_within_24_hours_do_not_count(fred):
    for _ in range(3):
        invited(fred, ago=timedelta(days=10), answer="accept", after=timedelta(hours=1))
    for _ in range(4):
        invited(fred, ago=timedelta(days=10), answer="withdrawn", after=timedelta(hours=20))
    assert selectors.response_time(fred) == "within 24 hours"
    for _ in range(4):
        invited(fred, ago=timedelta(days=10), answer="withdrawn", after=timedelta(hours=48))
    assert selectors.response_time(fred) == "more than 3 days"


def test_recent_unanswered_invitations_do_not_count_yet(fred):
    for _ in range(3):
        invited(fred, ago=timedelta(days=10), answer="accept", after=timedelta(hours=1))
    for _ in range(4):
        invited(fred, ago=timedelta(hours=30))
    assert selectors.response_time(fred) == "within 24 hours"


def test_only_the_last_90_days(fred):
    for _ in range(3):
        invited(fred, ago=timedelta(days=91), answer="accept", after=timedelta(hours=1))
    assert selectors.response_time(fred) is None


def test_response_time_is_one_query(fred, django_assert_num_queries):
    for _ in range(5):
        invited(fred, ago=timedelta(days=3), answer="accept", after=timedelta(hours=1))
    with django_assert_num_queries(1):
        selectors.response_time(fred)


def test_the_freelancer_sections_and_the_applicant_tabs(fred, django_assert_num_queries):
    apps = {state: build(state, freelancer=fred) for state in S.values}
    with django_assert_num_queries(2):  # their agencies, then the counts
        counts = selectors.freelancer_section_counts(fred)
    assert counts == {"offers": 1, "invitations": 1, "active": 1, "submitted": 1, "archived": 1, "past": 6}
    sections = {}
    with django_assert_num_queries(3 * len(counts)):  # their agencies, the rows, the offers
        for key in counts:
            sections[key] = list(selectors.freelancer_section(fred, key)[: selectors.PAGE_SIZE])
            for app in sections[key]:
                _ = (app.job.title, app.job.client.username, app.latest_offer, app.room)
    assert [app.status for app in sections["offers"]] == [S.OFFERED]
    assert [app.status for app in sections["invitations"]] == [S.INVITED]
    assert [app.status for app in sections["active"]] == [S.ACTIVE]
    assert [app.status for app in sections["submitted"]] == [S.SENT]
    assert [app.status for app in sections["archived"]] == [S.ARCHIVED]
    assert {app.status for app in sections["past"]} == {
        S.HIRED,
        S.DECLINED,
        S.WITHDRAWN,
        S.REJECTED,
        S.EXPIRED,
        S.CLOSED,
    }
    job = apps[S.SENT].job
    tab_counts = selectors.applicant_tab_counts(job)
    assert tab_counts == {"proposals": 1, "invited": 0, "interviewing": 0, "offers": 0, "hired": 0, "closed": 0}
    assert [a.pk for a in selectors.applicants_in_tab(job, "proposals")] == [apps[S.SENT].pk]
    assert not selectors.applicants_in_tab(job, "invited").exists()


def test_each_applicant_tab_counts_the_rows_it_pages(django_assert_num_queries):
    """The tab counts are the job's numbers (`jobs.selectors.job_numbers`) and the paginator trusts them, so each
    must be exactly the rows its tab lists, whatever the state."""
    job = JobPostFactory()
    for state in S.values:
        bulk_applications(1, status=state, job=job)
    with django_assert_num_queries(1):
        counts = selectors.applicant_tab_counts(job)
    assert counts == {key: selectors.applicants_in_tab(job, key).count() for key in counts}
    assert sum(counts.values()) == len(S.values)


def test_only_the_parties_see_an_application(fred):
    app = build(S.ACTIVE, freelancer=fred)
    assert selectors.application_for(fred, app.pk) == app
    assert selectors.application_for(app.job.client, app.pk) == app
    assert selectors.application_for(FreelancerFactory(), app.pk) is None
    assert selectors.application_for(UserFactory(is_staff=True), app.pk) is None  # moderators use the admin
    assert not app.is_party(FreelancerFactory())


def test_the_timeline_hides_a_clients_reason_from_the_freelancer():
    app = build(S.ACTIVE)
    services.reject(app, by=app.job.client, reason=RejectReason.BUDGET)
    for_freelancer = selectors.timeline(app, app.freelancer)
    for_client = selectors.timeline(app, app.job.client)
    for_moderator = selectors.timeline(app, UserFactory(is_staff=True))
    assert [e.action for e in for_freelancer] == ["submit", "respond", "reject"]
    assert (for_freelancer[-1].label, for_freelancer[-1].shown_reason) == (
        "The client decided not to move forward",
        "",
    )
    assert (for_client[-1].label, for_client[-1].shown_reason) == ("Declined the candidate", "Budget")
    assert for_moderator[-1].shown_reason == "Budget"


def test_the_timeline_shows_system_reasons_to_both_and_a_freelancers_reason_to_them():
    app = build(S.SENT)
    services.withdraw(app, by=app.freelancer, reason=WithdrawReason.UNRESPONSIVE_CLIENT)
    assert selectors.timeline(app, app.freelancer)[-1].shown_reason == "Unresponsive client"
    assert selectors.timeline(app, app.job.client)[-1].shown_reason == ""
    closed = build(S.CLOSED)
    assert selectors.timeline(closed, closed.freelancer)[-1].shown_reason == "The client closed the job"


def test_actions_for_lists_what_each_side_may_do_now():
    app = build(S.OFFERED)
    assert sorted(app.actions_for(app.freelancer)) == ["accept_offer", "ask_clarification", "decline_offer"]
    assert app.actions_for(app.job.client) == ["withdraw_offer"]
    assert app.actions_for(FreelancerFactory()) == []
    invitation = build(S.INVITED)
    assert sorted(invitation.actions_for(invitation.freelancer)) == [
        "accept_invitation",
        "decline_invitation",
        "ignore",
    ]
    assert invitation.actions_for(invitation.job.client) == ["reject", "send_offer"]
    assert build(S.HIRED).actions_for(app.freelancer) == []
