"""Writes of the enrolments app, one module per area: ``assignments`` (a unit or a cohort),
``imports`` (a CSV file, its kept files in ``import_files``), ``invitations`` (the outbox
the imports fill), ``notices`` (the learners' mails about new assignments and moved due
dates), ``approvals`` (enrolment requests) and ``reminders`` (due dates and the managers'
weekly digest). Each mutation a person makes checks their scope, writes in one
transaction with its audit-log entry, and queues its mails after the commit.

The periodic jobs (reminders, digests, the invitation outbox) open durable transactions:
they commit the mark of a mail (a reminder's row, an invitation's ``sent_at``) before or as
it goes, and a larger transaction rolled back later would take the mark and leave the mail
sent, for a rerun to send again. The services a person calls from a screen use plain
``atomic()``, which is the outermost transaction in production too: the access matrix and
the tests' shared worlds call the screens inside savepoints of their own, where a durable
block refuses to open (as in accounts.services)."""
