from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.find_work, name="list"),
    path("new/", views.post_job, name="create"),
    path("mine/", views.my_job_posts, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
