"""Admin menu items and URLs of assignments, enrolment approvals, cohorts and organisation
management."""
