"""Copy the three audit trails this log replaces into it: application events, moderation decisions and
django-fsm-log's state log (read with SQL: the app is no longer installed, its table may remain)."""

from django.db import migrations

EVENTS = """
INSERT INTO activity_activity
    (content_type_id, object_id, actor_id, action, from_state, to_state, reason, reason_text, note, private_to,
     data, created_at)
SELECT %s, application_id, actor_id, action, from_state, to_state, reason, reason_text, note, '', {empty},
       created_at
FROM proposals_applicationevent ORDER BY id
"""
DECISIONS = """
INSERT INTO activity_activity
    (content_type_id, object_id, actor_id, action, from_state, to_state, reason, reason_text, note, private_to,
     data, created_at)
SELECT CASE WHEN job_id IS NULL THEN %s ELSE %s END, COALESCE(job_id, user_id), moderator_id, action, '', '', '',
       '', note, '', CASE WHEN flags_decided > 0 THEN {object}('flags_decided', flags_decided)
       ELSE {empty} END, created_at
FROM jobs_moderationdecision WHERE job_id IS NOT NULL OR user_id IS NOT NULL ORDER BY id
"""
STATE_LOG = """
INSERT INTO activity_activity
    (content_type_id, object_id, actor_id, action, from_state, to_state, reason, reason_text, note, private_to,
     data, created_at)
SELECT content_type_id, CAST(object_id AS bigint), by_id, transition, source_state, state, '', '',
       COALESCE(description, ''), '', {empty}, timestamp
FROM django_fsm_log_statelog ORDER BY id
"""


def copy(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    connection = schema_editor.connection

    def type_id(app_label: str, model: str) -> int:
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0].pk

    # JSON spelled per database: `make run` migrates the built-in SQLite database too.
    if connection.vendor == "postgresql":
        json = {"empty": "'{}'::jsonb", "object": "jsonb_build_object"}
    else:
        json = {"empty": "'{}'", "object": "json_object"}
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(EVENTS.format(**json), [type_id("proposals", "application")])
        cursor.execute(DECISIONS.format(**json), [type_id("accounts", "user"), type_id("jobs", "jobpost")])
        if "django_fsm_log_statelog" in tables:
            cursor.execute(STATE_LOG.format(**json))


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("proposals", "0003_offer_milestones"),
        ("jobs", "0004_moderators_group"),
    ]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
