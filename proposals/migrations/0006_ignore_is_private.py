"""Ignoring an invitation is private to the freelancer: mark the "ignore" entries copied into the activity log
before the service wrote `private_to` (the client's timeline then leaves them out, as it does new ones)."""

from django.db import migrations


def mark_private(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Activity = apps.get_model("activity", "Activity")
    application = ContentType.objects.filter(app_label="proposals", model="application").first()
    if application is not None:
        Activity.objects.filter(content_type=application, action="ignore", private_to="").update(
            private_to="freelancer"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0002_copy_audit_trails"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("proposals", "0005_agency_applications"),
    ]

    operations = [migrations.RunPython(mark_private, migrations.RunPython.noop)]
