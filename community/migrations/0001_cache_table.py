"""The database cache table (CACHE_URL=db, the default), which keeps allauth's rate limits.

Created by a migration so that `migrate` is the only step a deploy needs; with Redis this
does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
