"""Grading of quiz answers: pure functions over an attempt's frozen ``QuestionData``.

Responses come straight from a POST, so a response of the wrong shape grades as no answer
(fraction 0) and unknown choice ids are ignored; nothing a learner sends can raise. All
arithmetic is Decimal, because a learner exactly on a tolerance bound or a pass mark must
get the mark, and binary floats cannot promise that.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import MAX_PREC, ROUND_HALF_UP, Decimal, localcontext

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

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
FRACTION_STEP = Decimal("0.0001")
SCORE_STEP = Decimal("0.01")
# Nobody types a 100-character number; the cap bounds the work a hostile POST can cause.
MAX_NUMBER_LENGTH = 100

_DIGITS = {0x0660 + n: str(n) for n in range(10)} | {0x06F0 + n: str(n) for n in range(10)}
_HARAKAT = {code: None for code in range(0x064B, 0x0660)} | {0x0670: None}
_ALEFS = {ord(alef): "\u0627" for alef in "\u0623\u0625\u0622\u0671"}
_ARABIC_FOLD = str.maketrans(
    _DIGITS | _HARAKAT | _ALEFS | {0x0640: None, 0x0649: "\u064a"}  # tatweel, alef maqsura
)
# U+2212 is the minus sign word processors put in; U+066B is the Arabic decimal separator.
_NUMBER_FOLD = str.maketrans(_DIGITS | {0x2212: "-", 0x066B: "."})
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")

# What a grader found: the fraction earned, and the choices whose feedback the review shows.
Outcome = tuple[Decimal, list[ChoiceData]]


@dataclass(frozen=True)
class GradedAnswer:
    fraction: Decimal
    score: Decimal
    is_correct: bool
    feedback: list[str]


@dataclass(frozen=True)
class AttemptGrade:
    score: Decimal
    max_score: Decimal
    percent: Decimal
    passed: bool
    answers: dict[str, GradedAnswer]


def normalise_answer(text: str) -> str:
    """Fold away what a learner cannot be expected to type the same way as the author:
    case, accents, Arabic short vowels and hamza seats, tatweel, digit scripts, spacing.
    Invisible format characters (the RTL marks an Arabic keyboard or a paste leaves) go too.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_ARABIC_FOLD)
    decomposed = unicodedata.normalize("NFKD", folded)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf"))
    return unicodedata.normalize("NFC", " ".join(kept.split()))


def _exact_form(text: str) -> str:
    """Exact comparison still ignores spacing and Unicode's two spellings of "é" (NFC),
    which a learner cannot see; case and accents count."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_number(text: object) -> Decimal | None:
    """Read a number as people in our four languages type it: "3,5" or "3.5", digit groups
    split by spaces, Arabic-Indic digits. Anything ambiguous ("1,000.5") or not a finite
    number gives None rather than a guess."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, Decimal | float):
        number = Decimal(str(text))
        return number if number.is_finite() else None
    if not isinstance(text, str) or len(text) > MAX_NUMBER_LENGTH:
        return None
    folded = unicodedata.normalize("NFKC", text).translate(_NUMBER_FOLD)
    compact = "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch) != "Cf")
    if not _NUMBER.fullmatch(compact):
        return None
    return Decimal(compact.replace(",", "."))


def _is_id(value: object) -> bool:
    """Ids are ints; ``True`` is an int too and would otherwise pick choice 1."""
    return isinstance(value, int) and not isinstance(value, bool)


def _clamp(value: Decimal) -> Decimal:
    return min(max(value, ZERO), ONE)


def _choice_fraction(choice: ChoiceData) -> Decimal:
    """An explicit weight (GIFT's ``%50%``) wins; otherwise a right choice is worth all."""
    if choice.weight is not None:
        return _clamp(Decimal(choice.weight) / HUNDRED)
    return ONE if choice.is_correct else ZERO


def _best(matches: list[ChoiceData]) -> Outcome:
    """Several accepted answers can match; the learner gets the most generous one."""
    if not matches:
        return ZERO, []
    best = max(matches, key=_choice_fraction)
    return _choice_fraction(best), [best]


def _grade_single(question: QuestionData, response: object) -> Outcome:
    if not _is_id(response):
        return ZERO, []
    return _best([c for c in question.choices if c.id == response])


def _chosen(question: QuestionData, response: object) -> list[ChoiceData]:
    """The question's choices the learner ticked, once each, in question order."""
    if not isinstance(response, list | tuple | set | frozenset):
        return []
    ids = {item for item in response if _is_id(item)}
    return [c for c in question.choices if c.id is not None and c.id in ids]


def _multiple_weights(question: QuestionData) -> dict[int | None, Decimal]:
    """By default the right choices share +1 and the wrong ones share -1, so ticking every
    box is worth nothing and guessing does not pay."""
    right = sum(1 for c in question.choices if c.is_correct)
    wrong = len(question.choices) - right
    weights = {}
    for choice in question.choices:
        if choice.weight is not None:
            weights[choice.id] = Decimal(choice.weight) / HUNDRED
        else:
            weights[choice.id] = ONE / right if choice.is_correct else -ONE / wrong
    return weights


