"""Production: hardened defaults; refuses to start with DEBUG on or without a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from kennisplatform.env import env_bool, env_int, env_str, require_production_safety

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY

require_production_safety(debug=DEBUG, secret_key=SECRET_KEY)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Referrer-Policy, nosniff, frame protection and the CSP are set in base (every environment).
# Only the load test on plain-HTTP loopback turns this off (browsers would not send the cookies back).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

STORAGES = {
    "default": {"BACKEND": "core.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Media on S3-compatible object storage --------------------------------------------------
# MEDIA_STORAGE=s3 puts every upload (images and their renditions, documents, members' photos)
# in a bucket instead of MEDIA_ROOT, so several app servers share them. The bucket stays
# private: images get signed URLs that expire, and documents are still served by Wagtail's
# download view (WAGTAILDOCS_SERVE_METHOD), which checks privacy and streams the file.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    if not env_str("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            # Empty means Amazon S3; otherwise e.g. https://s3.example.nl (MinIO, Ceph, ...).
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Empty: boto3 finds credentials itself (instance role, ~/.aws).
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "location": env_str("AWS_LOCATION", "media"),  # key prefix inside the bucket
            "default_acl": "private",
            "querystring_auth": True,
            # Signed URLs must outlive a cached page (PAGE_CACHE_SECONDS) and a browser's copy.
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 6 * 60 * 60),
            # Never replace an object: every member's photo is uploaded as "avatar.jpg".
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO
            # A domain that serves the objects itself (it must be able to read the private bucket).
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "object_parameters": {"CacheControl": "private, max-age=86400"},
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {MEDIA_STORAGE!r}.")
