"""Reading an assignments CSV: decoding, the delimiter, headers, and the checks of each row.

Pure: no database. The service looks up the courses, people and units a file names (a fixed
number of queries per batch of rows) and passes them in as ``Lookups``; everything a
manager may get wrong is then said here, per row, with the row number Excel shows.

Files come from Excel as often as from anywhere else: UTF-8 with a BOM, cp1252 ("ANSI"),
or UTF-16 ("Unicode text", tab-separated), with ";" as the delimiter in many locales.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_LINES = 2 * MAX_ROWS  # rows of empty cells included: Excel leaves some at the end
MAX_COLUMNS = 200
HEADER_SAMPLE_CHARS = 64 * 1024
MAX_NAME_LENGTH = 200
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {
    ",": gettext_lazy("comma"),
    ";": gettext_lazy("semicolon"),
    "\t": gettext_lazy("tab"),
    "|": gettext_lazy("vertical bar"),
}

# Normalised header (lower case, no accents, "_" for spaces and dashes) -> column.
HEADER_ALIASES = {
    "email": {
        "email", "e_mail", "mail", "email_address", "e_mail_address",
        "courriel", "adresse_email", "adresse_e_mail", "adresse_electronique",
        "correo", "correo_electronico", "correo_e",
    },
    "course": {"course", "course_slug", "course_id", "cours", "formation", "curso"},
    "due_date": {
        "due_date", "due", "due_on", "deadline",
        "date_limite", "echeance", "date_d_echeance",
        "fecha_limite", "fecha_de_vencimiento", "vencimiento",
    },
    "full_name": {
        "full_name", "name", "nom", "nom_complet", "prenom_nom", "nombre", "nombre_completo",
    },
    "unit": {
        "unit", "unit_code", "organisation", "organization", "organisation_code",
        "unite", "code_unite", "unidad", "codigo_unidad",
    },
}  # fmt: skip
COLUMNS = tuple(HEADER_ALIASES)


class CsvFileError(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CsvRow:
    number: int  # as Excel numbers it: the header is row 1
    email: str = ""
    course: str = ""
    due_date: str = ""
    full_name: str = ""
    unit: str = ""


@dataclass
class ParsedCsv:
    delimiter: str
    columns: list[str]  # the recognised columns, in file order
    ignored_headers: list[str]
    rows: list[CsvRow]

    @property
    def delimiter_name(self) -> str:
        return str(DELIMITER_NAMES.get(self.delimiter, self.delimiter))


# --- decoding and parsing ---------------------------------------------------------------


def decode(data: bytes) -> str:
    """The text of an upload, whichever of the encodings Excel writes it is in."""
    if data.startswith(b"PK\x03\x04"):
        raise CsvFileError(
            _(
                "This is an Excel workbook, not a CSV file. In Excel, choose File → Save As → "
                "“CSV UTF-8 (comma delimited)” and upload that file."
            )
        )
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            text = data.decode("utf-8-sig")
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise CsvFileError(
            _("The file is not readable text. Save it as CSV (UTF-8) and upload it again.")
        )
    return text.lstrip("\ufeff")


def normalise_header(value: str) -> str:
    value = unicodedata.normalize("NFKD", value.strip().strip("\ufeff").lower())
    value = "".join(c for c in value if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’.]+", "_", value).strip("_")


def _column_of(header: str) -> str | None:
    normalised = normalise_header(header)
    for column, aliases in HEADER_ALIASES.items():
        if normalised in aliases:
            return column
    return None


def _first_line(text: str) -> str:
    """The first line with anything on it, read from the start of the file only: a header
    is short, and a "line" of megabytes is not one."""
    for line in text[:HEADER_SAMPLE_CHARS].splitlines():
        if line.strip():
            return line
    return ""


def _cells(line: str, delimiter: str) -> list[str]:
    """A cell past the csv module's size limit reads as no cells here; ``parse`` then
    reports the row it cannot read."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def detect_delimiter(text: str) -> str:
    """The delimiter that makes the header name an email column; else the one that splits
    the header into the most cells; else a comma.

    Only the header line is read, and only its first ``MAX_COLUMNS`` cells: the work is
    linear in a bounded sample. ``csv.Sniffer`` is not used: its guess is quadratic in the
    text (60 KB of `,"` kept a worker busy for 19 seconds)."""
    header = _first_line(text)
    cells = {d: _cells(header, d)[:MAX_COLUMNS] for d in DELIMITERS}
    matching = [d for d in DELIMITERS if any(_column_of(cell) == "email" for cell in cells[d])]
    if len(matching) == 1:
        return matching[0]
    if len(matching) > 1:  # a single-column header: any delimiter reads it
        counts = {d: header.count(d) for d in matching}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","
    # No email column: the file is refused, and the message shows the headers as read.
    widest = max(DELIMITERS, key=lambda d: len(cells[d]))  # the first of equals: a comma
    return widest


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB. Split it into smaller files.") % {
        "mb": MAX_BYTES // (1024 * 1024)
    }


