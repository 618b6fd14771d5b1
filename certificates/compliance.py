"""Compliance with the units' required courses: for each person of a scope and each course
their unit (or a unit above it) requires, one status, computed set-wise in SQL.

A person's status for a course, the first that applies:

- **valid** / **expires within 30, 60 or 90 days**: they hold a valid certificate (not
  revoked, not expired at ``now``); the newest such certificate decides when it expires
  (a recertification's new certificate wins over the one it renews);
- **lapsed**: they held one, but every certificate they hold has expired or was revoked;
- **in progress**: never certified, but their current enrolment is under way (or completed
  and its certificate not issued yet);
- **never started**: no certificate, and no enrolment or one without any activity.

Only approved members count: a person belongs to a unit once ``User.organisation`` says so
(``accounts.services.membership``: a pending joiner is not in it yet).

Every function here is a read: the required courses (one small query) and one statement,
for the totals of a whole scope or a page of people, whatever the number of people,
certificates or enrolments. The totals and an unfiltered page take a quicker route with the
same figures (``certificates.compliance_fast``: two small queries and one statement).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.selectors import OrganisationScope
from certificates.models import Certificate, UnitCourseRequirement
from courses.models import CoursePage, Enrollment

VALID = "valid"
EXPIRING_30 = "expiring_30"
EXPIRING_60 = "expiring_60"
EXPIRING_90 = "expiring_90"
LAPSED = "lapsed"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
STATUS_CHOICES = [
    (VALID, _("Valid")),
    (EXPIRING_30, _("Expires within 30 days")),
    (EXPIRING_60, _("Expires in 31 to 60 days")),
    (EXPIRING_90, _("Expires in 61 to 90 days")),
    (LAPSED, _("Lapsed")),
    (IN_PROGRESS, _("In progress")),
    (NOT_STARTED, _("Never started")),
]
STATUSES = [value for value, _label in STATUS_CHOICES]
COMPLIANT = (VALID, EXPIRING_30, EXPIRING_60, EXPIRING_90)
WINDOWS = {30: (EXPIRING_30,), 60: (EXPIRING_30, EXPIRING_60), 90: COMPLIANT[1:]}


@dataclass(frozen=True)
class ComplianceQuery:
    """Whose statuses: a scope, optionally one course, one or more statuses, and the
    newest valid certificate's expiry in ``[expires_from, expires_to)``."""

    scope: OrganisationScope
    now: datetime
    course_id: int | None = None
    statuses: tuple[str, ...] = ()
    expires_from: datetime | None = None
    expires_to: datetime | None = None


@dataclass
class ComplianceTotals:
    """People per status, per (unit, course): the unit is the person's own."""

    counts: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)

    def add(self, unit_id: int, course_id: int, status: str, n: int) -> None:
        row = self.counts.setdefault((unit_id, course_id), dict.fromkeys(STATUSES, 0))
        row[status] += n

    def total(self, statuses: Iterable[str] = STATUSES, units=None) -> int:
        statuses = tuple(statuses)
        return sum(
            n
            for (unit_id, _course), row in self.counts.items()
            if units is None or unit_id in units
            for status, n in row.items()
            if status in statuses
        )


def requirements_in(scope: OrganisationScope):
    """The requirements that reach the scope's people: set on one of its units or on a
    unit above one of them. One query."""
    requirements = UnitCourseRequirement.objects.select_related("unit", "course")
    if scope.everything:
        return requirements.order_by("unit__path", "course__title")
    step = Organisation.steplen
    above = [path[:n] for path in scope.paths for n in range(step, len(path), step)]
    return requirements.filter(scope.q("unit") | Q(unit__path__in=above)).order_by(
        "unit__path", "course__title"
    )


# --- the SQL ------------------------------------------------------------------------------


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _dt(value: datetime):
    return connection.ops.adapt_datetimefield_value(value)


def _tables() -> dict:
    return {
        "user": _q(User._meta.db_table),
        "org": _q(Organisation._meta.db_table),
        "req": _q(UnitCourseRequirement._meta.db_table),
        "cert": _q(Certificate._meta.db_table),
        "enrol": _q(Enrollment._meta.db_table),
    }


def _required_course_ids(query: ComplianceQuery) -> list[int]:
    """The courses required anywhere the scope reaches (one small query): named in the
    statement, so that certificates and enrolments are read by their course indexes."""
    ids = requirements_in(query.scope).order_by().values_list("course_id", flat=True)
    if query.course_id is not None:
        ids = ids.filter(course_id=query.course_id)
    return sorted(set(ids))


