"""The freelancer's proposals and each application's page with its actions (mounted at /proposals/)."""

from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("fee-preview/", views.fee_preview, name="fee_preview"),
    path("<int:pk>/", views.detail, name="detail"),
    # The freelancer's actions.
    path("<int:pk>/accept/", views.accept_invitation, name="accept_invitation"),
    path("<int:pk>/decline/", views.decline_invitation, name="decline_invitation"),
    path("<int:pk>/ignore/", views.ignore_invitation, name="ignore"),
    path("<int:pk>/terms/", views.update_terms, name="update_terms"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/clarify/", views.ask_clarification, name="ask_clarification"),
    path("<int:pk>/decline-offer/", views.decline_offer, name="decline_offer"),
    # "Accept offer" creates a contract, so it is served by the contracts app (contracts:accept_offer).
    # The client's actions.
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/invite/", views.invite_to_interview, name="invite_to_interview"),
    path("<int:pk>/offer/", views.send_offer, name="send_offer"),
    path("<int:pk>/withdraw-offer/", views.withdraw_offer, name="withdraw_offer"),
    path("<int:pk>/decline-candidate/", views.reject, name="reject"),
]
