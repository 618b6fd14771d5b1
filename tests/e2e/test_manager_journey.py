"""A manager signs in, sees on the dashboard what waits for them in their units only, filters
the completion report to one unit, exports it to XLSX (with a heading that says what it
holds), scrolls the wide learner table inside its box, and assigns a course to a unit with
a due date; the learners of that unit are enrolled and told by e-mail."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts import roles
from accounts.services import manager_set_units
from courses.models import Enrollment
from courses.services import enrollment_create, enrollment_request_create, lesson_complete
from reports.exports import HEADING_ROWS
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.courses import lessons_of, make_course

PASSWORD = "correct-horse-battery"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _choose(select, text):
    """Pick the option whose label contains ``text`` (units are listed indented, with code)."""
    select.select_option(select.locator("option", has_text=text).get_attribute("value"))


def test_manager_filters_exports_and_assigns(page, live_server, step, mailoutbox):
    ministry = make_organisation("Ministry of Interior", code="e2e-moi")
    police = make_organisation("Border Police", parent=ministry, code="e2e-bp")
    airport = make_organisation("Airport Unit", parent=police, code="e2e-airport")
    land = make_organisation("Land Border Unit", parent=police, code="e2e-land")
    elsewhere = make_organisation("Ministry of Labour", code="e2e-labour")
    manager = UserFactory(email="okafor@example.org", full_name="Daniel Okafor")
    manager_set_units(manager=manager, organisations=[police])
    studied = make_course(modules=1, lessons=1, title="Document Examination")
    assigned = make_course(modules=1, lessons=1, title="Trafficking Indicators")
    at_airport = [
        UserFactory(full_name=name, organisation=airport, roles=[roles.LEARNERS])
        for name in ("Amina Haddad", "Élodie Marchand")
    ]
    at_land = UserFactory(full_name="Tomás Varga", organisation=land, roles=[roles.LEARNERS])
    outsider = UserFactory(full_name="Ingrid Solberg", organisation=elsewhere)
    for learner in [*at_airport, at_land, outsider]:
        enrollment_create(user=learner, course=studied)
    lesson_complete(user=at_airport[0], lesson=lessons_of(studied)[0])
    approval = make_course(
        modules=1, lessons=1, title="Document Fraud Detection", enrolment_requires_approval=True
    )
    late = make_course(modules=1, lessons=1, title="Integrated Border Management")
    for learner in (at_airport[1], outsider):  # the outsider's must not show
        enrollment_request_create(user=learner, course=approval, message="")
    for learner in (at_land, outsider):
        enrollment_create(user=learner, course=late, due_at=timezone.now() - timedelta(days=3))
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

    with step("sign-in"):
        page.goto(live_server.url + "/accounts/login/?next=/admin/")
        page.get_by_label("Email").fill(manager.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        expect(page.get_by_role("button", name="Reports")).to_be_visible()

    with step("dashboard"):
        page.goto(live_server.url + "/admin/")
        requests = page.locator("#waypoint-requests-section")
        expect(requests.get_by_role("row").filter(has_text="Élodie Marchand")).to_be_visible()
        expect(requests).to_contain_text("1 request for a place is waiting for a decision.")
        units = page.locator("#waypoint-units-section")
        expect(units).to_contain_text("Border Police, with every unit below.")
        expect(page.get_by_text("Ingrid Solberg")).to_have_count(0)
        units.get_by_role("link", name="1 person overdue").click()
        expect(page.get_by_role("heading", name="Overdue assignments")).to_be_visible()
        expect(page.get_by_role("row").filter(has_text="Tomás Varga")).to_be_visible()
        expect(page.get_by_text("Ingrid Solberg")).to_have_count(0)

    with step("filter-report"):
        page.get_by_role("button", name="Reports").click()
        page.get_by_role("link", name="Completion by course").click()
        _choose(page.get_by_label("Unit"), "Airport Unit")
        page.get_by_role("button", name="Apply filters").click()
        row = page.get_by_role("row").filter(has_text="Document Examination")
        expect(row).to_be_visible()
        expect(row.get_by_role("cell").nth(1)).to_have_text("2")  # enrolled at the airport
        expect(page.get_by_text("Ingrid Solberg")).to_have_count(0)

    with step("export-xlsx"):
        headers = [
            cell.inner_text().strip()
            for cell in page.get_by_role("table")
            .filter(has_text="Document Examination")
            .locator("thead th")
            .all()
        ]
        with page.expect_download() as download:
            page.get_by_role("link", name="Download XLSX").click()
        sheet = openpyxl.load_workbook(
            io.BytesIO(open(download.value.path(), "rb").read()), read_only=True
        ).active
        rows = list(sheet.iter_rows(values_only=True))
        heading = {row[0]: row[1] for row in rows[: HEADING_ROWS - 1]}
        assert heading["Report"] == "Completion by course"
        assert heading["Filters"] == "Unit: Airport Unit"
        assert heading["Units"] == "Airport Unit"
        table = rows[HEADING_ROWS:]
        assert [str(value) for value in table[0]] == headers
        assert table[1][0] == "Document Examination"
        assert table[1][headers.index("Enrolled")] == 2

    with step("learner-table-scrolls-in-its-box"):
        page.goto(live_server.url + "/admin/reports/learners/")
        region = page.get_by_role("region", name="Learner progress")
        expect(region).to_be_visible()
        box = region.evaluate(
            """region => {
                const filters = document.querySelector("form.waypoint-report-filters");
                return {
                    right: region.getBoundingClientRect().right,
                    contentRight: filters.getBoundingClientRect().right,
                    overflows: region.scrollWidth > region.clientWidth,
                    pageScrolls: document.documentElement.scrollWidth
                        > document.documentElement.clientWidth,
                };
            }"""
        )
        assert box["overflows"], "twelve columns do not fit 1280 px: the box scrolls"
        assert box["right"] <= box["contentRight"] + 1, "the box ends where the filters end"
        assert not box["pageScrolls"]
        region.focus()
        for _ in range(30):
            page.keyboard.press("ArrowRight")
        assert region.evaluate("region => region.scrollLeft") > 0, "arrow keys scroll it"
        region.evaluate("region => { region.scrollLeft = region.scrollWidth; }")
        last = region.get_by_role("columnheader", name="Certificate")
        last_right = last.evaluate("cell => cell.getBoundingClientRect().right")
        assert last_right <= box["right"] + 1, "the last column can be scrolled into view"

    with step("assign-to-unit"):
        due = timezone.localdate() + timedelta(days=30)
        page.goto(live_server.url + "/admin/assignments/assign/")
        page.get_by_label("Course").select_option(label="Trafficking Indicators")
        page.get_by_label("Due date").fill(due.isoformat())
        page.get_by_label("A unit, with every unit below it").check()
        _choose(page.get_by_role("combobox", name="Unit"), "Land Border Unit")
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_text("1 will be enrolled")).to_be_visible()
        page.get_by_role("button", name="Assign", exact=True).click()
        expect(page.get_by_text("1 enrolled")).to_be_visible()

    enrollment = Enrollment.objects.get(user=at_land, course=assigned)
    assert timezone.localtime(enrollment.due_at).date() == due
    assert enrollment.assigned_by == manager
    assert not Enrollment.objects.filter(course=assigned).exclude(user=at_land).exists()
    # The learner is told, by one e-mail sent after the assignment committed (issue 16).
    (notice,) = [m for m in mailoutbox if m.to == [at_land.email]]
    assert "Trafficking Indicators" in notice.subject and "Daniel Okafor" in notice.body
