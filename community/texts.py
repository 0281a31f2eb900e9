"""Texts of Django and allauth that their own Dutch catalogues miss or say differently.

Declared here so `make messages` keeps them in locale/nl; never called.
"""

from django.utils.translation import ngettext_lazy

# Django 5.2 changed this message's placeholder; its Dutch catalogue still has the old one.
PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    12,
)
