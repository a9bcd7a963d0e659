"""The schema and its documentation page, drawn with Swagger UI from our own static files."""

from __future__ import annotations

from django.templatetags.static import static
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

_DIST = "vendor/swagger-ui"  # copied from node_modules by scripts/copy_assets.sh


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of /api/v1/, public like any published API description."""

    permission_classes = [AllowAny]
    throttle_classes = []


class DocsView(SpectacularSwaggerView):
    """Swagger UI on the intranet: no CDN, every asset from STATIC_URL."""

    permission_classes = [AllowAny]
    throttle_classes = []
    url_name = "api:schema"

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return static(f"{_DIST}/{filename}")

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return static(f"{_DIST}/favicon-32x32.png")
