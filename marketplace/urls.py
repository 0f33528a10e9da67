from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Marketplace moderation"
admin.site.site_title = "Marketplace admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("admin/", admin.site.urls),
    # The hiring layer's pages under other apps' paths (/jobs/<id>/applicants/, /jobs/<id>/apply/, closing a
    # job, /freelancers/<username>/ with response time and "Invite to interview"): they live in proposals
    # because they call its services, and lower layers never import it.
    path("", include("proposals.hiring_urls")),
    path("", include("marketplace.accounts.urls")),
    path("jobs/", include("jobs.urls")),
    path("proposals/", include("proposals.urls")),
    path("contracts/", include("contracts.urls")),
    path("agencies/", include("contracts.agency_urls")),
    path("agencies/", include("agencies.urls")),
    path("", include("payments.urls")),
    path("", include("messaging.urls")),
]
