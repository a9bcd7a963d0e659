"""Reference data: the active categories, departments and sites (ids used in filters)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from bihuan.org.models import Category, Department, Site

from ..serializers import CategorySerializer, DepartmentSerializer, SiteSerializer
from .base import COMMON_ERRORS, ApiView


class CategoryListView(ApiView):
    @extend_schema(
        operation_id="categories_list",
        responses={200: CategorySerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request: Request) -> Response:
        self.staff_actor(request)
        rows = Category.objects.filter(is_active=True)
        return Response(CategorySerializer(rows, many=True).data)


class DepartmentListView(ApiView):
    @extend_schema(
        operation_id="departments_list",
        responses={200: DepartmentSerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request: Request) -> Response:
        self.staff_actor(request)
        rows = Department.objects.filter(is_active=True)
        return Response(DepartmentSerializer(rows, many=True).data)


class SiteListView(ApiView):
    @extend_schema(
        operation_id="sites_list", responses={200: SiteSerializer(many=True), **COMMON_ERRORS}
    )
    def get(self, request: Request) -> Response:
        self.staff_actor(request)
        rows = Site.objects.filter(is_active=True)
        return Response(SiteSerializer(rows, many=True).data)


class RootView(ApiView):
    """The entry point of version 1: where everything is."""

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        names = {
            "complaints": "api:complaint-list",
            "categories": "api:category-list",
            "departments": "api:department-list",
            "sites": "api:site-list",
            "schema": "api:schema",
            "docs": "api:docs",
        }
        return Response(
            {key: request.build_absolute_uri(reverse(name)) for key, name in names.items()}
        )
