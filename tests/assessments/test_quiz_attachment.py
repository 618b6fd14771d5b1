"""A module has one quiz: picking a module that already has one (a quiz an autosave created,
then abandoned) names that quiz and links to it, and is never a 500 or a dead end."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from assessments.admin_forms import QuizAdminForm
from assessments.models import Quiz
from courses.models import ModulePage
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_assessments_quiz:add")


@pytest.fixture
def module():
    return ModulePage.objects.child_of(make_course(modules=1, lessons=1)).get()


@pytest.fixture
def trainer_client(client):
    client.force_login(UserFactory(roles=["Trainers"]))
    return client


def _quiz_form(**fields):
    return nested_form_data(
        {
            "title": "Screening quiz",
            "instructions": rich_text(""),
            "pass_mark": 70,
            "review_policy": "always",
            "questions": streamfield([]),
            **fields,
        }
    )


def _edit_link(quiz) -> str:
    return reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])


def test_a_module_that_has_a_quiz_is_named_with_a_link_to_continue_it(trainer_client, module):
    abandoned = make_quiz(title="Half-built quiz", module=module, questions=[])

    response = trainer_client.post(ADD_URL, _quiz_form(module=module.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert "This module already has a quiz" in html
    assert f'<a href="{_edit_link(abandoned)}">“Half-built quiz”</a>' in html
    assert "already exists" not in html
    assert Quiz.objects.count() == 1


def test_the_existing_quiz_opens_from_the_link(trainer_client, module):
    abandoned = make_quiz(title="Half-built quiz", module=module, questions=[])

    response = trainer_client.get(_edit_link(abandoned))

    assert response.status_code == 200
    assert "Half-built quiz" in response.content.decode()


def test_a_course_that_has_a_final_assessment_is_named_too(trainer_client):
    course = make_course(modules=1, lessons=1)
    final = make_quiz(title="Final assessment", course=course, questions=[])

    response = trainer_client.post(ADD_URL, _quiz_form(course=course.pk))

    html = response.content.decode()
    assert "This course already has a final assessment" in html
    assert _edit_link(final) in html


def test_moving_a_quiz_to_a_module_that_has_one_is_refused_the_same_way(trainer_client, module):
    taken = make_quiz(title="Module quiz", module=module, questions=[])
    other = make_quiz(title="Question bank", questions=[])

    response = trainer_client.post(_edit_link(other), _quiz_form(title="Bank", module=module.pk))

    assert response.status_code == 200
    assert _edit_link(taken) in response.content.decode()
    other.refresh_from_db()
    assert other.module_id is None and other.title == "Question bank"


def test_two_saves_at_once_meet_the_constraint_and_get_the_same_message(
    trainer_client, module, monkeypatch
):
    """An autosave and a click can both pass the form's check before either is written:
    the second insert then fails in the database, which must still end in the message."""
    abandoned = make_quiz(title="Half-built quiz", module=module, questions=[])
    monkeypatch.setattr(QuizAdminForm, "clean", lambda form: form.cleaned_data)
    monkeypatch.setattr(Quiz, "validate_constraints", lambda quiz, exclude=None: None)

    response = trainer_client.post(ADD_URL, _quiz_form(module=module.pk))

    assert response.status_code == 200
    assert _edit_link(abandoned) in response.content.decode()
    assert Quiz.objects.count() == 1


def test_saving_the_quiz_that_has_the_module_is_not_refused(trainer_client, module):
    quiz = make_quiz(title="Module quiz", module=module, questions=[])

    response = trainer_client.post(_edit_link(quiz), _quiz_form(title="Renamed", module=module.pk))

    assert response.status_code == 302
    # Saved as the draft of the live quiz: learners keep the live title until approval.
    quiz.refresh_from_db()
    assert quiz.get_latest_revision_as_object().title == "Renamed"
    assert quiz.title == "Module quiz" and quiz.has_unpublished_changes


def test_a_new_quiz_is_not_autosaved_but_edits_are(trainer_client):
    """Autosave on the add screen created a live quiz, attached to its module, that the
    trainer then abandoned; the first save is now the trainer's own."""
    quiz = make_quiz(title="Module quiz", questions=[])

    add = trainer_client.get(ADD_URL).content.decode()
    edit = trainer_client.get(_edit_link(quiz)).content.decode()

    assert "data-w-autosave-interval-value" not in add
    assert "data-w-autosave-interval-value" in edit
