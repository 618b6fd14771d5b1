"""Admin menu items and URLs of enrolment approvals, cohorts and organisation management."""
