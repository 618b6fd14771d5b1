"""Admin menu items and URLs of the manager reports (Reports menu)."""
