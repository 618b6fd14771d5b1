"""Reading a GIFT answer block, the part between `{` and `}`: what type of question it
makes, and its choices. Checks here mirror what the question editor accepts, so a file that
reads without errors also saves."""

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.gift.source import Problem, Source, read_text
from assessments.gift.syntax import show_escapes
from assessments.questions import (
    MATCHING,
    MULTIPLE,
    NUMERIC,
    SHORT_TEXT,
    SINGLE,
    TRUE_FALSE,
    ChoiceData,
)

CHOICE = "choice"  # single or multiple: which one depends on the answers
MAX_DECIMALS = 6  # what the numeric question editor keeps
MAX_ANSWERS = 100  # per question: bounds the work a file asks of the reader
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_WEIGHT = re.compile(r"\s*%([^%\n]*)%")
_OPERATOR = re.compile(r"[=~]")
_TRUE_FALSE = re.compile(r"(TRUE|FALSE|T|F)(?![^\s#])(.*)", re.IGNORECASE | re.DOTALL)


@dataclass
class _Answer:
    operator: str
    weight: Decimal | None
    text: str
    feedback: str
    line: int

    @property
    def earns(self) -> bool:
        return self.weight is None or self.weight > 0


def read_block(source: Source, start: int, end: int) -> tuple[str, list[ChoiceData], str]:
    general_feedback = ""
    marker = source.text.find("####", start, end)
    if marker != -1:
        general_feedback = read_text(source.text[marker + 4 : end], source.line(marker))
        end = marker
    content = source.text[start:end].strip()
    if not content:
        raise Problem(
            source.line(start - 1),
            _(
                "an empty answer block { } makes an essay question, which Waypoint does not "
                "support: remove the question, or make it a short answer such as "
                "{=expected answer}"
            ),
        )
    question_type, choices = _BUILDERS[_classify(content, source.line(start))](source, start, end)
    return question_type, choices, general_feedback


def _classify(content: str, line: int) -> str:
    """Moodle's order of tests, so a file means here what it means in Moodle; only
    true/false comes first, to explain `{T ~F}` better than "T is not an answer"."""
    if content.startswith("#"):
        return NUMERIC
    true_false = _TRUE_FALSE.match(content)
    if true_false:
        rest = true_false.group(2).strip()
        if rest and not rest.startswith("#"):
            raise Problem(
                line,
                _(
                    "a true/false answer is only T or F (or TRUE / FALSE), optionally followed "
                    "by #feedback: remove the other answers, or mark the answers with = and ~"
                ),
            )
        return TRUE_FALSE
    if "~" in content:  # so "File -> Save" can be a choice
        return CHOICE
    texts = (part.partition("#")[0] for part in _OPERATOR.split(content))
    return MATCHING if any("->" in text for text in texts) else SHORT_TEXT


def _answers(source: Source, start: int, end: int) -> list[_Answer]:
    segment = source.text[start:end]
    lead = segment.strip()
    if lead[:1] not in ("=", "~"):
        unmarked = show_escapes(re.split(r"[=~#]", lead, maxsplit=1)[0].strip())
        raise Problem(
            source.line(start + segment.index(lead[0])),
            _(
                "'%(text)s' is not marked as an answer: start each answer with '=' (right) or "
                "'~' (wrong); if '=' or '~' are part of the text, write them as '\\=' or '\\~'"
            )
            % {"text": unmarked},
        )
    marks = [start + found.start() for found in _OPERATOR.finditer(segment)] + [end]
    if len(marks) - 1 > MAX_ANSWERS:
        raise Problem(
            source.line(marks[MAX_ANSWERS]),
            _(
                "this question has more than %(max)s answers: Waypoint takes %(max)s at most; "
                "split it, or if '=' or '~' are part of an answer's text, write them as '\\=' "
                "or '\\~'"
            )
            % {"max": MAX_ANSWERS},
        )
    return [_answer(source, begin, stop) for begin, stop in itertools.pairwise(marks)]


def _answer(source: Source, start: int, stop: int) -> _Answer:
    """`start` is at the answer's sign: `=`, `~`, or the `#` of a one-value numeric."""
    line = source.line(start)
    weight, body = _weight(source.text[start + 1 : stop], line)
    text, feedback = body.partition("#")[::2]
    return _Answer(
        source.text[start], weight, read_text(text, line), read_text(feedback, line), line
    )