def _statuses_sql(query: ComplianceQuery, course_ids: list[int]) -> tuple[str, list]:
    """``WITH ... SELECT user_id, unit_id, course_id, status, valid_until, lapsed_at`` for
    every (person, required course) of the query."""
    t = _tables()
    courses = ", ".join(str(int(pk)) for pk in course_ids)
    now = query.now
    scope_sql, params = "", []
    if not query.scope.everything:
        scope_sql = " AND (" + " OR ".join(["o.path LIKE %s"] * len(query.scope.paths)) + ")"
        params += [f"{path}%" for path in query.scope.paths]
    course_sql = ""
    if query.course_id is not None:
        course_sql = " AND r.course_id = %s"
        params.append(query.course_id)
    sql = f"""
    WITH pairs AS (
        SELECT DISTINCT u.id AS user_id, u.organisation_id AS unit_id, r.course_id AS course_id
        FROM {t["user"]} u
        JOIN {t["org"]} o ON o.id = u.organisation_id
        JOIN {t["req"]} r ON 1 = 1
        JOIN {t["org"]} ro ON ro.id = r.unit_id
        WHERE u.is_active = %s AND SUBSTR(o.path, 1, LENGTH(ro.path)) = ro.path
        {scope_sql}{course_sql}
    ),
    newest AS (
        SELECT c.user_id, c.course_id, c.expires_at,
               ROW_NUMBER() OVER (
                   PARTITION BY c.user_id, c.course_id ORDER BY c.issued_at DESC, c.id DESC
               ) AS rn
        FROM {t["cert"]} c
        WHERE c.course_id IN ({courses}) AND c.revoked_at IS NULL
          AND (c.expires_at IS NULL OR c.expires_at > %s)
    ),
    held AS (
        SELECT c.user_id, c.course_id, MAX(COALESCE(c.revoked_at, c.expires_at)) AS lapsed_at
        FROM {t["cert"]} c
        WHERE c.course_id IN ({courses})
        GROUP BY c.user_id, c.course_id
    ),
    current_enrolment AS (
        SELECT e.user_id, e.course_id, e.status, e.last_activity_at
        FROM {t["enrol"]} e
        WHERE e.course_id IN ({courses}) AND e.superseded_at IS NULL
    ),
    statuses AS (
        SELECT p.user_id, p.unit_id, p.course_id, n.expires_at AS valid_until,
               h.lapsed_at,
               CASE
                   WHEN n.user_id IS NOT NULL THEN CASE
                       WHEN n.expires_at IS NULL OR n.expires_at > %s THEN '{VALID}'
                       WHEN n.expires_at <= %s THEN '{EXPIRING_30}'
                       WHEN n.expires_at <= %s THEN '{EXPIRING_60}'
                       ELSE '{EXPIRING_90}' END
                   WHEN h.user_id IS NOT NULL THEN '{LAPSED}'
                   WHEN e.status = %s OR e.last_activity_at IS NOT NULL THEN '{IN_PROGRESS}'
                   ELSE '{NOT_STARTED}'
               END AS status
        FROM pairs p
        LEFT JOIN newest n
               ON n.user_id = p.user_id AND n.course_id = p.course_id AND n.rn = 1
        LEFT JOIN held h ON h.user_id = p.user_id AND h.course_id = p.course_id
        LEFT JOIN current_enrolment e ON e.user_id = p.user_id AND e.course_id = p.course_id
    )"""
    params = [True, *params, _dt(now)]
    params += [_dt(now + timedelta(days=days)) for days in (90, 30, 60)]
    params.append(Enrollment.Status.COMPLETED)
    return sql, params


def _where(query: ComplianceQuery) -> tuple[str, list]:
    conditions, params = [], []
    if query.statuses:
        conditions.append("s.status IN (" + ", ".join(["%s"] * len(query.statuses)) + ")")
        params += list(query.statuses)
    if query.expires_from is not None:
        conditions.append("s.valid_until >= %s")
        params.append(_dt(query.expires_from))
    if query.expires_to is not None:
        conditions.append("s.valid_until < %s")
        params.append(_dt(query.expires_to))
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def compliance_totals(query: ComplianceQuery) -> ComplianceTotals:
    """People per (unit, course, status) in the scope (statuses and expiry filters apply).
    One query."""
    totals = ComplianceTotals()
    if query.scope.is_empty:
        return totals
    if _unfiltered(query):
        from certificates.compliance_fast import reach_of, totals_rows

        reach = reach_of(query)
        pairs: dict[tuple[int, int], int] = {}
        for unit_id, course_id, status, n in totals_rows(query, reach) if reach else ():
            if status is None:
                pairs[(unit_id, course_id)] = n
            else:
                totals.add(unit_id, course_id, status, n)
        for (unit_id, course_id), n in pairs.items():
            counted = sum(totals.counts.get((unit_id, course_id), {}).values())
            totals.add(unit_id, course_id, NOT_STARTED, n - counted)
        return totals
    course_ids = _required_course_ids(query)
    if not course_ids:
        return totals
    sql, params = _statuses_sql(query, course_ids)
    where, where_params = _where(query)
    sql += f" SELECT s.unit_id, s.course_id, s.status, COUNT(*) FROM statuses s{where}"
    sql += " GROUP BY s.unit_id, s.course_id, s.status"
    with connection.cursor() as cursor:
        cursor.execute(sql, params + where_params)
        for unit_id, course_id, status, n in cursor.fetchall():
            totals.add(unit_id, course_id, status, n)
    return totals


