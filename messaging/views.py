from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from marketplace.http import MAX_ID

from . import selectors, services
from .forms import MessageForm, PreferencesForm
from .models import Notification, email_when
from .unsubscribe import target as unsubscribe_target

INBOX_PAGE_SIZE = 30
NOTIFICATIONS_PAGE_SIZE = 25


def _int(value, default: int | None = None) -> int | None:
    try:
        return min(max(int(value), 0), MAX_ID)
    except (TypeError, ValueError):
        return default


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox(request.user), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    for membership in page.object_list:  # prefetched: no query per room
        membership.others = [m.user for m in membership.room.memberships.all() if m.user_id != request.user.pk]
    return render(request, "messaging/inbox.html", {"page": page})


@login_required
def room(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.membership_or_404(request.user, pk)
    return _render_room(request, membership, MessageForm())


def _render_room(request: HttpRequest, membership, form: MessageForm, status: int = 200) -> HttpResponse:
    room = membership.room
    before = _int(request.GET.get("before"))
    messages, has_older = selectors.room_messages(room, before=before)
    context = {
        "room": room,
        "people": [p for p in selectors.participants(room) if p.pk != request.user.pk],
        "room_messages": messages,  # not "messages": that name belongs to django.contrib.messages
        "has_older": has_older,
        "viewing_older": before is not None,
        "last_id": max((m.pk for m in messages), default=0),
        "form": form,
    }
    return render(request, "messaging/room.html", context, status=status)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    """The room's "Send message" form. The screening may refuse the words: the form shows why under the box."""
    membership = selectors.membership_or_404(request.user, pk)
    room = membership.room
    form = MessageForm(request.POST)
    if form.is_valid() and _sending_too_fast(request):
        form.add_error("body", "You are sending messages too fast. Wait a minute, then send it again.")
    if form.is_valid():
        try:
            services.check_new_account_rate(request.user)
            services.post_message(room, sender=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error("body", exc)
        except PermissionDenied as exc:  # left the room between the check and the post
            raise Http404("No such conversation.") from exc
    if not form.is_valid():
        if request.htmx:
            response = render(request, "messaging/partials/send_form.html", {"room": room, "form": form})
            response["HX-Retarget"] = "#send-form"
            response["HX-Reswap"] = "outerHTML"
            return response
        return _render_room(request, membership, form, status=400)
    if request.htmx:
        return _new_messages(request, room, after=_int(request.POST.get("after"), 0), sent=True)
    return redirect(f"{room.get_absolute_url()}#send-form")


@login_required
@require_POST
def room_read(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Mark as read": the reader has seen the room's messages up to message `last_id` (the newest shown).

    The room page posts it once shown and after each batch of new messages; opening or polling (GET) never writes.
    Answers htmx with the navigation badges (out of band), a plain form with the room again.
    """
    membership = selectors.membership_or_404(request.user, pk)
    room = membership.room
    up_to = selectors.read_up_to(room, _int(request.POST.get("last_id"), 0) or 0)
    if up_to is not None:
        services.mark_room_read(room, user=request.user, up_to=up_to)
    if request.htmx:
        return render(request, "messaging/partials/nav_links.html", {"oob": True})
    return redirect(room.get_absolute_url())


def _sending_too_fast(request: HttpRequest) -> bool:
    """`MESSAGE_RATE_LIMIT` messages per person (django-ratelimit; every send counts, across rooms)."""
    return is_ratelimited(
        request, group="messaging.send", key="user", rate=settings.MESSAGE_RATE_LIMIT, method="POST", increment=True
    )


@never_cache
@login_required
@require_GET
def updates(request: HttpRequest, pk: int) -> HttpResponse:
    """Messages newer than `after` (a message id) as a partial for htmx polling; 204 when there are none."""
    membership = selectors.membership_or_404(request.user, pk)
    return _new_messages(request, membership.room, after=_int(request.GET.get("after"), 0))


def _new_messages(request: HttpRequest, room, *, after: int, sent: bool = False) -> HttpResponse:
    new = selectors.messages_after(room.pk, after)
    if not new and not sent:
        return HttpResponse(status=204)
    context = {
        "room": room,
        "room_messages": new,
        "last_id": max([after, *(m.pk for m in new)]),
        "sent": sent,
        "form": MessageForm(),
    }
    response = render(request, "messaging/partials/new_messages.html", context)
    if new:
        # Once they are on the screen, the page's read form posts the new last id ("Mark as read").
        response["HX-Trigger-After-Settle"] = "messagesShown"
    return response


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # Shown now, so read: the page posts these back on load (htmx); a GET changes nothing by itself.
    unread_ids = ",".join(str(n.pk) for n in page.object_list if n.read_at is None)
    return render(request, "messaging/notifications.html", {"page": page, "unread_ids": unread_ids})


@login_required
@require_POST
def notifications_seen(request: HttpRequest) -> HttpResponse:
    """The notifications page was shown: mark the ones it listed read (the user's own only)."""
    ids = [int(part) for part in request.POST.get("ids", "").split(",") if part.strip().isdigit()]
    services.mark_read(request.user, ids)
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204)
    return _back_to_notifications(request)


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go to the thing it is about (a POST: it changes state)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_notification_read(notification, user=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("messaging:notifications")


def _back_to_notifications(request: HttpRequest) -> HttpResponse:
    page = _int(request.POST.get("page"))
    url = reverse("messaging:notifications")
    return redirect(f"{url}?page={page}" if page and page > 1 else url)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_notification_read(notification, user=request.user)
    return _back_to_notifications(request)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(request.user)
    if count:
        flash.success(request, "All notifications are marked as read.")
    return _back_to_notifications(request)


# Mail clients POST here without a session or a CSRF token (RFC 8058 one-click); the signed token is the only
# permission, and all it allows is switching one kind of email off for one person.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = unsubscribe_target(token)
    if found is None:
        return render(request, "messaging/unsubscribe.html", {"invalid": True}, status=404)
    user, kind = found
    done = request.method == "POST"
    if done:
        services.unsubscribe(user, kind)
    context = {"when": email_when(kind), "done": done, "for_you": request.user.pk == user.pk}
    return render(request, "messaging/unsubscribe.html", context)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, user=request.user, chosen=selectors.email_preferences(request.user))
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, form.cleaned_data)
        flash.success(request, "Your notification settings were saved.")
        return redirect("messaging:preferences")
    return render(request, "messaging/preferences.html", {"form": form})


@require_GET
def leaving(request: HttpRequest) -> HttpResponse:
    """ "You are leaving the marketplace": a notice before an external link from a message (no redirect)."""
    target = request.GET.get("to", "")
    if not target.lower().startswith(("http://", "https://")):
        # urlize links "www.example.com" without a scheme.
        target = f"http://{target}" if target.lower().startswith("www.") else ""
    return render(request, "messaging/leaving.html", {"target": target})
