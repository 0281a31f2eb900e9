"""A no-op, kept because later community migrations depend on it.

It created the page cache's table; that is infrastructure, so core's migration
0002_page_cache_table creates it now (createcachetable is idempotent, so databases that ran
the old version of this migration are unaffected).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("community", "0002_discussions")]
    operations = []