def _grade_multiple(question: QuestionData, response: object) -> Outcome:
    chosen = _chosen(question, response)
    if not chosen:
        return ZERO, []
    if not question.partial_credit:
        right = {c.id for c in question.choices if c.is_correct}
        return (ONE if {c.id for c in chosen} == right else ZERO), chosen
    weights = _multiple_weights(question)
    return _clamp(sum((weights[c.id] for c in chosen), ZERO)), chosen


def _grade_short_text(question: QuestionData, response: object) -> Outcome:
    if not isinstance(response, str):
        return ZERO, []
    form = _folded_or_exact if question.normalise_text else _exact_form
    answer = form(response)
    if not answer:
        return ZERO, []
    return _best([c for c in question.choices if form(c.text) == answer])


def _folded_or_exact(text: str) -> str:
    """An accepted answer made only of what folding removes (a lone diacritic, a mark)
    would never match anything once folded: such answers compare exactly."""
    return normalise_answer(text) or _exact_form(text)


def _within(number: Decimal, choice: ChoiceData) -> bool:
    """Inclusive bounds, computed without rounding: 2.5 ± 0.5 accepts 3 and not 3.0001."""
    if choice.numeric_value is None:
        return False
    value = Decimal(choice.numeric_value)
    if not value.is_finite():
        return False
    with localcontext(prec=MAX_PREC):  # + and - stay exact; nothing here divides
        return abs(number - value) <= abs(Decimal(choice.numeric_tolerance))


def _grade_numeric(question: QuestionData, response: object) -> Outcome:
    number = parse_number(response)
    if number is None:
        return ZERO, []
    return _best([c for c in question.choices if _within(number, c)])


def _grade_matching(question: QuestionData, response: object) -> Outcome:
    """Right-hand texts are compared as text, so two pairs may share one. A choice with no
    left-hand text is a distractor: offered on the right, never a pair to get right."""
    if not isinstance(response, dict):
        return ZERO, []
    pairs = [c for c in question.choices if c.id is not None and c.text.strip()]
    if not pairs:
        return ZERO, []
    picks = {c.id: response.get(str(c.id)) for c in pairs}
    answered = [c for c in pairs if isinstance(picks[c.id], str)]
    right = sum(1 for c in answered if _exact_form(picks[c.id]) == _exact_form(c.match_text))
    if question.partial_credit:
        return Decimal(right) / len(pairs), answered
    return (ONE if right == len(pairs) else ZERO), answered


_GRADERS: dict[str, Callable[[QuestionData, object], Outcome]] = {
    SINGLE: _grade_single,
    TRUE_FALSE: _grade_single,
    MULTIPLE: _grade_multiple,
    SHORT_TEXT: _grade_short_text,
    NUMERIC: _grade_numeric,
    MATCHING: _grade_matching,
}


def grade_question(question: QuestionData, response: object) -> GradedAnswer:
    """Grade one response. An unknown question type is a bug in the attempt's frozen copy,
    not a learner's mistake, so it raises instead of quietly scoring 0."""
    grader = _GRADERS.get(question.type)
    if grader is None:
        raise ValueError(f"Cannot grade a question of type {question.type!r}")
    fraction, chosen = grader(question, response)
    # The score uses the unrounded fraction: a third of 300 points is 100.00, not 99.99.
    return GradedAnswer(
        fraction=fraction.quantize(FRACTION_STEP, ROUND_HALF_UP),
        score=(fraction * question.points).quantize(SCORE_STEP, ROUND_HALF_UP),
        is_correct=fraction.quantize(FRACTION_STEP, ROUND_HALF_UP) == ONE,
        feedback=[c.feedback for c in chosen if c.feedback],
    )


def grade_attempt(
    questions: list[QuestionData], responses: dict[str, object], pass_mark: Decimal
) -> AttemptGrade:
    """Grade a whole attempt. The percent compared with the pass mark is the rounded one the
    learner is shown, so a learner shown exactly the pass mark has passed."""
    answers = {str(q.id): grade_question(q, responses.get(str(q.id))) for q in questions}
    score = sum((answers[str(q.id)].score for q in questions), ZERO)
    max_score = sum((Decimal(q.points) for q in questions), ZERO).quantize(SCORE_STEP)
    percent = ZERO
    if max_score > 0:
        percent = score * HUNDRED / max_score
    percent = percent.quantize(SCORE_STEP, ROUND_HALF_UP)
    return AttemptGrade(
        score=score.quantize(SCORE_STEP),
        max_score=max_score,
        percent=percent,
        passed=percent >= pass_mark,
        answers=answers,
    )
