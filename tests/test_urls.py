"""The URL configuration: every path is served by exactly one view of one app (no app takes over another's path)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _app_of(entry: URLPattern) -> str:
    callback = entry.callback
    module = getattr(callback, "view_class", callback).__module__
    return module.removeprefix("marketplace.").split(".")[0]


def test_no_path_is_served_by_two_views():
    served: dict[str, list[str]] = defaultdict(list)
    for route, entry in _walk(get_resolver().url_patterns):
        # One shape per path: converter names don't matter (<int:pk> and <int:id> match the same URLs).
        shape = re.sub(r"<(?:(\w+):)?\w+>", lambda m: f"<{m.group(1) or 'str'}>", route)
        served[shape].append(f"{_app_of(entry)}:{entry.name}")
    twice = {shape: views for shape, views in served.items() if len(views) > 1}
    assert twice == {}


def test_the_room_send_path_is_messagings():
    match = get_resolver().resolve("/messages/1/send/")
    assert (match.namespace, match.url_name, match.func.__module__) == ("messaging", "send", "messaging.views")


# Each lower layer's templates and the namespaces of the layers above it (accounts -> messaging -> agencies -> jobs ->
# hiring).
_ABOVE = {
    "templates/accounts": "messaging|jobs|hiring|proposals|contracts|payments",
    "templates/messaging": "jobs|hiring|proposals|contracts|payments",
    "templates/agencies": "jobs|hiring|proposals|contracts|agency_contracts|payments",
    "templates/jobs": "hiring|proposals|contracts|payments",
}


def test_lower_layers_name_no_higher_urls():
    """Lower layers' templates get a higher layer's links from it (`jobs/links.py`, `accounts/links.py`)."""
    named = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder, above in _ABOVE.items()
        for path in (ROOT / folder).rglob("*.html")
        for name in re.findall(rf"\{{% url '((?:{above}):\w+)'", path.read_text())
    ]
    assert named == []


def test_the_application_states_jobs_counts_are_the_hiring_layers():
    """jobs.selectors counts applications by their state strings (it may not import the hiring layer); these
    must stay values of `ApplicationStatus`/`Origin`, or the counts silently go to zero."""
    from jobs import selectors
    from proposals.models import ApplicationStatus, Origin

    states = {
        *selectors.OPEN_APPLICATION_STATES,
        *selectors.INVITED_STATES,
        *selectors.INTERVIEWING_STATES,
        selectors.SENT,
        selectors.OFFERED,
        selectors.HIRED,
        *selectors.ENDED_WITHOUT_HIRE,
    }
    assert states == set(ApplicationStatus.values)
    assert {selectors.ORIGIN_PROPOSAL, selectors.ORIGIN_INVITATION} <= set(Origin.values)


def test_the_agency_paths_are_the_agencies_apps():
    resolver = get_resolver()
    for path, name in [
        ("/agencies/", "mine"),
        ("/agencies/new/", "create"),
        ("/agencies/pixel-forge/", "detail"),
        ("/agencies/pixel-forge/members/add/", "add_member"),
        ("/agencies/pixel-forge/members/1/remove/", "remove_member"),
        ("/agencies/pixel-forge/join/", "accept"),
        ("/agencies/pixel-forge/decline/", "decline"),
        ("/agencies/pixel-forge/leave/", "leave"),
        ("/agencies/pixel-forge/naming/", "naming"),
    ]:
        match = resolver.resolve(path)
        assert (match.namespace, match.url_name, match.func.__module__) == ("agencies", name, "agencies.views")
    # The agency's contracts and balance are served by the layers that hold them, under the agency's path.
    match = resolver.resolve("/agencies/pixel-forge/contracts/")
    assert (match.namespace, match.url_name, match.func.__module__) == ("agency_contracts", "list", "contracts.views")
    match = resolver.resolve("/agencies/pixel-forge/payments/")
    assert (match.namespace, match.url_name, match.func.__module__) == ("payments", "agency", "payments.views")
    for path, name in [
        ("/contracts/1/members/assign/", "assign_member"),
        ("/contracts/1/members/2/unassign/", "unassign_member"),
    ]:
        match = resolver.resolve(path)
        assert (match.namespace, match.url_name) == ("contracts", name)


def test_each_model_admin_is_registered_by_the_app_that_owns_the_model():
    from django.contrib import admin

    elsewhere = {}
    for model, model_admin in admin.site._registry.items():
        owner = model._meta.app_config.name
        if not owner.startswith(("marketplace", "jobs", "messaging", "proposals", "contracts", "agencies", "payments")):
            continue  # third-party models (django-taggit's tags) are re-registered by the app that uses them
        if not type(model_admin).__module__.startswith(owner + "."):
            elsewhere[model._meta.label] = type(model_admin).__module__
    assert elsewhere == {}


def test_the_moderators_client_actions_reach_accounts_admin_through_the_setting():
    from django.contrib import admin

    from marketplace.accounts.models import ClientProfile

    model_admin = admin.site.get_model_admin(ClientProfile)
    assert "suspend_clients" in model_admin.actions
    assert "mark_payment_verified" in model_admin.actions
