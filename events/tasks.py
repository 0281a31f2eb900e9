"""Background tasks for registrations: e-mail never holds up the visitor's request.

The rule for services and tasks, everywhere: a service module imports its task module at the top,
and a task imports the services it calls inside the task function, so no import cycle forms.
"""

from django_tasks import task


@task()
def send_registration_mail(pending_id):
    from .mail import deliver

    return deliver(pending_id)
