"""The one settings row, with the defaults: mainland schedule, Monday to Friday, 08:30-17:30."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def create_settings(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    settings_model = apps.get_model("workcalendar", "CalendarSettings")
    settings_model.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(create_settings, migrations.RunPython.noop)]
