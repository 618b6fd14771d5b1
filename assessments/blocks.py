"""Question blocks: a quiz's questions are a StreamField, so that one screen edits a quiz
with its questions and their choices, and Wagtail keeps every version as a revision.

Each block converts to the plain ``QuestionData`` of ``assessments.questions`` that grading,
GIFT and attempts use; the block's id is the question's stable key.

The editor is built to be quick to fill in (issue 16): answers are rows (``answer_rows``)
whose rarely used parts sit behind each row's settings button, a new question arrives with
empty rows to type into, and nothing is checked before the trainer saves.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

from assessments import questions as q
from assessments.answer_rows import (
    AcceptedAnswerBlock,
    AnswerRowsBlock,
    NumericAnswerBlock,
    OptionBlock,
    PairBlock,
    accepted_answer_earns,
)

_COMMON_SETTINGS = ["points", "category", "general_feedback"]


class _QuestionBlock(blocks.StructBlock):
    """Fields every question has; subclasses add their answers after these."""

    question_type = ""
    text = blocks.TextBlock(label=_("Question text"), rows=2)
    points = blocks.DecimalBlock(label=_("Points"), default=1, min_value=0, decimal_places=2)
    category = blocks.CharBlock(label=_("Category"), required=False, max_length=100)
    general_feedback = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        rows=2,
        help_text=_("Shown in the review, whatever the learner answered."),
    )

    class Meta:
        form_classname = "struct-block waypoint-question"

    def to_question(self, value, block_id=None) -> q.QuestionData:
        return q.QuestionData(
            type=self.question_type,
            text=value["text"],
            points=Decimal(value["points"] or 0),
            category=value.get("category") or "",
            general_feedback=value.get("general_feedback") or "",
            choices=self.choices_of(value),
            partial_credit=bool(value.get("partial_credit", False)),
            normalise_text=bool(value.get("normalise_text", True)),
        )

    def choices_of(self, value) -> list[q.ChoiceData]:
        return [
            q.ChoiceData(
                text=option["text"],
                is_correct=bool(option["is_correct"]),
                weight=option.get("weight"),
                feedback=option.get("feedback") or "",
            )
            for option in value["options"]
        ]

    # What the answers need, checked on save (not while the trainer types): how many rows at
    # least, and for option questions how many may be marked correct.
    answers_field: str | None = "options"
    fewest_answers = 2
    fewest_answers_message = _("Give at least two options.")
    correct_options: tuple[int, int | None] | None = None
    correct_options_message = ""

    def clean(self, value):
        """Every problem of the question at once: a missing question text does not hide
        that no option is ticked."""
        errors = {}
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            errors, cleaned = dict(error.block_errors), None
        field = self.answers_field
        if field is not None and field not in errors and not self.is_deferred_validation:
            answers = cleaned[field] if cleaned else self.child_blocks[field].clean(value[field])
            problem = self.answers_problem(answers)
            if problem:
                errors[field] = ValidationError(problem)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return cleaned

    def answers_problem(self, answers) -> str:
        if len(answers) < self.fewest_answers:
            return self.fewest_answers_message
        if self.correct_options is not None:
            low, high = self.correct_options
            marked = sum(1 for option in answers if option["is_correct"])
            if marked < low or (high is not None and marked > high):
                return self.correct_options_message
        return ""


def _layout(*answers: str, settings=()) -> BlockGroup:
    """The question and its answers in view; points, category, explanation and the rest
    behind the question's settings button (they have good defaults)."""
    return BlockGroup(children=["text", *answers], settings=[*_COMMON_SETTINGS, *settings])


class SingleChoiceBlock(_QuestionBlock):
    question_type = q.SINGLE
    options = AnswerRowsBlock(OptionBlock(), label=_("Options"), rows=4)

    correct_options = (1, 1)
    correct_options_message = _("Tick exactly one option as correct.")

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        label_format = "{text}"
        form_layout = _layout("options")