def _weight(body: str, line: int) -> tuple[Decimal | None, str]:
    if not body.lstrip().startswith("%"):
        return None, body
    found = _WEIGHT.match(body)
    if not found:
        raise Problem(
            line,
            _("the weight is not closed: write it between two %% signs, e.g. ~%%50%%") % {},
        )
    raw = show_escapes(found.group(1)).strip()
    if not _NUMBER.fullmatch(raw):
        raise Problem(
            line,
            _(
                "the weight '%%%(weight)s%%' is not a number: write a percentage between -100 "
                "and 100, e.g. %%50%% or %%-25%%"
            )
            % {"weight": raw},
        )
    weight = Decimal(raw)
    if not -100 <= weight <= 100:
        raise Problem(
            line,
            _("the weight %(weight)s%% is outside the range -100%% to 100%%") % {"weight": raw},
        )
    return weight, body[found.end() :]


def _require_texts(answers: list[_Answer]) -> None:
    for answer in answers:
        if not answer.text:
            raise Problem(
                answer.line,
                _("an answer is empty: write its text after the '%(sign)s', or delete it")
                % {"sign": answer.operator},
            )


def _choice(source: Source, start: int, end: int) -> tuple[str, list[ChoiceData]]:
    answers = _answers(source, start, end)
    _require_texts(answers)
    line = source.line(start)
    if len(answers) < 2:
        raise Problem(line, _("a choice question needs at least 2 answers"))
    right = [answer for answer in answers if answer.operator == "="]
    if len(right) > 1:
        _too_many_right(answers, right)
    if right:
        return SINGLE, [_option(answer, answer.operator == "=") for answer in answers]
    _check_multiple_weights(answers, line)
    return MULTIPLE, [
        _option(answer, bool(answer.weight and answer.weight > 0)) for answer in answers
    ]


def _too_many_right(answers: list[_Answer], right: list[_Answer]) -> None:
    if all("->" in answer.text for answer in right):
        wrong = next(answer for answer in answers if answer.operator == "~")
        raise Problem(
            wrong.line,
            _(
                "a matching question cannot mix pairs with '~' answers: write every answer as "
                "'=item -> match', or remove the '->' to make a choice question"
            ),
        )
    raise Problem(
        right[1].line,
        _(
            "%(count)s answers are marked right with '=', but only one can be: if several "
            "answers are right, give them weights instead: ~%%50%%first ~%%50%%second "
            "~%%-100%%wrong"
        )
        % {"count": len(right)},
    )


def _option(answer: _Answer, is_correct: bool) -> ChoiceData:
    return ChoiceData(
        text=answer.text, is_correct=is_correct, feedback=answer.feedback, weight=answer.weight
    )


def _check_multiple_weights(answers: list[_Answer], line: int) -> None:
    positive = [answer.weight for answer in answers if answer.weight and answer.weight > 0]
    if not positive:
        raise Problem(
            line,
            _(
                "none of the answers is marked right: put '=' before the right answer or, if "
                "several answers are right, give each a positive weight such as ~%%50%%"
            )
            % {},
        )
    total = sum(positive, Decimal(0))
    if abs(total - 100) > Decimal("0.01"):
        raise Problem(
            line,
            _(
                "the positive weights add up to %(total)s%%, but must add up to 100%%: adjust "
                "them (for example two right answers at %%50%% each)"
            )
            % {"total": format(total.normalize(), "f")},
        )


def _short_text(source: Source, start: int, end: int) -> tuple[str, list[ChoiceData]]:
    answers = _answers(source, start, end)
    _require_texts(answers)
    if not any(answer.earns for answer in answers):
        raise Problem(
            source.line(start),
            _(
                "no answer is accepted: give at least one answer no weight (=answer) or a "
                "positive one (=%%50%%answer)"
            )
            % {},
        )
    return SHORT_TEXT, [_option(answer, answer.earns) for answer in answers]


def _true_false(source: Source, start: int, end: int) -> tuple[str, list[ChoiceData]]:
    """Moodle's `{T#a#b}`: `a` is shown to a learner who answers wrongly, `b` to one who
    answers rightly; Waypoint keeps feedback on the option the learner picked."""
    line = source.line(start)
    letter, feedback = source.text[start:end].strip().partition("#")[::2]
    wrong, right = (read_text(part, line) for part in feedback.partition("#")[::2])
    is_true = letter.strip().upper() in ("T", "TRUE")
    return TRUE_FALSE, [
        ChoiceData(text="True", is_correct=is_true, feedback=right if is_true else wrong),
        ChoiceData(text="False", is_correct=not is_true, feedback=wrong if is_true else right),
    ]


