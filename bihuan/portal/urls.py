"""The public portal, under /portal/: file a complaint, then follow it."""

from django.urls import path

from .views import status, submit

app_name = "portal"

urlpatterns = [
    path("", submit.submit, name="submit"),
    path("filed/", submit.filed, name="filed"),
    path("captcha.png", submit.captcha_picture, name="captcha_picture"),
    path("captcha/new/", submit.captcha_new, name="captcha_new"),
    path("status/", status.status, name="status"),
    path("status/<str:tracking_code>/", status.complaint, name="complaint"),
    path("status/<str:tracking_code>/add/", status.supplement, name="supplement"),
    path("status/<str:tracking_code>/rate/", status.rate, name="rate"),
]
