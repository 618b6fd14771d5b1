"""Property tests of grading (``assessments.grading``): whatever a learner posts, a question
scores between 0 and its points, full marks exactly when every answer is right, the order of
ticked boxes does not matter, and grading what was stored grades the same again."""

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from assessments import questions as q
from assessments.grading import grade_attempt, grade_question, parse_number
from assessments.services import clean_response
from tests.security.fuzz_payloads import UNICODE_EDGES

# --- questions ------------------------------------------------------------------------------

texts = st.text(min_size=1, max_size=20).filter(str.strip)
# Scores are kept in cents, so below 0.02 points half the credit rounds up to all of it.
points = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(100), places=2)
weights = st.none() | st.decimals(min_value=-100, max_value=100, places=3)


def _numbered(choices: list[q.ChoiceData]) -> list[q.ChoiceData]:
    for number, choice in enumerate(choices, start=1):
        choice.id = number
    return choices


@st.composite
def single_questions(draw, question_type=q.SINGLE):
    count = 2 if question_type == q.TRUE_FALSE else draw(st.integers(2, 6))
    right = draw(st.integers(0, count - 1))
    choices = [
        q.ChoiceData(text=draw(texts), is_correct=i == right, weight=draw(weights))
        for i in range(count)
    ]
    return q.QuestionData(
        type=question_type, text="?", points=draw(points), choices=_numbered(choices)
    )


@st.composite
def multiple_questions(draw):
    flags = draw(st.lists(st.booleans(), min_size=2, max_size=7).filter(any))
    explicit = draw(st.booleans())
    choices = [q.ChoiceData(text=draw(texts), is_correct=flag) for flag in flags]
    if explicit:  # GIFT's weights: the right ones share 100 %, the wrong ones lose some
        right = [c for c in choices if c.is_correct]
        share = (Decimal(100) / len(right)).quantize(Decimal("0.00001"))
        for choice in choices:
            choice.weight = share if choice.is_correct else -draw(st.integers(0, 100))
    return q.QuestionData(
        type=q.MULTIPLE,
        text="?",
        points=draw(points),
        partial_credit=draw(st.booleans()),
        choices=_numbered(choices),
    )


@st.composite
def short_text_questions(draw):
    # Any accepted answer with something besides spaces, including one made only of marks
    # that folding removes ("¨", a lone RLM): those compare exactly.
    answers = draw(st.lists(texts.filter(str.split), min_size=1, max_size=4))
    choices = [q.ChoiceData(text=a, is_correct=True, weight=None) for a in answers]
    return q.QuestionData(
        type=q.SHORT_TEXT,
        text="?",
        points=draw(points),
        normalise_text=draw(st.booleans()),
        choices=_numbered(choices),
    )


