"""The five roles of docs/targets.md, as the data migrations set them up: who may open the
Wagtail admin, who may write courses, and who approves them before they go live."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask

from accounts import roles
from accounts.services import user_assign_role
from tests.factories.accounts import UserFactory
from tests.factories.courses import catalogue, make_course

pytestmark = pytest.mark.django_db

STAFF_ROLES = [roles.TRAINERS, roles.LEAD_TRAINERS, roles.MANAGERS, roles.ADMINISTRATORS]


@pytest.fixture
def lead_trainer(db):
    return UserFactory(email="lead@example.org", roles=[roles.LEAD_TRAINERS])


def test_the_migration_creates_one_group_per_role():
    expected = ["Learners", "Trainers", "Lead trainers", "Managers", "Administrators"]

    assert set(Group.objects.values_list("name", flat=True)) >= set(expected)
    assert roles.ALL_ROLES == expected


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_roles_may_open_the_admin(role):
    user = UserFactory(roles=[role])

    assert user.has_perm("wagtailadmin.access_admin")


def test_learners_may_not_open_the_admin(learner):
    assert not Group.objects.get(name=roles.LEARNERS).permissions.exists()
    assert not learner.has_perm("wagtailadmin.access_admin")


def test_a_trainer_writes_courses_but_cannot_publish(trainer):
    index = catalogue()
    assert index.depth == 3

    on_catalogue = index.permissions_for_user(trainer)
    assert on_catalogue.can_add_subpage()
    assert on_catalogue.can_edit()
    assert not on_catalogue.can_publish()

    on_course = make_course(modules=1, lessons=1).permissions_for_user(trainer)
    assert on_course.can_edit()
    assert on_course.can_add_subpage()
    assert not on_course.can_publish()
    assert not on_course.can_delete()


def test_a_lead_trainer_can_publish(lead_trainer):
    on_catalogue = catalogue().permissions_for_user(lead_trainer)
    assert on_catalogue.can_add_subpage()
    assert on_catalogue.can_edit()
    assert on_catalogue.can_publish()

    assert make_course(modules=1, lessons=1).permissions_for_user(lead_trainer).can_publish()


@pytest.mark.parametrize("role", [roles.LEARNERS, roles.MANAGERS])
def test_learners_and_managers_cannot_touch_courses(role):
    user = UserFactory(roles=[role])

    permissions = catalogue().permissions_for_user(user)

    assert not permissions.can_add_subpage()
    assert not permissions.can_edit()
    assert not permissions.can_publish()


def test_courses_go_through_lead_trainer_approval():
    index = catalogue()
    workflow = index.get_workflow()

    assert workflow is not None
    assert workflow.name == "Lead trainer approval"
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1
    assert isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == [roles.LEAD_TRAINERS]
    # A course below the catalogue is reviewed by the same workflow.
    assert make_course(modules=0).get_workflow() == workflow


def test_only_lead_trainers_may_approve_a_submitted_course(trainer, lead_trainer):
    course = make_course(modules=0)
    task = catalogue().get_workflow().tasks.get().specific
    workflow_state = course.get_workflow().start(course, trainer)

    assert workflow_state.current_task_state.task.specific == task
    assert {name for name, *_rest in task.get_actions(course, lead_trainer)} >= {"approve"}
    assert task.get_actions(course, trainer) == []


def test_a_trainer_gets_into_the_admin(client, trainer):
    client.force_login(trainer)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_a_learner_is_refused_the_admin_without_a_redirect_loop(client, learner):
    client.force_login(learner)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert [url for url, _status in response.redirect_chain] == ["/admin/login/?next=/admin/"]
    assert "You do not have permission to access the admin." in response.content.decode()
    assert reverse("wagtailadmin_login") == "/admin/login/"


def test_assigning_a_role_grants_its_permissions(learner):
    user_assign_role(user=learner, role=roles.TRAINERS)

    learner = type(learner).objects.get(pk=learner.pk)  # a fresh permission cache
    assert learner.has_perm("wagtailadmin.access_admin")
    assert catalogue().permissions_for_user(learner).can_edit()


def test_assigning_an_unknown_role_is_refused(learner):
    with pytest.raises(ValueError, match="Unknown role"):
        user_assign_role(user=learner, role="Superheroes")

    assert list(learner.groups.values_list("name", flat=True)) == [roles.LEARNERS]
