"""Static files reach a phone on a slow link compressed with Brotli (smaller than gzip) and
are never asked for again: their names carry a hash of their content, so WhiteNoise marks
them immutable for ten years. The production storage (``CompressedManifestStaticFilesStorage``)
and WhiteNoise's own middleware do it; this checks they are wired as settings say."""

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

STYLESHEET = "css/waypoint.css"


@pytest.fixture
def collected_static(settings, tmp_path):
    """The site's stylesheet collected as ``collectstatic`` does in production."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    source = FileSystemStorage(location=finders.find(STYLESHEET).removesuffix(STYLESHEET))
    storage = CompressedManifestStaticFilesStorage(location=tmp_path)
    with source.open(STYLESHEET) as handle:
        storage._save(STYLESHEET, handle)
    for _name, _hashed, processed in storage.post_process({STYLESHEET: (source, STYLESHEET)}):
        assert not isinstance(processed, Exception), processed
    return storage


def _get(url: str, accept_encoding: str):
    middleware = WhiteNoiseMiddleware(lambda request: pytest.fail(f"{url} reached Django"))
    request = RequestFactory().get(url, HTTP_ACCEPT_ENCODING=accept_encoding)
    return middleware(request)


def test_hashed_stylesheet_is_served_with_brotli_and_cached_for_ever(collected_static):
    url = "/static/" + collected_static.stored_name(STYLESHEET)
    assert url != "/static/" + STYLESHEET, "the collected name must carry a content hash"

    response = _get(url, "gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in response["Vary"]
    body = brotli.decompress(b"".join(response.streaming_content))
    with open(finders.find(STYLESHEET), "rb") as original:
        assert body == original.read()


def test_browser_without_brotli_gets_gzip(collected_static):
    response = _get("/static/" + collected_static.stored_name(STYLESHEET), "gzip")

    assert response["Content-Encoding"] == "gzip"
