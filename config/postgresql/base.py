"""Django's PostgreSQL backend, with a health check that asks the connection's socket
instead of the server (issue 19, P1).

With ``CONN_HEALTH_CHECKS`` (on in our settings: a connection kept between requests may have
been closed by a restart of PostgreSQL, a failover or an idle timeout), Django sends
``SELECT 1`` before the first query of every request: a round trip, and work for PostgreSQL,
on every signed-in page, as costly as one of the page's two real reads.

An idle connection receives nothing from the server unless the server has closed it (it
sends its FATAL message, then closes the socket). So when the connection is idle, open and
its socket has nothing to read, it is usable, and no statement is sent. Anything else (the
socket has something to read, the connection is closed or broken, a transaction is open) is
decided by Django's own check, which then closes the connection and lets the next query
open a new one. A connection pool (``OPTIONS["pool"]``) keeps Django's behaviour.
"""

import select

from django.db.backends.postgresql import base


class SocketHealthCheckMixin:
    def close_if_health_check_failed(self):
        if getattr(self, "pool", None):
            return super().close_if_health_check_failed()
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if not self._idle_with_nothing_to_read() and not self.is_usable():
            self.close()
        self.health_check_done = True

    def _idle_with_nothing_to_read(self) -> bool:
        from psycopg import pq

        connection = self.connection
        if connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != pq.TransactionStatus.IDLE:
            return False
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN)
            return not poller.poll(0)
        except (OSError, ValueError):
            return False


class DatabaseWrapper(SocketHealthCheckMixin, base.DatabaseWrapper):
    pass
