"""Celery application.

Reliability settings follow docs/targets.md: a task is acknowledged only after it ran
(``acks_late``), a worker killed mid-task hands it back to the broker
(``reject_on_worker_lost``), a worker reserves one task at a time (prefetch 1), and
Redis waits far longer than any task runs before redelivering an unacknowledged
message (``visibility_timeout``). Every task must therefore be safe to run twice.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("waypoint")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
