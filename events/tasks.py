"""Background tasks for registrations: e-mail never holds up the visitor's request."""

from django_tasks import task


@task()
def send_registration_mail(pending_id):
    from .mail import deliver

    return deliver(pending_id)
