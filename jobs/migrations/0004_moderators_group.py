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
    # Permissions are normally created after migrate; create the ones the group needs now, the way Django names
    # them (its own pass after migrate finds them and adds no duplicates).
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    perms = []
    for label, codenames in PERMISSIONS.items():
        for codename in codenames:
            action, model_name = codename.split("_", 1)
            model = apps.get_model(label, model_name)
            content_type, _ = ContentType.objects.get_or_create(app_label=label, model=model_name)
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )
            perms.append(perm)
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
