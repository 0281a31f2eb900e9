"""Re-encrypt every stored two-factor secret with the current MFA_ENCRYPTION_KEY.

Rotate a key: put the old one in MFA_ENCRYPTION_OLD_KEYS, the new one in MFA_ENCRYPTION_KEY,
restart, run this, then drop the old key.
"""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from community.mfa_secrets import reencrypt_authenticators


class Command(BaseCommand):
    help = "Re-encrypt the stored two-factor secrets with the current MFA_ENCRYPTION_KEY."

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = reencrypt_authenticators(Authenticator.objects.select_for_update())
        self.stdout.write(f"Re-encrypted the secrets of {changed} authenticator(s).")
