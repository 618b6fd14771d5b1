"""Operational endpoints: liveness (/healthz), readiness (/readyz) and metrics (/metrics).

- ``/healthz`` says the process answers. It touches nothing else, so a load balancer or
  systemd's watchdog never restarts a healthy server because PostgreSQL blinked.
- ``/readyz`` says this server can do its work: database, cache, broker and file storage.
  A load balancer takes a server out of rotation while it answers 503.
- ``/metrics`` is Prometheus' text format (config.metrics), for the monitoring system only.
"""

import logging
import secrets
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("waypoint.health")

BROKER_TIMEOUT = 2  # seconds


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down"; the log has the detail
        logger.exception("readiness check: database unreachable")
        return "down"
    return "ok"


def _cache_status() -> str:
    key = f"waypoint:readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        found = cache.get(key) == "1"
        cache.delete(key)
    except Exception:  # noqa: BLE001
        logger.exception("readiness check: cache unreachable")
        return "down"
    return "ok" if found else "down"


def _broker_status() -> str:
    from config.celery import app

    if app.conf.task_always_eager:
        return "in-process"

    # One attempt with short socket timeouts: a load balancer probing /readyz must get an
    # answer in a couple of seconds, not after kombu's retry back-off or a TCP timeout.
    timeouts = {"socket_connect_timeout": BROKER_TIMEOUT, "socket_timeout": BROKER_TIMEOUT}
    try:
        with app.connection_for_write(
            app.conf.broker_url, connect_timeout=BROKER_TIMEOUT, transport_options=timeouts
        ) as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
    except Exception:  # noqa: BLE001
        logger.exception("readiness check: broker unreachable")
        return "down"
    return "ok"


def _storage_status() -> str:
    """Each file storage answers a lookup: the media directory, or the object storage's
    buckets when configured (a missing bucket or wrong keys raise here)."""
    try:
        for alias in ("default", "private"):
            if alias in settings.STORAGES:
                storages[alias].exists("readyz-probe")
    except Exception:  # noqa: BLE001
        logger.exception("readiness check: file storage unreachable")
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    status = {
        "database": _database_status(),
        "cache": _cache_status(),
        "broker": _broker_status(),
        "storage": _storage_status(),
    }
    ready = all(value != "down" for value in status.values())
    status["status"] = "ok" if ready else "degraded"
    return JsonResponse(status, status=200 if ready else 503)


def _metrics_allowed(request) -> bool:
    """With ``METRICS_TOKEN`` set, the scraper must send it as a bearer token; without it,
    the endpoint is off. nginx refuses /metrics to all but internal addresses as well
    (deploy/nginx/waypoint.conf.template)."""
    token = settings.METRICS_TOKEN
    if not token:
        return False
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    # As bytes: compare_digest refuses non-ASCII text, which a client may send (a 500).
    return scheme.lower() == "bearer" and secrets.compare_digest(
        given.strip().encode(), token.encode()
    )


@never_cache
@require_GET
def metrics(request):
    if not _metrics_allowed(request):
        raise Http404
    from config.metrics import exposition

    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)
