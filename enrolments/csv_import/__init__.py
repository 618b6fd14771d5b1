"""An assignments CSV: ``reading`` turns bytes into rows (decoding, the delimiter, headers,
limits), ``checks`` says what is wrong with each row against what the database holds.

Pure: no database. The selectors look up the courses, people and units a file names (a
fixed number of queries per batch of rows) and pass them in as ``Lookups``; everything a
manager may get wrong is then said here, per row, with the row number Excel shows."""

from enrolments.csv_import.checks import (
    AMBIGUOUS,
    CheckedRow,
    CourseRef,
    Lookups,
    PersonRef,
    UnitRef,
    check_rows,
    course_key,
    normalise_email,
    parse_date,
)
from enrolments.csv_import.reading import (
    COLUMNS,
    DELIMITER_NAMES,
    DELIMITERS,
    HEADER_ALIASES,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_LINES,
    MAX_NAME_LENGTH,
    MAX_ROWS,
    CsvFileError,
    CsvRow,
    ParsedCsv,
    decode,
    detect_delimiter,
    normalise_header,
    parse,
    too_large_message,
)

__all__ = [
    "AMBIGUOUS",
    "COLUMNS",
    "DELIMITERS",
    "DELIMITER_NAMES",
    "HEADER_ALIASES",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_LINES",
    "MAX_NAME_LENGTH",
    "MAX_ROWS",
    "CheckedRow",
    "CourseRef",
    "CsvFileError",
    "CsvRow",
    "Lookups",
    "ParsedCsv",
    "PersonRef",
    "UnitRef",
    "check_rows",
    "course_key",
    "decode",
    "detect_delimiter",
    "normalise_email",
    "normalise_header",
    "parse",
    "parse_date",
    "too_large_message",
]
