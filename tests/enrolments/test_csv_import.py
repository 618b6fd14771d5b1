"""Reading an assignments CSV as managers' spreadsheets write it, and the checks of each row:
pure functions, no database."""

from datetime import date

import pytest

from enrolments import csv_import
from enrolments.csv_import import (
    CourseRef,
    CsvFileError,
    CsvRow,
    Lookups,
    PersonRef,
    UnitRef,
    check_rows,
    parse,
    parse_date,
)
from tests.factories.assignments import csv_bytes

TODAY = date(2026, 11, 28)
BORDER = CourseRef(id=10, title="Border basics", live=True)
DRAFT = CourseRef(id=11, title="Draft course", live=False)
COUNTER = CourseRef(id=14, title="Counter-trafficking", live=True)
LOOKUPS = Lookups(
    courses={
        "border-basics": BORDER,
        "10": BORDER,
        "draft": DRAFT,
        "twin": (12, 13),
        "counter-trafficking": COUNTER,
    },
    people={
        "amina@example.org": PersonRef(id=1, in_scope=True, is_active=True),
        "outsider@example.org": PersonRef(id=2, in_scope=False, is_active=True),
        "gone@example.org": PersonRef(id=3, in_scope=True, is_active=False),
    },
    units={
        "airport-unit": UnitRef(id=5, code="airport-unit", in_scope=True),
        "land-border-unit": UnitRef(id=7, code="land-border-unit", in_scope=True),
        "labour": UnitRef(id=6, code="labour", in_scope=False),
    },
)


def _check(*rows, **kwargs):
    kwargs.setdefault("today", TODAY)
    return check_rows(list(rows), lookups=LOOKUPS, **kwargs)


# --- decoding, delimiter, header -------------------------------------------------------


def test_a_utf8_file_with_a_bom_reads_its_first_header():
    data = csv_bytes([["amina@example.org", "border-basics", "2026-12-31", "Amina", ""]], bom=True)

    parsed = parse(data)

    assert parsed.columns == ["email", "course", "due_date", "full_name", "unit"]
    assert parsed.rows == [
        CsvRow(number=2, email="amina@example.org", course="border-basics", due_date="2026-12-31",
               full_name="Amina", unit="")
    ]  # fmt: skip


def test_an_excel_ansi_file_with_semicolons_and_french_headers_is_read():
    data = csv_bytes(
        [["elodie@example.org", "border-basics", "31/12/2026", "Élodie Müller", "airport-unit"]],
        header=("Courriel", "Cours", "Échéance", "Nom complet", "Unité"),
        delimiter=";",
        encoding="cp1252",
    )

    parsed = parse(data)

    assert parsed.delimiter == ";"
    assert parsed.rows[0].full_name == "Élodie Müller"
    assert parsed.rows[0].due_date == "31/12/2026"
    assert parsed.rows[0].unit == "airport-unit"


def test_excel_unicode_text_utf16_with_tabs_is_read():
    data = csv_bytes(
        [["nadia@example.org", "border-basics", "2026-12-31", "نادية", ""]],
        delimiter="\t",
        encoding="utf-16",
    )

    parsed = parse(data)

    assert parsed.delimiter == "\t"
    assert parsed.rows[0].full_name == "نادية"


def test_headers_are_case_insensitive_and_unknown_columns_are_listed():
    data = b"  EMAIL ,Due Date,Notes\r\namina@example.org,2026-12-31,first intake\r\n"

    parsed = parse(data)

    assert parsed.columns == ["email", "due_date"]
    assert parsed.ignored_headers == ["Notes"]
    assert parsed.rows[0].due_date == "2026-12-31"


def test_a_wrong_delimiter_says_which_was_detected_and_what_headers_were_read():
    data = b"email:course:due_date\r\namina@example.org:border-basics:2026-12-31\r\n"

    with pytest.raises(CsvFileError) as error:
        parse(data)

    assert "No “email” column" in error.value.message
    assert "comma (“,”)" in error.value.message
    assert "“email:course:due_date”" in error.value.message


def test_a_header_without_an_email_column_is_refused():
    with pytest.raises(CsvFileError, match="No “email” column"):
        parse(b"name;course\r\nAmina;border-basics\r\n")


