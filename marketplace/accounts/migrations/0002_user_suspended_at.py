"""When a moderator suspended the account (empty while it can log in); jobs 0012 fills it in for accounts a
moderator suspended before the field existed."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="suspended_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
