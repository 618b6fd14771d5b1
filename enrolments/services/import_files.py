"""The files an assignments import keeps between its steps, through the storage API only
(the private storage, ``config.storage``; issue 13): the previewed file and what the preview
was given
(``imports/<token>.csv`` and ``.json``), and a background import's outcome for the import
page. Nothing here reads or writes a local path, so the import runs the same on a storage
that is no local directory (an object store shared by the web and worker machines).

An outcome is written once per state under its own name (``<token>.running.json``, then
``<token>.outcome.json``) and read newest state first: a storage cannot rename a file into
place, and this way the page never reads half a file or none."""

import json
import re
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from config.storage import private_storage

IMPORT_DIR = "imports"
MAX_AGE = timedelta(hours=24)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
RUNNING = "running"


def _name(token: str, suffix: str) -> str:
    return f"{IMPORT_DIR}/{token}{suffix}"


def _read(name: str) -> bytes:
    """The file's bytes; ``OSError`` (``FileNotFoundError``) when there is none."""
    with private_storage().open(name, "rb") as file:
        return file.read()


def _read_json(name: str) -> dict | None:
    try:
        value = json.loads(_read(name))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def file_keep(*, data: bytes, meta: dict) -> str:
    """Keep a previewed file and its ``meta`` under a new random token, and remove the
    files older than a day (previews never imported, outcomes read long ago)."""
    _discard_old()
    token = secrets.token_urlsafe(24)
    private_storage().save(_name(token, ".csv"), ContentFile(data))
    private_storage().save(_name(token, ".json"), ContentFile(json.dumps(meta).encode()))
    return token


def _discard_old() -> None:
    limit = timezone.now() - MAX_AGE
    try:
        _directories, names = private_storage().listdir(IMPORT_DIR)
    except (OSError, NotImplementedError):  # nothing kept yet
        return
    for name in names:
        try:
            if private_storage().get_modified_time(f"{IMPORT_DIR}/{name}") < limit:
                private_storage().delete(f"{IMPORT_DIR}/{name}")
        except (OSError, NotImplementedError):
            continue


def file_discard(token: str) -> None:
    """The file is spent (imported): its token works no more."""
    for suffix in (".csv", ".json"):
        private_storage().delete(_name(token, suffix))


def file_kept(token: str) -> tuple[bytes, dict] | None:
    """The kept file and its meta, or None for a token that is malformed, expired or spent."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    meta = _read_json(_name(token, ".json"))
    if meta is None:
        return None
    try:
        return _read(_name(token, ".csv")), meta
    except OSError:
        return None


def outcome_write(token: str, **outcome) -> None:
    """The running state, or the final one (done or failed). A final outcome once written
    stands: a second one (a job delivered twice) is not stored over it."""
    suffix = ".running.json" if outcome.get("state") == RUNNING else ".outcome.json"
    name = _name(token, suffix)
    if suffix == ".outcome.json" and private_storage().exists(name):
        return
    private_storage().delete(name)
    private_storage().save(name, ContentFile(json.dumps(outcome).encode()))


def outcome_read(token: str) -> dict | None:
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    return _read_json(_name(token, ".outcome.json")) or _read_json(_name(token, ".running.json"))
