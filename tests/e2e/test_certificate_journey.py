"""A learner completes a course; the certificate appears on "My learning"; its verification
page says valid; an administrator revokes it, having to choose a reason; the verification
page says revoked; the learner is told by e-mail and sees the reason on "My learning", and
the PDF is no longer handed out."""

import re

import pytest
from playwright.sync_api import expect

from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

COURSE = "Counter-trafficking essentials"
PASSWORD = "correct-horse-battery"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_certificate_issued_verified_and_revoked(page, live_server, step, mailoutbox):
    course = make_course(modules=1, lessons=1, title=COURSE)
    learner = UserFactory(email="nadia@example.org", full_name="Nadia Benali", roles=["Learners"])
    UserFactory(email="registrar@example.org", is_superuser=True)
    enrollment_create(user=learner, course=course)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

    with step("complete-course"):
        _sign_in(page, live_server, learner.email)
        page.goto(live_server.url + course.url)
        page.get_by_role("link", name="Start the course").click()
        page.get_by_role("button", name="Done, back to the course").click()
        expect(page.get_by_text("You have completed this course.")).to_be_visible()

    with step("certificate-on-my-learning"):
        page.goto(live_server.url + "/learning/")
        certificates = page.get_by_role("region", name="Certificates")
        expect(certificates.get_by_role("heading", name=COURSE)).to_be_visible()
        expect(certificates.get_by_role("link", name=re.compile("Download PDF"))).to_be_visible()
        # The mail names the course; the holder's name is on the attached PDF, never in a
        # sentence of ours (issue 12, finding 11).
        assert len(mailoutbox) == 1 and COURSE in mailoutbox[0].body
        assert "Nadia Benali" not in mailoutbox[0].body
        certificates.get_by_role("link", name="Verification link to share").click()

    with step("verification-valid"):
        expect(page.get_by_role("heading", name="Valid certificate")).to_be_visible()
        expect(page.get_by_text("Nadia Benali")).to_be_visible()
        verify_url = page.url
        code = verify_url.rstrip("/").rsplit("/", 1)[-1]

    with step("revoke-in-admin"):
        page.context.clear_cookies()
        _sign_in(page, live_server, "registrar@example.org")
        page.goto(live_server.url + "/admin/snippets/certificates/certificate/")
        expect(page.get_by_role("button", name="Delete selected snippets")).to_have_count(0)
        page.get_by_role("link", name="Revoke", exact=True).click()
        # No reason is chosen for the administrator: revoking without one is refused.
        expect(page.get_by_label("Reason")).to_have_value("")
        page.get_by_role("button", name="Revoke", exact=True).click()
        expect(
            page.get_by_text("Choose a reason: the certificate was not revoked.")
        ).to_be_visible()
        page.get_by_label("Reason").select_option("issued_in_error")
        page.get_by_role("button", name="Revoke", exact=True).click()
        expect(page.get_by_text("revoked. The holder is being told by e-mail.")).to_be_visible()

    with step("verification-revoked"):
        page.context.clear_cookies()
        page.goto(verify_url)
        expect(page.get_by_role("heading", name="Revoked certificate")).to_be_visible()
        expect(page.get_by_text("Issued in error")).to_be_visible()

    with step("learner-sees-the-revocation"):
        # Told by e-mail (after the revocation committed), with the reason.
        assert len(mailoutbox) == 2 and "Reason: Issued in error." in mailoutbox[1].body
        _sign_in(page, live_server, learner.email)
        page.goto(live_server.url + "/learning/")
        certificates = page.get_by_role("region", name="Certificates")
        expect(
            certificates.get_by_text(re.compile(r"Revoked on .+\. Reason: Issued in error\."))
        ).to_be_visible()
        expect(certificates.get_by_role("link", name=re.compile("Download PDF"))).to_have_count(0)

    with step("pdf-refused"):
        response = page.goto(live_server.url + f"/certificates/{code}/pdf/")
        assert response is not None and response.status == 410
        expect(page.get_by_role("heading", name="This certificate was revoked")).to_be_visible()
        expect(page.get_by_text("Reason: Issued in error.")).to_be_visible()
