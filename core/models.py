"""The mail outbox: e-mail that is recorded first and sent after the commit (core/outbox.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail to one recipient, kept until the mail server accepted it.

    A failing recipient never holds up the others, and a mail server that is down, refuses
    or stalls loses nothing: the row is retried with growing pauses. Sent rows are deleted, so
    no copy of what was sent stays behind. After the last attempt ``next_attempt_at`` is empty
    and the row stays for an administrator to see (``/health/`` reports it).
    """

    purpose = models.CharField(_("purpose"), max_length=40)  # e.g. "community.new_post", for logs
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(default=list, blank=True)  # [{filename, text|base64, mimetype}]
    # "<kind>:<id>" of the subscription this mail belongs to (outbox.withdraw), or empty.
    subscription = models.CharField(max_length=80, blank=True, db_index=True)
    bulk = models.BooleanField(_("bulk mail"), default=False)  # alerts, digests: sent throttled
    claimed_until = models.DateTimeField(null=True, blank=True)  # a worker is sending it until then
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unsent e-mail")
        verbose_name_plural = _("unsent e-mails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.purpose} – {self.to}"
