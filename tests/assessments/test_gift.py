"""GIFT import and export. Pure functions: no database."""

from dataclasses import replace
from decimal import Decimal

import pytest

from assessments.gift import GiftError, export_gift, parse_gift
from assessments.questions import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    SHORT_TEXT,
    SINGLE,
    TRUE_FALSE,
    ChoiceData,
    QuestionData,
)


def parse_one(text: str) -> QuestionData:
    result = parse_gift(text)
    assert result.errors == []
    assert len(result.questions) == 1
    return result.questions[0]


def errors_of(text: str) -> list[str]:
    return [str(error) for error in parse_gift(text).errors]


def without_lines(questions: list[QuestionData]) -> list[QuestionData]:
    return [replace(question, line=0) for question in questions]


# Reading each question type


def test_single_choice_with_title_feedback_and_general_feedback():
    question = parse_one(
        "::Passports::Which document proves nationality? {\n"
        "  =Passport#Right: it is issued by the state.\n"
        "  ~Boarding pass#No: an airline issues it.\n"
        "  ~Hotel booking\n"
        "  ####Only states issue proof of nationality.\n"
        "}\n"
    )
    assert question.type == SINGLE
    assert question.title == "Passports"
    assert question.text == "Which document proves nationality?"
    assert question.general_feedback == "Only states issue proof of nationality."
    assert question.points == Decimal("1")
    assert question.partial_credit is False
    assert question.choices == [
        ChoiceData(text="Passport", is_correct=True, feedback="Right: it is issued by the state."),
        ChoiceData(text="Boarding pass", feedback="No: an airline issues it."),
        ChoiceData(text="Hotel booking"),
    ]


def test_single_choice_keeps_partial_weights_of_wrong_answers():
    question = parse_one("Best first step? {=Check the photo ~%50%Check the date ~Ask a colleague}")
    assert question.type == SINGLE
    assert [(c.is_correct, c.weight) for c in question.choices] == [
        (True, None),
        (False, Decimal("50")),
        (False, None),
    ]


def test_multiple_answers_are_written_with_weights():
    question = parse_one(
        "Which are travel documents? {~%50%Passport ~%50%Laissez-passer ~%-100%Library card}"
    )
    assert question.type == MULTIPLE
    assert question.partial_credit is True
    assert [(c.text, c.is_correct, c.weight) for c in question.choices] == [
        ("Passport", True, Decimal("50")),
        ("Laissez-passer", True, Decimal("50")),
        ("Library card", False, Decimal("-100")),
    ]


def test_thirds_that_add_up_to_nearly_100_are_accepted():
    question = parse_one("Pick the three. {~%33.333%a ~%33.333%b ~%33.333%c ~%-100%d}")
    assert question.type == MULTIPLE


@pytest.mark.parametrize(
    ("block", "truth"),
    [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False), ("{true}", True)],
)
def test_true_false_forms(block, truth):
    question = parse_one(f"Visas can be extended at the border. {block}")
    assert question.type == TRUE_FALSE
    assert question.text == "Visas can be extended at the border."
    assert [(c.text, c.is_correct) for c in question.choices] == [
        ("True", truth),
        ("False", not truth),
    ]


def test_true_false_feedback_goes_to_the_option_picked():
    # Moodle: the first feedback is for a wrong answer, the second for a right one.
    true_statement = parse_one("The sky is blue. {T#Look up.#Well observed.}")
    assert [c.feedback for c in true_statement.choices] == ["Well observed.", "Look up."]
    false_statement = parse_one("The sun is cold. {F#Touch it.#Indeed.}")
    assert [c.feedback for c in false_statement.choices] == ["Touch it.", "Indeed."]


def test_short_answer_accepts_every_equals_answer_with_partial_weights():
    question = parse_one("Two plus two equals {=four =4 =%50%quatre#In French, but fine.}.")
    assert question.type == SHORT_TEXT
    assert question.text == "Two plus two equals _____."
    assert question.normalise_text is True
    assert [(c.text, c.is_correct, c.weight, c.feedback) for c in question.choices] == [
        ("four", True, None, ""),
        ("4", True, None, ""),
        ("quatre", True, Decimal("50"), "In French, but fine."),
    ]


