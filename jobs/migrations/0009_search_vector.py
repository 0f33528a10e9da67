import django.contrib.postgres.search
from django.db import migrations


def index_and_fill(apps, schema_editor):
    """A GIN index on the stored vector and every existing job's document; PostgreSQL only (SQLite uses LIKE)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS job_search_vector_gin ON jobs_jobpost USING gin (search_vector)"
    )
    schema_editor.execute(
        """
        UPDATE jobs_jobpost AS j SET search_vector =
            setweight(to_tsvector('english'::regconfig, coalesce(j.title, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce((
                SELECT string_agg(t.name, ' ') FROM taggit_taggeditem ti JOIN taggit_tag t ON t.id = ti.tag_id
                JOIN django_content_type ct ON ct.id = ti.content_type_id
                WHERE ct.app_label = 'jobs' AND ct.model = 'jobpost' AND ti.object_id = j.id
            ), '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(j.description, '')), 'B')
        """
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS job_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0008_forget_moderation_decisions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobpost",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_and_fill, drop_index),
    ]
