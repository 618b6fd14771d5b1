"""Writes of the reports app: its own summary snapshots (and, in ``reports.exports``, the
export files it builds). Nothing else; enrolments, approvals and reminders are
``enrolments.services``."""
