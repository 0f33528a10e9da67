from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("", views.MyAgenciesView.as_view(), name="mine"),
    path("new/", views.CreateAgencyView.as_view(), name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/members/add/", views.add_member, name="add_member"),
    path("<slug:slug>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
    path("<slug:slug>/join/", views.accept_invitation, name="accept"),
    path("<slug:slug>/decline/", views.decline_invitation, name="decline"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/naming/", views.naming, name="naming"),
]
