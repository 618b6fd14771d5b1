"""``config.postgresql`` with django-prometheus' query metrics (``METRICS_ENABLED``)."""

from django_prometheus.db.backends.postgresql import base

from config.postgresql.base import SocketHealthCheckMixin


class DatabaseWrapper(SocketHealthCheckMixin, base.DatabaseWrapper):
    pass