def compliance_pair_count(query: ComplianceQuery) -> int:
    """How many (person, required course) pairs the scope holds, whatever their status:
    the people of each unit times the courses required of it. Three small queries."""
    if query.scope.is_empty:
        return 0
    from certificates.compliance_fast import people_per_unit, reach_of

    reach = reach_of(query)
    people = people_per_unit({unit_id for unit_id, _course in reach})
    return sum(people.get(unit_id, 0) for unit_id, _course in reach)


@dataclass(frozen=True)
class ComplianceRow:
    user_id: int
    name: str
    email: str
    unit_id: int
    course_id: int
    status: str
    valid_until: datetime | None
    lapsed_at: datetime | None


def compliance_rows(query: ComplianceQuery, *, offset: int = 0, limit: int | None = None):
    """People and their status, by name, e-mail and course: one query for a page (``limit``)
    or for every row (the reminders; an export streams them, ``compliance_rows_streamed``)."""
    if query.scope.is_empty:
        return []
    if limit is not None and _unfiltered(query):
        from certificates.compliance_fast import page_rows, reach_of

        reach = reach_of(query)
        rows = page_rows(query, reach, offset=offset, limit=limit) if reach else []
        return [_row(row) for row in rows]
    course_ids = _required_course_ids(query)
    if not course_ids:
        return []
    sql, params = _rows_sql(query, course_ids)
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [_row(row) for row in cursor.fetchall()]


STREAM_CHUNK = 2000  # rows read at a time by an export


def compliance_rows_streamed(query: ComplianceQuery):
    """Every row of ``compliance_rows``, read from a server-side cursor ``STREAM_CHUNK`` rows at
    a time (PostgreSQL), so that an export of a whole ministry never holds its hundreds of
    thousands of rows in memory. One query (and the small one for the courses)."""
    if query.scope.is_empty:
        return
    course_ids = _required_course_ids(query)
    if not course_ids:
        return
    sql, params = _rows_sql(query, course_ids)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(STREAM_CHUNK):
            yield from (_row(row) for row in rows)


def _rows_sql(query: ComplianceQuery, course_ids: list[int]) -> tuple[str, list]:
    t = _tables()
    sql, params = _statuses_sql(query, course_ids)
    where, where_params = _where(query)
    sql += f"""
    SELECT s.user_id, u.full_name, u.email, s.unit_id, s.course_id, s.status,
           s.valid_until, s.lapsed_at
    FROM statuses s JOIN {t["user"]} u ON u.id = s.user_id{where}
    ORDER BY u.full_name, u.email, s.course_id"""
    return sql, params + where_params


def _row(row) -> ComplianceRow:
    return ComplianceRow(*row[:6], _aware(row[6]), _aware(row[7]))


def _unfiltered(query: ComplianceQuery) -> bool:
    """Every status, no expiry window: the totals and the first view of the list, which
    ``certificates.compliance_fast`` answers without building every pair."""
    return (
        set(query.statuses) in (set(), set(STATUSES))
        and query.expires_from is None
        and query.expires_to is None
    )


def _aware(value) -> datetime | None:
    """SQLite hands a computed column's datetime back as text."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def required_course_titles(scope: OrganisationScope) -> dict[int, str]:
    """The titles of the courses required anywhere the scope reaches. One query."""
    required = requirements_in(scope).order_by().values("course_id")
    return dict(CoursePage.objects.filter(pk__in=required).values_list("pk", "title"))


def course_titles(course_ids: Iterable[int]) -> dict[int, str]:
    return dict(CoursePage.objects.filter(pk__in=set(course_ids)).values_list("pk", "title"))
