"""GeoReport v2 at /open311/v2/: every resource in .json and .xml."""

from django.urls import path, re_path

from . import views

app_name = "open311"

_FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    re_path(r"^discovery" + _FMT, views.discovery, name="discovery"),
    re_path(r"^services" + _FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<service_code>[^/]+?)" + _FMT, views.service_definition, name="service"),
    re_path(r"^requests" + _FMT, views.requests, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]+?)" + _FMT, views.request_detail, name="request"
    ),
    re_path(r"^tokens/(?P<token>[^/]+?)" + _FMT, views.token_detail, name="token"),
    # Anything else under /open311/v2/ is answered in the spec's error format, not HTML.
    re_path(r"^(?P<rest>.*?)(?:\.(?P<fmt>json|xml))?$", views.not_found, name="not_found"),
]
