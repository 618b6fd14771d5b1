"""Operational endpoints."""

import logging

from django.db import connection
from django.http import JsonResponse
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
        logger.exception("health check: database unreachable")
        return "down"
    return "ok"


def _broker_status() -> str:
    from config.celery import app

    if app.conf.task_always_eager:
        return "in-process"

    # One attempt with short socket timeouts: a load balancer probing /healthz must get an
    # answer in a couple of seconds, not after kombu's retry back-off or a TCP timeout.
    timeouts = {"socket_connect_timeout": BROKER_TIMEOUT, "socket_timeout": BROKER_TIMEOUT}
    try:
        with app.connection_for_write(
            app.conf.broker_url, connect_timeout=BROKER_TIMEOUT, transport_options=timeouts
        ) as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
    except Exception:  # noqa: BLE001
        logger.exception("health check: broker unreachable")
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    status = {"database": _database_status(), "broker": _broker_status()}
    healthy = all(value != "down" for value in status.values())
    status["status"] = "ok" if healthy else "degraded"
    return JsonResponse(status, status=200 if healthy else 503)
