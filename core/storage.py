"""Media storage, and what happens when it is full.

Django's ``FileSystemStorage`` keeps whatever it managed to write when the disk fills up in
the middle of an upload; ``MediaStorage`` removes that partial file, so a failed upload leaves
nothing behind. Files are written before their database row (Wagtail documents and images,
avatars), so no row points at a missing file either. ``StorageFullMiddleware`` then tells the
person plainly what happened (HTTP 507) instead of showing the generic error page.
"""

import errno
import logging
import os

from django.core.files.storage import FileSystemStorage
from django.shortcuts import render

logger = logging.getLogger(__name__)
STORAGE_FULL_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_storage_full(error):
    return isinstance(error, OSError) and error.errno in STORAGE_FULL_ERRORS


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.exists(path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.exists(path):
                os.remove(path)
            raise


class StorageFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_storage_full(exception):
            return None
        logger.error("Upload refused: the media storage is full (%s) at %s", exception, request.path)
        return render(request, "storage_full.html", status=507)