class MultipleChoiceBlock(_QuestionBlock):
    question_type = q.MULTIPLE
    options = AnswerRowsBlock(OptionBlock(), label=_("Options"), rows=4)
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"),
        required=False,
        help_text=_("Give credit for each right option; otherwise all or nothing."),
    )

    correct_options = (1, None)
    correct_options_message = _("Tick at least one option as correct.")

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")
        label_format = "{text}"
        form_layout = _layout("options", settings=["partial_credit"])


class TrueFalseBlock(_QuestionBlock):
    question_type = q.TRUE_FALSE
    answer = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_true = blocks.CharBlock(label=_("Feedback for “True”"), required=False)
    feedback_false = blocks.CharBlock(label=_("Feedback for “False”"), required=False)

    def choices_of(self, value):
        return [
            q.ChoiceData(
                text="True", is_correct=bool(value["answer"]), feedback=value["feedback_true"] or ""
            ),
            q.ChoiceData(
                text="False", is_correct=not value["answer"], feedback=value["feedback_false"] or ""
            ),
        ]

    answers_field = None  # ticked or not, the statement has its answer

    class Meta:
        icon = "success"
        label = _("True or false")
        label_format = "{text}"
        form_layout = _layout("answer", settings=["feedback_true", "feedback_false"])


class ShortTextBlock(_QuestionBlock):
    """Every accepted answer is right; a recognised wrong answer (for its feedback) is one
    given 0% credit, as GIFT writes it (``=%0%wrong#feedback``)."""

    question_type = q.SHORT_TEXT
    options = AnswerRowsBlock(AcceptedAnswerBlock(), label=_("Accepted answers"), rows=1)
    normalise_text = blocks.BooleanBlock(
        label=_("Ignore case and accents"),
        required=False,
        default=True,
    )

    fewest_answers = 1
    fewest_answers_message = _("Give at least one accepted answer.")

    def choices_of(self, value):
        return [
            q.ChoiceData(
                text=answer["text"],
                is_correct=accepted_answer_earns(answer),
                weight=answer.get("weight"),
                feedback=answer.get("feedback") or "",
            )
            for answer in value["options"]
        ]

    def answers_problem(self, answers) -> str:
        problem = super().answers_problem(answers)
        if not problem and not any(accepted_answer_earns(answer) for answer in answers):
            return _("At least one accepted answer must earn credit: leave its credit empty.")
        return problem

    class Meta:
        icon = "edit"
        label = _("Short text")
        label_format = "{text}"
        form_layout = _layout("options", settings=["normalise_text"])


class NumericBlock(_QuestionBlock):
    question_type = q.NUMERIC
    answers = AnswerRowsBlock(NumericAnswerBlock(), label=_("Accepted values"), rows=1)

    answers_field = "answers"
    fewest_answers = 1
    fewest_answers_message = _("Give at least one accepted value.")

    def choices_of(self, value):
        return [
            q.ChoiceData(
                text=str(answer["value"]),
                is_correct=Decimal(answer["weight"] or 0) == 100,
                weight=Decimal(answer["weight"] or 0),
                numeric_value=Decimal(answer["value"]),
                numeric_tolerance=Decimal(answer["tolerance"] or 0),
                feedback=answer["feedback"] or "",
            )
            for answer in value["answers"]
        ]

    class Meta:
        icon = "decimal"
        label = _("Numeric")
        label_format = "{text}"
        form_layout = _layout("answers")


class MatchingBlock(_QuestionBlock):
    question_type = q.MATCHING
    pairs = AnswerRowsBlock(PairBlock(), label=_("Pairs"), rows=3)
    partial_credit = blocks.BooleanBlock(label=_("Partial credit"), required=False, default=True)

    answers_field = "pairs"
    fewest_answers_message = _("Give at least two pairs.")

    def choices_of(self, value):
        return [
            q.ChoiceData(text=pair["text"], match_text=pair["match_text"], is_correct=True)
            for pair in value["pairs"]
        ]

    class Meta:
        icon = "list-ul"
        label = _("Matching pairs")
        label_format = "{text}"
        form_layout = _layout("pairs", settings=["partial_credit"])


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_text = ShortTextBlock()
    numeric = NumericBlock()
    matching = MatchingBlock()

    class Meta:
        form_classname = "waypoint-questions"  # numbers the questions (waypoint-admin.css)

    def clean(self, value):
        """Above the questions, one line per question that needs attention, by its number
        (the editor numbers them), so a trainer with ten questions knows where to look."""
        try:
            return super().clean(value)
        except StreamBlockValidationError as error:
            summary = [
                ValidationError(_question_problems(index + 1, value[index].block, problem))
                for index, problem in sorted(error.block_errors.items())
            ]
            # Wagtail's editor puts each of these above the previous one: reversed here,
            # they read in question order.
            raise StreamBlockValidationError(
                block_errors=error.block_errors,
                non_block_errors=[*error.non_block_errors.as_data(), *reversed(summary)],
            ) from error


