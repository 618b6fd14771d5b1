"""Writing questions as Moodle GIFT, so a Waypoint question bank can move to Moodle, or be
edited as text and imported back: ``parse_gift(export_gift(questions))`` gives the same
questions again, for everything GIFT can carry (not points, nor ids)."""

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from assessments.gift.syntax import BLANK, FORMAT_MARKER, escape
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

# How Moodle names its top category; reading it back gives "no category".
TOP_CATEGORY = "$course$/top"
_AMBIGUOUS_START = re.compile(rf"{FORMAT_MARKER.pattern}|%|//")


def export_gift(questions: Iterable[QuestionData]) -> str:
    parts = []
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            parts.append(f"$CATEGORY: {category or TOP_CATEGORY}")
        parts.append(_question(question))
    return "".join(f"{part}\n\n" for part in parts)


def _question(question: QuestionData) -> str:
    """A text with one blank (`_____`) followed by more text is written as Moodle's
    missing-word question: the answers take the blank's place."""
    writer = _WRITERS.get(question.type)
    if writer is None:
        raise ValueError(f"GIFT has no form for questions of type {question.type!r}")
    answers = writer(question)
    title = f"::{escape(question.title)}::" if question.title else ""
    before, blank, after = question.text.partition(BLANK)
    if blank and after.strip() and BLANK not in after:
        return f"{title}{_text(before)}{answers}{escape(after)}"
    return f"{title}{_text(question.text)} {answers}"


def _text(text: str) -> str:
    """GIFT has no escape for a text that starts like a format marker (`[word]`), a weight
    (`%`) or a comment (`//`); an explicit `[plain]` in front keeps it text, and the parser
    removes it again."""
    escaped = escape(text)
    return f"[plain]{escaped}" if _AMBIGUOUS_START.match(escaped) else escaped


def _number(number: Decimal) -> str:
    return format(number, "f")


def _weight(weight: Decimal | None) -> str:
    return "" if weight is None else f"%{_number(weight)}%"


def _earning_weight(choice: ChoiceData) -> str:
    """Short and numeric answers are all written with `=`: a wrong one needs a 0% weight."""
    if choice.weight is None and not choice.is_correct:
        return "%0%"
    return _weight(choice.weight)


def _feedback(feedback: str) -> str:
    return f"#{_text(feedback)}" if feedback else ""


def _block(lines: list[str], general_feedback: str, opening: str = "{") -> str:
    if general_feedback:
        lines = [*lines, f"####{_text(general_feedback)}"]
    return opening + "\n" + "".join(f"\t{line}\n" for line in lines) + "}"


def _single(question: QuestionData) -> str:
    lines = [
        ("=" if choice.is_correct else "~")
        + _weight(choice.weight)
        + _text(choice.text)
        + _feedback(choice.feedback)
        for choice in question.choices
    ]
    return _block(lines, question.general_feedback)


def _multiple(question: QuestionData) -> str:
    weights = _multiple_weights(question.choices)
    lines = [
        f"~{_weight(weight)}{_text(choice.text)}{_feedback(choice.feedback)}"
        for choice, weight in zip(question.choices, weights, strict=True)
    ]
    return _block(lines, question.general_feedback)


def _multiple_weights(choices: list[ChoiceData]) -> list[Decimal | None]:
    """GIFT knows a right answer of a multiple-answer question only by its positive
    weight; where the editor left weights empty, the right answers share 100%."""
    right = [choice for choice in choices if choice.is_correct]
    if all(choice.weight is not None and choice.weight > 0 for choice in right):
        return [choice.weight for choice in choices]
    share = (Decimal(100) / len(right)).quantize(Decimal("0.00001"))
    return [share if choice.is_correct else choice.weight for choice in choices]


def _true_false(question: QuestionData) -> str:
    """Moodle's `{T#a#b}` shows `a` after a wrong answer and `b` after a right one."""
    by_text = {choice.text: choice for choice in question.choices}
    true, false = by_text["True"], by_text["False"]
    right, wrong = (true, false) if true.is_correct else (false, true)
    feedback = ""
    if right.feedback:
        feedback = f"#{_text(wrong.feedback)}#{_text(right.feedback)}"
    elif wrong.feedback:
        feedback = f"#{_text(wrong.feedback)}"
    general = f" ####{_text(question.general_feedback)}" if question.general_feedback else ""
    return "{" + ("T" if true.is_correct else "F") + feedback + general + "}"


def _short_text(question: QuestionData) -> str:
    lines = [
        f"={_earning_weight(choice)}{_text(choice.text)}{_feedback(choice.feedback)}"
        for choice in question.choices
    ]
    return _block(lines, question.general_feedback)


def _numeric(question: QuestionData) -> str:
    answers = [
        _earning_weight(choice) + _numeric_value(choice) + _feedback(choice.feedback)
        for choice in question.choices
    ]
    if len(answers) == 1 and not answers[0].startswith("%"):
        general = f" ####{_text(question.general_feedback)}" if question.general_feedback else ""
        return "{#" + answers[0] + general + "}"
    return _block([f"={answer}" for answer in answers], question.general_feedback, "{#")


def _numeric_value(choice: ChoiceData) -> str:
    value = _number(choice.numeric_value if choice.numeric_value is not None else Decimal(0))
    if choice.numeric_tolerance:
        return f"{value}:{_number(choice.numeric_tolerance)}"
    return value


def _matching(question: QuestionData) -> str:
    lines = [f"={_text(choice.text)} -> {escape(choice.match_text)}" for choice in question.choices]
    return _block(lines, question.general_feedback)


_WRITERS: dict[str, Callable[[QuestionData], str]] = {
    SINGLE: _single,
    MULTIPLE: _multiple,
    TRUE_FALSE: _true_false,
    SHORT_TEXT: _short_text,
    NUMERIC: _numeric,
    MATCHING: _matching,
}
