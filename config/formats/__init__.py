"""Waypoint's date and time formats, one set per language (``FORMAT_MODULE_PATH``).

Django's own formats disagree with each other: English writes "Dec. 5, 2026" and
"12/05/2026" (month first), Arabic has no date-and-time format at all. Every language here
puts the day first and uses a 24-hour clock. Pages and e-mails use these through the named
formats only (a test checks that no literal format creeps back):

- ``DATE_FORMAT`` ("5 December 2026"): sentences and learner pages (``{{ value|date }}``);
- ``SHORT_DATE_FORMAT`` ("05/12/2026"): table cells (reports, transcripts) and XLSX cells;
- ``DATETIME_FORMAT`` / ``SHORT_DATETIME_FORMAT``: the same with the time;
- CSV exports write ISO 8601 (2026-12-05): they are read by programs, not people.

Whatever a module leaves out comes from Django's format for the language.
"""
