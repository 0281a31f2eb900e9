"""Local development and tests: DEBUG on unless the environment says otherwise."""

from kennisplatform.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-local-development-only"
ALLOWED_HOSTS = ["*"]
# So the demo editor can try the admin at once; production requires two-factor for staff.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
