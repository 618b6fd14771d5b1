"""GIFT round trips: every question type, special characters, categories and non-Latin
text survive an export followed by an import, and an imported Moodle file exports to an
equivalent one. Pure functions: no database."""

from decimal import Decimal

import pytest

from assessments.gift import export_gift, parse_gift
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
from tests.assessments.gift_helpers import without_lines

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
