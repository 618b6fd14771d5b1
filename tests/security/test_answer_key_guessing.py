"""Issue 12, finding 3: an answer key must not be guessable from the attempt page.

Choice values were numbered in authoring order, and authors put the right answer first, so
posting ``value="1"`` everywhere scored full marks. Values are now opaque per attempt; the
result page shows per-question marks only when the review policy shows the answers.
"""

import copy
import re

import pytest
from django.urls import reverse

from assessments import questions as q
from assessments.frozen import freeze_quiz
from assessments.models import Attempt
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.assessments import make_quiz, multiple, right_answers, single
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

RIGHT = "Passport-RIGHT"


def _true_false(*, answer: bool):
    return q.QuestionData(
        type=q.TRUE_FALSE,
        text="A visa is a travel document.",
        choices=[
            q.ChoiceData(text="True", is_correct=answer),
            q.ChoiceData(text="False", is_correct=not answer),
        ],
    )


def _matching():
    return q.QuestionData(
        type=q.MATCHING,
        text="Match the zone to its content.",
        choices=[
            q.ChoiceData(text="Visual zone", match_text="Photo", is_correct=True),
            q.ChoiceData(text="MRZ", match_text="Check digits", is_correct=True),
        ],
    )


def _questions():
    """Right answers where authors put them: first, or first two."""
    return [
        single(right=RIGHT, wrong=("Boarding pass", "Hotel booking")),
        multiple(right=("Passport", "Refugee travel document"), wrong=("Ticket", "Hotel")),
        _true_false(answer=False),
        _matching(),
    ]


def _quiz_for(learner, **settings):
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        questions=settings.pop("questions", _questions()),
        **settings,
    )
    enrollment_create(user=learner, course=course)
    return quiz


def _start(client, quiz) -> Attempt:
    assert client.post(reverse("assessments:start", args=[quiz.pk])).status_code == 302
    return Attempt.objects.filter(quiz=quiz).latest("pk")


def _authoring_indexes(quiz) -> list[list[int]]:
    """What the values used to be: 1, 2, 3... per question, in authoring order."""
    return [
        [n for n, _choice in enumerate(question.choices, start=1)]
        for _key, question in quiz.question_data()
    ]


def test_the_right_answers_value_is_not_its_authoring_position(learner):
    quiz = _quiz_for(learner, shuffle_choices=True)
    seen: dict[str, set] = {}
    for _ in range(20):
        frozen = freeze_quiz(quiz)
        for item in frozen["questions"]:
            ids = [choice["id"] for choice in item["choices"]]
            authoring = set(range(0, len(ids) + 1))
            # No choice of any type carries a small number a learner could guess.
            assert not authoring & set(ids), (item["type"], ids)
            right = tuple(sorted(c["id"] for c in item["choices"] if c["is_correct"]))
            seen.setdefault(item["type"], set()).add(right)
    # Each attempt gets its own values: last attempt's key is no help with the next one.
    for question_type, keys in seen.items():
        assert len(keys) >= 15, question_type


def test_the_attempt_page_posts_no_guessable_value(client, learner):
    quiz = _quiz_for(learner, shuffle_choices=False)
    client.force_login(learner)
    attempt = _start(client, quiz)
    page = client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()

    values = re.findall(r'<input type="(?:radio|checkbox)"[^>]*value="([^"]*)"', page)
    assert len(values) == 3 + 4 + 2
    assert not {"0", "1", "2", "3", "4"} & set(values)
    single_key = str(attempt.frozen["questions"][0]["id"])
    right_value = str(right_answers(attempt)[single_key])
    # The right answer is listed first (shuffling is off) but its value says nothing.
    first_radio = re.search(rf'name="q{single_key}" value="([^"]*)"', page).group(1)
    assert first_radio == right_value and len(right_value) >= 6


