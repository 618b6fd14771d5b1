"""The test suite: fast hashing, in-memory mail, no manifest for static files."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env(
    "WAYPOINT_TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
# make test runs the suite in several processes (pytest-xdist names them gw0, gw1, ...):
# pytest-django gives each its own test database; the folders below are each one's own too.
TEST_PROCESS = env("PYTEST_XDIST_WORKER", default="")
# A worker started by a fault test writes its mail here, so that the test can count it.
EMAIL_FILE_PATH = env(
    "WAYPOINT_TEST_EMAIL_DIR",
    default=str(VAR_DIR / "-".join(filter(None, ["test-mail", TEST_PROCESS]))),  # noqa: F405
)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = VAR_DIR / "-".join(filter(None, ["test-media", TEST_PROCESS]))  # noqa: F405
# Tests call tasks directly or rely on eager mode unless they start a real worker.
CELERY_TASK_ALWAYS_EAGER = not env.bool("WAYPOINT_TEST_REAL_WORKER", default=False)
ACCOUNT_RATE_LIMITS = False  # tests/security/test_login_throttling.py turns it on
# Off so that the suite's staff can open /admin/ after force_login; tests/accounts/test_mfa*.py
# turns it on.
MFA_REQUIRED_FOR_STAFF = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the browser tests' live server answers requests on several
    # threads, which an in-memory SQLite database shared between threads cannot take.
    # WAYPOINT_TEST_SQLITE names another file, so that two suites can run side by side.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": env("WAYPOINT_TEST_SQLITE", default=str(VAR_DIR / "test.sqlite3"))  # noqa: F405
    }
