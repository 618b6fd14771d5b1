"""Reading an assignments CSV: decoding, the delimiter, headers and rows, with the limits
a file must keep. Pure: no database.

Files come from Excel as often as from anywhere else: UTF-8 with a BOM, cp1252 ("ANSI"),
or UTF-16 ("Unicode text", tab-separated), with ";" as the delimiter in many locales.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

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
