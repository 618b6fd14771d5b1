"""Load data for benchmarks and report development (issue 5; ``generate_load_data``).

One transaction builds an organisation tree with managers and cohorts, courses (live
Wagtail pages, each with a final assessment) and N learners with enrolments in every
state, step completions, attempts and certificates. The few structural objects go through
Wagtail's, treebeard's and the apps' own APIs; the learners' rows, which are millions, go
through ``bulk`` (COPY on PostgreSQL) with ids allocated here, so that no model ``save()``
and no signal runs for them: no ``course_completed`` event, no certificate task, no e-mail.

So this writes ``Enrollment``, ``StepCompletion``, attempts and certificates behind the
owning apps' services, on purpose: a million enrolments one by one through
``courses.services`` would be orders of magnitude slower, and the services' side effects
(events, mail, certificate tasks) are what a load data set must not trigger. That is
acceptable only because this is a development tool in ``devtools``, which no product app
imports (tests/devtools/test_boundaries.py); product code writes through the services.

Everything it makes is recognisable, so that ``load_data_delete`` can remove it: users
``@load.example.org``, organisations whose code and courses whose slug start with
``load-``. docs/load-data.md says what it builds and how long it takes.
"""

import logging
import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts import roles
from certificates import selectors as certificate_selectors
from devtools.load_data import bulk, organisations
from devtools.load_data.base import EMAIL_DOMAIN, PREFIX, LoadDataError, LoadDataReport, Progress
from devtools.load_data.courses import build_courses
from devtools.load_data.learning import Learners
from devtools.load_data.reset import load_data_delete, load_data_present
from reports.services.summary_snapshots import summary_snapshot_take

__all__ = ["LoadDataError", "LoadDataReport", "load_data_delete", "load_data_generate"]

logger = logging.getLogger("waypoint.devtools")

DEFAULT_SEED = 2026
CHUNK_LEARNERS = 5_000  # learners whose rows go in one COPY (or executemany) per table
LIMITS = {"learners": 2_000_000, "courses": 500, "orgs": 1_000, "enrollments_per_learner": 100}


def load_data_generate(
    *,
    learners: int,
    courses: int,
    orgs: int,
    enrollments_per_learner: int = 10,
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> LoadDataReport:
    """Build the load data set: all of it, or on any error nothing. ``reset`` first deletes
    the load data of an earlier run; without it, a second run is refused."""
    say = progress or (lambda message: None)
    _check_allowed(force=force)
    _check_counts(learners=learners, courses=courses, orgs=orgs, per=enrollments_per_learner)
    report = LoadDataReport()
    per_learner = min(enrollments_per_learner, courses)
    if per_learner < enrollments_per_learner:
        report.notes.append(
            f"Only {courses} courses: each learner has {per_learner} enrolments, "
            f"not {enrollments_per_learner}."
        )
    rng, writer = random.Random(seed), bulk.Writer()
    clock = _Clock(say)
    with transaction.atomic():
        if not reset and load_data_present():
            raise LoadDataError(
                f"Load data is already present (users @{EMAIL_DOMAIN}, organisations and "
                f"courses named {PREFIX}…). Run again with --reset to replace it."
            )
        # Deleting inside fast_load too: with the foreign keys dropped, deleting a million
        # rows queues no row-by-row checks.
        with bulk.fast_load(writer):
            if reset:
                report.deleted = load_data_delete(progress=say)
            tree = organisations.build_organisations(orgs, rng=rng)
            clock.say(f"organisations: {len(tree.units)}")
            plans, pages = build_courses(courses, seed=seed)
            clock.say(f"courses: {len(plans)}, {pages} pages")
            cohorts = _add_people(writer, tree, plans, learners, per_learner, rng, clock)
            _add_requirements(tree, plans)
            clock.say("rebuilding indexes and constraints")
        bulk.reset_sequences()
    bulk.analyze()
    # What the periodic job would take next: the summary reports answer from it at once.
    summary_snapshot_take()
    clock.say("summary snapshot taken")
    report.counts = {"organisations": len(tree.units), "course pages": pages}
    report.counts |= {"final assessments": len(plans), "cohorts": cohorts, **writer.counts}
    report.seconds = clock.seconds
    logger.info("load data generated counts=%s seconds=%.1f", report.counts, report.seconds)
    return report


class _Clock:
    def __init__(self, say: Progress):
        self.started, self.print = time.monotonic(), say

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def say(self, message: str) -> None:
        self.print(f"{message} ({self.seconds:.1f} s)")


def _add_people(writer, tree, plans, learners, per_learner, rng, clock) -> int:
    """Managers, then learners a chunk at a time, then cohorts; returns the cohorts made."""
    ids = bulk.IdAllocator()
    password = make_password(settings.DEMO_PASSWORD)
    organisations.add_managers(writer, tree, ids=ids, rng=rng, password=password)
    people = _learners(writer, ids, rng, tree, plans, per_learner, password)
    added: list[tuple[int, int]] = []
    for start in range(0, learners, CHUNK_LEARNERS):
        added += people.add(range(start, min(learners, start + CHUNK_LEARNERS)))
        writer.flush()
        clock.say(f"learners: {len(added)}/{learners}")
    cohorts = organisations.add_cohorts(writer, tree, added, rng=rng)
    writer.flush()
    return cohorts


def _add_requirements(tree, plans) -> None:
    """Each ministry requires the first three courses, so that the compliance report has
    every person of the load data to read (certificates.services, as a manager would)."""
    from accounts.models import Organisation
    from certificates.services import requirement_add
    from courses.models import CoursePage

    ministries = Organisation.objects.filter(
        pk__in=[u["id"] for u in tree.units if u["depth"] == 1]
    )
    for course in CoursePage.objects.filter(pk__in=[plan.id for plan in plans[:3]]):
        for ministry in ministries:
            requirement_add(unit=ministry, course=course)


def _learners(writer, ids, rng, tree, plans, per_learner, password) -> Learners:
    template = certificate_selectors.template_for(certification=None)
    return Learners(
        writer=writer,
        ids=ids,
        rng=rng,
        now=timezone.now(),
        tree=tree,
        plans=plans,
        per_learner=per_learner,
        password=password,  # hashed once: hashing per row would take hours
        group_id=Group.objects.get(name=roles.LEARNERS).pk,
        issuer=template.issuer if template else "Waypoint",
        template_id=template.pk if template else None,
    )


def _check_allowed(*, force: bool) -> None:
    if not settings.DEBUG and not settings.DEMO_DATA_ENABLED and not force:
        raise LoadDataError(
            "Refusing to generate load data on a production site (DEBUG and "
            "DEMO_DATA_ENABLED are off): it creates thousands of accounts that share a "
            "published password. Pass --force if this is a throwaway database."
        )


def _check_counts(*, learners: int, courses: int, orgs: int, per: int) -> None:
    given = {"learners": learners, "courses": courses, "orgs": orgs}
    given["enrollments_per_learner"] = per
    for name, value in given.items():
        low = 0 if name == "enrollments_per_learner" else 1
        whole = isinstance(value, int) and not isinstance(value, bool)
        if not whole or not low <= value <= LIMITS[name]:
            raise LoadDataError(f"{name} must be a whole number from {low} to {LIMITS[name]:,}.")
