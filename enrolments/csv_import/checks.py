"""Checking the rows of an assignments CSV against what the database holds (passed in as
``Lookups``): every mistake a manager may make is said per row, with the row number Excel
shows. Pure, like the reading: no database."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from enrolments.csv_import.reading import MAX_NAME_LENGTH, CsvRow

# --- values ----------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
_MIDNIGHT = re.compile(r"^(\S+)\s+00:00(:00)?$")  # what Excel appends to dates sometimes


def parse_date(value: str) -> date:
    """ISO (2026-12-31) or day first (31/12/2026, 31.12.2026); ValueError otherwise."""
    value = value.strip()
    midnight = _MIDNIGHT.match(value)
    if midnight:
        value = midnight.group(1)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def normalise_email(value: str) -> str | None:
    """The address in lower case, or None when it is not an email address."""
    value = value.strip().lower()
    if value.startswith("mailto:"):
        value = value[len("mailto:") :]
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


def course_key(value: str) -> str:
    """How a course is named in a row: a page id ("42"), a slug, or a pasted URL whose last
    part is the slug."""
    value = value.strip().strip("/")
    if "/" in value:
        value = value.rsplit("/", 1)[-1]
    return value.lower()


# --- checking rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class CourseRef:
    id: int
    title: str
    live: bool


@dataclass(frozen=True)
class PersonRef:
    id: int
    in_scope: bool
    is_active: bool


@dataclass(frozen=True)
class UnitRef:
    id: int
    code: str
    in_scope: bool


AMBIGUOUS = "ambiguous"


@dataclass
class Lookups:
    """What the database says about the names in a file, keyed as the file names them:
    courses by ``course_key``, people by lower-case email, units by lower-case code. A course
    key maps to a tuple of page ids when several courses share the slug."""

    courses: dict[str, CourseRef | tuple[int, ...]] = field(default_factory=dict)
    people: dict[str, PersonRef] = field(default_factory=dict)
    units: dict[str, UnitRef] = field(default_factory=dict)


@dataclass
class CheckedRow:
    number: int
    email: str
    full_name: str = ""
    course: CourseRef | None = None
    due_date: date | None = None
    person: PersonRef | None = None  # None: nobody has this address yet; they are invited
    unit: UnitRef | None = None
    errors: list[str] = field(default_factory=list)
    outcome: str = ""  # filled by the service: enrol, invite, update, completed

    @property
    def is_invitation(self) -> bool:
        return self.person is None


def check_rows(
    rows: list[CsvRow],
    *,
    lookups: Lookups,
    today: date,
    default_course: CourseRef | None = None,
    default_due_date: date | None = None,
) -> list[CheckedRow]:
    """Every row with its errors; a file imports only when no row has any."""
    checked = []
    seen_pairs: dict[tuple[str, int], int] = {}
    invited_units: dict[str, tuple[int, int]] = {}  # email -> (unit id, first row)
    for row in rows:
        result = CheckedRow(number=row.number, email=row.email.strip(), full_name=row.full_name)
        email = _check_email(row, result)
        result.course = _check_course(row, result, lookups, default_course)
        result.due_date = _check_due_date(row, result, today, default_due_date)
        result.unit = _check_unit(row, result, lookups)
        if email:
            result.email = email
            _check_person(row, result, lookups, email)
        if len(row.full_name) > MAX_NAME_LENGTH:
            result.errors.append(
                _("The name is longer than %(max)s characters.") % {"max": MAX_NAME_LENGTH}
            )
        if email and result.course:
            first = seen_pairs.setdefault((email, result.course.id), row.number)
            if first != row.number:
                result.errors.append(
                    _("The same person and course as row %(row)s.") % {"row": first}
                )
        if email and result.is_invitation and result.unit:
            unit_id, first_row = invited_units.setdefault(email, (result.unit.id, row.number))
            if unit_id != result.unit.id:
                result.errors.append(
                    _("Row %(row)s gives this person another unit.") % {"row": first_row}
                )
        checked.append(result)
    return checked


def _check_email(row: CsvRow, result: CheckedRow) -> str | None:
    if not row.email.strip():
        result.errors.append(_("The email address is missing."))
        return None
    email = normalise_email(row.email)
    if email is None:
        result.errors.append(_("“%(email)s” is not a valid email address.") % {"email": row.email})
    return email


def _check_course(row, result, lookups, default_course) -> CourseRef | None:
    if not row.course:
        if default_course is None:
            result.errors.append(
                _("No course: fill the course column or choose a course for all rows.")
            )
        elif not default_course.live:
            result.errors.append(
                _("The course “%(title)s” is not published.") % {"title": default_course.title}
            )
        return default_course
    found = lookups.courses.get(course_key(row.course))
    if found is None:
        result.errors.append(_("Unknown course “%(course)s”.") % {"course": row.course})
        return None
    if isinstance(found, tuple):
        result.errors.append(
            _("Several courses are called “%(course)s”: use the page id (%(ids)s).")
            % {"course": row.course, "ids": ", ".join(map(str, found))}
        )
        return None
    if not found.live:
        result.errors.append(_("The course “%(title)s” is not published.") % {"title": found.title})
    return found


def _check_due_date(row, result, today, default_due_date) -> date | None:
    if not row.due_date:
        if default_due_date is None:
            result.errors.append(
                _("No due date: fill the due_date column or choose a due date for all rows.")
            )
        return default_due_date
    try:
        due = parse_date(row.due_date)
    except ValueError:
        result.errors.append(
            _("“%(value)s” is not a date: write it as YYYY-MM-DD or DD/MM/YYYY.")
            % {"value": row.due_date}
        )
        return None
    if due < today:
        result.errors.append(_("The due date %(date)s is in the past.") % {"date": due.isoformat()})
    return due


def _check_unit(row, result, lookups) -> UnitRef | None:
    """A unit outside the scope reads as an unknown one: nothing is said about it."""
    if not row.unit:
        return None
    unit = lookups.units.get(row.unit.strip().lower())
    if unit is None or not unit.in_scope:
        result.errors.append(
            _("“%(unit)s” is not a unit of your organisation.") % {"unit": row.unit}
        )
        return None
    return unit


def _check_person(row, result, lookups, email) -> None:
    person = lookups.people.get(email)
    result.person = person
    if person is None:
        if not row.unit:
            result.errors.append(
                _(
                    "Nobody has this email address yet: give their unit code, so that the "
                    "invitation places them in your organisation."
                )
            )
    elif not person.in_scope:
        result.errors.append(_("This person is not in your organisation."))
    elif not person.is_active:
        result.errors.append(_("This person's account is disabled."))
