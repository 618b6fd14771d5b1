"""Authoring quizzes in the Wagtail admin."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from assessments.models import Quiz
from assessments.selectors import quiz_preview_context
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, short_text, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client):
    client.force_login(UserFactory(roles=["Trainers"]))
    return client


def test_trainers_list_add_and_edit_quizzes(trainer_client):
    quiz = make_quiz(title="Module 2 quiz")

    listing = trainer_client.get(reverse("wagtailsnippets_assessments_quiz:list"))
    add = trainer_client.get(reverse("wagtailsnippets_assessments_quiz:add"))
    edit = trainer_client.get(reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk]))

    assert listing.status_code == add.status_code == edit.status_code == 200
    assert "Module 2 quiz" in listing.content.decode()
    html = edit.content.decode()
    assert "Single choice" in html and "Matching pairs" in html  # every question type offered


def test_learners_cannot_open_the_quiz_admin(client, learner):
    client.force_login(learner)

    response = client.get(reverse("wagtailsnippets_assessments_quiz:list"))

    assert response.status_code in (302, 403)


def test_a_single_choice_question_needs_exactly_one_right_option():
    quiz = make_quiz(questions=[single()])
    block = quiz.questions.stream_block.child_blocks["single_choice"]
    value = quiz.questions[0].value
    for option in value["options"]:
        option["is_correct"] = True

    from wagtail.blocks.struct_block import StructBlockValidationError

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "exactly one" in str(error.value.block_errors["options"])


def test_changes_are_kept_as_revisions():
    quiz = make_quiz(count=1)
    quiz.title = "Renamed quiz"
    quiz.save_revision()

    titles = [revision.content["title"] for revision in quiz.revisions.order_by("created_at")]
    assert titles == ["Module quiz", "Renamed quiz"]


def test_the_preview_shows_the_quiz_as_learners_see_it_without_answers():
    quiz = make_quiz(
        title="Preview me",
        questions=[single(right="RIGHT-OPTION"), short_text(answers=("HIDDEN-ANSWER",))],
    )
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    html = render_to_string(
        "assessments/quiz_preview.html", quiz_preview_context(quiz=quiz), request=request
    )

    assert "Preview me" in html and "RIGHT-OPTION" in html  # options are shown, unmarked
    assert "HIDDEN-ANSWER" not in html and "is_correct" not in html


def test_a_quiz_cannot_be_attached_to_a_module_and_a_course():
    from django.core.exceptions import ValidationError

    from courses.models import ModulePage
    from tests.factories.courses import make_course

    course = make_course(modules=1, lessons=1)
    quiz = Quiz(title="Both", module=ModulePage.objects.child_of(course).get(), course=course)

    with pytest.raises(ValidationError, match="not both"):
        quiz.full_clean()
