"""``SearchAlert``: someone who follows a search by e-mail (search/alerts.py has the logic).

The search is stored as its canonical query string (only what the search page understands, in
a fixed order), so the same search followed twice by one address is one alert; ``search_key``
(a hash of it) groups identical searches, which the alert run evaluates once.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(24)


class SearchAlert(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    email = models.EmailField(_("e-mail address"), db_index=True)
    # Members manage their alerts on their account page; anonymous subscribers through the
    # links in the mails (the token).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="search_alerts"
    )
    query_string = models.CharField(_("search"), max_length=2000, blank=True)
    search_key = models.CharField(max_length=64, db_index=True)
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    # Confirms, manages and ends the alert; only ever sent to ``email``.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The high-water mark: items added up to this moment were reported (or were there before
    # the alert was confirmed).
    checked_until = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("search alert")
        verbose_name_plural = _("search alerts")
        constraints = [
            models.UniqueConstraint(fields=["email", "search_key"], name="search_alert_once_per_address"),
        ]
        indexes = [models.Index(fields=["frequency", "confirmed_at", "checked_until"], name="search_alert_due")]

    def __str__(self):
        return f"{self.email}: ?{self.query_string} ({self.frequency})"

    @property
    def subscription_key(self):
        """The outbox's key for this alert's queued mail (``outbox.withdraw``)."""
        return f"alert:{self.pk}"
