"""gunicorn's settings for Waypoint (systemd: deploy/systemd/waypoint-web@.service).

Values come from the environment file (deploy/waypoint.env.example), so one file serves
every server; the command line may override any of them (``--bind``).

Graceful shutdown: on SIGTERM gunicorn stops accepting connections and gives the requests
in progress ``graceful_timeout`` seconds to finish; systemd waits a little longer
(``TimeoutStopSec``) before it kills. SIGHUP starts new workers with the new code and
retires the old ones once they finish their requests.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: a request is Python work plus waits on PostgreSQL and Redis; two per core
# fill those waits (docs/deploy.md, "Sizing"). nginx buffers slow clients and uploads.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 2
# The application is imported before the port is opened: a server being (re)started refuses
# connections until it can answer them, so nginx sends requests to the other servers
# meanwhile instead of queueing them here. New code therefore needs a restart (SIGTERM and
# start, systemctl restart), not SIGHUP, which only replaces the workers.
preload_app = True
backlog = 2048
# A worker is replaced after this many requests (with jitter, so not all at once): memory
# that a long-lived process gathers is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# nginx runs on the same host; only its X-Forwarded-Proto is believed by gunicorn itself.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Django writes one JSON line per request (config.requestlog); gunicorn's own access log
# would say the same without the request id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = "waypoint-web"


# PROMETHEUS_MULTIPROC_DIR must be empty when gunicorn starts (counters of an earlier run
# would be added to the new ones): systemd's RuntimeDirectory gives each start a new one.
# It cannot be emptied here: with preload_app the application has opened its files in it
# already.


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
