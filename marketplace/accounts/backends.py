"""The password check behind every login form (the site's and the admin's), after django-axes' throttle."""

from __future__ import annotations

from django.contrib.auth.backends import AllowAllUsersModelBackend


class LoginBackend(AllowAllUsersModelBackend):
    """Django's model backend, except that a suspended person (`is_active` off) with the right password is
    authenticated, so the login form can tell them their account is suspended (`LoginForm.confirm_login_allowed`)
    instead of "wrong password", which sent them to reset a password that was never the problem. A wrong password
    gets the same answer whether the account is suspended or not, and a suspended person's sessions still stop
    working (`get_user`)."""

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
