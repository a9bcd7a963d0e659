"""The first privacy notice, so that a new installation can take complaints at once.

The texts live in bihuan/complaints/privacy.py (organisation_set_up publishes them too).
"""

from datetime import UTC, datetime

from django.db import migrations

from bihuan.complaints.privacy import EN, FIRST_VERSION, ZH_HANS, ZH_HANT


def publish(apps, schema_editor):
    PrivacyNotice = apps.get_model("complaints", "PrivacyNotice")
    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(
            version=FIRST_VERSION,
            text=ZH_HANS,
            text_i18n={"zh-hant": ZH_HANT, "en": EN},
            published_at=datetime(2020, 1, 1, tzinfo=UTC),
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0006_privacy_notice_and_consent")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
