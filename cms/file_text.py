"""Reading and storing the text of document files: the service around cms/document_text.py.

A save of a ``LibraryFile`` with a new file (another name or hash) marks its text "pending" and,
once the transaction commits, queues ``cms.tasks.read_document_text``; never in the request.
The task reads the file from storage, extracts its text within the limits in settings
(DOCUMENT_TEXT_*) and stores text, PDF page offsets, status, reason and time.
"""

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms import tasks
from cms.document_text import FAILED, TOO_LARGE, Extraction, Limits, extract_text
from cms.uploads import extension_of

MB = 1024 * 1024

# Sent (with ``file_id``) after a file's text was stored: search re-indexes the pages using it.
document_text_read = Signal()


def limits_from_settings():
    return Limits(
        max_file_bytes=settings.DOCUMENT_TEXT_MAX_FILE_MB * MB,
        max_text_chars=settings.DOCUMENT_TEXT_MAX_MB * MB,
        max_pages=settings.DOCUMENT_TEXT_MAX_PAGES,
        seconds=settings.DOCUMENT_TEXT_SECONDS,
        max_unzipped_bytes=settings.DOCUMENT_TEXT_MAX_UNZIPPED_MB * MB,
        max_zip_ratio=settings.DOCUMENT_TEXT_MAX_ZIP_RATIO,
    )


def file_saved(sender, instance, raw=False, **kwargs):
    """post_save of LibraryFile: queue a reading when the file is new or replaced."""
    if raw or not instance.file:
        return
    source = instance.text_source_key
    if source == instance.text_source:
        return
    type(instance).objects.filter(pk=instance.pk).update(
        text_source=source, text_status=instance.TextStatus.PENDING, text_reason=""
    )
    instance.text_source, instance.text_status, instance.text_reason = source, instance.TextStatus.PENDING, ""
    schedule(instance.pk)


def schedule(file_id):
    """Queue the reading of one file once the current transaction commits."""
    transaction.on_commit(lambda: tasks.read_document_text.enqueue(file_id))


def read_and_store(file_id):
    """Read one file's text and store it; returns the status, or None when the file is gone."""
    from cms.models import LibraryFile

    document = LibraryFile.objects.filter(pk=file_id).first()
    if document is None:
        return None
    source = document.text_source_key
    with translation.override(settings.LANGUAGE_CODE):  # the reason is stored for the editors
        result = _read(document)
    LibraryFile.objects.filter(pk=file_id).update(
        text=result.text,
        text_page_offsets=result.page_offsets,
        text_status=result.status,
        text_reason=result.reason[:255],
        text_read_at=timezone.now(),
        text_source=source,
    )
    document_text_read.send(sender=LibraryFile, file_id=file_id)
    return result.status


def _read(document):
    limits = limits_from_settings()
    try:
        size = document.file.size
        if size > limits.max_file_bytes:
            return Extraction(
                status=TOO_LARGE,
                reason=_("The file is larger than %(mb)s MB: not read.") % {"mb": limits.max_file_bytes // MB},
            )
        with document.file.open("rb") as handle:
            data = handle.read()
    except OSError as error:  # missing file, storage down
        return Extraction(
            status=FAILED, reason=_("The file could not be opened: %(error)s") % {"error": type(error).__name__}
        )
    return extract_text(data, extension_of(document.file.name), limits)
