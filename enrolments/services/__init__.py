"""Writes of the enrolments app, one module per area: ``assignments`` (a unit or a cohort),
``imports`` (a CSV file), ``invitations`` (the outbox the imports fill), ``approvals``
(enrolment requests) and ``reminders`` (due dates and the managers' weekly digest). Each
mutation a person makes checks their scope, writes in one transaction with its audit-log
entry, and queues its mails after the commit."""
