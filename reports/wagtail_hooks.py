"""The reports app's admin: each area registers its own menu items and URLs."""

from reports import approval_hooks, assignment_hooks, report_hooks  # noqa: F401
