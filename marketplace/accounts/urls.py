from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django_ratelimit.decorators import ratelimit

from . import views
from .forms import LoginForm

app_name = "accounts"


def _reset_rate(group: str, request) -> str:
    return settings.PASSWORD_RESET_RATE_LIMIT


urlpatterns = [
    path("accounts/signup/", views.SignUpView.as_view(), name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_reset/",
        # Per address and per email asked for; the same refusal whether the account exists or not.
        ratelimit(key="ip", rate=_reset_rate, method="POST")(
            ratelimit(key="post:email", rate=_reset_rate, method="POST")(
                auth_views.PasswordResetView.as_view(
                    success_url=reverse_lazy("accounts:password_reset_done"),
                    email_template_name="emails/password_reset.txt",
                    html_email_template_name="emails/password_reset.html",
                    subject_template_name="emails/password_reset_subject.txt",
                )
            )
        ),
        name="password_reset",
    ),
    path("accounts/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/profile/", views.profile_edit, name="profile_edit"),
    path("clients/<str:username>/", views.client_profile, name="client_profile"),
]
