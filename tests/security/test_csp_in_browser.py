"""The Content-Security-Policy as Chromium enforces it: pages of the site, the two-factor
set-up (its QR code is a data: image) and the Wagtail admin's editor run without a single
violation. (The quiz journey in tests/e2e runs the answer autosave under the same policy.)"""

import pytest
from playwright.sync_api import expect

from certificates.services import certificate_issue
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def sign_in(page, base_url, email):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_the_site_and_the_admin_run_without_policy_violations(live_server, page, step):
    page.add_init_script(RECORD_VIOLATIONS)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    base = live_server.url
    course = make_course(modules=1, lessons=1, title="Integrated Border Management")
    learner = UserFactory(email="farah@example.org", full_name="Farah Nasser")
    certificate = certificate_issue(enrollment=complete_course(learner, course=course))
    UserFactory(email="trainer@example.org", roles=["Trainers"])

    with step("site pages"):
        for path in ("/", "/courses/", course.url, f"/certificates/verify/{certificate.code}/"):
            page.goto(base + path)
            assert violations(page) == [], path

    with step("two-factor set-up"):
        sign_in(page, base, "farah@example.org")
        page.goto(base + "/accounts/2fa/totp/activate/")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        qr = page.locator("img[src^='data:image/svg+xml']")
        expect(qr).to_be_visible()
        assert qr.evaluate("img => img.naturalWidth") > 0
        assert violations(page) == []
        page.goto(base + "/accounts/profile/")
        assert violations(page) == []
        page.context.clear_cookies()

    with step("admin editor"):
        sign_in(page, base, "trainer@example.org")
        page.goto(base + "/admin/")
        expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
        page.goto(base + f"/admin/pages/{course.pk}/edit/")
        expect(page.get_by_role("button", name="Save draft")).to_be_visible()
        assert violations(page) == []
