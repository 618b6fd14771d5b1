"""The signed-in person read on every request: one plain statement instead of
``ModelBackend.get_user``'s ORM query, and Django's own session check around it.

``User.objects.get(pk=...)`` builds and compiles its query on every request; on a lesson
page that was the costliest single read (issue 19, P1). Here the statement is made once
per database alias from the model's ``_meta`` (every concrete column, in field order, so
``User.from_db`` makes the same instance the ORM would) and run through
``connection.cursor()`` (query capture and the query-count tests see it); each column goes
through the converters the ORM's compiler would apply (SQLite's booleans and datetimes).

``get_user`` is ``django.contrib.auth.get_user`` with only the read replaced, and only for
sessions signed in through a backend whose ``get_user`` and ``user_can_authenticate`` are
``ModelBackend``'s own (ours and allauth's): the session keeps the backend's dotted path,
so sessions from before survive, and ``AUTHENTICATION_BACKENDS`` is unchanged. The rest is
Django's: a backend no longer in the settings signs out, an inactive person is refused,
and the session auth hash (an HMAC of the password hash) is compared on every request, with
the fallback secrets, so a password change or "sign out everywhere" ends other sessions at
once. ``tests/accounts/test_user_read.py`` compares it with Django's for each case and
fails if Django's ``get_user`` changes, so that an upgrade gets this read reviewed.
"""

from functools import cache

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, load_backend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.db import connections
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from config.postgres import prepared_statement_cursor


@cache
def _statement(database: str) -> tuple[str, tuple]:
    """The SELECT of one user row by id, and per column the ORM's converters."""
    user_model = auth.get_user_model()
    connection = connections[database]
    quote = connection.ops.quote_name
    meta = user_model._meta
    columns = ", ".join(quote(field.column) for field in meta.concrete_fields)
    statement = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"
    converters = []
    for index, field in enumerate(meta.concrete_fields):
        column = field.get_col(meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, column, tuple(found)))
    return statement, tuple(converters)


def read_user(user_id):
    """The user with this primary key, as ``User._default_manager.get(pk=...)`` would
    return it, or None."""
    user_model = auth.get_user_model()
    database = user_model._default_manager.db
    statement, converters = _statement(database)
    connection = connections[database]
    with prepared_statement_cursor(connection) as cursor:
        cursor.execute(statement, [user_model._meta.pk.get_db_prep_value(user_id, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for index, column, functions in converters:
        value = values[index]
        for function in functions:
            value = function(value, column, connection)
        values[index] = value
    return user_model.from_db(database, None, values)


_MODEL_BACKEND = ModelBackend()


@cache
def _plain_backends(backends: tuple[str, ...]) -> frozenset[str]:
    """The configured backends whose user read is ModelBackend's own, which read_user
    replaces (same row, same is_active check)."""
    plain = set()
    for path in backends:
        backend = type(load_backend(path))
        if (
            backend.get_user is ModelBackend.get_user
            and backend.user_can_authenticate is ModelBackend.user_can_authenticate
        ):
            plain.add(path)
    return frozenset(plain)


def get_user(request):
    """``django.contrib.auth.get_user`` (Django 5.2) with the row read by read_user."""
    from django.contrib.auth.models import AnonymousUser

    backends = tuple(settings.AUTHENTICATION_BACKENDS)
    try:
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in _plain_backends(backends):
        return auth.get_user(request)
    try:
        user_id = auth._get_user_session_key(request)
    except KeyError:
        return AnonymousUser()
    user = read_user(user_id)
    if user is not None and not _MODEL_BACKEND.user_can_authenticate(user):
        user = None
    if user is not None:
        session_hash = request.session.get(HASH_SESSION_KEY)
        if not session_hash:
            session_hash_verified = False
        else:
            session_auth_hash = user.get_session_auth_hash()
            session_hash_verified = constant_time_compare(session_hash, session_auth_hash)
        if not session_hash_verified:
            if session_hash and any(
                constant_time_compare(session_hash, fallback_auth_hash)
                for fallback_auth_hash in user.get_session_auth_fallback_hash()
            ):
                request.session.cycle_key()
                request.session[HASH_SESSION_KEY] = session_auth_hash
            else:
                request.session.flush()
                user = None
    return user or AnonymousUser()


def _cached_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class UserReadAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with ``request.user`` from get_user above
    (``request.auser``, for async views, stays Django's)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_user(request))
