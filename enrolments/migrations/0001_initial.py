"""The reminders, digests and invitations move from ``reports`` to ``enrolments`` (issue 13).

Only Django's state changes: the tables keep their names (``Meta.db_table``) and their rows,
so ``database_operations`` is empty here and in reports/0005, which removes the models from
``reports``' state after this migration has added them to ours.

Their content types follow (``app_label`` "reports" becomes "enrolments"), so that their
permissions, any group's grants of them and audit-log entries about them keep pointing at
the same rows. One permission stays behind: ``reports.view_reports`` hung on the reminders'
content type (reports/0002) only because a permission needs one; it moves to a content type
that stays in ``reports`` (the summary snapshots), keeping its id and its grants.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ("duedatereminder", "assignmentinvitation", "overduedigest")
VIEW_REPORTS = "view_reports"


def _move(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_types = ContentType.objects.db_manager(schema_editor.connection.alias)
    for model in MOVED:
        old = content_types.filter(app_label=source, model=model).first()
        if old is None:  # never created (a database migrated from zero, before post_migrate)
            continue
        # One created meanwhile by post_migrate holds only its own default permissions,
        # which the moved content type brings again: it gives way.
        content_types.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])
    reminders = content_types.filter(model="duedatereminder", app_label__in=[source, target])
    if target == "enrolments":
        home, _ = content_types.get_or_create(app_label="reports", model="summarysnapshot")
    else:
        home = reminders.filter(app_label="reports").first()
    if home is not None:
        Permission.objects.using(schema_editor.connection.alias).filter(
            codename=VIEW_REPORTS, content_type__app_label__in=["reports", "enrolments"]
        ).update(content_type=home)
    content_types.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, schema_editor, source="reports", target="enrolments")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, source="enrolments", target="reports")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0004_assignment_invitations"),
        ("courses", "0005_managers_choose_no_media"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="DueDateReminder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("due_in_7_days", "Due in 7 days"), ("due_in_1_day", "Due tomorrow"), ("overdue", "Overdue")], max_length=20, verbose_name="kind")),
                        ("due_at", models.DateTimeField(verbose_name="due date reminded of")),
                        ("sent_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="sent at")),
                        ("enrollment", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="due_date_reminders", to="courses.enrollment")),
                    ],
                    options={
                        "verbose_name": "due-date reminder",
                        "verbose_name_plural": "due-date reminders",
                        "db_table": "reports_duedatereminder",
                        "constraints": [models.UniqueConstraint(fields=("enrollment", "kind", "due_at"), name="one_due_date_reminder_per_kind")],
                    },
                ),
                migrations.CreateModel(
                    name="AssignmentInvitation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("courses", models.JSONField(default=list, verbose_name="courses and due dates")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created at")),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                        ("invited_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="invited by")),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="assignment_invitation", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "assignment invitation",
                        "verbose_name_plural": "assignment invitations",
                        "db_table": "reports_assignmentinvitation",
                        "indexes": [models.Index(condition=models.Q(("sent_at__isnull", True)), fields=["created_at"], name="invitation_unsent")],
                    },
                ),
                migrations.CreateModel(
                    name="OverdueDigest",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("week_starting", models.DateField(verbose_name="week starting")),
                        ("overdue_count", models.PositiveIntegerField(default=0, verbose_name="overdue assignments listed")),
                        ("sent_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="sent at")),
                        ("manager", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="overdue_digests", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "overdue digest",
                        "verbose_name_plural": "overdue digests",
                        "db_table": "reports_overduedigest",
                        "constraints": [models.UniqueConstraint(fields=("manager", "week_starting"), name="one_overdue_digest_per_week")],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
