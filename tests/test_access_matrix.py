"""Who may open or do what: every URL of the site x every kind of person, generated from the URL configuration.

A URL with no entry in `SITE` (or, in the admin, a model with no entry in `ADMIN_MODELS`) fails the suite, so a
new page cannot ship without someone deciding who may use it. The people, in the order of each expectation:

    A  anonymous                      c  an unrelated client             f  an unrelated freelancer
    t  an unrelated user with both roles                                 m  a moderator (staff, no role)
    C  the client (party)             F  the freelancer (party; owner of the agency)

and the outcomes, one letter each:

    o  served (a page, or the action done or answered on the page)
    r  refused with a message (the person may see the object, the action is not theirs or not now)
    d  denied: 403 or 404, nothing about the object shown
    l  sent to the site's login page          a  sent to the admin's login page
    n  not allowed for the method (405)       b  the form refused the empty input (400)
    q  rate-limited (429)                     u  unavailable (503, /healthz with no worker)

Actions are posted empty: the question here is who gets through, not whether the form is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.admin.sites import site as admin_site
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import ERROR, get_messages
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode

from contracts import services as contract_services
from contracts.models import Milestone, TimeEntry, Timesheet, week_start
from jobs.models import FlagReason, JobPost
from jobs.moderation import flag_job, flag_message, suspend_client
from marketplace.accounts.models import User
from messaging.models import Message, Notification
from messaging.services import post_message, set_preferences
from messaging.unsubscribe import unsubscribe_path
from payments.services import add_payment_method
from proposals.models import ApplicationStatus
from tests.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    ClientFactory,
    ClientProfileFactory,
    FreelancerFactory,
    FreelancerProfileFactory,
    JobPostFactory,
    ModeratorFactory,
    UserFactory,
    build,
    hire,
)

pytestmark = pytest.mark.django_db

ROLES = "AcftmCF"  # the parties last: what others try first must find the objects as they were


@dataclass
class World:
    people: dict[str, User | None]
    ids: dict[str, Any]


def _world() -> World:
    cache.clear()  # rate-limit counters from earlier cases
    client, freelancer = ClientFactory(), FreelancerFactory()
    both = UserFactory(is_client=True, is_freelancer=True)
    ClientProfileFactory(user=both)
    FreelancerProfileFactory(user=both)
    people: dict[str, User | None] = {
        "A": None,
        "C": client,
        "F": freelancer,
        "c": ClientFactory(),
        "f": FreelancerFactory(),
        "t": both,
        "m": ModeratorFactory(),
    }
    agency = AgencyFactory(created_by=freelancer)
    member = AgencyMembershipFactory(agency=agency)
    job = JobPostFactory(client=client)
    application = build(ApplicationStatus.OFFERED, job=job, freelancer=freelancer)
    message = post_message(application.room, sender=client, body="Could you start on Monday?")
    contract = hire(client=client, freelancer=freelancer)
    entry = TimeEntry.objects.create(
        timesheet=Timesheet.objects.create(contract=contract, week_start=week_start(timezone.localdate())),
        start=timezone.now() - timedelta(hours=2),
        segments=6,
        memo="Set up the project",
        created_by=freelancer,
    )
    fixed = hire(fixed=True, client=client, freelancer=freelancer)
    milestone = contract_services.add_milestone(fixed, by=client, description="Design", amount=Decimal("100"))
    agency_contract = hire(client=client, freelancer=member.user, agency=agency, sender=freelancer)
    method = add_payment_method(client, number="4242424242424242", exp_month=12, exp_year=2030, cvc="123")
    notification = Notification.objects.filter(recipient=freelancer).first()
    assert notification is not None
    ids = {
        "job": job.pk,
        "application": application.pk,
        "offered": application.pk,
        "room": application.room_id,
        "message": message.pk,
        "contract": contract.pk,
        "entry": entry.pk,
        "fixed": fixed.pk,
        "milestone": milestone.pk,
        "agency_contract": agency_contract.pk,
        "agency": agency.slug,
        "membership": member.pk,
        "member": member.user_id,
        "method": method.pk,
        "notification": notification.pk,
        "client": client.username,
        "freelancer": freelancer.username,
        "unsubscribe": unsubscribe_path(freelancer, notification.kind).rstrip("/").rsplit("/", 1)[-1],
        "uid": urlsafe_base64_encode(str(freelancer.pk).encode()),
        "reset": default_token_generator.make_token(freelancer),
    }
    return World(people, ids)


# The objects each URL parameter names, per namespace ("pk" means a different thing in each app).
PK = {
    "hiring": "job",
    "jobs": "job",
    "proposals": "application",
    "contracts": "contract",
    "messaging": "room",
    "agencies": "membership",
    "payments": "method",
}
PK_BY_NAME = {
    "jobs:flag_message": "message",
    "messaging:notification_open": "notification",
    "messaging:notification_read": "notification",
    "contracts:milestone_action": "fixed",
    "contracts:assign_member": "agency_contract",
    "contracts:unassign_member": "agency_contract",
}
PARAMS = {
    "slug": "agency",
    "application_pk": "offered",
    "entry_pk": "entry",
    "milestone_pk": "milestone",
    "user_pk": "member",
    "uidb64": "uid",
}


def _kwargs(name: str, route: str, ids: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for param in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if param == "pk":
            kwargs[param] = ids[PK_BY_NAME.get(name) or PK[name.split(":")[0]]]
        elif param == "username":
            kwargs[param] = ids["client" if name in ("accounts:client_profile", "jobs:flag_client") else "freelancer"]
        elif param == "token":
            kwargs[param] = ids["reset" if name.startswith("accounts:") else "unsubscribe"]
        elif param == "action":
            kwargs[param] = "fund"
        else:
            kwargs[param] = ids[PARAMS[param]]
    return kwargs


# Who gets what, per URL name and method, in the order of ROLES ("AcftmCF"). Pages are read with GET; actions
# and forms are posted empty.
SITE: dict[str, dict[str, str]] = {
    "home": {"GET": "ooooooo"},
    "healthz": {"GET": "uuuuuuu"},
    "ping": {"GET": "ooooooo", "POST": "nnnnnnn"},
    "hiring:applicants": {"GET": "lddddod"},
    "hiring:applicants_viewed": {"POST": "lddddod"},
    "hiring:submit_proposal": {"GET": "ldooddo", "POST": "ldooddo"},
    "hiring:invite_freelancers": {"GET": "lddddod", "POST": "lddddrd"},
    "hiring:close_job": {"POST": "lddddod"},
    "hiring:cancel_job": {"POST": "lddddod"},
    "hiring:freelancer_profile": {"GET": "ooooooo"},
    "hiring:invite_from_profile": {"POST": "lororor"},
    "hiring:hire_from_profile": {"GET": "lororor", "POST": "lororor"},
    "accounts:signup": {"GET": "ooooooo", "POST": "ooooooo"},
    "accounts:login": {"GET": "ooooooo", "POST": "ooooooo"},
    "accounts:logout": {"GET": "nnnnnnn", "POST": "ooooooo"},
    "accounts:password_reset": {"GET": "ooooooo", "POST": "ooooooo"},
    "accounts:password_reset_done": {"GET": "ooooooo"},
    "accounts:password_reset_confirm": {"GET": "ooooooo", "POST": "ooooooo"},
    "accounts:password_reset_complete": {"GET": "ooooooo"},
    "accounts:profile_edit": {"GET": "loooooo", "POST": "loooooo"},
    "accounts:client_profile": {"GET": "ooooooo"},
    "jobs:list": {"GET": "ooooooo"},
    "jobs:create": {"GET": "lododod", "POST": "lododod"},
    "jobs:mine": {"GET": "lododod"},
    "jobs:detail": {"GET": "ooooooo"},
    "jobs:edit": {"GET": "lddddod", "POST": "lddddod"},
    "jobs:flag": {"GET": "looooro", "POST": "lbbbbrb"},
    "jobs:flag_client": {"GET": "looooro", "POST": "lbbbbrb"},
    "jobs:flag_freelancer": {"GET": "looooor", "POST": "lbbbbbr"},
    "jobs:flag_message": {"GET": "lddddro", "POST": "lddddrb"},
    "proposals:list": {"GET": "loooooo"},
    "proposals:fee_preview": {"GET": "ooooooo"},
    "proposals:detail": {"GET": "lddddoo"},
    "proposals:accept_invitation": {"POST": "lddddrr"},
    "proposals:decline_invitation": {"POST": "lddddrr"},
    "proposals:ignore": {"POST": "lddddrr"},
    "proposals:update_terms": {"POST": "lddddrr"},
    "proposals:withdraw": {"POST": "lddddrr"},
    "proposals:ask_clarification": {"POST": "lddddro"},
    "proposals:decline_offer": {"POST": "lddddro"},
    "proposals:respond": {"POST": "lddddrr"},
    "proposals:invite_to_interview": {"POST": "lddddrr"},
    "proposals:send_offer": {"GET": "lddddrr", "POST": "lddddrr"},
    "proposals:withdraw_offer": {"POST": "lddddrr"},
    "proposals:reject": {"POST": "lddddrr"},
    "contracts:list": {"GET": "loooooo"},
    "contracts:detail": {"GET": "lddddoo"},
    "contracts:end": {"POST": "lddddoo"},
    "contracts:bonus": {"POST": "lddddrr"},
    "contracts:pause": {"POST": "lddddrr"},
    "contracts:resume": {"POST": "lddddrr"},
    "contracts:feedback": {"POST": "lddddrr"},
    "contracts:work_diary": {"GET": "lddddoo"},
    "contracts:start_timer": {"POST": "lddddro"},
    "contracts:stop_timer": {"POST": "lddddrr"},
    "contracts:add_manual_time": {"POST": "lddddrr"},
    "contracts:manual_time_setting": {"POST": "lddddor"},
    "contracts:weekly_limit": {"POST": "lddddrr"},
    "contracts:dispute_entry": {"POST": "lddddrr"},
    "contracts:add_milestone": {"POST": "lddddrr"},
    "contracts:assign_member": {"POST": "lddddrr"},
    "contracts:unassign_member": {"POST": "lddddoo"},
    "contracts:milestone_action": {"POST": "lddddor"},
    "contracts:accept_offer": {"POST": "lddddrr"},
    "agency_contracts:list": {"GET": "ldddddo"},
    "agencies:mine": {"GET": "loooooo"},
    "agencies:create": {"GET": "ldooddo", "POST": "ldooddo"},
    "agencies:detail": {"GET": "ooooooo"},
    "agencies:add_member": {"POST": "ldddddb"},
    "agencies:remove_member": {"POST": "lrrrrro"},
    "agencies:accept": {"POST": "ldddddo"},
    "agencies:decline": {"POST": "ldddddr"},
    "agencies:leave": {"POST": "looooor"},
    "agencies:naming": {"POST": "lrrrrro"},
    "payments:list": {"GET": "loooooo"},
    "payments:billing": {"GET": "lododod", "POST": "lbdbdbd"},
    "payments:remove_method": {"POST": "lddddod"},
    "payments:agency": {"GET": "ldddddo", "POST": "ldddddb"},
    "messaging:inbox": {"GET": "loooooo"},
    "messaging:room": {"GET": "lddddoo"},
    "messaging:send": {"POST": "lddddbb"},
    "messaging:room_read": {"POST": "lddddoo"},
    "messaging:room_updates": {"GET": "lddddoo"},
    "messaging:leaving": {"GET": "ooooooo"},
    "messaging:notifications": {"GET": "loooooo"},
    "messaging:notifications_read_all": {"POST": "loooooo"},
    "messaging:notifications_seen": {"POST": "loooooo"},
    "messaging:notification_open": {"POST": "ldddddo"},
    "messaging:notification_read": {"POST": "ldddddo"},
    "messaging:preferences": {"GET": "loooooo", "POST": "loooooo"},
    "messaging:unsubscribe": {"GET": "ooooooo", "POST": "ooooooo"},
}


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}"


def outcome(response) -> str:
    status = response.status_code
    if status == 503:  # /healthz without a worker: an answer, not a crash
        return "u"
    assert status < 500, f"server error {status}"
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("accounts:login")):
            return "l"
        if location.startswith(reverse("admin:login")):
            return "a"
    if status in (403, 404):
        return "d"
    if status == 405:
        return "n"
    if status == 400:
        return "b"
    if status == 429:
        return "q"
    if any(m.level >= ERROR for m in get_messages(response.wsgi_request)):
        return "r"
    assert status in (200, 204, 301, 302, 303), f"unexpected status {status}"
    return "o"


def _try(world: World, name: str, route: str, method: str) -> str:
    url = reverse(name, kwargs=_kwargs(name, route, world.ids))
    got = []
    for role in ROLES:
        cache.clear()  # rate limits count per address, and every person here comes from 127.0.0.1
        http = Client()
        person = world.people[role]
        if person is not None:
            http.force_login(person)
        response = http.get(url) if method == "GET" else http.post(url, {})
        got.append(outcome(response))
    return "".join(got)


def _site_routes() -> dict[str, str]:
    return {name: route for route, name in _walk(get_resolver().url_patterns) if not route.startswith("admin/")}


def test_every_url_has_an_entry():
    routes = _site_routes()
    assert sorted(set(routes) - set(SITE)) == [], "new URLs: decide who may use them in SITE"
    assert sorted(set(SITE) - set(routes)) == []


@pytest.mark.parametrize("name", sorted(_site_routes()))
def test_who_may_use_each_url(name):
    expected = SITE.get(name)
    assert expected, f"{name} has no entry in SITE: decide who may use it"
    world = _world()
    route = _site_routes()[name]
    assert {method: _try(world, name, route, method) for method in expected} == expected


# The admin: anonymous people and users without staff status get the admin's login page everywhere; what a
# moderator gets is decided per model, on its list, add, change, history and delete pages in that order.
ADMIN_KINDS = ("changelist", "add", "change", "history", "delete")
MODERATOR: dict[str, str] = {
    "auth.group": "ddddd",
    "axes.accessattempt": "ddddd",
    "axes.accesslog": "ddddd",
    "axes.accessfailurelog": "ddddd",
    "accounts.user": "odood",
    "accounts.clientprofile": "odood",
    "activity.activity": "ddddd",
    "messaging.room": "ddddd",  # conversations only through Flagged rooms
    "messaging.message": "ddddd",
    "messaging.notification": "odood",  # email delivery: see and retry
    "messaging.notificationpreference": "ddddd",
    "agencies.agency": "odood",
    "agencies.agencymembership": "odood",
    "jobs.jobpost": "odood",
    "jobs.flag": "odood",
    "jobs.flaggedjob": "odood",
    "jobs.flaggedroom": "odood",
    "jobs.suspendedaccount": "odood",
    "taggit.tag": "ddddd",
    "proposals.application": "ddddd",
    "proposals.offer": "ddddd",
    "payments.ledgertransaction": "ddddd",
    "payments.paymentmethod": "ddddd",
    "contracts.contract": "ddddd",
}
# The admin's other pages: anonymous, a non-staff user, a moderator.
ADMIN_PAGES: dict[str, str] = {
    "admin:index": "aao",
    "admin:login": "ooo",
    "admin:logout": "oon",  # a signed-in person logs out with a POST
    "admin:password_change": "aao",
    "admin:password_change_done": "aao",
    "admin:autocomplete": "aad",
    "admin:jsi18n": "aao",
    "admin:view_on_site": "aao",  # staff only: a redirect to the object's own page, which checks access itself
    "admin:app_list": "aao",
    "admin:auth_user_password_change": "aad",
    "admin:taggit_tag_merge_tags": "aad",
}


def _admin_routes() -> dict[str, str]:
    return {name: route for route, name in _walk(get_resolver().url_patterns) if route.startswith("admin/")}


def _model_urls() -> dict[str, tuple[str, int]]:
    """Each model page's URL name -> (model label, index in ADMIN_KINDS)."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{kind}": (model._meta.label_lower, i)
        for model in admin_site._registry
        for i, kind in enumerate(ADMIN_KINDS)
    }


