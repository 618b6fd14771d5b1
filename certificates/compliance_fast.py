"""The two reads the compliance report makes on every visit, written so that they stay
within P3 at a million enrolments (issue #18): the totals of a whole scope and an
unfiltered page of people. Same statuses, same figures as ``certificates.compliance``'s
general statement (which the filtered lists and the exports still use): always computed
from the certificates and enrolments as they are now, nothing stored.

- **Totals** never build the (person, required course) pairs. People per unit (one
  ``GROUP BY`` on users) times the courses reaching the unit gives the pairs; the
  certificates of the required courses, reduced to one row per person and course (their
  newest valid certificate, or the newest one if none is valid), give valid / expiring /
  lapsed; the current enrolments under way of people without any certificate give "in
  progress"; "never started" is what is left.
- **A page of people** takes its 50 pairs first, walking people by name (index
  ``user_name_email_idx``), and only then reads those people's certificates and
  enrolments (indexes on ``user_id``).
"""

from django.db.models import Count

from accounts.models import User
from certificates import compliance as c


def reach_of(query: "c.ComplianceQuery") -> list[tuple[int, int]]:
    """Each unit of the scope and each course required of it (by itself or a unit above
    it), once: two small queries (units, requirements). Handed to the statement as
    values, so that PostgreSQL knows how many people it will read and joins by hash."""
    units = list(query.scope.organisations().values_list("id", "path"))
    required = c.requirements_in(query.scope).order_by().values_list("unit__path", "course_id")
    if query.course_id is not None:
        required = required.filter(course_id=query.course_id)
    required = list(required)
    return sorted(
        {
            (unit_id, course_id)
            for unit_id, path in units
            for above, course_id in required
            if path.startswith(above)
        }
    )


def people_per_unit(unit_ids: set[int]) -> dict[int, int]:
    """How many active members each unit has (its own, not those of units below it)."""
    if not unit_ids:
        return {}
    rows = (
        User.objects.filter(is_active=True, organisation_id__in=unit_ids)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("organisation_id", "n")
    )
    return dict(rows)


def _reach_sql(reach: list[tuple[int, int]]) -> tuple[str, list]:
    values = ", ".join(f"({int(unit)}, {int(course)})" for unit, course in reach)
    return f"reach (unit_id, course_id) AS (VALUES {values})", []


def _cert_status_case(alias: str) -> str:
    return f"""CASE
        WHEN {alias}.ok = 0 THEN '{c.LAPSED}'
        WHEN {alias}.expires_at IS NULL OR {alias}.expires_at > %s THEN '{c.VALID}'
        WHEN {alias}.expires_at <= %s THEN '{c.EXPIRING_30}'
        WHEN {alias}.expires_at <= %s THEN '{c.EXPIRING_60}'
        ELSE '{c.EXPIRING_90}' END"""


def _window_params(query) -> list:
    return [c._dt(query.now + c.timedelta(days=days)) for days in (90, 30, 60)]


def _best_certificate_sql(courses: str, users_sql: str = "") -> str:
    """``best(user_id, course_id, expires_at, ok, rn)``: rn = 1 on each person's newest
    valid certificate of the course (ok = 1), or, when none is valid, their newest one."""
    t = c._tables()
    valid = "c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > %s)"
    return f"""
    best AS (
        SELECT c.user_id, c.course_id, c.expires_at,
               CASE WHEN {valid} THEN 1 ELSE 0 END AS ok,
               ROW_NUMBER() OVER (
                   PARTITION BY c.user_id, c.course_id
                   ORDER BY CASE WHEN {valid} THEN 1 ELSE 0 END DESC,
                            c.issued_at DESC, c.id DESC
               ) AS rn
        FROM {t["cert"]} c
        WHERE c.course_id IN ({courses}){users_sql}
    )"""


