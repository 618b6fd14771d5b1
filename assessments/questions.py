"""The shape of a question, shared by the editor, the GIFT importer and exporter, grading
and the frozen copy an attempt keeps. Plain data: no database, no Django models.

Responses a learner gives, by question type:
- ``single`` and ``true_false``: the id of one choice (``int``), or ``None``;
- ``multiple``: a list of choice ids;
- ``short_text``: a string;
- ``numeric``: a string as typed (``"3,5"`` and ``"3.5"`` both mean 3.5), or a number;
- ``matching``: a dict from the id of a left-hand choice (as ``str``) to the right-hand
  text the learner picked.
"""

from dataclasses import dataclass, field
from decimal import Decimal

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
SHORT_TEXT = "short_text"
NUMERIC = "numeric"
MATCHING = "matching"
QUESTION_TYPES = [SINGLE, MULTIPLE, TRUE_FALSE, SHORT_TEXT, NUMERIC, MATCHING]


@dataclass
class ChoiceData:
    """One option of a question.

    - single / multiple / true_false: an option; ``is_correct`` marks the right one(s).
      true_false questions have exactly two choices, texts "True" and "False".
    - short_text: an accepted answer (``is_correct`` True), or a recognised wrong answer
      with feedback (``is_correct`` False).
    - numeric: an accepted value ``numeric_value`` ± ``numeric_tolerance``.
    - matching: ``text`` is the left-hand item, ``match_text`` the right-hand item it
      pairs with (``is_correct`` True for every pair).
    ``weight`` is a percentage of the question's points (-100 to 100), used for partial
    credit (GIFT's ``~%50%``); ``None`` means the default (see grading).
    """

    text: str = ""
    is_correct: bool = False
    feedback: str = ""
    weight: Decimal | None = None
    match_text: str = ""
    numeric_value: Decimal | None = None
    numeric_tolerance: Decimal = Decimal("0")
    id: int | None = None  # drawn at random for each attempt's frozen copy (frozen.CHOICE_IDS)


@dataclass
class QuestionData:
    type: str
    text: str
    title: str = ""
    points: Decimal = Decimal("1")
    category: str = ""
    choices: list[ChoiceData] = field(default_factory=list)
    general_feedback: str = ""
    partial_credit: bool = False  # multiple and matching: credit for each right part
    normalise_text: bool = True  # short_text: compare case- and accent-insensitively
    line: int = 0  # where it starts in an imported file, for error messages
    id: int | None = None  # set in an attempt's frozen copy


def json_ready(value):
    """Decimals as strings, recursively: the form JSON fields and StreamField raw data keep."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    return value
