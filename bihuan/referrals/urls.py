from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.batches, name="batch_list"),
    path("import/", views.import_file, name="import"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("export/", views.export_results, name="export"),
]