@st.composite
def numeric_questions(draw):
    values = st.decimals(min_value=-(10**6), max_value=10**6, places=6)
    tolerances = st.decimals(min_value=0, max_value=1000, places=6)
    choices = [
        q.ChoiceData(
            is_correct=True, numeric_value=draw(values), numeric_tolerance=draw(tolerances)
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    return q.QuestionData(type=q.NUMERIC, text="?", points=draw(points), choices=_numbered(choices))


@st.composite
def matching_questions(draw):
    pairs = draw(st.lists(st.tuples(texts, texts), min_size=2, max_size=5))
    choices = [q.ChoiceData(text=left, match_text=right, is_correct=True) for left, right in pairs]
    return q.QuestionData(
        type=q.MATCHING,
        text="?",
        points=draw(points),
        partial_credit=draw(st.booleans()),
        choices=_numbered(choices),
    )


questions = st.one_of(
    single_questions(),
    single_questions(q.TRUE_FALSE),
    multiple_questions(),
    short_text_questions(),
    numeric_questions(),
    matching_questions(),
)

# --- what a POST (or a hand-crafted JSON body) may carry -------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
    st.sampled_from(UNICODE_EDGES[:-1]),  # not the 200 kB one: it only slows the search
    st.just("9" * 1_000),
    st.just("1e999999"),
    st.just("NaN"),
    st.just("-0,5"),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=12,
)


@st.composite
def question_and_response(draw):
    question = draw(questions)
    ids = [c.id for c in question.choices]
    plausible = {
        q.SINGLE: st.sampled_from(ids) | st.integers(),
        q.TRUE_FALSE: st.sampled_from(ids) | st.integers(),
        q.MULTIPLE: st.lists(st.sampled_from(ids) | st.integers(-3, 99) | junk, max_size=10),
        q.SHORT_TEXT: st.sampled_from([c.text for c in question.choices]) | st.text(),
        q.NUMERIC: st.sampled_from([str(c.numeric_value) for c in question.choices])
        | st.text(alphabet="0123456789.,-+ e٣\u2212", max_size=12),
        q.MATCHING: st.fixed_dictionaries(
            {
                str(c.id): st.sampled_from([x.match_text for x in question.choices]) | junk
                for c in question.choices
            }
        ),
    }[question.type]
    return question, draw(plausible | junk)


# --- properties -------------------------------------------------------------------------------


@given(question_and_response())
def test_any_response_scores_between_nothing_and_the_questions_points(case):
    question, response = case

    graded = grade_question(question, response)

    assert Decimal(0) <= graded.fraction <= Decimal(1)
    assert Decimal(0) <= graded.score <= question.points
    assert graded.is_correct == (graded.fraction == 1)
    assert all(isinstance(text, str) for text in graded.feedback)


@given(st.lists(question_and_response(), min_size=1, max_size=6), st.integers(0, 100))
def test_an_attempt_scores_within_its_maximum_and_full_marks_only_when_all_are_right(
    cases, pass_mark
):
    for number, (question, _) in enumerate(cases, start=1):
        question.id = number
    responses = {str(question.id): response for question, response in cases}

    grade = grade_attempt([question for question, _ in cases], responses, Decimal(pass_mark))

    assert Decimal(0) <= grade.score <= grade.max_score
    assert Decimal(0) <= grade.percent <= Decimal(100)
    assert (grade.score == grade.max_score) == all(a.is_correct for a in grade.answers.values())
    assert grade.passed == (grade.percent >= pass_mark)


@given(multiple_questions(), st.data())
def test_the_order_and_repetition_of_ticked_boxes_do_not_change_the_grade(question, data):
    ids = [c.id for c in question.choices]
    ticked = data.draw(st.lists(st.sampled_from(ids + [0, 99]), max_size=10))
    shuffled = data.draw(st.permutations(ticked))
    repeated = shuffled + shuffled[: data.draw(st.integers(0, len(shuffled)))]

    forms = (ticked, repeated, tuple(shuffled), set(ticked))
    grades = [grade_question(question, form) for form in forms]

    assert all(grade == grades[0] for grade in grades)


@given(matching_questions(), st.data())
def test_the_order_of_matching_answers_does_not_change_the_grade(question, data):
    options = [c.match_text for c in question.choices]
    picks = {str(c.id): data.draw(st.sampled_from(options)) for c in question.choices}
    reordered = dict(data.draw(st.permutations(list(picks.items()))))

    assert grade_question(question, picks) == grade_question(question, reordered)


@given(question_and_response())
def test_regrading_the_stored_response_gives_the_same_grade(case):
    """What ``attempt_submit`` stores is ``clean_response`` of the post; grading that copy
    again (a regrade, the review page) must give the mark the learner was shown."""
    question, response = case
    stored = clean_response(response)

    first = grade_question(question, stored)

    assert clean_response(stored) == stored
    assert grade_question(question, clean_response(stored)) == first
    assert grade_question(question, stored) == first


@given(questions)
def test_the_right_answers_score_full_marks(question):
    right = [c for c in question.choices if c.is_correct]
    if question.type in (q.SINGLE, q.TRUE_FALSE):
        assume(all(c.weight is None for c in question.choices))
        response = right[0].id
    elif question.type == q.MULTIPLE:
        response = [c.id for c in right]
    elif question.type == q.SHORT_TEXT:
        response = right[0].text
    elif question.type == q.NUMERIC:
        response = format(right[0].numeric_value, "f")
    else:
        response = {str(c.id): c.match_text for c in question.choices}

    graded = grade_question(question, response)

    assert graded.is_correct
    assert graded.score == question.points.quantize(Decimal("0.01"))


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4), st.sampled_from([".", ","]))
def test_a_number_typed_with_either_decimal_mark_reads_as_itself(number, mark):
    typed = format(number, "f").replace(".", mark)

    assert parse_number(typed) == number
    assert parse_number(f"  {typed} ") == number


@given(junk)
def test_parse_number_never_raises_and_gives_a_finite_number_or_none(value):
    number = parse_number(value)

    assert number is None or number.is_finite()
