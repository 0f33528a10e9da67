"""The "Flagged rooms" queue (a Room proxy) and the Moderators group's permissions on it: list and read flagged
rooms (read-only) and act on them through the services ("change" only unlocks the actions on the list)."""

from django.db import migrations

GROUP = "Moderators"
CODENAMES = ["view_flaggedroom", "change_flaggedroom"]


def grant(apps, schema_editor):
    # As in 0004: create the permissions the way Django names them (its own pass after migrate adds no duplicates).
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    content_type, _ = ContentType.objects.get_or_create(app_label="jobs", model="flaggedroom")
    for codename in CODENAMES:
        action = codename.split("_", 1)[0]
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": f"Can {action} flagged room"}
        )
        group.permissions.add(perm)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="jobs", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0005_drop_old_audit_trail"),
        ("messaging", "0007_moderator_warning_kind"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="FlaggedRoom",
            fields=[],
            options={
                "verbose_name": "flagged room",
                "verbose_name_plural": "Flagged rooms",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("messaging.room",),
        ),
        migrations.RunPython(grant, revoke),
    ]
