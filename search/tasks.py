"""Background tasks of the search app."""

from django_tasks import task

from .indexing import flush_outbox


@task()
def flush_index_outbox():
    sent, failed = flush_outbox()
    return {"sent": sent, "failed": failed}