def test_short_answer_may_list_a_wrong_answer_with_zero_weight():
    question = parse_one("Capital of Australia? {=Canberra =%0%Sydney#A common mistake.}")
    assert [(c.is_correct, c.weight) for c in question.choices] == [
        (True, None),
        (False, Decimal("0")),
    ]


def test_numeric_value_with_margin_and_feedback():
    question = parse_one("Pi to two decimals? {#3.14:0.01#Good. ####Pi is about 3.14159.}")
    assert question.type == NUMERIC
    assert question.general_feedback == "Pi is about 3.14159."
    assert question.choices == [
        ChoiceData(
            is_correct=True,
            feedback="Good.",
            numeric_value=Decimal("3.14"),
            numeric_tolerance=Decimal("0.01"),
        )
    ]


def test_numeric_range_becomes_midpoint_and_half_width():
    choice = parse_one("A number from 1 to 4? {#1..4}").choices[0]
    assert (choice.numeric_value, choice.numeric_tolerance) == (Decimal("2.5"), Decimal("1.5"))


def test_numeric_exact_value_has_no_tolerance():
    choice = parse_one("When was the convention signed? {#1951}").choices[0]
    assert (choice.numeric_value, choice.numeric_tolerance) == (Decimal("1951"), Decimal("0"))


def test_several_numeric_answers_with_weights():
    question = parse_one("Pi? {# =%100%3.14:0.01 =%50%3.1:0.1#Close enough.}")
    assert [
        (c.numeric_value, c.numeric_tolerance, c.weight, c.is_correct) for c in question.choices
    ] == [
        (Decimal("3.14"), Decimal("0.01"), Decimal("100"), True),
        (Decimal("3.1"), Decimal("0.1"), Decimal("50"), False),
    ]
    assert question.choices[1].feedback == "Close enough."


def test_negative_numeric_range():
    choice = parse_one("Coldest? {#-5..-1}").choices[0]
    assert (choice.numeric_value, choice.numeric_tolerance) == (Decimal("-3"), Decimal("2"))


def test_matching_pairs():
    question = parse_one(
        "Match the countries with their capitals. {\n"
        "  =Canada -> Ottawa\n"
        "  =Italy -> Rome\n"
        "  =Japan -> Tokyo\n"
        "}"
    )
    assert question.type == MATCHING
    assert question.partial_credit is True
    assert question.choices == [
        ChoiceData(text="Canada", match_text="Ottawa", is_correct=True),
        ChoiceData(text="Italy", match_text="Rome", is_correct=True),
        ChoiceData(text="Japan", match_text="Tokyo", is_correct=True),
    ]


def test_arrows_in_a_choice_question_are_text():
    question = parse_one("How do you save? {=File -> Save#Yes -> done ~Edit -> Copy}")
    assert question.type == SINGLE
    assert [c.text for c in question.choices] == ["File -> Save", "Edit -> Copy"]
    assert question.choices[0].feedback == "Yes -> done"


def test_missing_word_puts_a_blank_where_the_answers_were():
    question = parse_one("The capital is {=Paris ~London} of France.")
    assert question.text == "The capital is _____ of France."
    assert question.type == SINGLE


def test_answers_at_the_end_leave_no_blank():
    assert parse_one("What is the capital of France? {=Paris ~London}").text == (
        "What is the capital of France?"
    )


def test_escaped_characters_are_kept_as_text():
    question = parse_one(
        r"::A\:B::Is 1 \= 1 \{really\}? {=Yes \~ of course\#1 ~No\\maybe#See line\nbelow}"
    )
    assert question.title == "A:B"
    assert question.text == "Is 1 = 1 {really}?"
    assert [c.text for c in question.choices] == ["Yes ~ of course#1", "No\\maybe"]
    assert question.choices[1].feedback == "See line\nbelow"


