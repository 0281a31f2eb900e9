"""Profile photos: checked with Pillow, then re-encoded, which drops camera metadata (EXIF,
location) and anything hidden after the image data."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

AVATAR_SIZE = 256
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


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
