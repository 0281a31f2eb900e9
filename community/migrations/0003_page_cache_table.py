"""The page cache's own table (CACHE_URL=db): anonymous pages no longer share a table with the
rate limits, which a flood of page variants could otherwise push out."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("community", "0002_discussions")]
    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
