"""Moderation: members flag posts, moderators act, every action is logged."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Insulting or threatening")
        PRIVACY = "privacy", _("Shares someone's personal data")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    explanation = models.CharField(_("explanation"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="one_flag_per_member_per_post")]

    def __str__(self):
        return f"{self.reason} report on post {self.post_id}"


class ModerationAction(models.Model):
    """The log: who did what to which post, topic or member, and why."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        LOCK = "lock", _("Locked")
        UNLOCK = "unlock", _("Unlocked")
        PIN = "pin", _("Pinned")
        UNPIN = "unpin", _("Unpinned")
        MOVE = "move", _("Moved")
        SUSPEND = "suspend", _("Member suspended")
        UNSUSPEND = "unsuspend", _("Suspension lifted")
        DISMISS = "dismiss", _("Flags dismissed")
        ACCEPT = "accept", _("Answer marked")
        UNACCEPT = "unaccept", _("Answer mark removed")

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("action"), max_length=10, choices=Kind)
    post = models.ForeignKey("community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    topic = models.ForeignKey("community.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        # Who moderates is a permission (given to groups in the admin), not a group's name.
        permissions = [("moderate", _("Can moderate discussions and members"))]

    def __str__(self):
        return f"{self.kind} by moderator {self.moderator_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Suspension(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("reason"), max_length=500)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True, help_text=_("Empty: until lifted."))
    lifted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self):
        return f"suspension of member {self.member_id} from {self.starts_at:%Y-%m-%d}"
