"""Admin screens of enrolments: assignments (by unit, cohort or CSV file) and the managers'
queue of enrolment requests. Thin: scope checks come from ``accounts.scoped_admin``, reads
from ``enrolments.selectors``, writes from ``enrolments.services``."""
