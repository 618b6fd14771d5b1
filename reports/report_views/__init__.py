"""Admin views of the manager reports: tables (columns and rows) and the Wagtail views."""
