"""DVO, the abbreviation every collaboration uses for its service agreements, as a synonym."""

from django.db import migrations

TERMS = "DVO, dienstverleningsovereenkomst"


def add(apps, schema_editor):
    apps.get_model("knowledge_search", "SynonymGroup").objects.get_or_create(terms=TERMS)


class Migration(migrations.Migration):
    dependencies = [("knowledge_search", "0007_file_text")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
