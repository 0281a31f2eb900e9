"""django-allauth as this site speaks: people are called by their name, and its e-mails are
signed with the site's name rather than the address of the server that sent them.

allauth greets "from" the request's host ("Hallo van 127.0.0.1:8000!") and shows the generated
username ("U bent ingelogd als anna"); members never see their username anywhere else.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings

from core import outbox


def display_name(user):
    """How a person is named on account pages and in e-mails (ACCOUNT_USER_DISPLAY): their
    name, or their e-mail address when they gave none (an editor made on the command line)."""
    return user.get_full_name() or user.email or user.get_username()


def account_holder(email):
    """The person an e-mail address belongs to, or None (a mail to an address with no account)."""
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    return address.user if address else None


def mail_context(email, context):
    """What every account e-mail needs on top of allauth's context: the site's name and address
    for the signature, and the recipient's name for the greeting (none: a greeting without)."""
    user = context.get("user") or account_holder(email)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
        "recipient_name": user.get_full_name() if user is not None else "",
        **context,
    }


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Into the outbox, in the request's transaction: no request waits for the mail server.
        message = self.render_mail(template_prefix, email, mail_context(email, context))
        outbox.queue_message(message, purpose=f"account.{template_prefix.rsplit('/', 1)[-1]}")

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # allauth leaves the user out of a notification's context: the greeting needs them.
        super().send_notification_mail(template_prefix, user, {"user": user, **(context or {})}, email)
