"""A member's profile: who they are and where they work, and who may see it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileVisibility(models.TextChoices):
    MEMBERS = "members", _("Logged-in members")
    HIDDEN = "hidden", _("Only me (not in the directory)")


class MemberProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    function = models.CharField(_("function"), max_length=120, blank=True, help_text=_("For example griffier or teamleider financiën."))
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        "cms.Municipality", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("municipality"),
    )
    collaboration = models.ForeignKey(
        "cms.Collaboration", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("collaboration"),
    )
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    avatar = models.ImageField(_("photo"), upload_to="avatars/", blank=True)
    visibility = models.CharField(
        _("who sees my profile"), max_length=10, choices=ProfileVisibility, default=ProfileVisibility.MEMBERS,
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
    def in_directory(self):
        return self.visibility == ProfileVisibility.MEMBERS and self.user.is_active
