"""Shared helpers for the GIFT tests: parse one question, collect error messages, and
compare questions without their source line numbers."""

from dataclasses import replace

from assessments.gift import parse_gift
from assessments.questions import QuestionData


def parse_one(text: str) -> QuestionData:
    result = parse_gift(text)
    assert result.errors == []
    assert len(result.questions) == 1
    return result.questions[0]


def errors_of(text: str) -> list[str]:
    return [str(error) for error in parse_gift(text).errors]


def without_lines(questions: list[QuestionData]) -> list[QuestionData]:
    return [replace(question, line=0) for question in questions]