@pytest.mark.parametrize("marker", ["[html]", "[moodle]", "[markdown]", "[plain]"])
def test_format_markers_are_removed(marker):
    question = parse_one(f"::T::{marker}<b>Which</b> one? {{={marker}yes#{marker}fine ~no}}")
    assert question.text == "<b>Which</b> one?"
    assert question.choices[0].text == "yes"
    assert question.choices[0].feedback == "fine"


def test_text_starting_with_brackets_that_are_not_a_format_is_text():
    assert parse_one("[Draft] Which one? {=a ~b}").text == "[Draft] Which one?"
    assert parse_one("[plain][note] Which one? {=a ~b}").text == "[note] Which one?"


def test_comments_and_multi_line_questions():
    result = parse_gift(
        "// Module 3 questions\n"
        "\n"
        "Which documents\n"
        "// a comment inside a question is ignored\n"
        "are needed? {\n"
        "=Passport\n"
        "~None\n"
        "}\n"
        "\n"
        "\n"
        "Second? {T}\n"
    )
    assert result.errors == []
    assert [q.text for q in result.questions] == ["Which documents\nare needed?", "Second?"]
    assert [q.line for q in result.questions] == [3, 11]


def test_categories_apply_to_the_questions_that_follow():
    result = parse_gift(
        "First? {T}\n"
        "\n"
        "$CATEGORY: Border checks/Documents\n"
        "\n"
        "Second? {T}\n"
        "$CATEGORY: $course$/top/Asylum\n"
        "Third? {F}\n"
        "\n"
        "$CATEGORY: $course$/top\n"
        "Fourth? {F}\n"
    )
    assert result.errors == []
    assert [q.category for q in result.questions] == [
        "",
        "Border checks/Documents",
        "Asylum",
        "",
    ]


def test_windows_line_endings_and_byte_order_mark_are_accepted():
    result = parse_gift(
        "\ufeff// exported from Word\r\n\r\nQ1? {\r\n=a\r\n~b\r\n}\r\n\r\nQ2? {T}\r\n"
    )
    assert result.errors == []
    assert [q.text for q in result.questions] == ["Q1?", "Q2?"]
    assert [c.text for c in result.questions[0].choices] == ["a", "b"]
    assert [q.line for q in result.questions] == [3, 8]


def test_arabic_and_accented_text_is_kept_unchanged():
    question = parse_one("::الجوازات::ما هي الوثيقة المطلوبة؟ {=جواز السفر ~بطاقة المكتبة#خطأ}")
    assert question.title == "الجوازات"
    assert question.text == "ما هي الوثيقة المطلوبة؟"
    assert [c.text for c in question.choices] == ["جواز السفر", "بطاقة المكتبة"]
    assert question.choices[1].feedback == "خطأ"
    accented = parse_one("Où se trouve le poste-frontière ? {=À Genève ~Über Zürich}")
    assert accented.text == "Où se trouve le poste-frontière ?"
    assert [c.text for c in accented.choices] == ["À Genève", "Über Zürich"]


def test_error_reads_as_line_and_message():
    assert str(GiftError(12, "something is wrong")) == "line 12: something is wrong"


