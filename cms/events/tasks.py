"""Background tasks for registrations: e-mail never holds up the visitor's request."""

from django_tasks import task


@task()
def send_registration_mail(registration_id, kind, extra=None):
    from .mail import deliver

    return deliver(registration_id, kind, extra or {})
