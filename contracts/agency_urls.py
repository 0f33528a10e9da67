"""The agency's contracts list, under the agency's path (/agencies/<slug>/contracts/): it reads contracts, so it is
served by this layer, mounted before the agencies app's URLs."""

from django.urls import path

from . import views

app_name = "agency_contracts"

urlpatterns = [
    path("<slug:slug>/contracts/", views.AgencyContractsView.as_view(), name="list"),
]