# Malformed files: each reports the line to look at and what to do.


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "Q1? {T}\n\nWhich one? {\n=a\n~b\n\nNext? {T}",
            "line 3: missing closing '}' for the answer block opened here; add '}'",
            id="unclosed-brace",
        ),
        pytest.param(
            "Which one? {=a ~b\\}",
            "line 1: missing closing '}' for the answer block opened here; the '\\}' in the "
            "answers is escaped, so it does not close the block",
            id="escaped-closing-brace",
        ),
        pytest.param(
            "Which one\n} is it? {=a ~b}",
            "line 2: unexpected '}' with no '{' before it: if the brace is part of the text, "
            "write it as '\\}'",
            id="unexpected-closing-brace",
        ),
        pytest.param(
            "Which one? {=a ~b} and } more",
            "line 1: unexpected '}'",
            id="closing-brace-after-answers",
        ),
        pytest.param(
            "Which one? {=a {~b}",
            "line 1: '{' opens a second answer block before the first one is closed",
            id="brace-inside-answers",
        ),
        pytest.param(
            "First? {=a ~b}\nSecond? {=c ~d}",
            "line 2: a second answer block starts here",
            id="two-questions-without-blank-line",
        ),
        pytest.param(
            "Describe the procedure. {}",
            "line 1: an empty answer block { } makes an essay question, which Waypoint does "
            "not support: remove the question, or make it a short answer",
            id="essay",
        ),
        pytest.param(
            "Describe it. {\n####Model answer: ...\n}",
            "line 1: an empty answer block { } makes an essay question",
            id="essay-with-general-feedback",
        ),
        pytest.param(
            "This text introduces the next section.",
            "line 1: this question has no answers: put them in { } after the question text",
            id="description-only",
        ),
        pytest.param(
            "How many? {#}",
            "line 1: the numeric answer is missing: write the number after '#'",
            id="empty-numeric",
        ),
        pytest.param(
            "Which one? {=a =}",
            "line 1: an answer is empty: write its text after the '=', or delete it",
            id="empty-answer",
        ),
        pytest.param(
            "Which one? {~a ~b ~c}",
            "line 1: none of the answers is marked right: put '=' before the right answer",
            id="no-right-answer",
        ),
        pytest.param(
            "Which ones? {\n~%50%a\n~%40%b\n~c\n}",
            "line 1: the positive weights add up to 90%, but must add up to 100%",
            id="weights-do-not-add-up",
        ),
        pytest.param(
            "Which ones? {~%50%a ~%50%b ~%30%c}",
            "line 1: the positive weights add up to 130%",
            id="weights-too-high",
        ),
        pytest.param(
            "Which ones? {\n~%150%a\n~b\n}",
            "line 2: the weight 150% is outside the range -100% to 100%",
            id="weight-out-of-range",
        ),
        pytest.param(
            "Which ones? {\n~%50%a\n~%abc%b\n}",
            "line 3: the weight '%abc%' is not a number: write a percentage between -100 and 100",
            id="weight-not-a-number",
        ),
        pytest.param(
            "Which ones? {~%50 a ~b}",
            "line 1: the weight is not closed",
            id="weight-not-closed",
        ),
        pytest.param(
            "Which one? {=a =b ~c}",
            "line 1: 2 answers are marked right with '=', but only one can be",
            id="two-right-answers",
        ),
        pytest.param(
            "Which one? {=a}\n\nOr? {~%100%a}",
            "line 3: a choice question needs at least 2 answers",
            id="one-choice",
        ),
        pytest.param(
            "Which one? {a =b ~c}",
            "line 1: 'a' is not marked as an answer: start each answer with '=' (right) or "
            "'~' (wrong)",
            id="unmarked-answer",
        ),
        pytest.param(
            "How many? {#abc}",
            "line 1: 'abc' is not a number: write numeric answers as {#42}",
            id="numeric-not-a-number",
        ),
        pytest.param(
            "How much? {#3,5}",
            "line 1: '3,5' is not a number (use a point for decimals: 3.5, not 3,5)",
            id="numeric-decimal-comma",
        ),
        pytest.param(
            "How many? {#5..1}",
            "line 1: the range 5..1 starts above where it ends: write the smaller number first",
            id="numeric-range-reversed",
        ),
        pytest.param(
            "How many? {#5:-1}",
            "line 1: the margin in 5:-1 is negative",
            id="numeric-negative-margin",
        ),
        pytest.param(
            "How many? {#3.14159265}",
            "line 1: 3.14159265 has too many decimals: Waypoint keeps 6",
            id="numeric-too-precise",
        ),
        pytest.param(
            "How many? {#3 ~#Wrong}",
            "line 1: numeric answers take only '=' (no '~')",
            id="numeric-wrong-answer-feedback",
        ),
        pytest.param(
            "Match. {\n=Canada -> Ottawa\n=Italy Rome\n=Japan -> Tokyo\n}",
            "line 3: 'Italy Rome' is not a pair: in a matching question every answer is "
            "written '=item -> match'",
            id="pair-without-arrow",
        ),
        pytest.param(
            "Match. {=Canada -> Ottawa}",
            "line 1: a matching question needs at least 2 pairs (Moodle needs 3)",
            id="one-pair",
        ),
        pytest.param(
            "Match. {\n=Canada -> Ottawa\n=Italy -> Rome\n~Spain\n}",
            "line 4: a matching question cannot mix pairs with '~' answers",
            id="pairs-mixed-with-choices",
        ),
        pytest.param(
            "Match. {\n=Canada -> Ottawa\n=Italy -> Rome\n=Spain\n}",
            "line 4: 'Spain' is not a pair",
            id="pairs-mixed-with-answers",
        ),
        pytest.param(
            "Match. {=Canada -> Ottawa = -> Madrid}",
            "line 1: the pair '-> Madrid' needs an item before '->' and its match after it",
            id="unmatched-distractor",
        ),
        pytest.param(
            "Match. {=Canada -> Ottawa#Yes =Italy -> Rome}",
            "line 1: matching pairs cannot have weights or feedback",
            id="pair-feedback",
        ),
        pytest.param(
            "[htlm]Which one? {=a ~b}",
            "line 1: unknown text format '[htlm]': use [html], [markdown], [moodle] or "
            "[plain]; if the brackets are part of the text, put [plain] in front of them",
            id="unknown-format",
        ),
        pytest.param(
            "True? {T ~F}",
            "line 1: a true/false answer is only T or F (or TRUE / FALSE), optionally "
            "followed by #feedback",
            id="true-false-with-extra-answers",
        ),
        pytest.param(
            "::Visas::{=a ~b}",
            "line 1: the question 'Visas' has a title but no question text: write the "
            "question between '::Visas::' and '{'",
            id="title-without-text",
        ),
        pytest.param(
            "{=a ~b}",
            "line 1: the question has no text",
            id="no-text",
        ),
        pytest.param(
            "::Visas Which visa? {=a ~b}",
            "line 1: the title is not closed: put '::' after it",
            id="title-not-closed",
        ),
        pytest.param(
            "$CATEGORY:\n\nWhich? {=a ~b}",
            "line 1: the $CATEGORY: line has no category name",
            id="empty-category",
        ),
        pytest.param(
            "Capital of Australia? {=%0%Sydney}",
            "line 1: no answer is accepted",
            id="short-answer-none-accepted",
        ),
    ],
)
def test_malformed_file_reports_line_and_reason(source, expected):
    result = parse_gift(source)
    assert len(result.errors) == 1, result.errors
    assert str(result.errors[0]).startswith(expected), str(result.errors[0])


