"""Accounts a moderator suspended before `User.suspended_at` existed: the time of their last suspension, read from
the moderation record (the activity entries `suspend_client` and `suspend_user`), for those that still can't log
in. An account switched off another way has no such entry and stays unmarked."""

from django.db import migrations
from django.db.models import Max

SUSPENSIONS = ["suspend_client", "suspend_user"]


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Activity = apps.get_model("activity", "Activity")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="accounts", model="user").first()
    if content_type is None:
        return
    last = (
        Activity.objects.filter(content_type=content_type, action__in=SUSPENSIONS)
        .values("object_id")
        .annotate(at=Max("created_at"))
    )
    for row in last:
        User.objects.filter(pk=row["object_id"], is_active=False, suspended_at__isnull=True).update(
            suspended_at=row["at"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_suspended_at"),
        ("activity", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("jobs", "0011_suspended_accounts"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
