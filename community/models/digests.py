"""What a member wants to hear about new posts, and where they are: the e-mail mode per
followed category and topic (each post, a daily or weekly digest, nothing), how far they have
read each topic, and up to when their last digest of each frequency went.

A topic's own mode wins over its category's: a member can follow a category weekly and one busy
topic in it post by post, or mute one topic ("nothing") of a category they follow.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationMode(models.TextChoices):
    EACH = "each", _("Each post by e-mail")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Nothing")


DIGEST_FREQUENCIES = (NotificationMode.DAILY, NotificationMode.WEEKLY)


class CategoryFollow(models.Model):
    """New posts in a whole category, by e-mail or digest (no row: nothing)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="category_follows")
    category = models.ForeignKey("community.Category", on_delete=models.CASCADE, related_name="follows")
    mode = models.CharField(_("e-mail"), max_length=10, choices=NotificationMode, default=NotificationMode.EACH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "user"], name="one_follow_per_category")]
        indexes = [models.Index(fields=["mode", "user"], name="category_follow_mode")]

    def __str__(self):
        return f"user {self.user_id} follows category {self.category_id} ({self.mode})"


class TopicReadMark(models.Model):
    """The newest post of a topic a member has seen (its time): digests link to the next one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey("community.Topic", on_delete=models.CASCADE, related_name="+")
    read_until = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="one_read_mark_per_topic")]

    def __str__(self):
        return f"user {self.user_id} read topic {self.topic_id} until {self.read_until:%Y-%m-%d %H:%M}"


class DigestCursor(models.Model):
    """Up to when a member's last digest of a frequency reported: the next one starts there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=NotificationMode)
    sent_until = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "frequency"], name="one_cursor_per_frequency")]

    def __str__(self):
        return f"{self.frequency} digest of user {self.user_id} until {self.sent_until:%Y-%m-%d %H:%M}"
