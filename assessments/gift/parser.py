"""Reading Moodle's GIFT format, so trainers can bring question banks written for Moodle,
or typed in any text editor, into Waypoint.

A file with any error is imported as nothing, so rather than stop at the first problem
the parser reports every one it can find, each at the line a trainer should look at, and
carries on with the next question. Messages are written for trainers, not developers,
and translated when the error is found, into the language of the trainer who imports.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments.gift.answers import read_block
from assessments.gift.source import Problem, Source, read_text
from assessments.gift.syntax import BLANK, HIDDEN_CLOSE, hide_escapes, show_escapes
from assessments.questions import MATCHING, MULTIPLE, QuestionData

# Moodle writes categories as "$course$/top/Name"; the context is Moodle's, not ours.
_MOODLE_CONTEXT = re.compile(r"\$\w+\$/?(?:top(?:/|$))?")
MAX_QUESTIONS = 5_000  # per file: bounds the work one upload asks of the reader


@dataclass(frozen=True)
class GiftError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class GiftResult:
    questions: list[QuestionData] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)


def parse_gift(text: str) -> GiftResult:
    """Linear in the text: each question is read once, and line numbers are looked up in
    line starts found once per question. A file of more than ``MAX_QUESTIONS`` questions
    is read up to there and refused."""
    result = GiftResult()
    category = ""
    read = 0
    for source in _paragraphs(_normalise(text)):
        try:
            if source.text.startswith("$CATEGORY:"):
                category = _category(source)
                continue
            read += 1
            if read > MAX_QUESTIONS:
                result.errors.append(_too_many_questions(source.numbers[0]))
                break
            result.questions.append(_question(source, category))
        except Problem as problem:
            result.errors.append(GiftError(problem.line, problem.message))
    if not result.questions and not result.errors:
        result.errors.append(_no_questions())
    return result


def _no_questions() -> GiftError:
    return GiftError(
        1,
        _(
            "the file holds no questions (only blank lines, comments or categories): "
            "check that it is the GIFT file you meant to import"
        ),
    )


def _too_many_questions(line: int) -> GiftError:
    return GiftError(
        line,
        _(
            "the file has more than %(max)s questions: Waypoint imports %(max)s at most at a "
            "time; split the file and import the parts one by one"
        )
        % {"max": number_format(MAX_QUESTIONS, force_grouping=True)},
    )


def _unexpected_close(line: int) -> Problem:
    return Problem(
        line,
        _(
            "unexpected '}' with no '{' before it: if the brace is part of the text, write it "
            "as '\\}'"
        ),
    )


def _normalise(text: str) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hide_escapes(text)


def _paragraphs(text: str) -> Iterator[Source]:
    """Blank lines end a question; a `$CATEGORY:` line stands alone even without them."""
    lines: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped and not stripped.startswith("$CATEGORY:"):
            lines.append(line)
            numbers.append(number)
            continue
        if lines:
            yield Source("\n".join(lines), numbers)
            lines, numbers = [], []
        if stripped:
            yield Source(stripped, [number])
    if lines:
        yield Source("\n".join(lines), numbers)


def _category(source: Source) -> str:
    name = show_escapes(source.text.removeprefix("$CATEGORY:")).strip()
    if not name:
        raise Problem(
            source.numbers[0],
            _(
                "the $CATEGORY: line has no category name: write one after the colon "
                "(for example '$CATEGORY: Document checks') or delete the line"
            ),
        )
    return _MOODLE_CONTEXT.sub("", name, count=1).strip()


def _question(source: Source, category: str) -> QuestionData:
    title, start = _title(source)
    opens = _block_start(source, start)
    closes = _block_end(source, opens)
    _check_after_block(source, closes + 1)
    text = _question_text(source, start, opens, closes, title)
    question_type, choices, general_feedback = read_block(source, opens + 1, closes)
    return QuestionData(
        type=question_type,
        text=text,
        title=title,
        category=category,
        choices=choices,
        general_feedback=general_feedback,
        partial_credit=question_type in (MULTIPLE, MATCHING),
        line=source.numbers[0],
    )


def _title(source: Source) -> tuple[str, int]:
    text = source.text
    start = len(text) - len(text.lstrip())
    if not text.startswith("::", start):
        return "", start
    end = text.find("::", start + 2)
    if end == -1:
        raise Problem(
            source.numbers[0],
            _("the title is not closed: put '::' after it, for example '::Visa types:: Which…'"),
        )
    return show_escapes(text[start + 2 : end]).strip(), end + 2


def _block_start(source: Source, start: int) -> int:
    opens = source.text.find("{", start)
    closes = source.text.find("}", start)
    if closes != -1 and (opens == -1 or closes < opens):
        raise _unexpected_close(source.line(closes))
    if opens == -1:
        raise Problem(
            source.numbers[0],
            _(
                "this question has no answers: put them in { } after the question text. "
                "Waypoint has no description-only items; if this is a note, start each line "
                "with //"
            ),
        )
    return opens


def _block_end(source: Source, opens: int) -> int:
    closes = source.text.find("}", opens + 1)
    nested = source.text.find("{", opens + 1)
    if nested != -1 and (closes == -1 or nested < closes):
        raise Problem(
            source.line(nested),
            _(
                "'{' opens a second answer block before the first one is closed: add the "
                "missing '}', or, if the brace is part of an answer, write it as '\\{'"
            ),
        )
    if closes == -1:
        raise Problem(
            source.line(opens), _unclosed_block(escaped=HIDDEN_CLOSE in source.text[opens:])
        )
    return closes


def _unclosed_block(escaped: bool) -> str:
    if escaped:
        return _(
            "missing closing '}' for the answer block opened here; the '\\}' in the answers "
            "is escaped, so it does not close the block: remove the backslash"
        )
    return _(
        "missing closing '}' for the answer block opened here; add '}' after the last answer "
        "(a blank line ends a question, so the answers may not contain blank lines)"
    )


def _check_after_block(source: Source, start: int) -> None:
    opens = source.text.find("{", start)
    if opens != -1:
        raise Problem(
            source.line(opens),
            _(
                "a second answer block starts here: a question has one block of answers; "
                "if this is the next question, put a blank line before it"
            ),
        )
    stray = source.text.find("}", start)
    if stray != -1:
        raise _unexpected_close(source.line(stray))


def _question_text(source: Source, start: int, opens: int, closes: int, title: str) -> str:
    """Text after the answers makes a missing-word question: the answers' place becomes a
    blank in the sentence, as in Moodle."""
    before, after = source.text[start:opens], source.text[closes + 1 :]
    text = read_text(before + BLANK + after if after.strip() else before, source.numbers[0])
    if text:
        return text
    if title:
        raise Problem(
            source.numbers[0],
            _(
                "the question '%(title)s' has a title but no question text: write the question "
                "between '::%(title)s::' and '{'"
            )
            % {"title": title},
        )
    raise Problem(source.numbers[0], _("the question has no text: write it before the '{'"))
