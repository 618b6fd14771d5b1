"""The production settings, with every periodic job due every few seconds, so that the
scale-out test (tests/deploy/test_scaleout.py) sees each of them queued and run several
times in a minute."""

from config.settings.production import *  # noqa: F403
from config.settings.schedule import CELERY_BEAT_SCHEDULE as _PRODUCTION_SCHEDULE

CELERY_BEAT_SCHEDULE = {
    name: {**entry, "schedule": 4.0 + index % 3}
    for index, (name, entry) in enumerate(_PRODUCTION_SCHEDULE.items())
}
