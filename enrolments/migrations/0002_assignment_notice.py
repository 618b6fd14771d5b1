"""The e-mail owed to a learner about a new assignment or a moved due date (issue 16)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_managers_choose_no_media"),
        ("enrolments", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AssignmentNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("assigned", "Course assigned"), ("moved", "Due date changed")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("due_at", models.DateTimeField(blank=True, null=True, verbose_name="due date")),
                (
                    "via",
                    models.CharField(
                        choices=[
                            ("unit", "A unit"),
                            ("cohort", "A cohort"),
                            ("file", "An assignment file"),
                        ],
                        max_length=10,
                        verbose_name="assigned through",
                    ),
                ),
                (
                    "via_name",
                    models.CharField(blank=True, max_length=255, verbose_name="unit or cohort"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
                (
                    "claimed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="claimed at"),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent at")),
                (
                    "assigned_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="assigned by",
                    ),
                ),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.coursepage",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignment_notices",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "assignment notice",
                "verbose_name_plural": "assignment notices",
                "indexes": [
                    models.Index(
                        condition=models.Q(("sent_at__isnull", True)),
                        fields=["created_at"],
                        name="assignment_notice_unsent",
                    )
                ],
            },
        ),
    ]
