"""The route cache never serves a page that is gone, and heals itself when another page
takes over a cached path."""

import pytest
from django.core.cache import cache

from tests.factories.courses import catalogue, make_course
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_an_unpublished_page_is_not_served_from_the_cached_route(client):
    course = make_course(modules=1, lessons=1, title="Route Cache Course")
    url = course.url
    assert client.get(url).status_code == 200

    course.unpublish()

    assert client.get(url).status_code == 404


def test_a_new_page_at_a_cached_path_is_served_and_cached_in_turn(client):
    old = make_course(modules=1, lessons=1, title="Same Path")
    url = old.url
    client.get(url)
    client.get(url)
    cached_cost, _ = count_queries(lambda: client.get(url))
    old.delete()
    new = make_course(modules=1, lessons=1, title="Same Path", parent=catalogue())
    assert new.url == url

    response = client.get(url)
    assert response.status_code == 200 and response.context["page"].pk == new.pk
    again, response = count_queries(lambda: client.get(url))

    assert response.context["page"].pk == new.pk
    assert again == cached_cost  # the stale entry was replaced, not re-checked each time


def test_any_path_a_client_sends_makes_a_valid_cache_key(client, recwarn):
    """memcached refuses keys over 250 characters or with control characters; the path is
    hashed, so a long or odd one is an ordinary 404, without a cache-key warning."""
    for path in ["/courses/" + "x" * 5000 + "/", "/courses/\x01\x7f%0a/", "/cours\u00e9s/\u202e/"]:
        assert client.get(path).status_code == 404

    assert not [w for w in recwarn if w.category.__name__ == "CacheKeyWarning"]


def test_which_paths_wagtail_serves_is_answered_for_the_urlconf_in_use(client, settings):
    """The answer is kept per URLconf and path (issue 19, P1): our own views never touch
    the route cache, and another URLconf gets its own answer."""
    from home.middleware import _served_by_wagtail

    course = make_course(modules=1, lessons=1)
    assert _served_by_wagtail(course.url) and _served_by_wagtail(course.url)
    assert not _served_by_wagtail("/healthz") and not _served_by_wagtail("/learning/")
    settings.ROOT_URLCONF = "tests.home.urls_without_pages"
    assert not _served_by_wagtail(course.url)
    assert _served_by_wagtail("/healthz") is False
    settings.ROOT_URLCONF = "config.urls"
    assert _served_by_wagtail(course.url)
