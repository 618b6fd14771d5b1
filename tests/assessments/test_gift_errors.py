"""GIFT import of malformed files: every error is reported with the line to look at and
what to do about it. Pure functions: no database."""

import pytest
from django.utils import translation

from assessments.gift import GiftError, parse_gift
from tests.assessments.gift_helpers import errors_of


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


def test_errors_read_in_the_language_of_the_trainer():
    """A trainer who works in French reads every error of the file, and its line, in French."""
    source = "Q? {\n~%200%a\n~b\n}\n\nCombien ? {#3,5}\n\n::Visas::{=a ~b}"
    with translation.override("fr"):
        errors = errors_of(source)
    assert errors == [
        "ligne 2\u00a0: la pondération 200\u00a0% est en dehors de la plage de -100\u00a0% "
        "à 100\u00a0%",
        "ligne 6\u00a0: «\u00a03,5\u00a0» n'est pas un nombre (utilisez un point pour les "
        "décimales\u00a0: 3.5, et non 3,5)\u00a0: écrivez les réponses numériques sous la "
        "forme {#42}, {#3.14:0.01} (réponse:tolérance) ou {#1..5} (plage)",
        "ligne 8\u00a0: la question «\u00a0Visas\u00a0» a un titre mais pas de texte\u00a0: "
        "écrivez la question entre «\u00a0::Visas::\u00a0» et «\u00a0{\u00a0»",
    ]
