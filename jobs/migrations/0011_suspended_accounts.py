"""The "Suspended accounts" list (a User proxy) and the Moderators group's permissions on it: list the accounts a
moderator suspended and reinstate them through the service ("change" only unlocks the action on the list)."""

import django.contrib.auth.models
from django.db import migrations

GROUP = "Moderators"
CODENAMES = ["view_suspendedaccount", "change_suspendedaccount"]


def grant(apps, schema_editor):
    # As in 0004 and 0006: create the permissions the way Django names them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    content_type, _ = ContentType.objects.get_or_create(app_label="jobs", model="suspendedaccount")
    for codename in CODENAMES:
        action = codename.split("_", 1)[0]
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": f"Can {action} suspended account"}
        )
        group.permissions.add(perm)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="jobs", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("jobs", "0010_listed_newest_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SuspendedAccount",
            fields=[],
            options={
                "verbose_name": "suspended account",
                "verbose_name_plural": "Suspended accounts",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("accounts.user",),
            managers=[
                ("objects", django.contrib.auth.models.UserManager()),
            ],
        ),
        migrations.RunPython(grant, revoke),
    ]
