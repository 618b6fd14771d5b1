"""Property tests of the GIFT reader and writer (``assessments.gift``): any text reads as
questions or as trainer-facing errors with a line number, never an exception, and every
question the writer can express reads back as the same question."""

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from assessments import questions as q
from assessments.gift import GiftError, export_gift, parse_gift
from assessments.gift.answers import MAX_DECIMALS

GIFT_SYNTAX = "\\~=#{}:[]%/->_ \n\t\r"

# Arbitrary text, biased towards GIFT's own syntax so the reader's error paths are reached.
gift_like = st.text(
    alphabet=st.sampled_from(GIFT_SYNTAX + "TF$CATEGORYhtml0123456789.e") | st.characters(),
    max_size=400,
)


@given(st.one_of(st.text(max_size=400), gift_like))
@example("::t:: q {=a ~b}\n\n$CATEGORY: \n\n{}\n\n}{\n\nq {#1..x}\n\nq {#%200%1}")
@example("q {=a -> b =c -> d ~e}\n\n::open\n\nq {#9" + "9" * 400 + ":1e5}")
@example("q {=\\}\n\nq {T ~F}\n\nq {~%50%a ~%49%b}\n\n[LaTeX] q {=a}")
def test_any_text_reads_as_questions_or_errors_never_an_exception(text):
    result = parse_gift(text)

    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for error in result.errors:
        assert isinstance(error, GiftError)
        assert 1 <= error.line <= lines
        assert error.message.strip()
    for question in result.questions:
        assert question.type in q.QUESTION_TYPES
        assert question.text.strip()
        assert 1 <= question.line <= lines


# --- questions the writer can express ---------------------------------------------------------

# Private-use characters are how the reader hides escape sequences, and C0 controls (a lone
# carriage return, a form feed) are line breaks to it: neither is text a trainer types.
_letters = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Zl", "Zp"))
plain_text = (
    st.text(alphabet=st.sampled_from(GIFT_SYNTAX.replace("\r", "").replace("\t", "")) | _letters,
            min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)  # fmt: skip
# A text with a blank followed by more text is a missing-word question: both forms must hold.
question_text = plain_text | st.builds(lambda a, b: f"{a} _____ {b}", plain_text, plain_text)
optional_text = st.just("") | plain_text
no_arrow = plain_text.filter(lambda text: "->" not in text)
category_name = (
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Zl", "Zp")),
            min_size=1, max_size=20)
    .map(str.strip)
    .filter(lambda name: name and not name.startswith("$") and "\\" not in name)
)  # fmt: skip
percent = st.decimals(min_value=-100, max_value=100, places=2)
number = st.decimals(min_value=-(10**6), max_value=10**6, places=MAX_DECIMALS)
tolerance = st.decimals(min_value=0, max_value=1000, places=MAX_DECIMALS)


def _question(draw, question_type, choices, **fields):
    return q.QuestionData(
        type=question_type,
        text=draw(question_text),
        title=draw(optional_text),
        general_feedback=draw(optional_text),
        partial_credit=question_type in (q.MULTIPLE, q.MATCHING),
        choices=choices,
        **fields,
    )


@st.composite
def single_choice(draw):
    count = draw(st.integers(2, 5))
    right = draw(st.integers(0, count - 1))
    choices = [
        q.ChoiceData(
            text=draw(plain_text),
            is_correct=i == right,
            feedback=draw(optional_text),
            weight=draw(st.none() | percent),
        )
        for i in range(count)
    ]
    return _question(draw, q.SINGLE, choices)


@st.composite
def multiple_choice(draw):
    flags = draw(st.lists(st.booleans(), min_size=2, max_size=5).filter(any))
    right = flags.count(True)
    shares = [Decimal(100 // right)] * right
    shares[0] += 100 - sum(shares)  # positive weights add up to 100 %
    choices = []
    for flag in flags:
        weight = shares.pop() if flag else -draw(st.decimals(min_value=0, max_value=100, places=2))
        choices.append(
            q.ChoiceData(
                text=draw(plain_text), is_correct=flag, feedback=draw(optional_text), weight=weight
            )
        )
    return _question(draw, q.MULTIPLE, choices)


@st.composite
def true_false(draw):
    answer = draw(st.booleans())
    right, wrong = draw(optional_text), draw(optional_text)
    choices = [
        q.ChoiceData(text="True", is_correct=answer, feedback=right if answer else wrong),
        q.ChoiceData(text="False", is_correct=not answer, feedback=wrong if answer else right),
    ]
    return _question(draw, q.TRUE_FALSE, choices)


@st.composite
def short_answer(draw):
    """An answer earns marks unless its weight is 0 % or less; "->" would make it a pair."""
    choices = []
    for _ in range(draw(st.integers(1, 4))):
        weight = draw(st.none() | percent)
        choices.append(
            q.ChoiceData(
                text=draw(no_arrow),
                is_correct=weight is None or weight > 0,
                feedback=draw(optional_text),
                weight=weight,
            )
        )
    if not any(choice.is_correct for choice in choices):
        choices[0].weight, choices[0].is_correct = None, True
    return _question(draw, q.SHORT_TEXT, choices)


@st.composite
def numeric(draw):
    choices = []
    for _ in range(draw(st.integers(1, 3))):
        weight = draw(st.none() | st.decimals(min_value=1, max_value=100, places=2))
        choices.append(
            q.ChoiceData(
                is_correct=weight is None or weight == 100,
                feedback=draw(optional_text),
                weight=weight,
                numeric_value=draw(number),
                numeric_tolerance=draw(tolerance),
            )
        )
    return _question(draw, q.NUMERIC, choices)


@st.composite
def matching(draw):
    lefts = draw(st.lists(no_arrow, min_size=2, max_size=5))
    choices = [
        q.ChoiceData(text=left, match_text=draw(plain_text), is_correct=True) for left in lefts
    ]
    return _question(draw, q.MATCHING, choices)


writable_questions = st.one_of(
    single_choice(), multiple_choice(), true_false(), short_answer(), numeric(), matching()
)


def _comparable(question: q.QuestionData) -> q.QuestionData:
    question.line = 0
    return question


@given(st.lists(st.tuples(st.just("") | category_name, writable_questions), min_size=1, max_size=4))
def test_written_questions_read_back_as_the_same_questions(categorised):
    questions = []
    for category, question in categorised:
        question.category = category
        questions.append(question)

    result = parse_gift(export_gift(questions))

    assert result.errors == []
    assert [_comparable(x) for x in result.questions] == questions


@given(st.lists(writable_questions, min_size=1, max_size=3))
def test_writing_what_was_read_gives_the_same_file(questions):
    written = export_gift(questions)

    assert export_gift(parse_gift(written).questions) == written
