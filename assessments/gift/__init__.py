"""Moodle GIFT import and export, so question banks move between Waypoint, Moodle and a
plain text editor. Pure Python: no database, importable without Django settings."""

from assessments.gift.exporter import export_gift
from assessments.gift.parser import GiftError, GiftResult, parse_gift

__all__ = ["GiftError", "GiftResult", "export_gift", "parse_gift"]