def _matching(source: Source, start: int, end: int) -> tuple[str, list[ChoiceData]]:
    answers = _answers(source, start, end)
    _require_texts(answers)
    pairs = [_pair(answer) for answer in answers]
    if len(pairs) < 2:
        raise Problem(
            source.line(start),
            _(
                "a matching question needs at least 2 pairs (Moodle needs 3): add pairs written "
                "'=item -> match'"
            ),
        )
    return MATCHING, pairs


def _pair(answer: _Answer) -> ChoiceData:
    if "->" not in answer.text:
        raise Problem(
            answer.line,
            _(
                "'%(text)s' is not a pair: in a matching question every answer is written "
                "'=item -> match'"
            )
            % {"text": answer.text},
        )
    if answer.weight is not None or answer.feedback:
        raise Problem(
            answer.line,
            _(
                "matching pairs cannot have weights or feedback: remove the %%…%% or #…; put "
                "an explanation in the general feedback (####) instead"
            )
            % {},
        )
    left, right = (part.strip() for part in answer.text.partition("->")[::2])
    if not left or not right:
        raise Problem(
            answer.line,
            _(
                "the pair '%(text)s' needs an item before '->' and its match after it "
                "(Waypoint has no extra unmatched answers)"
            )
            % {"text": answer.text},
        )
    return ChoiceData(text=left, match_text=right, is_correct=True)


def _numeric(source: Source, start: int, end: int) -> tuple[str, list[ChoiceData]]:
    sign = source.text.index("#", start)
    inner = source.text[sign + 1 : end]
    line = source.line(sign)
    if not inner.strip():
        raise Problem(
            line,
            _(
                "the numeric answer is missing: write the number after '#', e.g. {#42}, "
                "{#3.14:0.01} or {#1..5}"
            ),
        )
    if "~" in inner:
        raise Problem(line, _("numeric answers take only '=' (no '~'): remove the '~' part"))
    many = "=" in inner
    answers = _answers(source, sign + 1, end) if many else [_answer(source, sign, end)]
    choices = [_numeric_choice(answer) for answer in answers]
    if not any(answer.earns for answer in answers):
        raise Problem(
            line, _("no numeric answer earns points: give at least one a positive weight")
        )
    return NUMERIC, choices


def _numeric_choice(answer: _Answer) -> ChoiceData:
    if answer.weight is not None and answer.weight < 0:
        raise Problem(
            answer.line, _("a numeric answer's weight must be between 0%% and 100%%") % {}
        )
    value, tolerance = _numeric_value(answer.text, answer.line)
    return ChoiceData(
        is_correct=answer.weight is None or answer.weight == 100,
        feedback=answer.feedback,
        weight=answer.weight,
        numeric_value=value,
        numeric_tolerance=tolerance,
    )


def _numeric_value(raw: str, line: int) -> tuple[Decimal, Decimal]:
    """`3.14:0.01` is a value and a margin; `1..5` a range, kept as its middle ± half."""
    if ".." in raw:
        low, high = (_number(part, line) for part in raw.split("..", 1))
        if low > high:
            raise Problem(
                line,
                _("the range %(range)s starts above where it ends: write the smaller number first")
                % {"range": raw},
            )
        value, tolerance = (low + high) / 2, (high - low) / 2
    else:
        number, margin = raw.partition(":")[::2]
        value, tolerance = _number(number, line), _number(margin, line) if margin else Decimal(0)
    if tolerance < 0:
        raise Problem(
            line,
            _("the margin in %(answer)s is negative: write it as a positive number")
            % {"answer": raw},
        )
    for number in (value, tolerance):
        if -number.as_tuple().exponent > MAX_DECIMALS:
            raise Problem(
                line,
                _("%(number)s has too many decimals: Waypoint keeps %(max)s")
                % {"number": raw, "max": MAX_DECIMALS},
            )
    return value, tolerance


def _number(raw: str, line: int) -> Decimal:
    text = raw.strip()
    if _NUMBER.fullmatch(text):
        return Decimal(text)
    if "," in text:
        message = _(
            "'%(text)s' is not a number (use a point for decimals: 3.5, not 3,5): write numeric "
            "answers as {#42}, {#3.14:0.01} (answer:margin) or {#1..5} (range)"
        )
    else:
        message = _(
            "'%(text)s' is not a number: write numeric answers as {#42}, {#3.14:0.01} "
            "(answer:margin) or {#1..5} (range)"
        )
    raise Problem(line, message % {"text": text})


_BUILDERS = {
    CHOICE: _choice,
    SHORT_TEXT: _short_text,
    TRUE_FALSE: _true_false,
    MATCHING: _matching,
    NUMERIC: _numeric,
}
