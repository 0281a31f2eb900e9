"""Editors and moderators see the search analytics and maintain the synonym list.

Permissions are created here rather than waiting for post_migrate, so the groups get them
in the same run on a fresh database.
"""

from django.db import migrations

GROUPS = ("Editors", "Moderators")
PERMISSIONS = {
    "searchquerylog": ("view",),
    "synonymgroup": ("add", "change", "delete", "view"),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    granted = []
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="knowledge_search", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            granted.append(permission)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge_search", "0004_default_synonyms"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