def test_two_email_columns_are_refused():
    with pytest.raises(CsvFileError, match="two email columns"):
        parse(b"email,courriel\r\na@example.org,b@example.org\r\n")


@pytest.mark.parametrize("data", [b"", b"\r\n  \r\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(CsvFileError, match="The file is empty"):
        parse(data)


def test_a_header_without_rows_is_refused():
    with pytest.raises(CsvFileError, match="no rows"):
        parse(b"email,course\r\n,\r\n,,\r\n")


def test_an_excel_workbook_is_refused_with_what_to_do():
    with pytest.raises(CsvFileError, match="Excel workbook.*Save As"):
        parse(b"PK\x03\x04\x14\x00\x06\x00 rest of a zip")


@pytest.mark.parametrize("data", [b"email\r\n\x81\x8d\x8f\x90\r\n", b"e\x00m\x00a\x00i\x00l\x00"])
def test_bytes_that_are_not_text_are_refused(data):
    with pytest.raises(CsvFileError, match="not readable text"):
        parse(data)


def test_a_file_over_5_mb_is_refused():
    data = b"email\r\n" + b"a" * csv_import.MAX_BYTES

    with pytest.raises(CsvFileError, match="larger than 5 MB"):
        parse(data)


def test_more_than_50000_rows_are_refused():
    data = b"email\r\n" + b"a@example.org\r\n" * (csv_import.MAX_ROWS + 1)

    with pytest.raises(CsvFileError, match="more than 50,000 rows"):
        parse(data)


def test_row_numbers_are_the_spreadsheet_rows_blank_rows_skipped():
    data = (
        b"email,full_name\r\n"
        b"a@example.org,A\r\n"
        b",\r\n"
        b'b@example.org,"Name on\r\ntwo lines"\r\n'
        b"c@example.org,C\r\n"
    )

    rows = parse(data).rows

    assert [(row.number, row.email) for row in rows] == [
        (2, "a@example.org"),
        (4, "b@example.org"),
        (5, "c@example.org"),
    ]


def test_a_single_email_column_is_read_whatever_the_delimiter():
    rows = parse(b"email\na@example.org\nb@example.org\n").rows

    assert [row.email for row in rows] == ["a@example.org", "b@example.org"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-12-31", date(2026, 12, 31)),
        ("31/12/2026", date(2026, 12, 31)),
        ("01/02/2027", date(2027, 2, 1)),  # day first, as the brief and Europe write it
        ("31.12.2026", date(2026, 12, 31)),
        ("2026-12-31 00:00:00", date(2026, 12, 31)),
    ],
)
def test_dates_iso_or_day_first(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["12/31/2026", "2026-02-30", "next friday", "31-12-2026"])
def test_other_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_date(value)


# --- checking rows ---------------------------------------------------------------------


def test_a_good_row_has_no_errors():
    (row,) = _check(CsvRow(2, "Amina@Example.org ", "Border-Basics", "2026-12-31"))

    assert row.errors == []
    assert row.email == "amina@example.org"
    assert row.course == BORDER
    assert row.due_date == date(2026, 12, 31)
    assert not row.is_invitation


def test_a_bad_email_is_an_error_of_its_row():
    rows = _check(
        CsvRow(2, "amina@example.org", "border-basics", "2026-12-31"),
        CsvRow(3, "amina.example.org", "border-basics", "2026-12-31"),
        CsvRow(4, "", "border-basics", "2026-12-31"),
    )

    assert [row.errors for row in rows] == [
        [],
        ["“amina.example.org” is not a valid email address."],
        ["The email address is missing."],
    ]


def test_unknown_unpublished_and_ambiguous_courses_are_errors():
    rows = _check(
        CsvRow(2, "amina@example.org", "no-such-course", "2026-12-31"),
        CsvRow(3, "amina@example.org", "draft", "2026-12-31"),
        CsvRow(4, "amina@example.org", "twin", "2026-12-31"),
        CsvRow(5, "amina@example.org", "10", "2026-12-31"),
    )

    assert rows[0].errors == ["Unknown course “no-such-course”."]
    assert rows[1].errors == ["The course “Draft course” is not published."]
    assert rows[2].errors == ["Several courses are called “twin”: use the page id (12, 13)."]
    assert rows[3].errors == [] and rows[3].course == BORDER


def test_the_forms_course_and_due_date_fill_empty_cells_and_cells_win():
    rows = _check(
        CsvRow(2, "amina@example.org", "", ""),
        CsvRow(3, "amina@example.org", "draft", "2027-01-15"),
        default_course=CourseRef(id=20, title="Counter-trafficking", live=True),
        default_due_date=date(2026, 12, 1),
    )

    assert (rows[0].course.id, rows[0].due_date) == (20, date(2026, 12, 1))
    assert (rows[1].course, rows[1].due_date) == (DRAFT, date(2027, 1, 15))


def test_a_row_without_course_or_due_date_and_no_default_is_an_error():
    (row,) = _check(CsvRow(2, "amina@example.org", "", ""))

    assert row.errors == [
        "No course: fill the course column or choose a course for all rows.",
        "No due date: fill the due_date column or choose a due date for all rows.",
    ]


def test_bad_and_past_dates_are_errors():
    rows = _check(
        CsvRow(2, "amina@example.org", "border-basics", "31/13/2026"),
        CsvRow(3, "amina@example.org", "draft", "2026-11-27"),
        CsvRow(4, "amina@example.org", "counter-trafficking", "2026-11-28"),  # today: fine
    )

    assert rows[0].errors == ["“31/13/2026” is not a date: write it as YYYY-MM-DD or DD/MM/YYYY."]
    assert "The due date 2026-11-27 is in the past." in rows[1].errors
    assert rows[2].errors == []


def test_the_later_of_two_duplicate_rows_is_flagged():
    rows = _check(
        CsvRow(2, "amina@example.org", "border-basics", "2026-12-31"),
        CsvRow(3, "AMINA@example.org", "10", "2027-01-31"),  # the same course by its id
        CsvRow(4, "amina@example.org", "draft", "2026-12-31"),  # another course: fine
    )

    assert rows[0].errors == []
    assert rows[1].errors == ["The same person and course as row 2."]
    assert "The same person and course as row 2." not in rows[2].errors


def test_a_person_outside_the_scope_is_not_in_your_organisation_and_nothing_more():
    (row,) = _check(CsvRow(2, "outsider@example.org", "border-basics", "2026-12-31"))

    assert row.errors == ["This person is not in your organisation."]


def test_a_disabled_account_is_an_error():
    (row,) = _check(CsvRow(2, "gone@example.org", "border-basics", "2026-12-31"))

    assert row.errors == ["This person's account is disabled."]


def test_an_unknown_email_is_invited_into_the_rows_unit():
    (row,) = _check(
        CsvRow(2, "new@example.org", "border-basics", "2026-12-31", "New Person", "Airport-Unit")
    )

    assert row.errors == []
    assert row.is_invitation
    assert row.unit.id == 5


def test_an_unknown_email_needs_a_unit():
    (row,) = _check(CsvRow(2, "new@example.org", "border-basics", "2026-12-31"))

    assert len(row.errors) == 1
    assert row.errors[0].startswith("Nobody has this email address yet: give their unit code")


@pytest.mark.parametrize("code", ["labour", "no-such-unit"])
def test_a_unit_outside_the_scope_reads_as_an_unknown_unit(code):
    (row,) = _check(CsvRow(2, "new@example.org", "border-basics", "2026-12-31", "", code))

    assert row.errors == [f"“{code}” is not a unit of your organisation."]


def test_one_new_person_with_two_units_is_an_error():
    rows = _check(
        CsvRow(2, "new@example.org", "border-basics", "2026-12-31", "", "airport-unit"),
        CsvRow(3, "new@example.org", "counter-trafficking", "2026-12-31", "", "land-border-unit"),
        CsvRow(4, "new@example.org", "draft", "2026-12-31", "", "airport-unit"),
    )

    assert rows[1].errors == ["Row 2 gives this person another unit."]
    assert rows[2].errors == ["The course “Draft course” is not published."]


def test_every_error_of_a_row_is_said_at_once():
    (row,) = _check(CsvRow(2, "bad", "x", "32/01/2020", "", "labour"))

    assert row.errors == [
        "“bad” is not a valid email address.",
        "Unknown course “x”.",
        "“32/01/2020” is not a date: write it as YYYY-MM-DD or DD/MM/YYYY.",
        "“labour” is not a unit of your organisation.",
    ]
