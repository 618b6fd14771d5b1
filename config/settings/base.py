"""Settings shared by every mode. Secrets and service addresses come from the environment.

The embedded default needs no environment at all: SQLite under ``var/``, Celery tasks run
in-process, e-mail written under ``var/mail/``. Setting ``DATABASE_URL``,
``CELERY_BROKER_URL`` and ``EMAIL_URL`` switches to the services mode.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.oidc import oidc_origins

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("WAYPOINT_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "home",
    "courses",
    "offline",
    "enrolments",
    "assessments",
    "certificates",
    "reports",
    "devtools",  # seed_demo (make run), generate_load_data, the bench ceiling view
    "accounts.apps.WaypointUsersAppConfig",  # wagtail.users with our user form
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Translated courses and quizzes (issue 15, item 4): wagtail-localize's translation
    # editor, its PO export and import for outside translators, and its locale admin.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "treebeard",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_celery_beat",
    "django_celery_results",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in person read by one plain statement (accounts.user_read).
    "accounts.user_read.UserReadAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.PreviewFormsDoNothingMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.mfa.StaffMFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.PageRouteCacheMiddleware",
    # Marks the course pages a learner may keep on the device; a sign-out clears it.
    "offline.middleware.OfflinePagesMiddleware",
    "offline.middleware.SignOutClearsDeviceMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
                "offline.context_processors.offline",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'waypoint.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a background write commits.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's, with a health check that sends no statement (config/postgresql/base.py).
        DATABASES["default"]["ENGINE"] = "config.postgresql"
    # The statements every signed-in page runs are prepared on their first run on a
    # connection (config.postgres.prepared_statement_cursor; Django's other cursors bind on
    # the client and are never prepared). Off behind a pooler that does not keep prepared
    # statements across transactions (PgBouncer in transaction mode before 1.21).
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS level 2 (V2.1.1): at least 12 characters, for everyone; no composition rules.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
from config.settings.signin import *  # noqa: E402, F403  (sign-in, MFA, single sign-on)
from config.settings.signin import SOCIALACCOUNT_PROVIDERS  # noqa: E402

# Internationalisation: the catalogues are locale/<language>/LC_MESSAGES/django.po
# (docs/glossary.md has the terms); the admin offers the same four languages as the site.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
WAGTAIL_I18N_ENABLED = True
# A course or quiz submitted for translation is a draft until its translation is published
# (wagtail-localize would make it live at once, in the source language).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
FORMAT_MODULE_PATH = ["config.formats"]  # one set of date formats per language
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded files (config.storage): ``default`` holds public media (Wagtail images and
# renditions), ``private`` holds what only our views hand out after checking who asks
# (certificate PDFs and ZIPs, report exports, import files, Wagtail documents). Both under
# MEDIA_ROOT by default; in an S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set
# (one bucket with private objects, or AWS_PRIVATE_BUCKET_NAME for a second, private one and
# public-read images in the first). Static files stay on WhiteNoise either way.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
OBJECT_STORAGE_ENABLED = bool(AWS_STORAGE_BUCKET_NAME)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
from config.storage import media_origins, s3_storages  # noqa: E402

if OBJECT_STORAGE_ENABLED:
    STORAGES |= s3_storages(env)
elif env.str("AWS_PRIVATE_BUCKET_NAME", default=""):
    raise ImproperlyConfigured(
        "AWS_PRIVATE_BUCKET_NAME is set without AWS_STORAGE_BUCKET_NAME: set both, or neither "
        "to keep uploaded files under MEDIA_ROOT."
    )
# Where image URLs point when they are in the object store (Content-Security-Policy).
MEDIA_ORIGINS = media_origins(env)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form bodies without files (a long course page's StreamField is the largest); uploaded files
# have their own limits below and go to a temporary file above FILE_UPLOAD_MAX_MEMORY_SIZE.
# The reverse proxy should cap whole request bodies a little above the largest upload (25 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# E-mail: the embedded default writes each message to var/mail/ and the console.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "config.mail.FileAndConsoleEmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Waypoint <noreply@waypoint.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run in-process (eagerly), on commit.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60  # the longest task (bulk ZIP export) is killed after this
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis redelivers an unacknowledged task after this many seconds: keep it far above
    # CELERY_TASK_TIME_LIMIT, or a long task would run twice while still running.
    "visibility_timeout": 4 * 60 * 60,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The periodic jobs: config/settings/schedule.py.
from config.settings.schedule import CELERY_BEAT_SCHEDULE  # noqa: E402,F401

CELERY_TIMEZONE = TIME_ZONE

# Wagtail
WAGTAIL_SITE_NAME = "Waypoint"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# accounts.views.admin_login: on to allauth when signed out, "access denied" when signed in.
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# One way to reset a password: allauth's, which is rate-limited. Wagtail's own reset
# pages under /admin/password_reset/ answer 404.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# The admin's account page changes neither address nor password: it took a new address
# unverified and checked old passwords without a limit. It links to allauth's pages instead
# (accounts.wagtail_hooks).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Wagtail's database backend, with quotes in queries escaped for SQLite (config.search_backend).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "config.search_backend"}}
# Uploads. Documents: no HTML or SVG, 20 MB at most, always served through Wagtail's view
# (permission checks, `nosniff`, and a CSP that forbids everything; a sandbox as well for
# documents that download, see config.middleware). Images: no SVG, 10 MB and 40 megapixels
# at most (Wagtail refuses larger ones with a message on upload).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Lesson videos (courses.Video): checked by content with ffprobe; nginx's
# client_max_body_size must allow as much on the admin (deploy/nginx/waypoint.conf).
VIDEO_MAX_UPLOAD_SIZE = env.int("VIDEO_MAX_UPLOAD_SIZE", default=200 * 1024 * 1024)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests carrying users' e-mail hashes
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# --- Security headers -----------------------------------------------------------------------
# Content-Security-Policy (django-csp, through config.middleware). The site and the
# certificate pages run no inline script, load nothing from other origins but the video
# players lessons embed (framed only when the learner presses play: YouTube from its
# no-cookie origin, courses.video_embeds), and may not be framed. The QR code on the
# two-factor set-up page is a data: image. The Wagtail admin gets its own, looser policy
# (config.middleware).
VIDEO_EMBED_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        # The images of a course kept offline are fetched by the page (static/js/offline.js).
        "connect-src": [SELF, *MEDIA_ORIGINS],
        "media-src": [SELF],
        "frame-src": VIDEO_EMBED_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        # The "Sign in with ..." buttons post to Waypoint, which redirects to the provider:
        # browsers hold that redirect to form-action too (config.oidc).
        "form-action": [SELF, *oidc_origins(SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"])],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of ours uses are switched off, for us and for embedded players.
# (Security keys keep their default: allowed for this origin.)
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Pages a signed-in learner's device may keep for reading offline (offline.middleware): the
# course pages only, never the admin, accounts, reports, certificates or quizzes.
OFFLINE_PAGE_TYPES = [
    "courses.CourseIndexPage",
    "courses.CoursePage",
    "courses.ModulePage",
    "courses.LessonPage",
]
OFFLINE_VIEW_NAMES = ["learning:dashboard"]

CERTIFICATE_VERIFY_RATE_PER_MINUTE = env.int("CERTIFICATE_VERIFY_RATE_PER_MINUTE", default=30)
# Files dropped on the verification page are read in memory, never stored, up to this size.
CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES = env.int(
    "CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024
)

# Open Badges 3.0 credentials (certificates.credentials.keys; README, "Signed credentials").
# The Ed25519 signing key as PEM text, or a file holding it; production refuses to start
# without one. Without either, development and tests make one under var/ once.
CREDENTIAL_SIGNING_KEY = env.str("CREDENTIAL_SIGNING_KEY", default="")
CREDENTIAL_SIGNING_KEY_FILE = env.str("CREDENTIAL_SIGNING_KEY_FILE", default="")
CREDENTIAL_DEV_KEY_FILE = VAR_DIR / "credential-signing-key.pem"
# Keys retired by a rotation: public keys (PEM) kept in the published key set, so that
# credentials signed with them still verify.
CREDENTIAL_RETIRED_PUBLIC_KEYS = env.str("CREDENTIAL_RETIRED_PUBLIC_KEYS", default="")
CREDENTIAL_RETIRED_KEYS_DIR = env.str("CREDENTIAL_RETIRED_KEYS_DIR", default="")
# The organisation named by the issuer profile (each credential names its certificate's
# issuer as printed).
CREDENTIAL_ISSUER_NAME = env.str("CREDENTIAL_ISSUER_NAME", default="Waypoint")
# How long a computed status list is served from the cache; a revocation drops it at once.
CREDENTIAL_STATUS_LIST_CACHE_SECONDS = 55

# Summary reports: figures cached this long (keyed by scope and filters), and answered from
# the snapshot beat takes (reports.SummarySnapshot) while it is younger than the max age;
# 0 turns snapshots off.
REPORTS_SUMMARY_CACHE_SECONDS = 60
REPORTS_SUMMARY_SNAPSHOT_MAX_AGE = 15 * 60
# Course outlines, view restrictions and lesson bodies kept in the cache for every learner
# (courses.page_cache); production turns it off without a shared cache.
COURSE_PAGE_CACHE_ENABLED = True

# `make bench` turns this on to route /bench/ping, its bare-Django-view ceiling; off elsewhere.
BENCH_CEILING_VIEW = env.bool("BENCH_CEILING_VIEW", default=False)

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="waypoint-demo")
# seed_demo creates a superuser with a known password: never on a production site.
DEMO_DATA_ENABLED = env.bool("DEMO_DATA_ENABLED", default=True)

# Operations (docs/deploy.md): request ids and logs (plain lines here, JSON lines in
# production or with LOG_FORMAT=json), Prometheus metrics (METRICS_ENABLED, METRICS_TOKEN),
# Sentry (SENTRY_DSN). config/settings/operations.py.
from config.settings.operations import operations  # noqa: E402

vars().update(
    operations(env, log_format_default="plain", middleware=MIDDLEWARE, databases=DATABASES)
)
