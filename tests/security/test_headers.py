"""Security headers: a Content-Security-Policy without inline scripts on the site and the
certificate pages (and pages that would still work under it), a looser one that keeps the
Wagtail admin working, and the other headers browsers act on."""

import re

import pytest
from django.urls import reverse

from certificates.services import certificate_issue
from courses.services import enrollment_create
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_site_policy(response):
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def assert_nothing_the_policy_blocks(response):
    """The page must still work under the policy: no inline script, event handler or
    style (the policy would silently drop them and break the page)."""
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html).group(0)
    assert not STYLE_ATTRIBUTE.search(html), STYLE_ATTRIBUTE.search(html).group(0)
    assert not STYLE_ELEMENT.search(html)


@pytest.fixture
def course():
    return make_course(modules=1, lessons=2, title="Counter-Trafficking Basics")


@pytest.fixture
def certificate():
    learner = UserFactory(full_name="Samira Benali")
    return certificate_issue(enrollment=complete_course(learner))


def site_pages(client, course, certificate, learner):
    """(name, response) for the pages of the site a visitor and a learner see."""
    anonymous = [
        ("home", client.get("/")),
        ("catalogue", client.get("/courses/")),
        ("course", client.get(course.url)),
        ("sign in", client.get(reverse("account_login"))),
        ("sign up", client.get(reverse("account_signup"))),
        ("verify form", client.get(reverse("certificates:verify_form"))),
        ("certificate", client.get(reverse("certificates:verify", args=[certificate.code]))),
        ("unknown code", client.get(reverse("certificates:verify", args=["WP-0000-0000"]))),
    ]
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    signed_in = [
        ("my learning", client.get(reverse("learning:dashboard"))),
        ("lesson", client.get(lessons_of(course)[0].url)),
        ("profile", client.get(reverse("accounts:profile"))),
        ("close account", client.get(reverse("accounts:delete_account"))),
        ("two-factor", client.get(reverse("mfa_index"))),
    ]
    return anonymous + signed_in


def test_site_and_certificate_pages_have_a_strict_policy_and_nothing_it_blocks(
    client, course, certificate, learner
):
    for name, response in site_pages(client, course, certificate, learner):
        assert response.status_code in (200, 404), name
        assert_strict_site_policy(response)
        assert_nothing_the_policy_blocks(response)


def test_lesson_videos_may_come_from_the_video_players_only(client, course):
    csp = policy(client.get(course.url))

    assert csp["frame-src"] == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]
    # The two-factor set-up page shows its QR code as a data: image.
    assert csp["img-src"] == ["'self'", "data:"]


def test_the_certificate_json_answer_carries_the_policy_too(client, certificate):
    response = client.get(reverse("certificates:verify_json", args=[certificate.code]))

    assert response.status_code == 200
    assert_strict_site_policy(response)


def test_the_admin_keeps_working_under_its_own_policy(client, course):
    """Wagtail 8's editor writes inline scripts (inline panels, date pickers): the admin's
    policy allows them, still only from this origin. The admin itself is not framed; its
    previews are (tests/courses/test_previews.py)."""
    client.force_login(UserFactory(roles=["Administrators"]))

    dashboard = client.get("/admin/")
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))

    assert dashboard.status_code == 200
    assert editor.status_code == 200
    assert INLINE_SCRIPT.search(editor.content.decode())  # what the admin policy is for
    csp = policy(editor)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert "https:" not in csp["script-src"] and "*" not in csp["script-src"]


def test_the_django_admin_gets_the_admin_policy(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get("/django-admin/")

    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    assert policy(response)["frame-ancestors"] == ["'none'"]


def test_security_headers_on_every_response(client):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
