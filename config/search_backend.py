"""Wagtail's database search backend, with SQLite's full-text queries made safe for any
text a person types (``WAGTAILSEARCH_BACKENDS``).

On SQLite the backend writes each search term into an FTS5 query as a quoted string
(`"term"`) without doubling the quotes inside it, so a query holding a `"` (the catalogue's
`/courses/?q="`, the admin's page listing search) is an FTS5 syntax error: an
OperationalError, which ``DatabaseUnavailableMiddleware`` rightly takes for a lost
database and answers 503. Here every term and phrase has its quotes doubled, FTS5's own
escape, so that quotes, stars, brackets and NEAR/AND/OR/NOT search as text; and a query
FTS5 still refuses reads as no results, while any other database error goes on up.

PostgreSQL and the fallback backend are Wagtail's as they are: the PostgreSQL backend
quotes each lexeme and escapes it already. The SQLite classes live in
``config.sqlite_search``, imported only on SQLite."""

from django.db import OperationalError
from modelsearch.backends.database import SearchBackend as database_search_backend

_FTS5_QUERY_ERRORS = ("unterminated string", "unknown special query")


def is_search_syntax_error(error: Exception) -> bool:
    """What FTS5 says about a query it cannot read: "fts5: syntax error near …" and other
    "fts5:" complaints, or one of its two bare messages. A lost, locked or broken database
    says something else, and goes on up to ``DatabaseUnavailableMiddleware``."""
    if not isinstance(error, OperationalError):
        return False
    message = str(error)
    return message.startswith("fts5:") or message in _FTS5_QUERY_ERRORS


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_search_backend(params)
    if type(backend).__name__ != "SQLiteSearchBackend":  # by name: see config.sqlite_search
        return backend
    from config.sqlite_search import QuotedSQLiteSearchBackend

    return QuotedSQLiteSearchBackend(params)
