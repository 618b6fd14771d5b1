"""Summary snapshots: the completion figures of every (course, unit) pair, taken by a
periodic job so that the summary reports answer from a few thousand tallies instead of
reading every enrolment, certificate and attempt in scope (a second at a million
enrolments). The pages say "Figures as of" the snapshot's time; "Refresh the figures", and
any filter the tallies cannot answer, compute live figures instead (``reports.selectors``).

The same snapshot keeps the compliance report's totals per unit, course and status
(``ComplianceTally``): the page of people is read live, the totals from here.

Safe to run twice, or twice at once: each run writes a whole new snapshot in one
transaction and then deletes the snapshots older than its own.
"""

import logging
import time
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation
from accounts.selectors import OrganisationScope
from courses.models import CoursePage
from reports.models import ComplianceTally, SummaryMonthTally, SummarySnapshot, SummaryTally
from reports.selectors.compliance import compliance_totals_everywhere
from reports.selectors.criteria import ReportCriteria
from reports.selectors.snapshots import (
    TALLY_FIELDS,
    snapshot_figures_compute,
    snapshot_first_month,
)

logger = logging.getLogger("waypoint.reports")
BATCH_SIZE = 1000


def summary_snapshot_take(*, now: datetime | None = None) -> SummarySnapshot:
    started = time.monotonic()
    criteria = ReportCriteria(
        scope=OrganisationScope(everything=True), now=now or timezone.now(), fresh=True
    )
    figures, monthly = snapshot_figures_compute(criteria)
    compliance = compliance_totals_everywhere(criteria.now)
    # A course or unit deleted while the figures were read has nothing left to report.
    courses = set(CoursePage.objects.values_list("id", flat=True))
    units = {None, *Organisation.objects.values_list("id", flat=True)}
    kept = [key for key in figures if key[0] in courses and key[1] in units]
    compliance_kept = [
        (unit_id, course_id, status, people)
        for (unit_id, course_id), row in compliance.counts.items()
        if course_id in courses and unit_id in units
        for status, people in row.items()
        if people
    ]
    with transaction.atomic():
        snapshot = SummarySnapshot.objects.create(
            taken_at=criteria.now,
            time_zone=timezone.get_current_timezone_name(),
            first_month=snapshot_first_month(criteria),
            has_compliance=True,
        )
        ComplianceTally.objects.bulk_create(
            [
                ComplianceTally(
                    snapshot=snapshot,
                    organisation_id=unit_id,
                    course_id=course_id,
                    status=status,
                    people=people,
                )
                for unit_id, course_id, status, people in compliance_kept
            ],
            batch_size=BATCH_SIZE,
        )
        SummaryTally.objects.bulk_create(
            [_tally(snapshot, key, figures[key]) for key in kept], batch_size=BATCH_SIZE
        )
        SummaryMonthTally.objects.bulk_create(
            [
                SummaryMonthTally(
                    snapshot=snapshot,
                    course_id=key[0],
                    organisation_id=key[1],
                    month=month,
                    completed=n,
                )
                for key in kept
                for month, n in monthly.get(key, {}).items()
                if n
            ],
            batch_size=BATCH_SIZE,
        )
        older = SummarySnapshot.objects.filter(pk__lt=snapshot.pk)
        SummaryMonthTally.objects.filter(snapshot__in=older).delete()
        SummaryTally.objects.filter(snapshot__in=older).delete()
        ComplianceTally.objects.filter(snapshot__in=older).delete()
        older.delete()
    logger.info(
        "summary snapshot taken snapshot=%s tallies=%s compliance_tallies=%s seconds=%.1f",
        snapshot.pk,
        len(kept),
        len(compliance_kept),
        time.monotonic() - started,
    )
    return snapshot


def _tally(snapshot: SummarySnapshot, key: tuple, figures) -> SummaryTally:
    course_id, organisation_id = key
    return SummaryTally(
        snapshot=snapshot,
        course_id=course_id,
        organisation_id=organisation_id,
        **{name: getattr(figures, name) for name in TALLY_FIELDS},
    )
