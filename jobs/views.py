from django.shortcuts import render


def list(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "Find work"})


def create(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "Post job"})


def mine(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "My job posts"})


def detail(request, **kwargs):
    return render(request, "placeholder.html", {"heading": "Job"})
