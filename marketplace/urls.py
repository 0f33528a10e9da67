from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Marketplace moderation"
admin.site.site_title = "Marketplace admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("marketplace.accounts.urls")),
    path("jobs/", include("jobs.urls")),
    path("proposals/", include("proposals.urls")),
    path("contracts/", include("contracts.urls")),
    path("", include("messaging.urls")),
]
