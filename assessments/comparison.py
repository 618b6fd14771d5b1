"""How a reviewer reads a change to a quiz's questions (issue 14, item 4).

Wagtail's own StreamField comparison shows the answer rows' inner structure (nested
blocks, "True"/"False" flags, empty weights) and hides which option is the right one. Here
each question is written out the way a trainer would say it: its type and text, then its
answer key, one line each ("Right answer: Passport", "Wrong answer: Boarding pass"), and
the revisions are compared line by line. Questions match by their block id (stable across
edits), so a moved question is not a deleted one plus a new one; added and removed
questions are shown whole.
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.compare import FieldComparison, diff_text
from wagtail.admin.panels import FieldPanel

from assessments import questions as q


def _number(value) -> str:
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


def _answer_lines(question: q.QuestionData) -> list[str]:
    lines = []
    for choice in question.choices:
        weight = choice.weight
        if question.type == q.NUMERIC:
            lines.append(
                _("Right answer: %(value)s ± %(tolerance)s")
                % {
                    "value": _number(choice.numeric_value),
                    "tolerance": _number(choice.numeric_tolerance),
                }
            )
        elif question.type == q.MATCHING:
            lines.append(
                _("Pair: %(item)s → %(match)s") % {"item": choice.text, "match": choice.match_text}
            )
        elif weight is not None and Decimal(weight) not in (Decimal(0), Decimal(100)):
            lines.append(
                _("Partly right (%(weight)s%%): %(answer)s")
                % {"weight": _number(weight), "answer": choice.text}
            )
        elif choice.is_correct and (weight is None or Decimal(weight) == 100):
            lines.append(_("Right answer: %(answer)s") % {"answer": choice.text})
        else:
            lines.append(_("Wrong answer: %(answer)s") % {"answer": choice.text})
    return lines


def question_lines(block, value) -> list[str]:
    """One question as the lines a reviewer reads: type and text, points, answer key,
    explanation."""
    question = block.to_question(value)
    lines = [
        f"{block.label}: {question.text}",
        _("Points: %(points)s") % {"points": _number(question.points)},
        *_answer_lines(question),
    ]
    if question.general_feedback:
        lines.append(_("Explanation: %(text)s") % {"text": question.general_feedback})
    return lines


def _lines_html(lines_a: list[str], lines_b: list[str]) -> str:
    text_a, text_b = "\n".join(lines_a), "\n".join(lines_b)
    return diff_text(text_a, text_b).to_html()


class QuestionsComparison(FieldComparison):
    """The questions of two revisions, each written out with its answer key."""

    def _questions(self, value) -> dict[str, list[str]]:
        return {child.id: question_lines(child.block, child.value) for child in value or []}

    def htmldiff(self):
        before, after = self._questions(self.val_a), self._questions(self.val_b)
        order = list(after) + [key for key in before if key not in after]
        items = []
        for number, key in enumerate(order, start=1):
            if key not in before:
                status, html = _("Added"), _lines_html([], after[key])
            elif key not in after:
                status, html = _("Removed"), _lines_html(before[key], [])
            elif before[key] != after[key]:
                status, html = _("Changed"), _lines_html(before[key], after[key])
            else:
                status, html = "", _lines_html(before[key], after[key])
            items.append((number, status, html))
        if not items:
            return _("No questions")
        return format_html(
            '<ol class="waypoint-question-diff">{}</ol>',
            format_html_join(
                "",
                '<li value="{}"><strong>{}</strong><div class="waypoint-question-diff__text">'
                "{}</div></li>",
                items,
            ),
        )

    def has_changed(self):
        before, after = self._questions(self.val_a), self._questions(self.val_b)
        return before != after or list(before) != list(after)


class QuestionsPanel(FieldPanel):
    """The questions' editor, compared in revisions with ``QuestionsComparison``."""

    def get_comparison_class(self):
        return QuestionsComparison
