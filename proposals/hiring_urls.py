"""Hiring pages that live under other apps' paths: a job's applicants, proposals and invitations, closing a job,
and the freelancer's profile with response time and "Invite to interview".

Mounted at the site root in `marketplace/urls.py`, before the jobs and accounts URLs, so these paths are served
here (the hiring layer may import jobs and accounts; they never import it).
"""

from django.urls import path

from . import views

app_name = "hiring"

urlpatterns = [
    path("jobs/<int:pk>/applicants/", views.applicants, name="applicants"),
    path("jobs/<int:pk>/applicants/viewed/", views.applicants_viewed, name="applicants_viewed"),
    path("jobs/<int:pk>/apply/", views.submit_proposal, name="submit_proposal"),
    path("jobs/<int:pk>/invite/", views.invite_freelancers, name="invite_freelancers"),
    path("jobs/<int:pk>/close/", views.close_job, name="close_job"),
    path("jobs/<int:pk>/cancel/", views.cancel_job, name="cancel_job"),
    path("freelancers/<str:username>/", views.freelancer_profile, name="freelancer_profile"),
    path("freelancers/<str:username>/invite/", views.invite_from_profile, name="invite_from_profile"),
    path("freelancers/<str:username>/hire/", views.hire_from_profile, name="hire_from_profile"),
]
