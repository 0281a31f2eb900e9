"""A first synonym list from the domain; editors extend it in the admin."""

from django.db import migrations

DEFAULT_GROUPS = [
    "GR, gemeenschappelijke regeling",
    "Wgr, Wet gemeenschappelijke regelingen",
    "SSC, shared service centrum, shared service center",
    "ambtelijke fusie, ambtelijke fusieorganisatie",
    "verrekenmodel, kostenverdeling, verdeelsleutel",
    "AB, algemeen bestuur",
    "DB, dagelijks bestuur",
]


def add_defaults(apps, schema_editor):
    SynonymGroup = apps.get_model("knowledge_search", "SynonymGroup")
    for terms in DEFAULT_GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("knowledge_search", "0003_synonyms")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
