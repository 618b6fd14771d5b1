"""The compact question editor (issue 16, trainer 2): answer rows with defaults, blank rows
dropped, short-text answers right without a tick, problems named by question number."""

import pytest
from wagtail.blocks.list_block import ListBlockAdapter
from wagtail.blocks.stream_block import StreamBlockValidationError

from assessments.blocks import QuestionStreamBlock
from assessments.grading import grade_question
from assessments.questions import SHORT_TEXT
from tests.factories.assessments import make_quiz, short_text

STREAM = QuestionStreamBlock()


def _question(block_name: str, **value):
    block = STREAM.child_blocks[block_name]
    return block, block.to_python({"text": "Which document proves nationality?", **value})


def _options(*rows):
    """Rows as (text, correct); an empty text and no tick is a row left empty."""
    return [{"text": text, "is_correct": correct} for text, correct in rows]


def test_a_new_choice_question_starts_with_four_empty_rows_and_one_point():
    for name in ("single_choice", "multiple_choice"):
        default = STREAM.child_blocks[name].get_default()

        assert len(default["options"]) == 4
        assert all(not row["text"] and not row["is_correct"] for row in default["options"])
        assert default["points"] == 1


def test_no_minimum_count_is_shown_while_a_question_is_being_typed():
    """Wagtail's editor warns "The minimum number of items is 2" from the list's minNum,
    before anything is typed; the count is checked on save instead."""
    for name, block in STREAM.child_blocks.items():
        for child in block.child_blocks.values():
            if hasattr(child, "child_block"):  # a list of answer rows
                meta = ListBlockAdapter().js_args(child)[3]
                assert "minNum" not in meta, name


def test_rows_left_empty_are_dropped_on_save():
    block, value = _question(
        "single_choice", options=_options(("Passport", True), ("", False), ("Visa", False))
    )

    cleaned = block.clean(value)

    assert [row["text"] for row in cleaned["options"]] == ["Passport", "Visa"]


def test_a_row_with_a_tick_but_no_text_asks_for_its_text():
    block, value = _question("single_choice", options=_options(("Passport", False), ("", True)))

    with pytest.raises(Exception) as error:
        block.clean(value)

    row_error = error.value.block_errors["options"].block_errors[1]
    assert "Fill this in, or empty the whole row" in str(row_error.block_errors["text"])


def test_a_short_text_answer_needs_no_correct_tick():
    block, value = _question("short_text", options=[{"text": "Passport"}])

    question = block.to_question(block.clean(value))

    assert [(c.text, c.is_correct) for c in question.choices] == [("Passport", True)]
    question.choices[0].id = 1
    assert grade_question(question, "passport").fraction == 1


def test_a_short_text_answer_given_no_credit_is_a_recognised_wrong_answer():
    block, value = _question(
        "short_text",
        options=[{"text": "Passport"}, {"text": "Visa", "weight": "0", "feedback": "No."}],
    )

    question = block.to_question(block.clean(value))

    assert [(c.text, c.is_correct) for c in question.choices] == [
        ("Passport", True),
        ("Visa", False),
    ]


def test_a_short_text_question_needs_an_answer_that_earns_credit():
    block, value = _question("short_text", options=[{"text": "Visa", "weight": "0"}])

    with pytest.raises(Exception) as error:
        block.clean(value)

    assert "must earn credit" in str(error.value.block_errors["options"])


def test_problems_are_listed_by_question_number_in_question_order():
    stream = STREAM.to_python(
        [
            {"type": "true_false", "value": {"text": "Visas expire.", "answer": True}},
            {
                "type": "single_choice",
                "value": {"text": "Which?", "options": _options(("A", False), ("B", False))},
            },
            {"type": "short_text", "value": {"text": "", "options": []}},
        ]
    )

    with pytest.raises(StreamBlockValidationError) as error:
        STREAM.clean(stream)

    messages = [e.messages[0] for e in error.value.non_block_errors.as_data()]
    # Wagtail's editor shows each above the previous one: stored last question first.
    assert list(reversed(messages)) == [
        "Question 2: Options: Tick exactly one option as correct.",
        "Question 3: Question text: This field is required. "
        "Accepted answers: Give at least one accepted answer.",
    ]
    assert sorted(error.value.block_errors) == [1, 2]


def test_quizzes_saved_by_import_still_load_and_grade():
    quiz = make_quiz(questions=[short_text(answers=("Doc 9303", "ICAO 9303"))])

    [(_key, question)] = quiz.question_data()

    assert question.type == SHORT_TEXT
    assert [(c.text, c.is_correct) for c in question.choices] == [
        ("Doc 9303", True),
        ("ICAO 9303", True),
    ]
