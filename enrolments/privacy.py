"""What ``enrolments`` holds about a learner, for the personal-data export (accounts.privacy):
the due-date reminders sent to them and the invitation an assignment file owed them. Two
queries whatever their number."""

from enrolments.models import AssignmentInvitation, DueDateReminder


def export_due_date_reminders(user) -> list[dict]:
    reminders = (
        DueDateReminder.objects.filter(enrollment__user=user)
        .select_related("enrollment__course")
        .order_by("sent_at", "pk")
    )
    return [
        {
            "course": reminder.enrollment.course.title,
            "kind": reminder.kind,
            "due_at": reminder.due_at,
            "sent_at": reminder.sent_at,
        }
        for reminder in reminders
    ]


def export_assignment_invitation(user) -> dict | None:
    invitation = AssignmentInvitation.objects.filter(user=user).first()
    if invitation is None:
        return None
    return {
        "courses": [{"course": title, "due": due} for title, due in invitation.courses],
        "created_at": invitation.created_at,
        "sent_at": invitation.sent_at,
    }
