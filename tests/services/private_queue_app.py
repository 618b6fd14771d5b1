"""The real Celery app and WSGI application, sending tasks to the queue named by
``WAYPOINT_TEST_QUEUE``, so that a web server and a worker started by a test talk to each
other and to nobody else. Used only by tests."""

import os

from django.core.wsgi import get_wsgi_application

from config.celery import app

__all__ = ["app", "application"]

if os.environ.get("WAYPOINT_TEST_QUEUE"):
    app.conf.task_default_queue = os.environ["WAYPOINT_TEST_QUEUE"]

application = get_wsgi_application()
