"""Profile photos get random names (``avatar_upload_to``), and the photos stored before under
guessable names (avatars/avatar.jpg, avatars/avatar_<7 characters>.jpg) are renamed to random
ones. An old file is removed only after the migration commits; a photo whose file is missing
is left alone (the profile shows no photo until the member uploads one)."""

from django.db import migrations, models

import community.models.profiles


def rename_existing_photos(apps, schema_editor):
    from community.avatars import delete_after_commit

    MemberProfile = apps.get_model("community", "MemberProfile")
    for profile in MemberProfile.objects.exclude(avatar="").iterator():
        storage, old = profile.avatar.storage, profile.avatar.name
        if not storage.exists(old):
            continue
        with storage.open(old, "rb") as content:
            new = storage.save(community.models.profiles.avatar_upload_to(profile, old), content)
        MemberProfile.objects.filter(pk=profile.pk).update(avatar=new)
        delete_after_commit(storage, old)


class Migration(migrations.Migration):
    dependencies = [("community", "0005_encrypt_mfa_secrets")]
    operations = [
        migrations.AlterField(
            model_name="memberprofile",
            name="avatar",
            field=models.ImageField(
                blank=True,
                upload_to=community.models.profiles.avatar_upload_to,
                verbose_name="photo",
            ),
        ),
        migrations.RunPython(rename_existing_photos, migrations.RunPython.noop),
    ]
