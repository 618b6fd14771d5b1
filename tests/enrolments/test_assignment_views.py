"""The admin screens "Assign a course" and "Import assignments from CSV": who gets in,
what they may choose, and crafted POSTs that try to reach outside the manager's scope."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.models import Enrollment
from tests.factories.accounts import UserFactory
from tests.factories.assignments import csv_bytes, make_cohort, make_manager, make_staff, make_tree
from tests.factories.courses import make_course
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db

ASSIGN = "/admin/assignments/assign/"
IMPORT = "/admin/assignments/import/"
DUE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def manager(tree):
    return make_manager(tree.police, email="manager@example.org")


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1, title="Border basics")


def _assign_data(course, **fields):
    data = {"course": course.pk, "due_date": DUE.isoformat(), "target": "unit"}
    data.update(fields)
    return data


def _upload(data: bytes, **fields):
    return {"file": SimpleUploadedFile("staff.csv", data, content_type="text/csv"), **fields}


def test_the_urls_are_the_ones_the_menu_links_to():
    assert reverse("reports_assign_course") == ASSIGN
    assert reverse("reports_assignments_import") == IMPORT


def test_a_manager_chooses_among_their_own_units_and_cohorts(client, tree, manager, course):
    make_cohort("Airport intake", tree.airport)
    make_cohort("Labour intake", tree.labour)
    client.force_login(manager)

    page = client.get(ASSIGN).content.decode()

    for name in ("Border Police", "Airport Unit", "Land Border Unit", "Airport intake"):
        assert name in page
    for name in ("Ministry of Interior", "Ministry of Labour", "Integration", "Labour intake"):
        assert name not in page
    assert "Border basics" in page


def test_the_manager_confirms_the_counts_then_assigns(client, tree, manager, course):
    make_staff(tree.airport, count=2)
    make_staff(tree.land, count=1)
    client.force_login(manager)

    confirm = client.post(ASSIGN, _assign_data(course, organisation=tree.police.pk))

    assert confirm.status_code == 200
    text = re.sub(r"\s+", " ", confirm.content.decode())
    assert "3 people in total" in text
    assert "3 will be enrolled" in text
    assert not Enrollment.objects.exists()  # nothing until confirmed

    done = client.post(
        ASSIGN, {**_assign_data(course, organisation=tree.police.pk), "confirm": "1"}, follow=True
    )

    assert done.redirect_chain[-1][0] == ASSIGN
    assert "3 enrolled" in done.content.decode()
    assert Enrollment.objects.filter(course=course, assigned_by=manager).count() == 3


def test_a_cohort_is_assigned_through_the_same_form(client, tree, manager, course):
    cohort = make_cohort("Airport intake", tree.airport, make_staff(tree.airport, count=2))
    client.force_login(manager)

    client.post(ASSIGN, {**_assign_data(course, target="cohort", cohort=cohort.pk), "confirm": "1"})

    assert Enrollment.objects.filter(course=course).count() == 2


@pytest.mark.parametrize("target", ["unit", "cohort"])
def test_a_crafted_post_naming_a_unit_or_cohort_outside_the_scope_is_refused(
    client, tree, manager, course, target
):
    labour_people = make_staff(tree.integration, count=2)
    cohort = make_cohort("Labour intake", tree.labour, labour_people)
    client.force_login(manager)
    fields = {"organisation": tree.labour.pk} if target == "unit" else {"cohort": cohort.pk}

    for step in ({}, {"confirm": "1"}):
        response = client.post(ASSIGN, {**_assign_data(course, target=target, **fields), **step})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()

    assert not Enrollment.objects.exists()


def test_a_past_due_date_is_refused(client, tree, manager, course):
    make_staff(tree.airport)
    client.force_login(manager)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = client.post(
        ASSIGN, {**_assign_data(course, organisation=tree.airport.pk, due_date=past), "confirm": 1}
    )

    assert "The due date is in the past." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_the_confirmation_costs_the_same_queries_for_3_or_40_people(client, tree, manager, course):
    make_staff(tree.airport, count=3)
    client.force_login(manager)
    data = _assign_data(course, organisation=tree.police.pk)
    client.post(ASSIGN, data)  # warm up

    few, _ = count_queries(lambda: client.post(ASSIGN, data))
    make_staff(tree.land, count=37)
    many, response = count_queries(lambda: client.post(ASSIGN, data))

    assert "40 people in total" in re.sub(r"\s+", " ", response.content.decode())
    assert many == few


# --- who gets in ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [ASSIGN, IMPORT])
def test_a_learner_is_turned_away(client, learner, url):
    client.force_login(learner)

    response = client.get(url, follow=True)

    assert response.status_code == 403
    assert response.redirect_chain[0][0].startswith("/admin/login/")


@pytest.mark.parametrize("url", [ASSIGN, IMPORT])
@pytest.mark.parametrize("who", ["trainer", "manager without units"])
def test_staff_without_a_scope_are_sent_back_with_permission_denied(client, tree, course, url, who):
    """Wagtail turns PermissionDenied into a redirect to the dashboard with a message."""
    user = UserFactory(roles=["Trainers"]) if who == "trainer" else make_manager()
    make_staff(tree.airport)
    client.force_login(user)

    response = client.get(url, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    posted = client.post(url, {**_assign_data(course, organisation=tree.airport.pk), "confirm": 1})
    assert posted.status_code == 302 and posted.url == "/admin/"
    assert client.post(url, {"token": "x" * 32}).url == "/admin/"
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("url", [ASSIGN, IMPORT])
def test_administrators_get_in(client, url):
    client.force_login(UserFactory(roles=["Administrators"]))

    assert client.get(url).status_code == 200


def test_the_assignments_menu_shows_for_managers_only(client, manager, trainer):
    client.force_login(manager)
    assert "Assign a course" in client.get("/admin/").content.decode()

    client.force_login(trainer)
    assert "Assign a course" not in client.get("/admin/").content.decode()


# --- the CSV import ---------------------------------------------------------------------


def test_a_file_is_uploaded_previewed_and_imported(client, tree, manager, course, mailoutbox):
    make_staff(tree.airport, email="officer@example.org")
    data = csv_bytes(
        [
            ["officer@example.org", "", "", "", ""],
            ["new.person@example.org", "", "", "New Person", "airport-unit"],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    client.force_login(manager)

    preview = client.post(IMPORT, _upload(data, course=course.pk, due_date=DUE.isoformat()))

    text = re.sub(r"\s+", " ", preview.content.decode())
    assert "2 rows ready to import" in text
    assert "New enrolments: 2" in text
    assert "new.person@example.org" in text
    assert not Enrollment.objects.exists()
    token = preview.context["preview"].token

    done = client.post(IMPORT, {"token": token}, follow=True)

    assert "Imported: 2 enrolled" in done.content.decode()
    assert Enrollment.objects.filter(course=course).count() == 2
    assert User.objects.get(email="new.person@example.org").organisation == tree.airport


def test_a_file_with_errors_shows_them_by_row_and_offers_no_import(client, tree, manager, course):
    data = csv_bytes(
        [
            ["not-an-email", course.slug, DUE.isoformat(), "", ""],
            ["someone@example.org", "no-such-course", DUE.isoformat(), "", "airport-unit"],
        ]
    )
    client.force_login(manager)

    response = client.post(IMPORT, _upload(data))

    text = re.sub(r"\s+", " ", response.content.decode())
    assert "2 rows have errors — nothing will be imported" in text
    assert "<td>2</td>" in text and "“not-an-email” is not a valid email address." in text
    assert "<td>3</td>" in text and "Unknown course “no-such-course”." in text
    assert 'name="token"' not in text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty."),
        (b"emial;course\r\na@example.org;x\r\n", "read with semicolon (“;”)"),
        (b"email:course\r\na@example.org:x\r\n", "delimiter and these headers: “email:course”"),
        (b"PK\x03\x04 zip", "Excel workbook"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(client, manager, data, message):
    client.force_login(manager)

    response = client.post(IMPORT, _upload(data))

    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_crafted_or_spent_token_imports_nothing(client, tree, manager, course):
    make_staff(tree.airport, email="officer@example.org")
    client.force_login(manager)

    for token in ("../../../etc/passwd", "A" * 32, ""):
        response = client.post(IMPORT, {"token": token}, follow=True)
        assert "expired or was already done" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_rows_posted_back_by_the_browser_are_not_trusted(client, tree, manager, course):
    """The import reads the kept file, not what the browser sends with the token."""
    make_staff(tree.airport, email="officer@example.org")
    make_staff(tree.integration, email="labour@example.org")
    client.force_login(manager)
    data = csv_bytes([["officer@example.org", course.slug, DUE.isoformat(), "", ""]])
    token = client.post(IMPORT, _upload(data)).context["preview"].token
    crafted = csv_bytes([["labour@example.org", course.slug, DUE.isoformat(), "", ""]])

    client.post(IMPORT, {"token": token, **_upload(crafted), "email": "labour@example.org"})

    assert list(Enrollment.objects.values_list("user__email", flat=True)) == ["officer@example.org"]


def test_a_file_over_5_mb_is_refused_before_it_is_read(client, manager, settings):
    client.force_login(manager)
    data = b"email\r\n" + b"someone@example.org\r\n" * (5 * 1024 * 1024 // 20)

    response = client.post(IMPORT, _upload(data))

    assert len(data) > 5 * 1024 * 1024
    assert "The file is larger than 5 MB. Split it into smaller files." in response.content.decode()
    assert not (settings.MEDIA_ROOT / "imports").exists()
