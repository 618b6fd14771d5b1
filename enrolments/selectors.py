"""What enrolments reads: enrolment requests in a manager's scope, and what an assignments
file would do (the CSV import's checks against the database, which the preview shows and
the import runs again). Lookups go by batches of ``BATCH`` names, so a file of 10,000 rows
costs a fixed number of queries per batch."""

from dataclasses import dataclass, field
from datetime import date

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.selectors import OrganisationScope
from courses.models import CoursePage, Enrollment, EnrollmentRequest
from enrolments import csv_import
from enrolments.csv_import import CheckedRow, CourseRef, Lookups, PersonRef, UnitRef

BATCH = 500  # names looked up, rows written and mails sent per query or connection
BACKGROUND_ROWS = 2_000  # above this, a file imports in a background job (a few seconds)


def chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def enrollment_requests_in(scope: OrganisationScope):
    """Requests of the learners inside the scope; a learner without an organisation is
    inside the administrators' scope only."""
    return EnrollmentRequest.objects.filter(scope.q("user__organisation")).select_related(
        "user", "user__organisation", "course"
    )


# --- what an assignments file would do -----------------------------------------------------


@dataclass
class ImportPreview:
    """The checked rows of a file; ``token`` is set by the service that keeps a file that
    passed, for the import."""

    rows: list[CheckedRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    delimiter_name: str = ""
    ignored_headers: list[str] = field(default_factory=list)
    token: str = ""  # set when the file passed and was kept for the import

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.file_errors and not self.error_rows

    @property
    def in_background(self) -> bool:
        return len(self.rows) > BACKGROUND_ROWS

    @property
    def error_rows(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.errors]

    @property
    def invitations(self) -> list[str]:
        return sorted({row.email for row in self.rows if row.is_invitation and not row.errors})

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "errors": len(self.error_rows),
            "enrol": self.count("enrol") + self.count("invite"),
            "update": self.count("update"),
            "completed": self.count("completed"),
            "invitations": len(self.invitations),
        }


def _scope_test(scope: OrganisationScope):
    """``scope.contains`` for organisation paths, remembered per path: a file of 10,000
    people names a handful of units."""
    known: dict[str | None, bool] = {}

    def contains(path: str | None) -> bool:
        if path not in known:
            known[path] = scope.contains(Organisation(path=path) if path else None)
        return known[path]

    return contains


def _course_lookups(rows) -> dict:
    keys = sorted({csv_import.course_key(row.course) for row in rows if row.course})
    by_id: dict[str, CourseRef] = {}
    by_slug: dict[str, list[CourseRef]] = {}
    for chunk in chunks(keys):
        ids = [int(key) for key in chunk if key.isdigit() and len(key) < 18]
        for pk, slug, title, live in CoursePage.objects.filter(
            Q(pk__in=ids) | Q(slug__in=chunk)
        ).values_list("pk", "slug", "title", "live"):
            ref = CourseRef(id=pk, title=title, live=live)
            by_id[str(pk)] = ref
            by_slug.setdefault(slug.lower(), []).append(ref)
    found: dict = {}
    for key in keys:
        if key.isdigit() and key in by_id:
            found[key] = by_id[key]
        elif key in by_slug:
            refs = by_slug[key]
            found[key] = refs[0] if len(refs) == 1 else tuple(sorted(r.id for r in refs))
    return found


def _people_lookups(scope, rows) -> dict[str, PersonRef]:
    emails = sorted({e for e in (csv_import.normalise_email(r.email) for r in rows) if e})
    in_scope = _scope_test(scope)
    people: dict[str, PersonRef] = {}
    for chunk in chunks(emails):
        # The account's own address first, then addresses added in allauth's email page.
        found = User.objects.annotate(address=Lower("email")).filter(address__in=chunk)
        extra = EmailAddress.objects.annotate(address=Lower("email")).filter(address__in=chunk)
        for rows_found in (
            found.values_list("address", "pk", "is_active", "organisation__path"),
            extra.values_list("address", "user_id", "user__is_active", "user__organisation__path"),
        ):
            for address, pk, is_active, path in rows_found:
                people.setdefault(
                    address,
                    PersonRef(id=pk, in_scope=in_scope(path), is_active=is_active),
                )
    return people


def _unit_lookups(scope, rows) -> dict[str, UnitRef]:
    codes = sorted({row.unit.strip().lower() for row in rows if row.unit.strip()})
    in_scope = _scope_test(scope)
    units = {}
    for chunk in chunks(codes):
        for code_lower, pk, code, path in (
            Organisation.objects.annotate(code_lower=Lower("code"))
            .filter(code_lower__in=chunk)
            .values_list("code_lower", "pk", "code", "path")
        ):
            units[code_lower] = UnitRef(id=pk, code=code, in_scope=in_scope(path))
    return units


def _fill_outcomes(rows: list[CheckedRow]) -> None:
    """What importing each valid row will do, from the learners' current enrolments."""
    valid = [row for row in rows if not row.errors]
    course_ids = sorted({row.course.id for row in valid})
    user_ids = sorted({row.person.id for row in valid if row.person})
    status = {}
    for chunk in chunks(user_ids):
        for user_id, course_id, value in (
            Enrollment.objects.current()
            .filter(user_id__in=chunk, course_id__in=course_ids)
            .values_list("user_id", "course_id", "status")
        ):
            status[user_id, course_id] = value
    for row in valid:
        if row.person is None:
            row.outcome = "invite"
            continue
        found = status.get((row.person.id, row.course.id))
        if found is None:
            row.outcome = "enrol"
        elif found == Enrollment.Status.COMPLETED:
            row.outcome = "completed"
        else:
            row.outcome = "update"


def assignment_file_check(
    *,
    scope: OrganisationScope,
    data: bytes,
    default_course: CoursePage | None,
    default_due_date: date | None,
) -> ImportPreview:
    """What importing the file would do, row by row, for a manager of ``scope``: errors, or
    enrol, update, completed or invite. Read only; the import runs it again before writing."""
    try:
        parsed = csv_import.parse(data)
    except csv_import.CsvFileError as error:
        return ImportPreview(file_errors=[error.message])
    lookups = Lookups(
        courses=_course_lookups(parsed.rows),
        people=_people_lookups(scope, parsed.rows),
        units=_unit_lookups(scope, parsed.rows),
    )
    default = (
        CourseRef(id=default_course.pk, title=default_course.title, live=default_course.live)
        if default_course is not None
        else None
    )
    rows = csv_import.check_rows(
        parsed.rows,
        lookups=lookups,
        today=timezone.localdate(),
        default_course=default,
        default_due_date=default_due_date,
    )
    _fill_outcomes(rows)
    return ImportPreview(
        rows=rows, delimiter_name=parsed.delimiter_name, ignored_headers=parsed.ignored_headers
    )
