"""Fixtures of the referral exchange: the seeded mappings and an importing clerk."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from bihuan.referrals.models import ColumnMapping, ImportBatch
from bihuan.referrals.presets import MAPPING_12315, MAPPING_12345
from bihuan.referrals.services import column_mappings_set_up, referral_import

from ..personas import Museum

Import = Callable[..., ImportBatch]


@pytest.fixture
def mapping_12345(museum: Museum) -> ColumnMapping:
    # The data migration seeds them too, but a transactional test's flush removes them.
    column_mappings_set_up()
    return ColumnMapping.objects.get(name=MAPPING_12345)


@pytest.fixture
def mapping_12315(mapping_12345: ColumnMapping) -> ColumnMapping:
    return ColumnMapping.objects.get(name=MAPPING_12315)


@pytest.fixture
def import_file(museum: Museum, mapping_12345: ColumnMapping) -> Import:
    """Import ``content`` as ``name`` as the clerk (or ``user``) with the 12345 mapping."""

    def _import(
        name: str,
        content: bytes,
        *,
        mapping: ColumnMapping | None = None,
        user: User | None = None,
    ) -> ImportBatch:
        return referral_import(
            actor=museum.actor(user or museum.clerk),
            mapping=mapping or mapping_12345,
            file_name=name,
            content=content,
        )

    return _import


@pytest.fixture
def client() -> Client:
    """The test client in English, whatever catalogues exist for the default zh-Hans."""
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return english
