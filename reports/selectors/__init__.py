"""The manager reports' queries, one module per job: ``criteria`` (statuses, filters, the
rows every report starts from), ``figures`` (completion figures computed live), ``snapshots``
(reading the summary snapshots), ``summaries`` (the by-course and by-unit reports),
``rows`` (one row per enrolment, paged or streamed for exports), ``overdue``,
``transcripts``. Read-only, each in a fixed number of queries whatever the number of rows.

Every row set starts from ``enrollments_matching``: the CURRENT enrolments (a cycle that a
recertification replaced is history, not a figure) of learners inside the person's
``OrganisationScope``, narrowed by the report's filters. Filters can only narrow the scope:
the unit filter goes through ``OrganisationScope.narrow_to`` before it reaches us.

Definitions (docs/reports.md says the same for managers):

- *not started*: not completed and no step completed yet. ``courses.services.step_complete``
  stamps ``last_activity_at`` with every completed step, so "no activity recorded" is "no
  step completed" without looking at millions of completion rows.
- *in progress*: not completed, at least one step completed.
- *overdue*: not completed and the due date has passed.
- *completion rate*: completed / enrolled.
- *mean final-assessment score*: the mean, over the enrolments that submitted at least one
  attempt at the course's final assessment in their cycle, of each one's best percent.
- *certificates*: current enrolments holding a certificate that is not revoked.
"""
