from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.inbox, name="inbox"),
    path("messages/<int:pk>/", views.room, name="room"),
    path("messages/<int:pk>/send/", views.send, name="send"),
    path("messages/<int:pk>/read/", views.room_read, name="room_read"),
    path("messages/<int:pk>/updates/", views.updates, name="room_updates"),
    path("leaving/", views.leaving, name="leaving"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/seen/", views.notifications_seen, name="notifications_seen"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("settings/notifications/", views.preferences, name="preferences"),
    # The signed one-click link in every notification email (no login: the token is the permission).
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
