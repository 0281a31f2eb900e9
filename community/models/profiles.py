"""A member's profile: who they are and where they work, and who may see it."""

import hashlib
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Photos live in MEDIA_ROOT/avatars/, which nginx refuses to serve: the app serves each photo
# only to those who may see the profile (community.views.directory.member_photo).
AVATAR_FOLDER = "avatars"
AVATAR_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def avatar_upload_to(instance, filename):
    """A random name per upload: nothing to guess, and a new photo never reuses an old name."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"{AVATAR_FOLDER}/{uuid.uuid4().hex}{suffix if suffix in AVATAR_SUFFIXES else '.jpg'}"


class ProfileVisibility(models.TextChoices):
    MEMBERS = "members", _("Logged-in members")
    HIDDEN = "hidden", _("Only me (not in the directory)")


class MemberProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    function = models.CharField(
        _("function"), max_length=120, blank=True, help_text=_("For example griffier or teamleider financiën.")
    )
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        "cms.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("municipality"),
    )
    collaboration = models.ForeignKey(
        "cms.Collaboration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("collaboration"),
    )
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    avatar = models.ImageField(_("photo"), upload_to=avatar_upload_to, blank=True)
    visibility = models.CharField(
        _("who sees my profile"),
        max_length=10,
        choices=ProfileVisibility,
        default=ProfileVisibility.MEMBERS,
    )
    show_email = models.BooleanField(_("show my e-mail address to members"), default=False)
    notify_on_mention = models.BooleanField(_("e-mail me when someone mentions me"), default=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def avatar_url(self):
        """The photo through the app (checked per viewer); the version makes a new photo a new URL."""
        if not self.avatar:
            return ""
        version = hashlib.sha256(self.avatar.name.encode()).hexdigest()[:12]
        return f"{reverse('community:member_photo', args=[self.user.get_username()])}?v={version}"
