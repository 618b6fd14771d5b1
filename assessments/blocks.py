"""Question blocks: a quiz's questions are a StreamField, so that one screen edits a quiz
with its questions and their choices, and Wagtail keeps every version as a revision.

Each block converts to the plain ``QuestionData`` of ``assessments.questions`` that grading,
GIFT and attempts use; the block's id is the question's stable key.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from assessments import questions as q


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=500)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    weight = blocks.DecimalBlock(
        label=_("Credit (%)"),
        required=False,
        min_value=-100,
        max_value=100,
        help_text=_("For partial credit; leave empty for the default."),
    )
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)


class PairBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Item"), max_length=300)
    match_text = blocks.CharBlock(label=_("Matches"), max_length=300)


class NumericAnswerBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Value"), decimal_places=6)
    tolerance = blocks.DecimalBlock(
        label=_("± tolerance"), default=0, min_value=0, decimal_places=6
    )
    weight = blocks.DecimalBlock(label=_("Credit (%)"), default=100, min_value=0, max_value=100)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)


class _QuestionBlock(blocks.StructBlock):
    """Fields every question has; subclasses add their answers after these."""

    question_type = ""
    text = blocks.TextBlock(label=_("Question"), rows=3)
    points = blocks.DecimalBlock(label=_("Points"), default=1, min_value=0, decimal_places=2)
    category = blocks.CharBlock(label=_("Category"), required=False, max_length=100)
    general_feedback = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        rows=2,
        help_text=_("Shown in the review, whatever the learner answered."),
    )

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

    # Option questions say how many options may be marked correct, and what to tell the
    # trainer otherwise; one check in clean() serves them all.
    correct_options: tuple[int, int | None] | None = None
    correct_options_message = ""

    def clean(self, value):
        value = super().clean(value)
        if self.correct_options is not None:
            low, high = self.correct_options
            marked = sum(1 for option in value["options"] if option["is_correct"])
            if marked < low or (high is not None and marked > high):
                raise StructBlockValidationError(
                    block_errors={"options": ValidationError(self.correct_options_message)}
                )
        return value


class SingleChoiceBlock(_QuestionBlock):
    question_type = q.SINGLE
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)

    correct_options = (1, 1)
    correct_options_message = _("Mark exactly one option as correct.")

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(_QuestionBlock):
    question_type = q.MULTIPLE
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"),
        required=False,
        help_text=_("Give credit for each right option; otherwise all or nothing."),
    )

    correct_options = (1, None)
    correct_options_message = _("Mark at least one option as correct.")

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


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

    class Meta:
        icon = "success"
        label = _("True or false")


class ShortTextBlock(_QuestionBlock):
    question_type = q.SHORT_TEXT
    options = blocks.ListBlock(OptionBlock(), label=_("Accepted answers"), min_num=1)
    normalise_text = blocks.BooleanBlock(
        label=_("Ignore case and accents"),
        required=False,
        default=True,
    )

    correct_options = (1, None)
    correct_options_message = _("Mark at least one accepted answer as correct.")

    class Meta:
        icon = "edit"
        label = _("Short text")


class NumericBlock(_QuestionBlock):
    question_type = q.NUMERIC
    answers = blocks.ListBlock(NumericAnswerBlock(), label=_("Accepted values"), min_num=1)

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


class MatchingBlock(_QuestionBlock):
    question_type = q.MATCHING
    pairs = blocks.ListBlock(PairBlock(), label=_("Pairs"), min_num=2)
    partial_credit = blocks.BooleanBlock(label=_("Partial credit"), required=False, default=True)

    def choices_of(self, value):
        return [
            q.ChoiceData(text=pair["text"], match_text=pair["match_text"], is_correct=True)
            for pair in value["pairs"]
        ]

    class Meta:
        icon = "list-ul"
        label = _("Matching pairs")


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_text = ShortTextBlock()
    numeric = NumericBlock()
    matching = MatchingBlock()


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
        extra = {"options": options, "normalise_text": question.normalise_text}
    elif question.type == q.MULTIPLE:
        extra = {"options": options, "partial_credit": question.partial_credit}
    else:
        extra = {"options": options}
    return BLOCK_NAME_FOR_TYPE[question.type], q.json_ready({**common, **extra})
