"""The ModerationDecision model went in 0005 (its rows moved to the activity log); its permissions stayed behind,
and the Moderators group still held "view moderation decision". Remove them (the content type stays: deleting it
would cascade to any row that points at it)."""

from django.db import migrations


def forget(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    # Deleting a permission takes it out of every group and user.
    Permission.objects.filter(content_type__app_label="jobs", content_type__model="moderationdecision").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0007_message_reports"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
