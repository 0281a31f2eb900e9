"""Limits on the mail a guest registration makes the site send to an address anyone can type.

Without them the form is a way to send mail from the platform's trusted sender, with a name
of the sender's choosing, to any address, as often as one likes (DESIGN.md, "Rules learned the
hard way"). The counters are core.ratelimit's, in the "default" cache.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import ratelimit

HOUR = 60 * 60
TOO_MANY = _(
    "There have been too many registrations from your connection or for this e-mail address. "
    "Nothing has been sent. Please try again in an hour."
)


def guest_may_register(request, email):
    """Count a guest registration per IP address and per e-mail address (over all events);
    False when either is over its hourly limit."""
    return ratelimit.consume_all(
        [
            (
                "event-guest-ip",
                ratelimit.client_address(request),
                settings.EVENT_GUEST_REGISTRATIONS_PER_IP_PER_HOUR,
                HOUR,
            ),
            ("event-guest-email", email, settings.EVENT_GUEST_REGISTRATIONS_PER_ADDRESS_PER_HOUR, HOUR),
        ]
    )


def first_mail_in_window(event, email):
    """Count an e-mail to ``email`` about ``event``; True when it is the first in the last
    ``EVENT_MAIL_RESEND_MINUTES``, so a repeated form sends one e-mail, not one per submit."""
    return ratelimit.consume(
        "event-mail",
        f"{event.pk}:{email}",
        limit=1,
        period=settings.EVENT_MAIL_RESEND_MINUTES * 60,
    )
