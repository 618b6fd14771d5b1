"""The compact question editor (issue 16): answer rows that start empty, and short-text
answers without a "Correct" tick, since every accepted answer is right by definition.

Data: a short-text answer stored with the tick off and no credit was a recognised wrong
answer (it earned nothing and showed its feedback). It is now written as GIFT writes it,
with 0% credit, so it grades, reviews and exports exactly as before; every other answer
loses only its tick, which grading never read once a credit was set. Quizzes and all their
revisions are rewritten; going back restores the tick from the credit (GIFT's rule).
"""

import json
from decimal import Decimal

import wagtail.fields
from django.db import migrations

SHORT_TEXT = "short_text"


def _items(options):
    """The answers' values, in either of the ListBlock's stored shapes."""
    for item in options:
        is_block = isinstance(item, dict) and item.get("type") == "item" and "value" in item
        yield item["value"] if is_block else item


def _without_tick(answer):
    if not answer.pop("is_correct", True) and answer.get("weight") in (None, ""):
        answer["weight"] = "0"


def _with_tick(answer):
    weight = answer.get("weight")
    answer["is_correct"] = weight in (None, "") or Decimal(str(weight)) > 0


def _rewrite(stream, change) -> bool:
    changed = False
    for block in stream:
        if block.get("type") == SHORT_TEXT:
            for answer in _items(block.get("value", {}).get("options") or []):
                change(answer)
                changed = True
    return changed


def _migrate(apps, change):
    Quiz = apps.get_model("assessments", "Quiz")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for quiz in Quiz.objects.all():
        stream = json.loads(json.dumps(list(quiz.questions.raw_data)))
        if _rewrite(stream, change):
            quiz.questions = stream
            quiz.save(update_fields=["questions"])
    content_type = ContentType.objects.filter(app_label="assessments", model="quiz").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type):
        raw = revision.content.get("questions")
        stream = json.loads(raw) if isinstance(raw, str) else raw
        if stream and _rewrite(stream, change):
            revision.content["questions"] = json.dumps(stream)
            revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    _migrate(apps, _without_tick)


def backwards(apps, schema_editor):
    _migrate(apps, _with_tick)


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0005_report_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='quiz',
            name='questions',
            field=wagtail.fields.StreamField([('single_choice', 10), ('multiple_choice', 12), ('true_false', 16), ('short_text', 22), ('numeric', 28), ('matching', 34)], blank=True, block_lookup={0: ('wagtail.blocks.TextBlock', (), {'label': 'Question text', 'rows': 2}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Option', 'max_length': 500, 'required': False}), 2: ('wagtail.blocks.BooleanBlock', (), {'label': 'Correct', 'required': False}), 3: ('wagtail.blocks.DecimalBlock', (), {'help_text': "For partial credit, in % of the question's points; leave empty for the default.", 'label': 'Credit (%)', 'max_value': 100, 'min_value': -100, 'required': False}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Feedback', 'max_length': 500, 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('text', 1), ('is_correct', 2), ('weight', 3), ('feedback', 4)]], {}), 6: ('assessments.answer_rows.AnswerRowsBlock', (5,), {'label': 'Options', 'rows': 4}), 7: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 2, 'default': 1, 'label': 'Points', 'min_value': 0}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Category', 'max_length': 100, 'required': False}), 9: ('wagtail.blocks.TextBlock', (), {'help_text': 'Shown in the review, whatever the learner answered.', 'label': 'Explanation', 'required': False, 'rows': 2}), 10: ('wagtail.blocks.StructBlock', [[('text', 0), ('options', 6), ('points', 7), ('category', 8), ('general_feedback', 9)]], {}), 11: ('wagtail.blocks.BooleanBlock', (), {'help_text': 'Give credit for each right option; otherwise all or nothing.', 'label': 'Partial credit', 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('text', 0), ('options', 6), ('points', 7), ('category', 8), ('general_feedback', 9), ('partial_credit', 11)]], {}), 13: ('wagtail.blocks.BooleanBlock', (), {'label': 'The statement is true', 'required': False}), 14: ('wagtail.blocks.CharBlock', (), {'label': 'Feedback for “True”', 'required': False}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Feedback for “False”', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('text', 0), ('answer', 13), ('points', 7), ('category', 8), ('general_feedback', 9), ('feedback_true', 14), ('feedback_false', 15)]], {}), 17: ('wagtail.blocks.CharBlock', (), {'label': 'Answer', 'max_length': 500, 'required': False}), 18: ('wagtail.blocks.DecimalBlock', (), {'help_text': 'Leave empty for full credit; 0 marks a wrong answer that gets feedback.', 'label': 'Credit (%)', 'max_value': 100, 'min_value': -100, 'required': False}), 19: ('wagtail.blocks.StructBlock', [[('text', 17), ('weight', 18), ('feedback', 4)]], {}), 20: ('assessments.answer_rows.AnswerRowsBlock', (19,), {'label': 'Accepted answers', 'rows': 1}), 21: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'label': 'Ignore case and accents', 'required': False}), 22: ('wagtail.blocks.StructBlock', [[('text', 0), ('options', 20), ('points', 7), ('category', 8), ('general_feedback', 9), ('normalise_text', 21)]], {}), 23: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 6, 'label': 'Value', 'required': False}), 24: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 6, 'default': 0, 'label': '± tolerance', 'min_value': 0}), 25: ('wagtail.blocks.DecimalBlock', (), {'default': 100, 'label': 'Credit (%)', 'max_value': 100, 'min_value': 0}), 26: ('wagtail.blocks.StructBlock', [[('value', 23), ('tolerance', 24), ('weight', 25), ('feedback', 4)]], {}), 27: ('assessments.answer_rows.AnswerRowsBlock', (26,), {'label': 'Accepted values', 'rows': 1}), 28: ('wagtail.blocks.StructBlock', [[('text', 0), ('answers', 27), ('points', 7), ('category', 8), ('general_feedback', 9)]], {}), 29: ('wagtail.blocks.CharBlock', (), {'label': 'Item', 'max_length': 300, 'required': False}), 30: ('wagtail.blocks.CharBlock', (), {'label': 'Matches', 'max_length': 300, 'required': False}), 31: ('wagtail.blocks.StructBlock', [[('text', 29), ('match_text', 30)]], {}), 32: ('assessments.answer_rows.AnswerRowsBlock', (31,), {'label': 'Pairs', 'rows': 3}), 33: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'label': 'Partial credit', 'required': False}), 34: ('wagtail.blocks.StructBlock', [[('text', 0), ('pairs', 32), ('points', 7), ('category', 8), ('general_feedback', 9), ('partial_credit', 33)]], {})}, verbose_name='questions'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
