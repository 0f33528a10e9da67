"""Room sending served by the hiring layer, mounted in `marketplace/urls.py` before the messaging URLs.

The path is messaging's "Send message" path: the form keeps posting to `messaging:send`, and this view
handles it with the screening of hiring rooms (messaging never imports the hiring layer).
"""

from django.urls import path

from . import safety_views

app_name = "safety"

urlpatterns = [
    path("messages/<int:pk>/send/", safety_views.send_message, name="send_message"),
]
