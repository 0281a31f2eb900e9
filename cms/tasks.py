"""Background tasks of the cms app: reading the text of an uploaded document file.

The rule for services and tasks, everywhere: a service module imports its task module at the top,
and a task imports the services it calls inside the task function, so no import cycle forms.
"""

from django_tasks import task


@task()
def read_document_text(file_id):
    from .file_text import read_and_store

    return read_and_store(file_id)
