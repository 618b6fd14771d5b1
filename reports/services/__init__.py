"""Writes of the reports app, one module per area: assignments (bulk, CSV import,
invitations), approvals and reminders."""
