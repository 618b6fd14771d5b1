"""The answer rows of a question in the editor: options, accepted answers and values, pairs.

A row is one line to fill in, its rarely used parts (credit, feedback) behind the row's
settings button. A new question arrives with empty rows (``AnswerRowsBlock(rows=…)``) and
rows left empty are dropped on save, so a trainer types into the rows needed and ignores
the rest: no "minimum number of items" warning before anything is typed. The question
block counts what is left and says what is missing (``assessments.blocks``).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

# xgettext:no-python-format
_WEIGHT_HELP = _("For partial credit, in % of the question's points; leave empty for the default.")


class _RowBlock(blocks.StructBlock):
    """One row; ``row_fields`` are the ones it needs, checked once the row is used."""

    row_fields: tuple[str, ...] = ("text",)

    def is_blank(self, value) -> bool:
        """Nothing typed: every part empty or still at its default."""
        defaults = self.get_default()
        for name, block in self.child_blocks.items():
            typed = value.get(name)
            if _empty(typed):
                continue
            try:
                if block.clean(typed) != defaults[name]:
                    return False
            except ValidationError:
                return False
        return True

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        missing = {
            name: ValidationError(_("Fill this in, or empty the whole row."))
            for name in self.row_fields
            if _empty(value.get(name))
        }
        if missing:
            raise StructBlockValidationError(block_errors=missing)
        return value


def _empty(value) -> bool:
    return value is None or value == "" or value is False


class OptionBlock(_RowBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=500, required=False)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    weight = blocks.DecimalBlock(
        label=_("Credit (%)"),
        required=False,
        min_value=-100,
        max_value=100,
        help_text=_WEIGHT_HELP,
    )
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)

    class Meta:
        form_classname = "struct-block waypoint-answer-row"
        form_layout = BlockGroup(children=["text", "is_correct"], settings=["weight", "feedback"])
        label_format = _("Option {text}")  # also names the row in the minimap


class AcceptedAnswerBlock(_RowBlock):
    """An accepted answer of a short-text question: right by definition, unless given no
    credit (0% or less), which makes it a recognised wrong answer with feedback."""

    text = blocks.CharBlock(label=_("Answer"), max_length=500, required=False)
    weight = blocks.DecimalBlock(
        label=_("Credit (%)"),
        required=False,
        min_value=-100,
        max_value=100,
        help_text=_("Leave empty for full credit; 0 marks a wrong answer that gets feedback."),
    )
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)

    class Meta:
        form_classname = "struct-block waypoint-answer-row"
        form_layout = BlockGroup(children=["text"], settings=["weight", "feedback"])
        label_format = _("Answer {text}")


def accepted_answer_earns(answer) -> bool:
    """GIFT's rule for short answers (``gift.answers._Answer.earns``): no weight, or a
    positive one."""
    weight = answer.get("weight")
    return weight is None or weight == "" or Decimal(weight) > 0


class NumericAnswerBlock(_RowBlock):
    value = blocks.DecimalBlock(label=_("Value"), decimal_places=6, required=False)
    tolerance = blocks.DecimalBlock(
        label=_("± tolerance"), default=0, min_value=0, decimal_places=6
    )
    weight = blocks.DecimalBlock(label=_("Credit (%)"), default=100, min_value=0, max_value=100)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)

    row_fields = ("value",)

    class Meta:
        form_classname = "struct-block waypoint-answer-row"
        form_layout = BlockGroup(children=["value", "tolerance"], settings=["weight", "feedback"])
        label_format = _("Value {value}")


class PairBlock(_RowBlock):
    text = blocks.CharBlock(label=_("Item"), max_length=300, required=False)
    match_text = blocks.CharBlock(label=_("Matches"), max_length=300, required=False)

    row_fields = ("text", "match_text")

    class Meta:
        form_classname = "struct-block waypoint-answer-row"
        label_format = _("Pair {text}")


class AnswerRowsBlock(blocks.ListBlock):
    """A list of rows that starts with ``rows`` empty ones and drops the rows left empty
    when the quiz is saved; no minimum count here (the question checks it, on save)."""

    def __init__(self, child_block, rows=1, **kwargs):
        kwargs.setdefault("form_classname", "waypoint-answer-rows")
        super().__init__(child_block, **kwargs)
        # A callable, so that every new question gets rows of its own.
        self.meta.default = lambda: [self.child_block.get_default() for _ in range(rows)]

    __init__.has_child_block_arg = True

    def clean(self, value):
        value = self.normalize(value)
        kept = [child for child in value.bound_blocks if not self.child_block.is_blank(child.value)]
        return super().clean(ListValue(self, bound_blocks=kept))
