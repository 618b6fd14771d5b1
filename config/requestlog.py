"""Request ids and JSON log lines (docs/deploy.md, "Logs").

Every request gets an id: the one the reverse proxy sends in ``X-Request-ID`` when Waypoint
runs behind it (``REQUEST_ID_FROM_PROXY``; nginx replaces whatever a client sent), else a new
one. It is answered in the ``X-Request-ID`` response header, stamped on every log record
written while the request runs, handed to the Celery tasks the request queues (a message
header), and stamped on the tasks' log records in turn.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_user_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("user_id", default=None)

HEADER = "waypoint_request_id"  # the Celery message header
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")

request_logger = logging.getLogger("waypoint.requests")


def current_request_id() -> str:
    return _request_id.get()


def _incoming_id(request) -> str:
    if settings.REQUEST_ID_FROM_PROXY:
        given = request.headers.get("X-Request-ID", "")
        if VALID_ID.match(given):
            return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in the stack, so that every response carries the id and the request line
    covers all the other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_id(request)
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if settings.LOG_REQUESTS:
                self._log(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            _request_id.reset(token)

    @staticmethod
    def _log(request, status: int, seconds: float) -> None:
        # The user id only when the view already loaded the user: no extra query for it.
        user = getattr(request, "_cached_user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "path": request.path,
                "method": request.method,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": user_id,
            },
        )


class RequestIdFilter(logging.Filter):
    """Puts the current request (or task) id on every record, for both formats."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, and whatever
    the caller passed in ``extra`` (path, status, duration_ms, user_id, task ids). Never an
    e-mail address: callers log user ids."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", _request_id.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


# --- Celery: the id travels in a message header and comes back in the worker -------------


def on_before_task_publish(headers=None, **kwargs) -> None:
    if headers is not None and HEADER not in headers:
        headers[HEADER] = _request_id.get()


_task_tokens: dict[str, contextvars.Token] = {}


def on_task_prerun(task_id=None, task=None, **kwargs) -> None:
    given = getattr(task.request, HEADER, None) if task is not None else None
    request_id = given if given and given != "-" else f"task-{task_id}"
    _task_tokens[task_id] = _request_id.set(request_id)


def on_task_postrun(task_id=None, **kwargs) -> None:
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        try:
            _request_id.reset(token)
        except ValueError:  # set in another context (eager task inside a request)
            _request_id.set("-")


def on_setup_logging(**kwargs) -> None:
    """Workers and beat log through the same configuration as the web servers (JSON lines
    in production) instead of Celery's own."""
    import logging.config

    logging.config.dictConfig(settings.LOGGING)
