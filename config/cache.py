"""Django's Redis cache with one client per server instead of one per call.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` builds a new
``redis.Redis`` around the shared connection pool for every cache call; building one sets
up its table of response callbacks, which on this hardware costs more than the GET itself
over the loopback (about 0.1 ms against 0.1 ms). A ``redis.Redis`` over a pool is safe to
share between threads and checks the pool's pid after a fork, so one per server does.

Values are read back with ``PickleFirstRedisSerializer``: Django's serializer stores an
``int`` as its digits and anything else pickled, and reads every value by trying ``int()``
first, so each pickled value (a session, a page, a course) raised and formatted a
``ValueError`` before being unpickled. A pickle (protocol 2 and later, Django writes the
highest) starts with the PROTO opcode, a byte ``int()`` never accepts, so such a value goes
straight to ``pickle.loads``; anything else is read as Django reads it.

Keys are checked as Django checks them (``validate_key``: warn about keys memcached would
refuse), with the pattern compiled here: Django's is compiled lazily behind a
``SimpleLazyObject``, whose every use raises and formats an ``AttributeError`` before
reaching the pattern; a lesson page checks nine keys.
"""

import pickle
import re

from django.core.cache.backends.base import MEMCACHE_MAX_KEY_LENGTH
from django.core.cache.backends.redis import RedisCache, RedisCacheClient, RedisSerializer

# django.core.cache.backends.base.memcached_error_chars_re, compiled now.
_MEMCACHED_ERROR_CHARS = re.compile(r"[\x00-\x20\x7f]")
_PICKLE_PROTO = pickle.PROTO  # b"\x80", the first byte of every pickle of protocol >= 2


class PickleFirstRedisSerializer(RedisSerializer):
    def loads(self, data):
        if data[:1] == _PICKLE_PROTO:
            return pickle.loads(data)
        return super().loads(data)


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("serializer", PickleFirstRedisSerializer)
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def validate_key(self, key):
        """Django's check: a key it would warn about still goes to it, and warns."""
        if len(key) <= MEMCACHE_MAX_KEY_LENGTH and not _MEMCACHED_ERROR_CHARS.search(key):
            return
        super().validate_key(key)