def test_every_admin_url_has_an_entry():
    labels = {model._meta.label_lower for model in admin_site._registry}
    assert sorted(labels - set(MODERATOR)) == [], "new admin models: decide what moderators may do in MODERATOR"
    assert sorted(set(MODERATOR) - labels) == []
    named = set(_admin_routes()) - {"admin:None"}
    assert sorted(named - set(_model_urls()) - set(ADMIN_PAGES)) == []
    assert sorted(set(ADMIN_PAGES) - named) == []


def _admin_world() -> tuple[World, dict[str, str]]:
    """The world, and a row of every admin model (its primary key)."""
    world = _world()
    JobPostFactory(skills=["django"])
    Client().post(reverse("admin:login"), {"username": "nobody", "password": "wrong"})  # axes' failure records
    for record in (AccessLog, AccessFailureLog):
        record.objects.create(username="nobody", ip_address="127.0.0.1", user_agent="test", attempt_time=timezone.now())
    set_preferences(world.people["F"], {"job_closed": False})
    people = world.people
    contract_services.fund_milestone(Milestone.objects.get(pk=world.ids["milestone"]), by=people["C"])
    flag_job(JobPost.objects.get(pk=world.ids["job"]), by=people["f"], reason=FlagReason.SPAM)
    flag_message(Message.objects.get(pk=world.ids["message"]), by=people["F"], reason=FlagReason.SCAM)
    suspended = ClientFactory()
    suspend_client(suspended, by=ModeratorFactory(), note="")
    rows = {
        "jobs.flaggedjob": str(world.ids["job"]),
        "jobs.flaggedroom": str(world.ids["room"]),
        "jobs.suspendedaccount": str(suspended.pk),
    }
    for model in admin_site._registry:
        if model._meta.label_lower in rows:
            continue
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"no {model._meta.label} row to open"
        rows[model._meta.label_lower] = str(row.pk)
    return world, rows


def test_who_may_use_the_admin():
    world, rows = _admin_world()
    urls = _model_urls()
    routes = _admin_routes()
    expected, got = {}, {}
    for name in sorted(set(urls) | set(ADMIN_PAGES)):
        kwargs: dict[str, str] = {}
        if name in urls:
            label, kind = urls[name]
            expected[name] = "aa" + MODERATOR[label][kind]
            if "<path:object_id>" in routes[name]:
                kwargs["object_id"] = rows[label]
        else:
            expected[name] = ADMIN_PAGES[name]
            kwargs = {
                "admin:view_on_site": {
                    "content_type_id": str(ContentType.objects.get_for_model(JobPost).pk),
                    "object_id": str(world.ids["job"]),
                },
                "admin:app_list": {"app_label": "jobs"},
                "admin:auth_user_password_change": {"id": str(world.people["F"].pk)},
            }.get(name, {})
        url = reverse(name, kwargs=kwargs)
        got[name] = ""
        for role in "ACm":
            http = Client()
            person = world.people[role]
            if person is not None:
                http.force_login(person)
            got[name] += outcome(http.get(url))
    assert got == expected
