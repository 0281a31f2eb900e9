"""Encrypt the two-factor secrets allauth stored in the clear (community/mfa_secrets.py)."""

from django.db import migrations


def encrypt_existing(apps, schema_editor):
    from community.mfa_secrets import reencrypt_authenticators

    reencrypt_authenticators(apps.get_model("mfa", "Authenticator").objects.all())


def decrypt_existing(apps, schema_editor):
    """Back to allauth's clear text, for code that does not encrypt."""
    from community.mfa_secrets import SECRET_FIELDS, decrypt

    for authenticator in apps.get_model("mfa", "Authenticator").objects.all():
        data = dict(authenticator.data)
        for field in SECRET_FIELDS:
            if data.get(field):
                data[field] = decrypt(data[field])
        if data.get("migrated_codes"):
            data["migrated_codes"] = [decrypt(code) for code in data["migrated_codes"]]
        authenticator.data = data
        authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("community", "0004_moderate_permission"), ("mfa", "0003_authenticator_type_uniq")]
    operations = [migrations.RunPython(encrypt_existing, decrypt_existing)]
