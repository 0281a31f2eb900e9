"""Helpful votes: members mark replies as helpful, one vote per member per post (the rules
live in community/answers.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HelpfulVote(models.Model):
    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="helpful_votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [models.UniqueConstraint(fields=["post", "member"], name="one_helpful_vote_per_member")]

    def __str__(self):
        return f"member {self.member_id} found post {self.post_id} helpful"
