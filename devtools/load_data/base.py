"""What every part of the load-data generator shares: how its data is recognised, and how
it reports."""

from collections.abc import Callable
from dataclasses import dataclass, field

from courses import selectors
from courses.models import CoursePage

EMAIL_DOMAIN = "load.example.org"
# Organisation codes and course slugs start with it; reset deletes what does.
PREFIX = "load-"

Progress = Callable[[str], None]


class LoadDataError(ValueError):
    """A request the generator refuses; the message says why. Nothing was changed."""


@dataclass
class LoadDataReport:
    counts: dict[str, int] = field(default_factory=dict)  # rows written, by table
    deleted: dict[str, int] = field(default_factory=dict)  # rows reset removed, by model
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def load_courses():
    """The load data's courses: pages under the catalogue whose slug starts with PREFIX."""
    return CoursePage.objects.child_of(selectors.catalogue_get()).filter(slug__startswith=PREFIX)
