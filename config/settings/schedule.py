"""Celery beat's periodic jobs (django-celery-beat stores them in the database when beat
starts; they are editable in the Django admin after)."""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {
    # "Go live at" and "expire at" of pages (and of snippets with a draft state) take effect
    # within a minute.
    "publish-scheduled-content": {
        "task": "courses.tasks.publish_scheduled_content",
        "schedule": 60.0,
    },
    "certificate-expiry-reminders": {
        "task": "certificates.tasks.send_expiry_reminders",
        "schedule": 6 * 60 * 60.0,
    },
    "reconcile-certificates": {
        "task": "certificates.tasks.reconcile_certificates",
        "schedule": 15 * 60.0,
    },
    "submit-expired-attempts": {
        "task": "assessments.tasks.submit_expired_attempts",
        "schedule": 60.0,
    },
    # Due-date reminders (7 days, 1 day, overdue) hourly: a reminder is at most an hour late,
    # and a rerun sends nothing twice (enrolments.DueDateReminder).
    "due-date-reminders": {
        "task": "enrolments.tasks.send_due_date_reminders",
        "schedule": 60 * 60.0,
    },
    # The managers' overdue digest is checked daily at 06:00 but sent once per ISO week
    # (enrolments.OverdueDigest): normally on Monday morning, later in the week if Monday's
    # run was missed or nobody was overdue yet.
    "overdue-digests": {
        "task": "enrolments.tasks.send_overdue_digests",
        "schedule": crontab(minute=0, hour=6),
    },
    # The managers' monthly summary of required certificates lapsing next month: checked
    # daily at 06:30, sent once per calendar month (certificates.ComplianceDigest), normally
    # on the 1st, later in the month if that run was missed or nothing lapsed yet.
    "compliance-digests": {
        "task": "certificates.tasks.send_compliance_digests",
        "schedule": crontab(minute=30, hour=6),
    },
    # The summary reports' figures (reports.SummarySnapshot): 9-16 s of database work at a
    # million enrolments on a busy 2-core machine; pages fall back to live figures when the
    # newest is older than REPORTS_SUMMARY_SNAPSHOT_MAX_AGE (15 minutes).
    # Invitations an assignment file owes, and the notices of new assignments and moved due
    # dates (enrolments.services.notices), when the task after the assignment never ran.
    "send-assignment-invitations": {
        "task": "enrolments.tasks.send_assignment_invitations",
        "schedule": 5 * 60.0,
    },
    "assignment-notices": {"task": "enrolments.tasks.send_assignment_notices", "schedule": 300},
    # Built report exports list learners: removed a day after they were built.
    "remove-old-report-exports": {
        "task": "reports.tasks.remove_old_report_exports",
        "schedule": 60 * 60.0,
    },
    "summary-snapshot": {
        "task": "reports.tasks.take_summary_snapshot",
        "schedule": 5 * 60.0,
    },
}
