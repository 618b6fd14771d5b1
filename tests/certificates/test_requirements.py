"""Units' required courses set in the admin: by managers within their scope and by
administrators, refused outside it, every change in the audit log."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.models import UnitCourseRequirement
from tests.factories.approvals import administrator, make_tree, manager_of
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db
ADD = reverse("required_courses:add")


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def course():
    return make_course(title="Document Examination", modules=1, lessons=1)


def test_a_manager_requires_a_course_of_a_unit_below_theirs_and_it_is_logged(client, tree, course):
    manager = manager_of(tree.border_police)
    client.force_login(manager)
    response = client.post(ADD, {"unit": tree.airport.pk, "course": course.pk})
    assert response.status_code == 302
    requirement = UnitCourseRequirement.objects.get()
    assert (requirement.unit, requirement.course_id) == (tree.airport, course.pk)
    entry = ModelLogEntry.objects.get(action="waypoint.requirement.add")
    assert entry.user_id == manager.pk
    assert entry.data["unit"]["name"] == "Airport Unit"

    listing = client.get(reverse("required_courses:index")).content.decode()
    assert "Airport Unit" in listing and "Document Examination" in listing

    remove = reverse("required_courses:remove", args=[requirement.pk])
    assert client.post(remove).status_code == 302
    assert not UnitCourseRequirement.objects.exists()
    assert ModelLogEntry.objects.filter(action="waypoint.requirement.remove").count() == 1


def test_a_unit_outside_the_scope_is_not_a_choice_and_nothing_changes(client, tree, course):
    client.force_login(manager_of(tree.labour))
    response = client.post(ADD, {"unit": tree.airport.pk, "course": course.pk})
    assert response.status_code == 400
    assert "not one of the available choices" in response.content.decode()
    assert not UnitCourseRequirement.objects.exists()
    assert not ModelLogEntry.objects.filter(action="waypoint.requirement.add").exists()


def test_a_course_already_required_above_is_refused_with_a_reason(client, tree, course):
    client.force_login(administrator())
    assert client.post(ADD, {"unit": tree.interior.pk, "course": course.pk}).status_code == 302
    response = client.post(ADD, {"unit": tree.airport.pk, "course": course.pk})
    assert response.status_code == 400
    assert "Ministry of Interior already requires this course" in response.content.decode()
    assert UnitCourseRequirement.objects.count() == 1


def test_garbage_ids_are_refused_plainly(client, tree, course):
    client.force_login(administrator())
    for data in ({"unit": "x", "course": course.pk}, {"unit": tree.airport.pk, "course": "9" * 30}):
        assert client.post(ADD, data).status_code == 400
    assert not UnitCourseRequirement.objects.exists()
    assert client.get(reverse("required_courses:remove", args=[999999])).status_code == 404


def test_the_screens_open_for_managers_and_administrators_only(client, tree):
    from tests.factories.approvals import person_in

    for user, shown in (
        (manager_of(tree.labour), True),
        (administrator(), True),
        (person_in(tree.airport), False),
    ):
        client.force_login(user)
        response = client.get(reverse("required_courses:index"))
        assert (response.status_code == 200) is shown