def totals_rows(query: "c.ComplianceQuery", reach: list[tuple[int, int]]) -> list[tuple]:
    """(unit_id, course_id, status, n) of the whole scope, with status ``None`` for the
    number of (person, course) pairs. One statement."""
    t = c._tables()
    courses = ", ".join(str(int(pk)) for pk in sorted({course for _unit, course in reach}))
    reach, params = _reach_sql(reach)
    now = c._dt(query.now)
    valid = "c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > %s)"
    sql = f"""
    WITH {reach},
    members AS (
        SELECT u.id AS user_id, u.organisation_id AS unit_id
        FROM {t["user"]} u
        WHERE u.is_active = %s AND u.organisation_id IN (SELECT unit_id FROM reach)
    ),
    people AS (
        SELECT m.unit_id, COUNT(*) AS n FROM members m GROUP BY m.unit_id
    ),
    held AS (
        SELECT m.unit_id, c.user_id, c.course_id, c.expires_at,
               c.issued_at, c.id, CASE WHEN {valid} THEN 1 ELSE 0 END AS ok
        FROM {t["cert"]} c
        JOIN members m ON m.user_id = c.user_id
        JOIN reach ON reach.unit_id = m.unit_id AND reach.course_id = c.course_id
        WHERE c.course_id IN ({courses})
    ),
    best AS (
        SELECT h.unit_id, h.course_id, h.expires_at, h.ok,
               ROW_NUMBER() OVER (
                   PARTITION BY h.user_id, h.course_id
                   ORDER BY h.ok DESC, h.issued_at DESC, h.id DESC
               ) AS rn
        FROM held h
    ),
    certified AS (
        SELECT b.unit_id, b.course_id, {_cert_status_case("b")} AS status
        FROM best b WHERE b.rn = 1
    ),
    under_way AS (
        SELECT m.unit_id, e.course_id AS course_id
        FROM {t["enrol"]} e
        JOIN members m ON m.user_id = e.user_id
        JOIN reach ON reach.unit_id = m.unit_id AND reach.course_id = e.course_id
        WHERE e.course_id IN ({courses}) AND e.superseded_at IS NULL
          AND (e.status = %s OR e.last_activity_at IS NOT NULL)
          AND NOT EXISTS (
              SELECT 1 FROM held h WHERE h.user_id = e.user_id AND h.course_id = e.course_id
          )
    )
    SELECT reach.unit_id, reach.course_id, NULL, people.n
    FROM reach JOIN people ON people.unit_id = reach.unit_id
    UNION ALL
    SELECT unit_id, course_id, status, COUNT(*) FROM certified GROUP BY unit_id, course_id, status
    UNION ALL
    SELECT unit_id, course_id, '{c.IN_PROGRESS}', COUNT(*) FROM under_way
    GROUP BY unit_id, course_id"""
    params += [True, now]  # members; held
    params += _window_params(query)
    params.append(c.Enrollment.Status.COMPLETED)
    with c.connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def page_rows(query: "c.ComplianceQuery", reach: list[tuple[int, int]], *, offset: int, limit: int):
    """One page of every (person, required course) of the scope by name, e-mail and
    course, with their status: the rows of ``compliance_rows`` without filters."""
    t = c._tables()
    courses = ", ".join(str(int(pk)) for pk in sorted({course for _unit, course in reach}))
    reach, params = _reach_sql(reach)
    now = c._dt(query.now)
    mine = " AND c.user_id IN (SELECT user_id FROM page)"
    sql = f"""
    WITH {reach},
    page AS (
        SELECT u.id AS user_id, u.full_name, u.email, u.organisation_id AS unit_id,
               reach.course_id AS course_id
        FROM {t["user"]} u JOIN reach ON reach.unit_id = u.organisation_id
        WHERE u.is_active = %s
        ORDER BY u.full_name, u.email, reach.course_id
        LIMIT %s OFFSET %s
    ),
    {_best_certificate_sql(courses, mine)},
    held AS (
        SELECT c.user_id, c.course_id, MAX(COALESCE(c.revoked_at, c.expires_at)) AS lapsed_at
        FROM {t["cert"]} c
        WHERE c.course_id IN ({courses}){mine}
        GROUP BY c.user_id, c.course_id
    ),
    current_enrolment AS (
        SELECT e.user_id, e.course_id, e.status, e.last_activity_at
        FROM {t["enrol"]} e
        WHERE e.course_id IN ({courses}) AND e.superseded_at IS NULL
          AND e.user_id IN (SELECT user_id FROM page)
    )
    SELECT p.user_id, p.full_name, p.email, p.unit_id, p.course_id,
           CASE
               WHEN b.user_id IS NOT NULL THEN {_cert_status_case("b")}
               WHEN e.status = %s OR e.last_activity_at IS NOT NULL THEN '{c.IN_PROGRESS}'
               ELSE '{c.NOT_STARTED}'
           END AS status,
           CASE WHEN b.ok = 1 THEN b.expires_at END AS valid_until,
           h.lapsed_at
    FROM page p
    LEFT JOIN best b ON b.user_id = p.user_id AND b.course_id = p.course_id AND b.rn = 1
    LEFT JOIN held h ON h.user_id = p.user_id AND h.course_id = p.course_id
    LEFT JOIN current_enrolment e ON e.user_id = p.user_id AND e.course_id = p.course_id
    ORDER BY p.full_name, p.email, p.course_id"""
    params += [True, limit, offset, now, now]
    params += _window_params(query)
    params.append(c.Enrollment.Status.COMPLETED)
    with c.connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
