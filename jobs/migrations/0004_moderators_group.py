"""The "Moderators" group with only the permissions moderation needs.

Moderators (staff users in this group, not superusers) review flagged jobs and flags, look at job posts and
users, and act on client profiles (verify a payment method, suspend a client). They cannot change users,
passwords, job posts directly, applications or anything else.
"""

from django.db import migrations

GROUP = "Moderators"
PERMISSIONS = {
    "jobs": [
        "view_flaggedjob",
        "change_flaggedjob",
        "view_flag",
        "change_flag",
        "view_jobpost",
        "view_moderationdecision",
    ],
    "accounts": ["view_clientprofile", "change_clientprofile", "view_user"],
}


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; make sure these exist now.
    for label in PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    perms = []
    for label, codenames in PERMISSIONS.items():
        found = list(Permission.objects.filter(content_type__app_label=label, codename__in=codenames))
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"Missing permissions for the Moderators group: {sorted(missing)}")
        perms.extend(found)
    group.permissions.set(perms)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0003_flags_and_review"),
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
