"""Routing configuration: which department leads on a category (at a site)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.org.models import Category, Department, Site


class RoutingRule(models.Model):
    """Category (and optionally site) → lead department (谁服务谁负责).

    A rule for the complaint's site wins over the category's site-less rule.
    """

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="routes"
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Leave empty for every site."),
    )
    department = models.ForeignKey(
        Department, verbose_name=_("lead department"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "site"], name="routingrule_one_per_category_site"
            ),
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(site__isnull=True),
                name="routingrule_one_default_per_category",
            ),
        ]

    def __str__(self) -> str:
        where = f" @ {self.site}" if self.site_id else ""
        return f"{self.category}{where} → {self.department}"