def test_a_forged_post_of_authoring_positions_scores_nothing(client, learner):
    quiz = _quiz_for(learner)
    client.force_login(learner)
    attempt = _start(client, quiz)
    single_q, multiple_q, true_false_q, matching_q = attempt.frozen["questions"]
    forged = {
        f"q{single_q['id']}": "1",
        f"q{multiple_q['id']}": ["1", "2"],
        f"q{true_false_q['id']}": "2",
        f"q{matching_q['id']}-1": "Photo",
        f"q{matching_q['id']}-2": "Check digits",
    }

    client.post(reverse("assessments:submit", args=[attempt.pk]), {**forged, "finish": "confirmed"})

    attempt.refresh_from_db()
    assert attempt.score == 0 and not attempt.passed


def _as_frozen_before_the_change(attempt: Attempt) -> dict:
    """The shape older attempts keep: choices numbered 1, 2, 3... in authoring order."""
    frozen = copy.deepcopy(attempt.frozen)
    for item in frozen["questions"]:
        for number, choice in enumerate(item["choices"], start=1):
            choice["id"] = number
    Attempt.objects.filter(pk=attempt.pk).update(frozen=frozen)
    return frozen


def test_an_attempt_frozen_before_opaque_values_still_works(client, learner):
    quiz = _quiz_for(learner, review_policy="always")
    client.force_login(learner)
    attempt = _start(client, quiz)
    frozen = _as_frozen_before_the_change(attempt)
    single_q, multiple_q, true_false_q, matching_q = frozen["questions"]

    page = client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    assert f'name="q{single_q["id"]}" value="1"' in page
    client.post(
        reverse("assessments:answer", args=[attempt.pk]),
        {"question": single_q["id"], f"q{single_q['id']}": "1"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    response = client.post(
        reverse("assessments:submit", args=[attempt.pk]),
        {
            f"q{multiple_q['id']}": ["1", "2"],
            f"q{true_false_q['id']}": "2",
            f"q{matching_q['id']}-1": "Photo",
            f"q{matching_q['id']}-2": "Check digits",
            "finish": "confirmed",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "Passed" in html and "(100%)" in html
    assert RIGHT in html  # the review still names the answer given


def _result_page(client, learner, *, policy: str) -> str:
    """One question right and one wrong, so per-question marks would tell which."""
    quiz = _quiz_for(
        learner,
        review_policy=policy,
        pass_mark=100,
        questions=[single(text="First?"), single(text="Second?", right="Visa")],
    )
    client.force_login(learner)
    attempt = _start(client, quiz)
    first, second = attempt.frozen["questions"]
    wrong = next(c["id"] for c in second["choices"] if not c["is_correct"])
    post = {
        f"q{first['id']}": right_answers(attempt)[str(first["id"])],
        f"q{second['id']}": wrong,
        "finish": "confirmed",
    }
    response = client.post(reverse("assessments:submit", args=[attempt.pk]), post, follow=True)
    return response.content.decode()


@pytest.mark.parametrize("policy", ["never", "after_pass"])
def test_hidden_answers_show_no_mark_per_question(client, learner, policy):
    html = _result_page(client, learner, policy=policy)

    assert "Not passed yet" in html and "1 of 2 points (50%)" in html  # total and verdict stay
    assert "of 1 points" not in html and "of 1 point" not in html
    review = html.split('id="review-heading"', 1)[1]
    assert "correct" not in review.lower().replace("the correct answers are not shown", "")
    assert "review__item--" not in review


def test_shown_answers_show_the_mark_per_question(client, learner):
    html = _result_page(client, learner, policy="always")

    assert "1 of 1 points" in html and "0 of 1 points" in html
    assert "Correct answer:" in html


def test_a_matching_distractor_is_an_option_not_an_unlabelled_item(client, learner):
    matching = _matching()
    matching.choices.append(q.ChoiceData(text="", match_text="Signature"))
    quiz = _quiz_for(learner, questions=[matching])
    client.force_login(learner)
    attempt = _start(client, quiz)
    page = client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()

    item_key = attempt.frozen["questions"][0]["id"]
    assert page.count(f'<select id="q{item_key}-') == 2
    assert page.count("<option>Signature</option>") == 2
