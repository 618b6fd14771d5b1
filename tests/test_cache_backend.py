"""Production's shared cache: Django's Redis backend keeping one client per server
(config.cache), chosen by the production settings whenever CACHE_URL names Redis."""

import os
import pickle
import sys
import uuid

import pytest
import redis

from config.cache import ReusedClientRedisCache
from tests.test_settings import production_env, run

REDIS_URL = os.environ.get("WAYPOINT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def shared_cache():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        if os.environ.get("WAYPOINT_REQUIRE_SERVICES"):
            pytest.fail(f"needs Redis at {REDIS_URL}")
        pytest.skip(f"needs Redis at {REDIS_URL}")
    return ReusedClientRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


def test_values_round_trip_through_one_reused_client(shared_cache):
    shared_cache.set("outline", {"steps": [1, 2, 3]}, 30)
    assert shared_cache.add("generation", "a", None)
    assert not shared_cache.add("generation", "b", None)

    assert shared_cache.get_many(["outline", "generation", "missing"]) == {
        "outline": {"steps": [1, 2, 3]},
        "generation": "a",
    }
    shared_cache.set("count", 1, 30)
    assert shared_cache.incr("count") == 2
    assert shared_cache.delete("outline")
    assert shared_cache.get("outline") is None
    client = shared_cache._cache.get_client("outline")
    assert shared_cache._cache.get_client("count", write=True) is client


def test_redis_replies_are_parsed_in_c(shared_cache):
    """hiredis (requirements.txt): redis-py picks its C parser for every connection when it
    is installed; its own Python parser cost the lesson page ~3 % of its instructions."""
    shared_cache.set("outline", ["a" * 100] * 50, 30)
    client = shared_cache._cache.get_client("outline")
    connection = client.connection_pool.get_connection()
    try:
        assert type(connection._parser).__name__ == "_HiredisParser"
    finally:
        client.connection_pool.release(connection)
    assert shared_cache.get("outline") == ["a" * 100] * 50


def _exceptions_raised(function) -> list[type]:
    """The exceptions raised in Python frames while ``function`` runs, caught or not."""
    raised = []

    def trace(frame, event, arg):
        if event == "exception":
            raised.append(arg[0])
        return trace

    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(None)
    return raised


def test_a_pickled_value_is_read_without_trying_it_as_a_number_first(shared_cache):
    """Django's serializer tries ``int()`` on every value read and unpickles after the
    ``ValueError``; formatting that error for each session, page and course read cost a
    lesson page ~0.1 M instructions (issue 19, P1)."""
    outline = {"steps": ["lesson-1", "lesson-2"], "title": "Frontline checks"}
    shared_cache.set("outline", outline, 30)
    shared_cache.set("count", 41, 30)

    raised = _exceptions_raised(lambda: shared_cache.get_many(["outline", "count"]))

    assert ValueError not in raised
    assert shared_cache.get_many(["outline", "count"]) == {"outline": outline, "count": 41}
    assert shared_cache.incr("count") == 42


def test_values_stored_by_other_writers_read_as_django_reads_them(shared_cache):
    """Digits are a number, an old protocol's pickle (no PROTO opcode) is still unpickled."""
    client = shared_cache._cache.get_client("x", write=True)
    client.set(shared_cache.make_and_validate_key("digits"), b"17")
    client.set(shared_cache.make_and_validate_key("old"), pickle.dumps(["a", 1], protocol=0))

    assert shared_cache.get("digits") == 17
    assert shared_cache.get("old") == ["a", 1]


def test_keys_are_checked_as_django_checks_them(shared_cache, monkeypatch):
    """Django's memcached-portability warnings still come for the keys it warns about;
    the keys it passes are answered without its lazily compiled pattern (issue 19, P1)."""
    from django.core.cache import CacheKeyWarning
    from django.core.cache.backends import base

    checked = []
    django_check = base.memcache_key_warnings
    monkeypatch.setattr(
        base, "memcache_key_warnings", lambda key: checked.append(key) or django_check(key)
    )

    shared_cache.get_many(["route:" + "a" * 128, "waypoint:courses:generation"])
    assert checked == []
    with pytest.warns(CacheKeyWarning, match="characters"):
        shared_cache.get("with space")
    with pytest.warns(CacheKeyWarning, match="longer than 250"):
        shared_cache.get("k" * 251)
    assert len(checked) == 2


def _production_cache(tmp_path, **cache_url) -> str:
    env = production_env(
        tmp_path,
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="waypoint.example.org",
        DATABASE_URL="postgres://waypoint@127.0.0.1:5432/waypoint",
        **cache_url,
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.cache import caches; "
        "print(type(caches['default']), settings.COURSE_PAGE_CACHE_ENABLED)"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_production_uses_it_for_a_redis_cache_url(tmp_path):
    output = _production_cache(tmp_path, CACHE_URL="rediscache://127.0.0.1:6379/15")

    assert "config.cache.ReusedClientRedisCache" in output
    assert output.strip().endswith("True")


def test_production_keeps_no_course_pages_in_a_cache_local_to_each_worker(tmp_path):
    output = _production_cache(tmp_path)

    assert "LocMemCache" in output
    assert output.strip().endswith("False")
