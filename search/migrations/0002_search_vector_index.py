"""A GIN index on the full-text vector, on PostgreSQL only (SQLite has no such index)."""

from django.db import migrations

INDEX = "knowledge_search_item_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON knowledge_search_knowledgeitem USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("knowledge_search", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
