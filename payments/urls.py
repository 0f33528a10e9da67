from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("payments/", views.PaymentsView.as_view(), name="list"),
    path("settings/billing/", views.billing, name="billing"),
    path("settings/billing/<int:pk>/remove/", views.remove_method, name="remove_method"),
    path("agencies/<slug:slug>/payments/", views.agency_payments, name="agency"),
]
