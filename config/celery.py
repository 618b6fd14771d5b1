"""Celery application.

Reliability settings follow docs/targets.md: a task is acknowledged only after it ran
(``acks_late``), a worker killed mid-task hands it back to the broker
(``reject_on_worker_lost``), a worker reserves one task at a time (prefetch 1), and
Redis waits far longer than any task runs before redelivering an unacknowledged
message (``visibility_timeout``). Every task must therefore be safe to run twice.

On SIGTERM a worker stops taking tasks and finishes the one it runs (warm shutdown); the
systemd unit waits for that (deploy/systemd/waypoint-worker@.service). The request id of
the request that queued a task travels with it and is on the task's log lines
(config.requestlog).
"""

import os

from celery import Celery, signals

from config import requestlog

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("waypoint")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

signals.before_task_publish.connect(requestlog.on_before_task_publish, weak=False)
signals.task_prerun.connect(requestlog.on_task_prerun, weak=False)
signals.task_postrun.connect(requestlog.on_task_postrun, weak=False)
signals.setup_logging.connect(requestlog.on_setup_logging, weak=False)
