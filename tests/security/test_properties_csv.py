"""Property tests of the assignment CSV reader (``enrolments.csv_import``): any bytes give rows
or one clear message, never an exception; the same rows written the ways Excel and others
write them (UTF-8, with a BOM, UTF-16, cp1252; comma, semicolon, tab, bar; CRLF or LF;
any header alias, any column order) read as the same rows."""

import csv
import io
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from enrolments import csv_import
from enrolments.csv_import import CsvFileError, CsvRow, Lookups, check_rows, parse
from tests.security.fuzz_payloads import CSV_FILES


@given(st.binary(max_size=2_000) | st.sampled_from(list(CSV_FILES.values())))
@example(b"email," + b"x" * 140_000 + b"\r\na@example.org\r\n")
@example(b'email;course\r\n"a@example.org;x\r\n')
def test_any_bytes_give_rows_or_a_clear_message(data):
    try:
        parsed = parse(data)
    except CsvFileError as error:
        assert error.message.strip()
        return

    assert parsed.rows
    assert "email" in parsed.columns
    checked = check_rows(parsed.rows, lookups=Lookups(), today=date(2026, 1, 1))
    assert [row.number for row in checked] == [row.number for row in parsed.rows]
    assert all(row.errors for row in checked)  # nothing is known, so nothing may pass


@given(st.text(max_size=300))
def test_any_text_in_any_encoding_gives_rows_or_a_clear_message(text):
    for data in (text.encode("utf-8"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode()):
        try:
            parse(data)
        except CsvFileError as error:
            assert error.message.strip()


# --- the same rows, written many ways ---------------------------------------------------------

_cell_chars = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x00"
)
cell = (
    st.text(alphabet=_cell_chars | st.sampled_from(",;|\t\"'"), max_size=15)
    .map(str.strip)
)  # fmt: skip
email = st.emails().map(str.lower) | cell.filter(bool)
HEADERS = {  # each alias as written, and as a person types it: "DUE DATE"
    column: sorted(aliases) + [alias.upper().replace("_", " ") for alias in sorted(aliases)]
    for column, aliases in csv_import.HEADER_ALIASES.items()
}


@st.composite
def sheets(draw):
    # With one column a file has no delimiter to find; every delimiter reads it alike.
    columns = ["email"] + draw(
        st.lists(
            st.sampled_from(["course", "due_date", "full_name", "unit"]), min_size=1, unique=True
        )
    )
    columns = draw(st.permutations(columns))
    headers = [draw(st.sampled_from(HEADERS[column])) for column in columns]
    rows = draw(
        st.lists(st.fixed_dictionaries({c: email if c == "email" else cell for c in columns}),
                 min_size=1, max_size=8)
    )  # fmt: skip
    return columns, headers, rows


def _written(headers, rows, columns, *, delimiter, newline) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(headers)
    writer.writerows([[row[c] for c in columns] for row in rows])
    return out.getvalue()


def _encodings(text: str) -> dict[str, bytes]:
    variants = {
        "utf-8": text.encode("utf-8"),
        "utf-8 with BOM": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16 (Excel's Unicode text)": text.encode("utf-16"),
    }
    try:
        ansi = text.encode("cp1252")
    except UnicodeEncodeError:
        return variants
    # A cp1252 file that is also valid UTF-8 is read as UTF-8, as documented: only test
    # files that tell the two apart.
    try:
        ansi.decode("utf-8")
    except UnicodeDecodeError:
        variants["cp1252"] = ansi
    return variants


@settings(max_examples=50)  # each example parses four files
@given(
    sheets(),
    st.sampled_from(csv_import.DELIMITERS),
    st.sampled_from(["\r\n", "\n"]),
)
def test_the_same_rows_read_the_same_whatever_the_encoding_and_delimiter(sheet, delimiter, newline):
    columns, headers, rows = sheet
    text = _written(headers, rows, columns, delimiter=delimiter, newline=newline)
    expected = [
        CsvRow(number=number, **row)
        for number, row in enumerate(rows, start=2)
        if any(value.strip() for value in row.values())
    ]

    for name, data in _encodings(text).items():
        parsed = parse(data)

        assert parsed.delimiter == delimiter, name
        assert parsed.rows == expected, name
        assert sorted(parsed.columns) == sorted(columns), name
