"""Settings shared by every environment, read from the environment with safe local defaults.

See README.md ("Configuration") for every variable.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from core import sentry
from core.logs import logging_config
from kennisplatform.env import cache_from_url, env_bool, env_int, env_list, env_str, page_cache_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The product: content, events, search, community.
    "cms",  # content: pages, documents, taxonomy
    "events",  # event pages and registrations
    "search",
    "community",
    # Infrastructure every area uses: logs, health, mail outbox, rate limits, security headers,
    # staff two-factor, page cache, storage, backups (kennisplatform/ itself is configuration only).
    "core",
    "csp",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.logs.RequestLogMiddleware",  # first: every response gets its id and its log line
    "django.middleware.security.SecurityMiddleware",
    "core.headers.ContentSecurityPolicyMiddleware",
    "core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_cache.AnonymousPageCacheMiddleware",
    "cms.middleware.SiteLookupMiddleware",  # after the page cache: a cached page needs no site
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.security.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.storage.StorageFullMiddleware",
]

ROOT_URLCONF = "kennisplatform.urls"

# Security headers (core/headers.py relaxes scripts, styles and framing for the Wagtail admin only).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"] + env_list("CSP_EXTRA_SOURCES"),
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF] + env_list("CSP_EXTRA_SOURCES"),
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Members log in with their e-mail address (django-allauth); editors use the same accounts.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
# Show the login page to a logged-in member sent there by the admin (with the admin's "no
# access" message) instead of bouncing them back to the admin in a loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupNameForm"
# People by name on account pages and in its e-mails, which are signed with the site's name.
ACCOUNT_ADAPTER = "community.accounts.AccountAdapter"
ACCOUNT_USER_DISPLAY = "community.accounts.display_name"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Brute-force protection (allauth's rate limits, kept in CACHES): its defaults, stated here.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind nginx (1) or a load balancer and nginx (2): rate limits count the visitor's address
# from X-Forwarded-For, not the proxy's (which would make one bucket for everyone).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP keys and recovery-code seeds are stored encrypted (community/mfa_secrets.py) with a key
# from the environment; empty derives one from SECRET_KEY. Old keys still decrypt (rotation).
MFA_ADAPTER = "community.mfa_secrets.EncryptingMFAAdapter"
MFA_ENCRYPTION_KEY = env_str("MFA_ENCRYPTION_KEY")
MFA_ENCRYPTION_OLD_KEYS = env_list("MFA_ENCRYPTION_OLD_KEYS")
MFA_TOTP_ISSUER = env_str("SITE_NAME", "Kennisplatform Ambtelijke Fusie")
# Editors, moderators and staff must set up two-factor authentication before using the admin.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
# The admin logs in through the same (rate-limited, two-factor) login as members.
WAGTAILADMIN_LOGIN_URL = "account_login"

# Caches by purpose, so visitors can never push out state that must survive:
# - "default": allauth's rate limits (login, TOTP, password reset) and our own
#   (core/ratelimit.py), the search circuit breaker; small, never culled in practice.
# - "pages": the anonymous page cache (core/page_cache.py), bounded; anything visitors can grow.
# The page cache, the content fragments and the content generation live apart from the rate
# limits, and by default not in the database: a cached page or fragment costs no query.
_CONTENT_CACHE_URL = page_cache_url(
    env_str("CACHE_URL", "db"), env_str("PAGE_CACHE_URL"), env_str("PAGE_CACHE_DIR", str(BASE_DIR / ".cache"))
)
CACHES = {
    "default": cache_from_url(env_str("CACHE_URL", "db"), table="kennisplatform_cache", max_entries=1_000_000),
    "pages": cache_from_url(
        _CONTENT_CACHE_URL,
        table="kennisplatform_page_cache",
        max_entries=env_int("PAGE_CACHE_MAX_ENTRIES", 5000),
        key_prefix="pages",
    ),
    # Django's {% cache %} tag uses this alias: content blocks that are the same for everyone, keyed to
    # the content generation (core/page_cache.py). An unavailable cache means rendering in full.
    "template_fragments": {
        "BACKEND": "core.cache_backends.ForgivingCache",
        "OPTIONS": {
            "CACHE": cache_from_url(
                _CONTENT_CACHE_URL, table="kennisplatform_fragments", max_entries=20_000, key_prefix="fragments"
            )
        },
    },
}
# Wagtail pages for anonymous visitors, from the "pages" cache; 0 switches it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
WSGI_APPLICATION = "kennisplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.site_name",
                "community.viewer.viewer",
                "core.context_processors.content_generation",
            ],
        },
    },
]

# SQLite next to the code unless DATABASE_URL says otherwise (postgres://user:pw@host/db).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,  # a kept connection is checked first: the site survives a database restart
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait their turn instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface is Dutch for everyone (no negotiation on Accept-Language); an English
# interface needs only a translation and LocaleMiddleware.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
# locale/ is ours (makemessages); the overrides replace wording of allauth and Django (by hand).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "core" / "locale_overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "static_collected")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "core.storage.MediaStorage"},  # removes half-written files (full disk)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Every mail goes through the outbox (core/outbox.py); the environment's EMAIL_BACKEND is the
# backend the outbox delivers with.
EMAIL_BACKEND = "core.mail_backend.OutboxBackend"
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that accepts the connection and then stalls must not hold a worker for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# Alerts and digests: at most this many e-mails a minute from send_pending_mail (0: no limit).
EMAIL_BULK_PER_MINUTE = env_int("EMAIL_BULK_PER_MINUTE", 300)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent_emails"))  # for the file-based backend
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kennisplatform Ambtelijke Fusie <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Search ----------------------------------------------------------------------------
# Empty ELASTICSEARCH_URL means "search the database"; see README.md ("Search").
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "kennisplatform")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT_SECONDS", 3)
ELASTICSEARCH_SHARDS = env_int("ELASTICSEARCH_SHARDS", 1)
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 0)
# After a failed request, search the database for this long before trying Elasticsearch again.
ELASTICSEARCH_RETRY_AFTER_SECONDS = env_int("ELASTICSEARCH_RETRY_AFTER_SECONDS", 30)
# Typed search queries (the editors' analytics) are deleted after this many days
# (`manage.py purge_search_log`, daily).
SEARCH_LOG_RETENTION_DAYS = env_int("SEARCH_LOG_RETENTION_DAYS", 365)
# Search alerts (search/alerts.py): unconfirmed subscriptions are deleted after this many days;
# one address follows at most SEARCH_ALERTS_PER_ADDRESS searches; an address or IP address may
# ask for at most SEARCH_ALERTS_SUBSCRIBE_LIMIT confirmation mails an hour.
SEARCH_ALERTS_CONFIRM_DAYS = env_int("SEARCH_ALERTS_CONFIRM_DAYS", 7)
SEARCH_ALERTS_PER_ADDRESS = env_int("SEARCH_ALERTS_PER_ADDRESS", 20)
SEARCH_ALERTS_SUBSCRIBE_LIMIT = env_int("SEARCH_ALERTS_SUBSCRIBE_LIMIT", 5)

# Background work (search index updates). The immediate backend runs a task right after the
# request's transaction commits; django_tasks_db.DatabaseBackend queues it for
# `manage.py db_worker`, which production should use.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# --- Events ----------------------------------------------------------------------------
# Personal data of registrations is removed this many months after the event
# (`manage.py purge_registrations`); reminders go out this many days before it
# (`manage.py send_event_reminders`). Schedule both daily.
REGISTRATION_RETENTION_MONTHS = env_int("REGISTRATION_RETENTION_MONTHS", 6)
EVENT_REMINDER_DAYS = env_int("EVENT_REMINDER_DAYS", 2)
# The guest form mails an address anyone can type: at most this many guest registrations per
# hour for one e-mail address (over all events) and from one IP address (events/limits.py);
# and one e-mail per address and event in this many minutes (a repeat sends nothing new).
EVENT_GUEST_REGISTRATIONS_PER_ADDRESS_PER_HOUR = env_int("EVENT_GUEST_REGISTRATIONS_PER_ADDRESS_PER_HOUR", 5)
EVENT_GUEST_REGISTRATIONS_PER_IP_PER_HOUR = env_int("EVENT_GUEST_REGISTRATIONS_PER_IP_PER_HOUR", 30)
EVENT_MAIL_RESEND_MINUTES = env_int("EVENT_MAIL_RESEND_MINUTES", 10)

# --- Community -------------------------------------------------------------------------
# Members who joined less than this many days ago post with limits (links per post, posts
# per hour), which keeps most spam out without a moderator's work.
COMMUNITY_NEW_MEMBER_DAYS = env_int("COMMUNITY_NEW_MEMBER_DAYS", 7)
COMMUNITY_NEW_MEMBER_MAX_LINKS = env_int("COMMUNITY_NEW_MEMBER_MAX_LINKS", 2)
COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR = env_int("COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR", 5)
# One post mentions at most this many members (more is refused, the text kept); one author's
# mentions send at most this many e-mails a day (further mentions still link, without mail).
COMMUNITY_MAX_MENTIONS_PER_POST = env_int("COMMUNITY_MAX_MENTIONS_PER_POST", 10)
COMMUNITY_MENTION_MAILS_PER_DAY = env_int("COMMUNITY_MENTION_MAILS_PER_DAY", 50)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Wagtail ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Kennisplatform Ambtelijke Fusie")
# Where the accessibility statement lives (a page editors keep; the demo creates it there).
# Every page's footer links to it, as Dutch government sites must.
ACCESSIBILITY_STATEMENT_URL = env_str("ACCESSIBILITY_STATEMENT_URL", "/toegankelijkheid/")
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_DOCUMENT_MODEL = "cms.LibraryFile"
# Documents are always served through Wagtail's serve view (permission checks, download
# disposition), never straight from MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # editors' e-mail hashes stay here (and the CSP needs no third party)
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # always "download", so no uploaded file runs in our origin
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 25) * 1024 * 1024
# Reading the text of document files (cms/document_text.py), in a background task: files larger
# than DOCUMENT_TEXT_MAX_FILE_MB are not read; text beyond DOCUMENT_TEXT_MAX_MB, PDF pages beyond
# DOCUMENT_TEXT_MAX_PAGES and reading beyond DOCUMENT_TEXT_SECONDS are cut off ("too large").
# Zip-based files (DOCX, XLSX, PPTX, ODT, ODS) that unpack beyond DOCUMENT_TEXT_MAX_UNZIPPED_MB
# or pack a large part more than DOCUMENT_TEXT_MAX_ZIP_RATIO times are refused unread.
DOCUMENT_TEXT_MAX_FILE_MB = env_int("DOCUMENT_TEXT_MAX_FILE_MB", 25)
DOCUMENT_TEXT_MAX_MB = env_int("DOCUMENT_TEXT_MAX_MB", 2)
DOCUMENT_TEXT_MAX_PAGES = env_int("DOCUMENT_TEXT_MAX_PAGES", 1000)
DOCUMENT_TEXT_SECONDS = env_int("DOCUMENT_TEXT_SECONDS", 60)
DOCUMENT_TEXT_MAX_UNZIPPED_MB = env_int("DOCUMENT_TEXT_MAX_UNZIPPED_MB", 200)
DOCUMENT_TEXT_MAX_ZIP_RATIO = env_int("DOCUMENT_TEXT_MAX_ZIP_RATIO", 100)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False  # one reset for everyone: allauth's (kennisplatform/urls.py)

# One line per request and per background task; LOG_FORMAT=json for log collectors.
LOGGING = logging_config(log_format=env_str("LOG_FORMAT", "text"), level=env_str("LOG_LEVEL", "INFO"))

# /health/ reports "degraded" when an e-mail or index update has waited longer than this.
HEALTH_OUTBOX_MAX_AGE_MINUTES = env_int("HEALTH_OUTBOX_MAX_AGE_MINUTES", 60)

# Errors to Sentry (or GlitchTip) when SENTRY_DSN is set; personal data is scrubbed.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    sentry.init(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"), release=env_str("SENTRY_RELEASE"))
