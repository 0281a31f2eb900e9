"""Production: hardened defaults; refuses to start with DEBUG on or without a real SECRET_KEY."""

from kennisplatform.env import env_bool, env_int, require_production_safety

from .base import *  # noqa: F401,F403
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
    "default": {"BACKEND": "cms.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
