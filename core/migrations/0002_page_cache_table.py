"""The page cache's own table (CACHE_URL=db): anonymous pages do not share a table with the
rate limits, which a flood of page variants could otherwise push out.

This was community's migration 0003 (now a no-op kept for the history). createcachetable skips
tables that exist, so this is safe on databases where community 0003 already made the table.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