def _question_problems(number: int, block, error: ValidationError) -> str:
    """One line per question, such as: Question 2: Question text: This field is required.
    Options: Give at least two options."""
    problems = " ".join(
        f"{', '.join(str(part) for part in where)}: {problem}" if where else problem
        for where, problem in _problems(block, error)
    )
    return _("Question %(number)s: %(problems)s") % {"number": number, "problems": problems}


def _problems(block, error: ValidationError) -> list[tuple[list, str]]:
    """Where each problem of a nested block error is (labels, row numbers; the first one
    of a list), with its message."""
    non_block = getattr(error, "non_block_errors", None)
    if non_block:
        return [([], message) for item in non_block.as_data() for message in item.messages]
    block_errors = getattr(error, "block_errors", None)
    if not block_errors:
        return [([], message) for message in error.messages]
    if isinstance(block, blocks.ListBlock):
        index = min(block_errors)
        _where, problem = _problems(block.child_block, block_errors[index])[0]
        return [([_("row %(number)s") % {"number": index + 1}], problem)]
    found = []
    for name, child in block.child_blocks.items():
        if name in block_errors:
            for where, problem in _problems(child, block_errors[name]):
                found.append(([child.label, *where], problem))
    return found


BLOCK_NAME_FOR_TYPE = {
    q.SINGLE: "single_choice",
    q.MULTIPLE: "multiple_choice",
    q.TRUE_FALSE: "true_false",
    q.SHORT_TEXT: "short_text",
    q.NUMERIC: "numeric",
    q.MATCHING: "matching",
}


def question_to_block(question: q.QuestionData) -> tuple[str, dict]:
    """The StreamField value of an imported question (the reverse of ``to_question``)."""
    common = {
        "text": question.text,
        "points": question.points,
        "category": question.category,
        "general_feedback": question.general_feedback,
    }
    options = [
        {"text": c.text, "is_correct": c.is_correct, "weight": c.weight, "feedback": c.feedback}
        for c in question.choices
    ]
    if question.type == q.TRUE_FALSE:
        truth = next((c.is_correct for c in question.choices if c.text == "True"), True)
        feedback = {c.text: c.feedback for c in question.choices}
        extra = {
            "answer": truth,
            "feedback_true": feedback.get("True", ""),
            "feedback_false": feedback.get("False", ""),
        }
    elif question.type == q.NUMERIC:
        extra = {
            "answers": [
                {
                    "value": c.numeric_value,
                    "tolerance": c.numeric_tolerance,
                    "weight": c.weight if c.weight is not None else (100 if c.is_correct else 0),
                    "feedback": c.feedback,
                }
                for c in question.choices
            ]
        }
    elif question.type == q.MATCHING:
        extra = {
            "pairs": [{"text": c.text, "match_text": c.match_text} for c in question.choices],
            "partial_credit": question.partial_credit,
        }
    elif question.type == q.SHORT_TEXT:
        # Accepted answers are right unless given no credit (answer_rows.AcceptedAnswerBlock).
        accepted = [
            {
                "text": c.text,
                "weight": c.weight if c.weight is not None or c.is_correct else 0,
                "feedback": c.feedback,
            }
            for c in question.choices
        ]
        extra = {"options": accepted, "normalise_text": question.normalise_text}
    elif question.type == q.MULTIPLE:
        extra = {"options": options, "partial_credit": question.partial_credit}
    else:
        extra = {"options": options}
    return BLOCK_NAME_FOR_TYPE[question.type], q.json_ready({**common, **extra})
