"""The review marks each answer right, partly right or wrong by an icon and a colour as well
as in words, with words for screen readers (issue 16, learner 5): colour is never the only
signal. Marks appear only where the quiz's policy shows the answers."""

import re

import pytest
from django.urls import reverse

from assessments import questions as q
from assessments.models import Attempt
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.assessments import make_quiz, right_answers, short_text, single
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

MATCHING = q.QuestionData(
    type=q.MATCHING,
    text="Match the zone to its content.",
    choices=[
        q.ChoiceData(text="Visual zone", match_text="Photo", is_correct=True),
        q.ChoiceData(text="MRZ", match_text="Check digits", is_correct=True),
    ],
    partial_credit=True,
)


def _result(client, learner, *, policy: str) -> str:
    """One answer right, one wrong, one half right (a matching question), one not given."""
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        questions=[single(text="Right?"), single(text="Wrong?"), MATCHING, short_text()],
        review_policy=policy,
    )
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    right, wrong, matching, _text = attempt.frozen["questions"]
    key = right_answers(attempt)
    wrong_choice = next(c["id"] for c in wrong["choices"] if not c["is_correct"])
    visual = next(c["id"] for c in matching["choices"] if c["text"] == "Visual zone")
    post = {
        f"q{right['id']}": str(key[str(right["id"])]),
        f"q{wrong['id']}": str(wrong_choice),
        f"q{matching['id']}-{visual}": "Photo",
        "finish": "confirmed",
    }
    response = client.post(reverse("assessments:submit", args=[attempt.pk]), post, follow=True)
    return response.content.decode()


def _items(html: str) -> list[str]:
    return re.findall(r'<li class="review__item[^"]*">.*?</li>', html, flags=re.S)


def test_each_answer_is_marked_by_icon_colour_and_words(client, learner):
    html = _result(client, learner, policy="always")

    right, wrong, partial, missing = _items(html)
    assert "review__item--correct" in right and "mark-icon--correct" in right
    assert re.search(r"</svg>\s*Correct\b", right)
    assert '<span class="visually-hidden">Your answer, correct:</span>' in right

    assert "review__item--incorrect" in wrong and "mark-icon--incorrect" in wrong
    assert re.search(r"</svg>\s*Incorrect\b", wrong)
    assert '<span class="visually-hidden">Your answer, incorrect:</span>' in wrong
    # The right answer is shown with its own mark.
    assert re.search(r'review__answer--key">\s*<svg[^>]*mark-icon--correct', wrong)

    assert "review__item--partial" in partial and "mark-icon--partial" in partial
    assert re.search(r"</svg>\s*Partly correct\b", partial)
    assert '<span class="visually-hidden">Your answer, partly correct:</span>' in partial

    assert "review__item--incorrect" in missing and "no answer" in missing
    # The icons are drawings for the eye only: the words carry the meaning.
    icons = re.findall(r"<svg[^>]*>", html)
    assert icons and all('aria-hidden="true"' in icon for icon in icons)


@pytest.mark.parametrize("policy", ["never", "after_pass"])
def test_no_marks_where_the_answers_are_hidden(client, learner, policy):
    html = _result(client, learner, policy=policy)

    assert "mark-icon" not in html
    assert "review__item--" not in html and "Partly correct" not in html
