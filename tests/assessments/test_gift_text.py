"""GIFT import, the text around the answers: missing-word blanks, escapes, format markers,
comments, categories, Windows line endings and non-Latin scripts. Pure functions: no
database."""

import pytest

from assessments.gift import parse_gift
from assessments.questions import SINGLE
from tests.assessments.gift_helpers import parse_one


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
