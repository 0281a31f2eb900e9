"""Background tasks of the site's infrastructure: sending an e-mail from the outbox.

The rule for services and tasks, everywhere: a service module imports its task module at the top,
and a task imports the services it calls inside the task function, so no import cycle forms.
"""

from django_tasks import task


@task()
def send_outgoing_mail(mail_id):
    from .outbox import deliver

    return deliver(mail_id)
