"""Two-factor secrets are stored encrypted with a key from the environment, not in the clear."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from community.mfa_secrets import decrypt, encrypt, is_encrypted
from tests.factories import MemberFactory

from .conftest import current_code

pytestmark = pytest.mark.django_db


def test_the_totp_secret_is_not_in_the_database_in_the_clear():
    user = MemberFactory(username="redacteur")
    secret = generate_totp_secret()
    authenticator = TOTP.activate(user, secret).instance
    stored = Authenticator.objects.get(pk=authenticator.pk).data["secret"]
    assert secret not in stored and is_encrypted(stored)
    assert TOTP(Authenticator.objects.get(pk=authenticator.pk)).validate_code(current_code(secret))


def test_recovery_code_seeds_are_encrypted_too():
    user = MemberFactory(username="redacteur")
    codes = RecoveryCodes.activate(user)
    stored = Authenticator.objects.get(pk=codes.instance.pk).data["seed"]
    assert is_encrypted(stored)
    assert RecoveryCodes(codes.instance).validate_code(codes.get_unused_codes()[0])


def test_another_key_cannot_read_it_and_an_old_key_still_can(settings):
    settings.MFA_ENCRYPTION_KEY = "eerste-sleutel-" + "x" * 40
    stored = encrypt("JBSWY3DPEHPK3PXP")
    settings.MFA_ENCRYPTION_KEY = "tweede-sleutel-" + "y" * 40
    with pytest.raises(ImproperlyConfigured):
        decrypt(stored)
    settings.MFA_ENCRYPTION_OLD_KEYS = ["eerste-sleutel-" + "x" * 40]
    assert decrypt(stored) == "JBSWY3DPEHPK3PXP"


def test_rotating_the_key_reencrypts_every_secret(settings):
    user = MemberFactory(username="redacteur")
    secret = generate_totp_secret()
    authenticator = TOTP.activate(user, secret).instance
    old_key = settings.MFA_ENCRYPTION_KEY or f"two-factor-secrets:{settings.SECRET_KEY}"
    settings.MFA_ENCRYPTION_OLD_KEYS = [old_key]
    settings.MFA_ENCRYPTION_KEY = "nieuwe-sleutel-" + "z" * 40
    call_command("rotate_mfa_key", stdout=open("/dev/null", "w"))
    settings.MFA_ENCRYPTION_OLD_KEYS = []
    assert TOTP(Authenticator.objects.get(pk=authenticator.pk)).validate_code(current_code(secret))


def test_secrets_stored_before_encryption_are_encrypted_by_the_migration():
    from importlib import import_module

    from django.apps import apps

    user = MemberFactory(username="redacteur")
    secret = generate_totp_secret()
    authenticator = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    import_module("community.migrations.0005_encrypt_mfa_secrets").encrypt_existing(apps, None)
    stored = Authenticator.objects.get(pk=authenticator.pk).data["secret"]
    assert is_encrypted(stored) and decrypt(stored) == secret
