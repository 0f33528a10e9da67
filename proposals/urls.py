from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.list, name="list"),
    path("<int:pk>/", views.list, name="detail"),
]