def parse(data: bytes) -> ParsedCsv:
    """Decode and split a file into rows; raise ``CsvFileError`` for a file that cannot be
    used at all (too large, not text, empty, no email column, too many rows)."""
    if len(data) > MAX_BYTES:
        raise CsvFileError(too_large_message())
    text = decode(data)
    if not text.strip():
        raise CsvFileError(_("The file is empty."))
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header, header_number = _read_header(reader)
        index = _header_index(header, delimiter)
        rows = _read_rows(reader, index, header_number)
    except csv.Error as error:
        raise CsvFileError(
            _("Row %(row)s cannot be read: %(error)s.") % {"row": reader.line_num, "error": error}
        ) from None
    if not rows:
        raise CsvFileError(_("The file has a header but no rows to import."))
    ignored = [h.strip() for i, h in enumerate(header) if h.strip() and i not in index.values()]
    columns = sorted(index, key=index.get)
    return ParsedCsv(delimiter=delimiter, columns=columns, ignored_headers=ignored, rows=rows)


def _read_header(reader) -> tuple[list[str], int]:
    for number, cells in enumerate(reader, start=1):
        if any(cell.strip() for cell in cells):
            while not cells[-1].strip():
                cells.pop()  # Excel's empty columns to the right
            if len(cells) > MAX_COLUMNS:
                raise CsvFileError(
                    _(
                        "The header has more than %(max)s columns. Keep the columns email, "
                        "course, due_date, full_name and unit, and remove the others."
                    )
                    % {"max": MAX_COLUMNS}
                )
            return cells, number
        if number >= MAX_LINES:
            break
    raise CsvFileError(_("The file is empty."))


def _header_index(header: list[str], delimiter: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        column = _column_of(cell)
        if column is None:
            continue
        if column in index:
            raise CsvFileError(
                _("The header has two %(column)s columns (“%(a)s” and “%(b)s”).")
                % {"column": column, "a": header[index[column]].strip(), "b": cell.strip()}
            )
        index[column] = position
    if "email" not in index:
        raise CsvFileError(
            _(
                "No “email” column. The file was read with %(name)s (“%(delimiter)s”) as the "
                "delimiter and these headers: %(headers)s. The first row must name the columns "
                "email, course, due_date, full_name and unit, separated by commas or semicolons."
            )
            % {
                "name": DELIMITER_NAMES.get(delimiter, delimiter),
                "delimiter": delimiter.replace("\t", "\\t"),
                "headers": ", ".join(f"“{h.strip()}”" for h in header[:10]) or "—",
            }
        )
    return index


def _read_rows(reader, index: dict[str, int], header_number: int) -> list[CsvRow]:
    rows = []
    for number, cells in enumerate(reader, start=header_number + 1):
        if number > MAX_LINES:
            raise _too_many_rows()
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves rows of empty cells (";;;;") at the end
        if len(rows) == MAX_ROWS:
            raise _too_many_rows()
        values = {
            column: (cells[position].strip() if position < len(cells) else "")
            for column, position in index.items()
        }
        rows.append(CsvRow(number=number, **values))
    return rows


def _too_many_rows() -> CsvFileError:
    return CsvFileError(
        _("The file has more than %(max)s rows. Split it into smaller files.")
        % {"max": f"{MAX_ROWS:,}"}
    )


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
