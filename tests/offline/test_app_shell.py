"""Issue 17, item 1: an installable app with a service worker whose cache follows the
static files, a manifest in the reader's language, and an offline page that is the same
for everyone."""

import io
import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from PIL import Image

from offline.shell import PRECACHED_STATIC, current_shell_version, shell_version

pytestmark = pytest.mark.django_db


def test_the_version_changes_when_a_precached_file_changes(tmp_path):
    files = {"css/waypoint.css": b"body { color: black }", "js/offline.js": b"//"}

    before = shell_version(files, read=files.__getitem__)
    files["css/waypoint.css"] = b"body { color: navy }"
    after = shell_version(files, read=files.__getitem__)

    assert before != after
    assert shell_version(files, read=files.__getitem__) == after  # stable for the same files


def test_the_version_changes_when_a_file_on_disk_changes(tmp_path, settings):
    """The real reader: a stylesheet edited on disk gives a new version, hence new bytes
    of /sw.js, hence a new worker that fetches the new shell."""
    (tmp_path / "css").mkdir()
    sheet = tmp_path / "css" / "waypoint.css"
    sheet.write_text("body { color: black }")
    settings.STATICFILES_DIRS = [tmp_path]
    finders.get_finder.cache_clear()
    try:
        before = shell_version(["css/waypoint.css"])
        sheet.write_text("body { color: navy }")
        assert shell_version(["css/waypoint.css"]) != before
    finally:
        finders.get_finder.cache_clear()


def test_the_service_worker_is_served_at_the_root_with_headers_that_let_it_control_the_site(
    client,
):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert current_shell_version() in body
    for name in PRECACHED_STATIC:
        assert f"/static/{name}" in body
    assert '"/offline/"' in body
    assert '"mediaOrigins": []' in body  # images on the local disk: this origin only


def test_the_service_worker_may_fetch_images_from_the_object_store(client, settings):
    settings.MEDIA_ORIGINS = ["https://media.example.org"]

    body = client.get("/sw.js").content.decode()

    assert '"mediaOrigins": ["https://media.example.org"]' in body


def test_the_manifest_is_valid_linked_and_its_icons_exist(client):
    html = client.get("/courses/").content.decode()
    assert f'<link rel="manifest" href="{reverse("offline:manifest")}">' in html

    response = client.get(reverse("offline:manifest"))
    manifest = json.loads(response.content)

    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/learning/"
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    assert (manifest["lang"], manifest["dir"]) == ("en", "ltr")
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        width, height = Image.open(path).size
        assert f"{width}x{height}" == icon["sizes"]


def test_the_manifest_is_in_arabic_right_to_left_for_an_arabic_reader(client):
    client.cookies["django_language"] = "ar"
    manifest = json.loads(client.get(reverse("offline:manifest")).content)

    assert (manifest["lang"], manifest["dir"]) == ("ar", "rtl")
    in_english = json.loads(Client().get(reverse("offline:manifest")).content)
    assert manifest["description"] != in_english["description"]


def test_the_offline_page_is_translated_and_holds_nothing_personal(client, learner):
    learner.first_name = "Amina"
    learner.save()
    client.force_login(learner)
    client.cookies["django_language"] = "fr"

    response = client.get(reverse("offline:offline_page"))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Pas de connexion" in html
    assert 'lang="fr"' in html
    assert "csrfmiddlewaretoken" not in html and "Amina" not in html
    assert learner.email not in html
    assert "csrftoken" not in response.cookies


def test_the_icons_are_real_pngs():
    for name in PRECACHED_STATIC:
        if name.endswith(".png"):
            with open(finders.find(name), "rb") as handle:
                Image.open(io.BytesIO(handle.read())).verify()
