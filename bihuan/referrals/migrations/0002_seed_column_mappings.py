"""Seed the column mappings of the usual 12345 hotline and 12315 exports."""

from typing import Any

from django.db import migrations

from bihuan.referrals.presets import seed_mappings


def seed(apps: Any, schema_editor: Any) -> None:
    seed_mappings(apps.get_model("referrals", "ColumnMapping"))


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
