from django.urls import path

from .views import actions, detail, lists, register

app_name = "backoffice"

urlpatterns = [
    path("", lists.home, name="home"),
    path("queue/<slug:name>/", lists.queue, name="queue"),
    path("complaints/", lists.complaints, name="complaint_list"),
    path("complaints/new/", register.complaint_register, name="complaint_register"),
    path("complaints/<str:tracking_code>/", detail.complaint_detail, name="complaint_detail"),
    path(
        "complaints/<str:tracking_code>/act/<slug:name>/",
        actions.complaint_act,
        name="complaint_act",
    ),
    path(
        "complaints/<str:tracking_code>/attachments/<int:attachment_id>/",
        detail.attachment_download,
        name="attachment_download",
    ),
    path("complainants/lookup/", register.complainant_lookup, name="complainant_lookup"),
]
