"""Two-factor secrets (TOTP keys, recovery-code seeds) are stored encrypted.

allauth keeps them in the database in the clear unless its MFA adapter encrypts them. The key
comes from the environment (``MFA_ENCRYPTION_KEY``, by default derived from ``SECRET_KEY``),
never from the database, so a copy of the database (a backup, a leaked dump) does not hand out
everyone's second factor. Old keys in ``MFA_ENCRYPTION_OLD_KEYS`` still decrypt, so the key can
be rotated (``manage.py rotate_mfa_key`` re-encrypts).
"""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


def _fernet(passphrase):
    # Any long random string will do as a key: it is stretched to the 32 bytes Fernet wants.
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(passphrase.encode()).digest()))


def cipher():
    # Without a key of its own, one derived from SECRET_KEY (and never equal to it).
    current = settings.MFA_ENCRYPTION_KEY or f"two-factor-secrets:{settings.SECRET_KEY}"
    return MultiFernet([_fernet(key) for key in (current, *settings.MFA_ENCRYPTION_OLD_KEYS)])


def is_encrypted(value):
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(text):
    return PREFIX + cipher().encrypt(text.encode()).decode()


def decrypt(value):
    """The secret; a value stored before encryption was switched on is returned as it is (the
    migration encrypts those, this only bridges the deploy)."""
    if not is_encrypted(value):
        return value
    try:
        return cipher().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A two-factor secret cannot be decrypted: MFA_ENCRYPTION_KEY changed without keeping the old key "
            "in MFA_ENCRYPTION_OLD_KEYS."
        ) from error


def reencrypt(value):
    """Encrypted with the current key (for a migration or a key rotation)."""
    return encrypt(decrypt(value))


SECRET_FIELDS = ("secret", "seed")


def reencrypt_authenticators(authenticators):
    """Encrypt the secrets of these allauth Authenticator rows with the current key. Returns
    the number of rows changed."""
    changed = 0
    for authenticator in authenticators:
        data = dict(authenticator.data)
        for field in SECRET_FIELDS:
            if data.get(field):
                data[field] = reencrypt(data[field])
        if data.get("migrated_codes"):
            data["migrated_codes"] = [reencrypt(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed


class EncryptingMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        return encrypt(text)

    def decrypt(self, encrypted_text):
        return decrypt(encrypted_text)
