"""Background tasks for registrations.

Registration e-mail is sent by the site's outbox (core/outbox.py) since migration
events.0003. ``send_registration_mail`` stays so that jobs queued by an older release still
resolve in the task queue after an upgrade; the e-mail they stood for was moved to the outbox
by that migration and is sent from there.
"""

from django_tasks import task


@task()
def send_registration_mail(pending_id):
    return False
