"""Moderators see agencies and memberships (read-only) and may run "Suspend agency"/"Reinstate agency".

Runs after the jobs migration that creates the "Moderators" group, which sets that group's permissions; this one
adds to them.
"""

from django.db import migrations

GROUP = "Moderators"
CODENAMES = {"agency": ["view_agency", "change_agency"], "agencymembership": ["view_agencymembership"]}


def add_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for model_name, codenames in CODENAMES.items():
        model = apps.get_model("agencies", model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label="agencies", model=model_name)
        for codename in codenames:
            action = codename.split("_", 1)[0]
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )
            group.permissions.add(perm)


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="agencies"))


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("jobs", "0004_moderators_group"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
