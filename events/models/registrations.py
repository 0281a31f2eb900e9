"""Registrations for events: who comes, who waits, who cancelled.

A seat is held only by a ``confirmed`` registration. Guests start as ``pending`` until they
follow the link in their e-mail; members are allocated at once. All changes of status go
through ``events.registration``, which enforces the capacity under a row lock.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(24)


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# What public pages show of registrations: the places left and whether there is a waiting list.
PUBLICLY_COUNTED = {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED}


class EventRegistration(models.Model):
    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus, default=RegistrationStatus.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    # Waiting-list order: who joined (or re-joined) the queue first moves up first.
    queued_at = models.DateTimeField(_("in the queue since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        db_table = "cms_eventregistration"  # the table from before events were their own app (migration 0001)
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "created_at"]
        constraints = [
            # One registration per person per event (removed personal data leaves an empty address).
            models.UniqueConstraint(
                fields=["event", "email"], condition=~Q(email=""), name="one_registration_per_email"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name or _('(removed)')} – {self.event}"

    # The status as last read from or written to the database (None: a new row), so a save can
    # tell whether it changed what public pages count (``changes_public_pages``).
    _saved_status = None

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_status = instance.__dict__.get("status")
        return instance

    def refresh_from_db(self, using=None, fields=None, **kwargs):
        super().refresh_from_db(using, fields, **kwargs)
        if fields is None or "status" in fields:
            self._saved_status = self.__dict__.get("status")

    def changes_public_pages(self, deleted=False):
        """For the page cache (core/page_cache.py): only a change in the number of people with a
        place or on the waiting list shows on a public page; unconfirmed and cancelled rows,
        names and answers never do."""
        before, after = self._saved_status, None if deleted else self.status
        return before != after and (before in PUBLICLY_COUNTED or after in PUBLICLY_COUNTED)

    @property
    def is_active(self):
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

    @property
    def answers_text(self):
        return "; ".join(f"{question}: {answer}" for question, answer in self.answers.items())


class EventCancellation(models.Model):
    """An event called off by an editor. Kept apart from the page so that publishing an older
    draft of the page can never quietly undo the cancellation."""

    event = models.OneToOneField("events.EventPage", on_delete=models.CASCADE, related_name="cancellation")
    reason = models.TextField(_("reason"))
    cancelled_at = models.DateTimeField(_("cancelled at"), auto_now_add=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        db_table = "cms_eventcancellation"  # the table from before events were their own app (migration 0001)
        verbose_name = _("event cancellation")
        verbose_name_plural = _("event cancellations")

    def __str__(self):
        return str(self.event)
