"""The organisation: profile, sites, departments and staff with their roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.core.models import TranslatedNameModel

from .choices import Role, Sector


class Organisation(models.Model):
    """The one organisation this installation serves, with the sector preset it started from."""

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector preset"), max_length=32, choices=Sector.choices)
    allow_anonymous = models.BooleanField(_("anonymous complaints allowed"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Site(TranslatedNameModel):
    """A venue, branch or outlet where complaints arise (场馆 / 门店 / 网点)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["code"]


class Department(TranslatedNameModel):
    """A node of the department tree; its head approves solutions and answers for overdue work."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    is_intake_desk = models.BooleanField(
        _("intake desk"), default=False, help_text=_("Front desk / customer-service centre.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def subtree_ids(self) -> set[int]:
        """This department and every department below it."""
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            children = list(
                Department.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            frontier = [pk for pk in children if pk not in ids]
            ids.update(frontier)
        return ids


class Staff(models.Model):
    """A member of staff: the user account, its home department and its roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        from .names import person_name

        return person_name(self.user)


class StaffRole(models.Model):
    """One role held by a member of staff; a person may hold several."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="role_rows")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["staff", "role"], name="staffrole_unique_per_staff")
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class Category(TranslatedNameModel):
    """A complaint category of the organisation's taxonomy (投诉分类), optionally nested."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "code"]
