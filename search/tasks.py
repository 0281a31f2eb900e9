"""Background tasks of the search app.

The rule for services and tasks, everywhere: a service module imports its task module at the top,
and a task imports the services it calls inside the task function, so no import cycle forms.
"""

from django_tasks import task


@task()
def flush_index_outbox():
    from .indexing import flush_outbox

    sent, failed = flush_outbox()
    return {"sent": sent, "failed": failed}
