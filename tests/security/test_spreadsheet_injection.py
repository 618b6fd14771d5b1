"""Names people type reach Wagtail's own spreadsheet exports (the certificate listing, site
history, the page reports) as inert text: a CSV cell that a spreadsheet would read as a
formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one) starts with a quote,
as the report exports' cells do (``reports.exports``); an XLSX cell is typed text, never a
formula. A learner called `=HYPERLINK("http://x","y")` once got a live link into the
certificate CSV of every administrator who opened it."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.log_actions import log

from certificates.services import certificate_issue
from reports.exports import FORMULA_PREFIXES
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def admin(client):
    user = UserFactory(is_superuser=True, full_name="Site Administrator")
    client.force_login(user)
    return user


@pytest.fixture
def hostile_people():
    """A learner per hostile name, each with a certificate and an entry in the site history
    for a page of that title that they published and locked."""
    course = make_course(modules=1, lessons=1, title="Integrated Border Management")
    people = []
    for number, name in enumerate(HOSTILE):
        person = UserFactory(full_name=name, email=f"hostile{number}@example.org")
        certificate_issue(enrollment=complete_course(person, course=course))
        page = make_course(modules=0, title=name, slug=f"hostile-{number}")
        page.save_revision(user=person).publish(user=person, skip_permission_checks=True)
        page.locked, page.locked_by, page.locked_at = True, person, timezone.now()
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        log(instance=page, action="wagtail.edit", user=person)
        people.append(person)
    return people


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


CSV_EXPORTS = {
    "certificates": "wagtailsnippets_certificates_certificate:list",
    "site history": "wagtailadmin_reports:site_history",
    "aging pages": "wagtailadmin_reports:aging_pages",
    "locked pages": "wagtailadmin_reports:locked_pages",
}


@pytest.mark.parametrize("export", CSV_EXPORTS)
def test_hostile_names_come_out_of_wagtail_csv_exports_as_inert_text(
    client, admin, hostile_people, export
):
    rows = _csv(client.get(reverse(CSV_EXPORTS[export]), {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]

    assert [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)] == []
    for name in HOSTILE:
        assert "'" + name in cells, (export, name)


def test_hostile_names_in_the_certificate_xlsx_are_text_cells(client, admin, hostile_people):
    response = client.get(
        reverse("wagtailsnippets_certificates_certificate:list"), {"export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]

    assert [cell.value for cell in cells if cell.data_type == "f"] == []
    holders = {cell.value for cell in cells if cell.data_type == "s"}
    assert {name.replace("\r", "\n") for name in HOSTILE} <= holders  # XML reads CR as LF


def test_ordinary_values_are_left_as_they_are(client, admin, hostile_people):
    rows = _csv(
        client.get(reverse("wagtailsnippets_certificates_certificate:list"), {"export": "csv"})
    )

    assert "Integrated Border Management" in [cell for row in rows for cell in row]
    assert rows[0][0] == "Verification code"
