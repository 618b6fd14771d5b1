"""Admin menu items and URLs of bulk assignments and the CSV import."""
