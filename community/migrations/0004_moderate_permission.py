"""Moderation becomes a permission, granted here to the groups that moderated by name before
(Moderators and Editors), so nothing changes for them; other groups can be given it in the admin."""

from django.db import migrations

GROUPS = ("Editors", "Moderators")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="community", model="moderationaction")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate",
        defaults={"name": "Can moderate discussions and members"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_page_cache_table"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [
        migrations.AlterModelOptions(
            name="moderationaction",
            options={
                "ordering": ["-created_at"],
                "permissions": [("moderate", "Can moderate discussions and members")],
                "verbose_name": "moderation action",
                "verbose_name_plural": "moderation log",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