def test_every_error_in_a_file_is_reported_with_its_line():
    source = (
        "// Quiz on documents\n"  # 1
        "::Good::Which document? {=Passport ~Ticket}\n"  # 2
        "\n"  # 3
        "Unclosed? {\n"  # 4
        "=a\n"  # 5
        "~b\n"  # 6
        "\n"  # 7
        "::Weights::Which ones? {\n"  # 8
        "~%50%a\n"  # 9
        "~%abc%b\n"  # 10
        "}\n"  # 11
        "\n"  # 12
        "Essay? {}\n"  # 13
        "\n"  # 14
        "Also good? {T}\n"  # 15
        "\n"  # 16
        "How many? {#1..x}\n"  # 17
    )
    result = parse_gift(source)
    assert [error.line for error in result.errors] == [4, 10, 13, 17]
    assert "missing closing '}'" in result.errors[0].message
    assert "'%abc%' is not a number" in result.errors[1].message
    assert "essay" in result.errors[2].message
    assert "'x' is not a number" in result.errors[3].message
    # The valid questions are still read, but the caller imports nothing when errors exist.
    assert [q.title or q.text for q in result.questions] == ["Good", "Also good?"]


def test_line_numbers_count_lines_the_parser_skips():
    source = "// one\n// two\n\n\n// three\nQ? {\n// four\n=a\n~%200%b\n}\r\n"
    assert errors_of(source) == ["line 9: the weight 200% is outside the range -100% to 100%"]


