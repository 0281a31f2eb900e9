"""Profile photos: checked with Pillow, then re-encoded, which drops camera metadata (EXIF,
location) and anything hidden after the image data.

A photo is stored under a random name (``models.profiles.avatar_upload_to``) in a folder the
web server refuses to serve, and reaches a browser only through ``photo_response`` after the
view checked that the viewer may see the profile. A replaced, cleared or deleted photo's file
is removed once the change is committed (the receivers below, connected in ``apps``), so no
photo outlives its profile.
"""

import io
import logging
import mimetypes

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)
AVATAR_SIZE = 256
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
SERVED_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def check_avatar(upload, max_bytes, max_pixels):
    if upload.size > max_bytes:
        raise ValidationError(_("The photo is too large: at most %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Use a JPEG, PNG, WebP or GIF photo."))
            if image.width * image.height > max_pixels:
                raise ValidationError(_("The photo has too many pixels; use a smaller photo."))
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not a photo we can read. Use a JPEG, PNG, WebP or GIF photo.")) from None
    upload.seek(0)


def normalised_avatar(upload):
    """A square JPEG of AVATAR_SIZE pixels, without metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = image.convert("RGB")
        side = min(image.size)
        left, top = (image.width - side) // 2, (image.height - side) // 2
        image = image.crop((left, top, left + side, top + side)).resize((AVATAR_SIZE, AVATAR_SIZE))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
    return InMemoryUploadedFile(buffer, "avatar", "avatar.jpg", "image/jpeg", buffer.tell(), None)


def photo_response(photo):
    """Stream a stored photo (a FieldFile) to a viewer the caller has checked: only for this
    browser (never a shared cache), never sniffed as anything but an image."""
    content_type = mimetypes.guess_type(photo.name)[0]
    try:
        handle = photo.storage.open(photo.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type if content_type in SERVED_TYPES else "application/octet-stream"
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def delete_after_commit(storage, name):
    """Remove a photo file once the change that dropped it is committed; a rolled-back change
    keeps it, since its row still points there."""

    def delete():
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not remove the old profile photo %s.", name, exc_info=True)

    transaction.on_commit(delete)


def remember_replaced_photo(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of MemberProfile: note the stored photo this save replaces or clears."""
    instance._replaced_photo = None
    if raw or instance.pk is None or (update_fields is not None and "avatar" not in update_fields):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("avatar", flat=True).first()
    if old and old != instance.avatar.name:
        instance._replaced_photo = old


def delete_replaced_photo(sender, instance, **kwargs):
    """post_save of MemberProfile."""
    old = getattr(instance, "_replaced_photo", None)
    if old:
        delete_after_commit(instance.avatar.storage, old)
        instance._replaced_photo = None


def delete_photo_of_deleted_profile(sender, instance, **kwargs):
    """post_delete of MemberProfile: also when the account is deleted (the profile cascades)."""
    if instance.avatar.name:
        delete_after_commit(instance.avatar.storage, instance.avatar.name)
