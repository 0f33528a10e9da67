from django.shortcuts import render


def inbox(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "Messages"})


def notifications(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "Notifications"})


def preferences(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "Notification settings"})
