"""Attempts taken in a translated quiz named the translation's revision, so item analysis
showed them as a version of their own (issue 15). They now name the original's version
(``Quiz.record_revision_id``); this moves the ones recorded before: to the original's
version that attempts in its own language were taken with at that time, else to its live
version."""

from django.db import migrations
from django.db.models import CharField, F
from django.db.models.functions import Cast


def forwards(apps, schema_editor):
    Attempt = apps.get_model("assessments", "Attempt")
    Quiz = apps.get_model("assessments", "Quiz")
    stray = (
        Attempt.objects.exclude(language="")
        .filter(quiz_revision__isnull=False)
        .exclude(quiz_revision__object_id=Cast(F("quiz_id"), output_field=CharField()))
        .values_list("id", "quiz_id", "started_at")
    )
    for attempt_id, quiz_id, started_at in list(stray.iterator()):
        own = (
            Attempt.objects.filter(
                quiz_id=quiz_id, quiz_revision__object_id=str(quiz_id), started_at__lte=started_at
            )
            .order_by("-started_at")
            .values_list("quiz_revision_id", flat=True)
            .first()
        )
        own = own or Quiz.objects.filter(pk=quiz_id).values_list("live_revision_id", flat=True).first()
        if own:
            Attempt.objects.filter(pk=attempt_id).update(quiz_revision_id=own)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0013_quiz_page_keys")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
