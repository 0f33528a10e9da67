from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.list, name="list"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
]
