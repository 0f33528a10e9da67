from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/end/", views.end_contract, name="end"),
    path("<int:pk>/milestones/add/", views.add_milestone, name="add_milestone"),
    path("<int:pk>/milestones/<int:milestone_pk>/<slug:action>/", views.milestone_action, name="milestone_action"),
    # "Accept offer" on an application page: it creates the contract, so it lives in this (higher) layer.
    path("accept-offer/<int:application_pk>/", views.accept_offer, name="accept_offer"),
]