# Writing GIFT


def test_export_writes_readable_gift():
    questions = [
        QuestionData(
            type=SINGLE,
            title="Passports",
            text="Which document proves nationality?",
            category="Documents",
            choices=[
                ChoiceData(text="Passport", is_correct=True, feedback="Right."),
                ChoiceData(text="Ticket", weight=Decimal("-50")),
            ],
            general_feedback="Only states issue them.",
        ),
        QuestionData(
            type=TRUE_FALSE,
            text="Visas expire.",
            category="Documents",
            choices=[
                ChoiceData(text="True", is_correct=True),
                ChoiceData(text="False"),
            ],
        ),
        QuestionData(
            type=NUMERIC,
            text="Pi?",
            choices=[
                ChoiceData(
                    is_correct=True,
                    numeric_value=Decimal("3.14"),
                    numeric_tolerance=Decimal("0.01"),
                ),
            ],
        ),
    ]
    assert export_gift(questions) == (
        "$CATEGORY: Documents\n"
        "\n"
        "::Passports::Which document proves nationality? {\n"
        "\t=Passport#Right.\n"
        "\t~%-50%Ticket\n"
        "\t####Only states issue them.\n"
        "}\n"
        "\n"
        "Visas expire. {T}\n"
        "\n"
        "$CATEGORY: $course$/top\n"
        "\n"
        "Pi? {#3.14:0.01}\n"
        "\n"
    )


def test_export_of_nothing_is_empty():
    assert export_gift([]) == ""


def test_export_gives_unweighted_right_answers_of_a_multiple_question_equal_shares():
    question = QuestionData(
        type=MULTIPLE,
        text="Which?",
        partial_credit=True,
        choices=[
            ChoiceData(text="a", is_correct=True),
            ChoiceData(text="b", is_correct=True),
            ChoiceData(text="c", is_correct=True),
            ChoiceData(text="d"),
        ],
    )
    exported = export_gift([question])
    assert "~%33.33333%a" in exported
    back = parse_one(exported)
    assert back.type == MULTIPLE
    assert [c.is_correct for c in back.choices] == [True, True, True, False]


SPECIAL = "a~b=c#d{e}f:g\\h"


