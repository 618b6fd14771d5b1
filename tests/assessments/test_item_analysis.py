import pytest
from django.urls import reverse

from assessments.selectors import quiz_item_analysis
from assessments.services import attempt_start, attempt_submit
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers, single
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


def test_item_analysis_shows_which_questions_learners_fail(client):
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        questions=[single(text="Easy question?"), single(text="Hard question?")],
        pass_mark=50,
    )
    easy_key, hard_key = [child.id for child in quiz.questions]
    # Four strong learners get both right; four weak ones only the easy one.
    for index in range(8):
        learner = UserFactory()
        enrollment_create(user=learner, course=course)
        attempt = attempt_start(user=learner, quiz=quiz)
        answers = right_answers(attempt)
        if index >= 4:
            answers[hard_key] = None
        attempt_submit(attempt=attempt, responses=answers)

    stats = quiz_item_analysis(quiz=quiz)

    assert stats.attempts == 8 and stats.pass_rate == 100 and stats.mean_percent == 75
    by_key = {q.key: q for q in stats.questions}
    assert by_key[easy_key].percent_correct == 100 and by_key[easy_key].discrimination == 0
    assert by_key[hard_key].percent_correct == 50 and by_key[hard_key].discrimination == 1
    assert stats.questions[0].key == hard_key  # hardest first

    client.force_login(UserFactory(roles=["Trainers"]))
    html = client.get(reverse("assessments_item_analysis", args=[quiz.pk])).content.decode()
    assert "Hard question?" in html and "50%" in html
