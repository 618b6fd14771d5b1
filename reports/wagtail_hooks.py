"""The reports app's admin: the report pages' menu items and URLs."""

from reports import report_hooks  # noqa: F401
