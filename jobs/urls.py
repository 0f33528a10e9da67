from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.find_work, name="list"),
    path("new/", views.post_job, name="create"),
    path("mine/", views.my_job_posts, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/flag/", views.flag_job, name="flag"),
    path("flag/client/<str:username>/", views.flag_client, name="flag_client"),
    path("flag/freelancer/<str:username>/", views.flag_freelancer, name="flag_freelancer"),
    path("flag/message/<int:pk>/", views.flag_message, name="flag_message"),
    # Closing and cancelling a job close its applications too: the hiring layer serves those
    # (hiring:close_job, hiring:cancel_job at /jobs/<id>/close/ and /jobs/<id>/cancel/).
]
