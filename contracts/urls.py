from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/end/", views.end_contract, name="end"),
    path("<int:pk>/bonus/", views.give_bonus, name="bonus"),
    path("<int:pk>/pause/", views.pause_contract, name="pause"),
    path("<int:pk>/resume/", views.resume_contract, name="resume"),
    path("<int:pk>/feedback/", views.leave_feedback, name="feedback"),
    path("<int:pk>/work-diary/", views.WorkDiaryView.as_view(), name="work_diary"),
    path("<int:pk>/timer/start/", views.start_timer, name="start_timer"),
    path("<int:pk>/timer/stop/", views.stop_timer, name="stop_timer"),
    path("<int:pk>/manual-time/", views.add_manual_time, name="add_manual_time"),
    path("<int:pk>/manual-time/setting/", views.manual_time_setting, name="manual_time_setting"),
    path("<int:pk>/weekly-limit/", views.change_weekly_limit, name="weekly_limit"),
    path("<int:pk>/time/<int:entry_pk>/dispute/", views.dispute_entry, name="dispute_entry"),
    path("<int:pk>/milestones/add/", views.add_milestone, name="add_milestone"),
    path("<int:pk>/members/assign/", views.assign_member, name="assign_member"),
    path("<int:pk>/members/<int:user_pk>/unassign/", views.unassign_member, name="unassign_member"),
    path("<int:pk>/milestones/<int:milestone_pk>/<slug:action>/", views.milestone_action, name="milestone_action"),
    # "Accept offer" on an application page: it creates the contract, so it lives in this (higher) layer.
    path("accept-offer/<int:application_pk>/", views.accept_offer, name="accept_offer"),
]
