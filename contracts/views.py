from django.shortcuts import render


def list(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "My Jobs"})
