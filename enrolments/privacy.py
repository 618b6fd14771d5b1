"""What ``enrolments`` holds about a learner, for the personal-data export (accounts.privacy):
the due-date reminders sent to them, the invitation an assignment file owed them and the
notices of their assignments. Three queries whatever their number."""

from enrolments.models import AssignmentInvitation, AssignmentNotice, DueDateReminder


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


def export_assignment_notices(user) -> list[dict]:
    notices = (
        AssignmentNotice.objects.filter(user=user)
        .select_related("course")
        .order_by("created_at", "pk")
    )
    return [
        {
            "course": notice.course.title,
            "kind": notice.kind,
            "due_at": notice.due_at,
            "via": notice.via,
            "via_name": notice.via_name,
            "created_at": notice.created_at,
            "sent_at": notice.sent_at,
        }
        for notice in notices
    ]
