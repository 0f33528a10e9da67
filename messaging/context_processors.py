from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """Unread counts for the navigation badges; two cheap COUNT queries for signed-in users only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .selectors import unread_counts

    return {"nav_counts": unread_counts(user)}
