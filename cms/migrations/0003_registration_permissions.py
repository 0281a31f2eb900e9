"""Editors and moderators see and export event registrations and may correct a name.

Permissions are created here rather than waiting for post_migrate, so the groups get them
in the same run on a fresh database.
"""

from django.db import migrations

GROUPS = ("Editors", "Moderators")
ACTIONS = ("view", "change")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="eventregistration")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_eventregistration",
            defaults={"name": f"Can {action} event registration"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_event_registration"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
