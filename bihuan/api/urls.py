"""/api/: the versioned REST API (v1), its OpenAPI schema and documentation page.

Every other address under /api/ answers 404 in the API's error format.
"""

from django.urls import path, re_path

from bihuan.backoffice.actions import ACTIONS

from .errors import not_found
from .views import actions, attachments, complaints, docs, reference

app_name = "api"

complaint = "v1/complaints/<str:code>/"

urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("v1/", reference.RootView.as_view(), name="root"),
    path("v1/complaints/", complaints.ComplaintListView.as_view(), name="complaint-list"),
    path(complaint, complaints.ComplaintDetailView.as_view(), name="complaint-detail"),
    path(
        f"{complaint}actions/",
        actions.AvailableActionsView.as_view(),
        name="complaint-actions",
    ),
    *[
        path(
            f"{complaint}actions/{name}/",
            actions.action_view(name).as_view(),
            name=f"complaint-action-{name}",
        )
        for name in ACTIONS
    ],
    path(
        f"{complaint}timeline/",
        complaints.TimelineView.as_view(),
        name="complaint-timeline",
    ),
    path(
        f"{complaint}attachments/",
        attachments.AttachmentListView.as_view(),
        name="complaint-attachments",
    ),
    path(
        f"{complaint}attachments/<int:attachment_id>/",
        attachments.AttachmentDownloadView.as_view(),
        name="complaint-attachment-download",
    ),
    path("v1/categories/", reference.CategoryListView.as_view(), name="category-list"),
    path("v1/departments/", reference.DepartmentListView.as_view(), name="department-list"),
    path("v1/sites/", reference.SiteListView.as_view(), name="site-list"),
    re_path(r"^.*$", not_found),
]
