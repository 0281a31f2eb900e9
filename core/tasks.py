"""Background tasks of the site's infrastructure: sending an e-mail from the outbox."""

from django_tasks import task


@task()
def send_outgoing_mail(mail_id):
    from .outbox import deliver

    return deliver(mail_id)