ROUND_TRIP = [
    QuestionData(
        type=SINGLE,
        title=f"Title {SPECIAL}",
        text=f"Question {SPECIAL}\nsecond line\n\nafter a blank line",
        category="Border checks/Documents",
        choices=[
            ChoiceData(text=f"right {SPECIAL}", is_correct=True, feedback=f"yes {SPECIAL}"),
            ChoiceData(text="partly", weight=Decimal("50"), feedback="almost"),
            ChoiceData(text="wrong", weight=Decimal("-25")),
        ],
        general_feedback=f"general {SPECIAL}",
    ),
    QuestionData(
        type=MULTIPLE,
        text="Which are documents? (pick two)",
        category="Border checks/Documents",
        partial_credit=True,
        choices=[
            ChoiceData(text="Passport", is_correct=True, weight=Decimal("50"), feedback="yes"),
            ChoiceData(text="Visa", is_correct=True, weight=Decimal("50")),
            ChoiceData(text="Cat", weight=Decimal("-100"), feedback="no"),
            ChoiceData(text="Dog"),
        ],
    ),
    QuestionData(
        type=TRUE_FALSE,
        text="Visas can be extended at the border.",
        choices=[
            ChoiceData(text="True", feedback="Only at the ministry."),
            ChoiceData(text="False", is_correct=True, feedback="Right."),
        ],
        general_feedback="See chapter 2.",
    ),
    QuestionData(
        type=TRUE_FALSE,
        text="Only wrong-answer feedback.",
        choices=[ChoiceData(text="True", is_correct=True), ChoiceData(text="False", feedback="x")],
    ),
    QuestionData(
        type=TRUE_FALSE,
        text="Only right-answer feedback.",
        choices=[ChoiceData(text="True", is_correct=True, feedback="y"), ChoiceData(text="False")],
    ),
    QuestionData(
        type=SHORT_TEXT,
        title="Short",
        text="Two plus two equals _____, as everyone knows.",
        category="Arithmetic",
        choices=[
            ChoiceData(text="four", is_correct=True),
            ChoiceData(text="quatre", is_correct=True, weight=Decimal("50"), feedback="French"),
            ChoiceData(text="five", weight=Decimal("0"), feedback="Count again."),
        ],
    ),
    QuestionData(
        type=NUMERIC,
        text="Pi?",
        choices=[
            ChoiceData(
                is_correct=True,
                numeric_value=Decimal("3.14"),
                numeric_tolerance=Decimal("0.01"),
                feedback="Good",
            )
        ],
        general_feedback="About 3.14159.",
    ),
    QuestionData(
        type=NUMERIC,
        text="Pi, roughly?",
        choices=[
            ChoiceData(is_correct=True, weight=Decimal("100"), numeric_value=Decimal("3.14")),
            ChoiceData(
                weight=Decimal("50"),
                numeric_value=Decimal("-3.1"),
                numeric_tolerance=Decimal("0.1"),
                feedback="Sign?",
            ),
        ],
    ),
    QuestionData(
        type=MATCHING,
        text="Match the capitals.",
        partial_credit=True,
        choices=[
            ChoiceData(text=f"Item {SPECIAL}", match_text=f"Match {SPECIAL}", is_correct=True),
            ChoiceData(text="Italy", match_text="Rome", is_correct=True),
            ChoiceData(text="Japan", match_text="Tokyo", is_correct=True),
        ],
        general_feedback="Capitals.",
    ),
    QuestionData(
        type=SHORT_TEXT,
        text="// Not a comment: which share is checked?",
        choices=[
            ChoiceData(text="%50 of travellers", is_correct=True, feedback="-> see page 2"),
            ChoiceData(text="_____", is_correct=True),
        ],
    ),
    QuestionData(
        type=SINGLE,
        text="[Draft] ما هي الوثيقة المطلوبة؟ Où ?",
        category="Arabe/عربي",
        choices=[
            ChoiceData(text="جواز السفر", is_correct=True, feedback="صحيح"),
            ChoiceData(text="[x] Über", feedback="[html] <b>non</b>"),
        ],
    ),
]


@pytest.mark.parametrize("question", ROUND_TRIP, ids=lambda q: f"{q.type}-{q.text[:12]}")
def test_each_type_round_trips(question):
    result = parse_gift(export_gift([question]))
    assert result.errors == []
    assert without_lines(result.questions) == [question]


def test_a_whole_bank_round_trips_with_categories():
    result = parse_gift(export_gift(ROUND_TRIP))
    assert result.errors == []
    assert without_lines(result.questions) == ROUND_TRIP


def test_exported_file_survives_windows_line_endings_and_a_byte_order_mark():
    exported = "\ufeff" + export_gift(ROUND_TRIP).replace("\n", "\r\n")
    assert without_lines(parse_gift(exported).questions) == ROUND_TRIP


def test_imported_moodle_file_exports_to_an_equivalent_file():
    source = (
        "$CATEGORY: $course$/top/Geography\n"
        "\n"
        "::Grant::Grant is {~buried =entombed ~living} in Grant's tomb.\n"
        "\n"
        "Japanese characters originally came from what country? {\n"
        "    ~India\n"
        "    =China\n"
        "    ~Korea\n"
        "    ~Egypt}\n"
        "\n"
        "Two plus two equals {=four =4}.\n"
        "\n"
        "When was Ulysses S. Grant born? {#1822:1}\n"
        "\n"
        "What is the value of pi (to 3 decimal places)? {#3.141..3.142}.\n"
    )
    first = parse_gift(source)
    assert first.errors == []
    second = parse_gift(export_gift(first.questions))
    assert without_lines(second.questions) == without_lines(first.questions)
    assert first.questions[-1].text == "What is the value of pi (to 3 decimal places)? _____."
