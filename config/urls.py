"""Top-level URLs: staff app, notification centre, public portal, REST API, Open311,
referral exchange, admin, authentication, language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("bihuan.backoffice.urls")),
    path("notifications/", include("bihuan.notifications.urls")),
    path("portal/", include("bihuan.portal.urls")),
    path("api/", include("bihuan.api.urls")),
    path("open311/v2/", include("bihuan.open311.urls")),
    path("referrals/", include("bihuan.referrals.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
