"""The reminders, digests and invitations now belong to ``enrolments`` (issue 13): they
leave ``reports``' state only, after enrolments/0001 has taken them into its own. Their
tables, rows and content types stay (see enrolments/migrations/0001_initial.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_assignment_invitations"),
        ("enrolments", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="AssignmentInvitation"),
                migrations.DeleteModel(name="DueDateReminder"),
                migrations.DeleteModel(name="OverdueDigest"),
            ],
        ),
    ]
