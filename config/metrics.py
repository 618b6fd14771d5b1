"""Prometheus metrics (``/metrics``, config.views.metrics).

django-prometheus counts requests, their latency by view, responses by status, database
queries, their time and errors (METRICS_ENABLED adds its middleware and database wrappers,
config/settings/operations.py). Read here at each scrape, from any host's point of view:
the length of each Celery queue (Redis) and the tasks that finished in the last hour by
state, failures included (django-celery-results' table).

Under gunicorn every worker process keeps its own counters: with
``PROMETHEUS_MULTIPROC_DIR`` set (the systemd unit sets it; deploy/gunicorn.conf.py empties
it at start and marks dead workers), the answer adds up all the workers of this server.
"""

import logging
import os
from datetime import timedelta

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger("waypoint.metrics")


def celery_queue_names() -> list[str]:
    from config.celery import app

    names = {app.conf.task_default_queue or "celery"}
    for queue in app.conf.task_queues or []:
        names.add(getattr(queue, "name", str(queue)))
    return sorted(names)


class CeleryCollector:
    def collect(self):
        from config.celery import app

        lengths = GaugeMetricFamily(
            "waypoint_celery_queue_length", "Tasks waiting in each Celery queue", labels=["queue"]
        )
        if not app.conf.task_always_eager and app.conf.broker_url.startswith("redis"):
            try:
                with app.connection_for_read() as connection:
                    client = connection.default_channel.client
                    for name in celery_queue_names():
                        lengths.add_metric([name], client.llen(name))
            except Exception:  # noqa: BLE001 - a scrape must not fail because Redis did
                logger.exception("metrics: broker unreachable")
        yield lengths
        yield self._recent_tasks()

    @staticmethod
    def _recent_tasks():
        from django.db.models import Count
        from django.utils import timezone
        from django_celery_results.models import TaskResult

        recent = GaugeMetricFamily(
            "waypoint_celery_tasks_last_hour",
            "Celery tasks that finished in the last hour, by state (FAILURE: failed)",
            labels=["state"],
        )
        counts = {state: 0 for state in ("SUCCESS", "FAILURE", "RETRY", "REVOKED")}
        try:
            since = timezone.now() - timedelta(hours=1)
            rows = (
                TaskResult.objects.filter(date_done__gte=since)
                .values_list("status")
                .annotate(count=Count("id"))
            )
            counts.update(dict(rows))
        except Exception:  # noqa: BLE001
            logger.exception("metrics: task results unreadable")
        for state, count in sorted(counts.items()):
            recent.add_metric([state], count)
        return recent


def exposition() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(CeleryCollector())
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY) + generate_latest(_celery_registry()), CONTENT_TYPE_LATEST


def _celery_registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    registry.register(CeleryCollector())
    return registry
