"""Report exports: CSV streamed batch by batch, XLSX written with openpyxl's write-only
mode. Columns and headings are the screen's (``ReportTable.columns``); views keep Wagtail's
``list_export``/``export_headings`` in step with them.

- Both start with a heading block (``ExportHeading``): the report, the filters, the units
  and when the figures were computed, in ``HEADING_ROWS`` rows whatever the filters (the
  last one blank), so that a program skips a known number of rows; ``?bare=1`` gives a CSV
  without it, as before issue 16.
- CSV is always streamed: a batch of rows is read, written and sent before the next is
  read, so memory stays flat whatever the number of rows. Dates are ISO 8601.
- XLSX up to ``XLSX_INLINE_LIMIT`` rows is built in memory and downloaded at once; above
  it, a Celery job builds the file and the report offers it when ready: building and
  storing that file is ``reports.services.exports``. Bold column headings frozen under the
  heading block, column widths by kind, dates as date cells in the language's short form.
"""

import csv
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from io import StringIO

from django.http import QueryDict
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

XLSX_INLINE_LIMIT = 50_000
CSV_BATCH_ROWS = 2_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADING_ROWS = 5  # report, filters, units, figures as of, a blank row


def csv_text(value, prefixes=FORMULA_PREFIXES):
    """A learner's name like ``=HYPERLINK(...)`` must stay text when the CSV is opened in a
    spreadsheet (OWASP "CSV injection"): a leading quote makes it so. XLSX cells are typed
    instead (``xlsx_write``). Every CSV Waypoint writes goes through here: the reports'
    (``csv_chunks``) and Wagtail's (``make_wagtail_csv_exports_inert``)."""
    if value is None:
        return ""
    return "'" + value if value.startswith(prefixes) else value


def make_wagtail_csv_exports_inert() -> None:
    """Wagtail's spreadsheet exports (issued certificates and any other snippet or model
    listing with ``list_export``, site history, aging and locked pages, workflow reports,
    redirects, form submissions) all format their cells through
    ``SpreadsheetExportMixin.preprocess_field_value``: wrapped here once, at start-up
    (``reports.apps``), so that every text cell of their CSVs passes through ``csv_text``.
    One place covers the views Wagtail registers itself, which no subclass could reach.

    XLSX needs nothing: openpyxl types a string as text unless it starts with "=", which
    Wagtail types back as text (``generate_xlsx_row``), and a spreadsheet never evaluates
    a text cell. Headings are left as they are: they are field labels, not people's input."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "makes_csv_inert", False):
        return

    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str | Promise):
            return csv_text(str(value))
        return value

    preprocess_field_value.makes_csv_inert = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


@dataclass(frozen=True)
class ExportHeading:
    """What a downloaded report says about itself above its table: a file forwarded to a
    ministry must say which report, for which units, filtered how, and as of when."""

    report: str
    filters: list[tuple[str, str]]  # (label, value) of each filter applied, in words
    units: list[str]  # the units in scope; empty: every unit (administrators)
    as_of: datetime

    def rows(self) -> list[list[str]]:
        """``HEADING_ROWS`` rows of (label, value), in the active language; the last one
        blank."""
        filters = "; ".join(f"{label}: {value}" for label, value in self.filters)
        as_of = timezone.localtime(self.as_of)
        return [
            [_("Report"), str(self.report)],
            [_("Filters"), filters or _("None")],
            [_("Units"), ", ".join(self.units) or _("All units")],
            [
                _("Figures as of"),
                f"{formats.date_format(as_of, 'DATETIME_FORMAT')} ({as_of.tzname()})",
            ],
            [],
        ]


def _decimal(value):
    return "" if value is None else f"{value:.1f}"


def _date(value):
    return "" if value is None else value.isoformat()


def _count(value):
    return value  # csv writes None as an empty cell


CSV_FORMATS = {"text": csv_text, "count": _count, "decimal": _decimal, "date": _date}


def csv_chunks(
    columns, rows: Iterable[dict], heading: ExportHeading | None = None
) -> Iterator[str]:
    """The CSV as text chunks: a byte-order mark (so spreadsheets read Arabic and accents as
    UTF-8), the heading block (unless ``heading`` is None), the column headings, then one
    chunk per batch of rows. Each column is formatted by its kind, decided once, not
    guessed per cell: a million rows must stay in seconds."""
    plan = [(column.key, CSV_FORMATS[column.kind]) for column in columns]
    buffer = StringIO()
    writer = csv.writer(buffer)
    if heading is not None:
        writer.writerows([[csv_text(cell) for cell in row] for row in heading.rows()])
    writer.writerow([str(column.label) for column in columns])
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    pending = 0
    for row in rows:
        writer.writerow([format_(row[key]) for key, format_ in plan])
        pending += 1
        if pending == CSV_BATCH_ROWS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending:
        yield buffer.getvalue()


# Column widths in characters, by kind, never narrower than the heading (up to a limit).
XLSX_WIDTHS = {"text": 24, "count": 10, "decimal": 10, "date": 12}
XLSX_WIDEST_HEADING = 32
# Django's date letters and the spreadsheet's (the short date of the language).
_EXCEL_DATE_CODES = {"d": "dd", "j": "d", "m": "mm", "n": "m", "Y": "yyyy", "y": "yy"}


def xlsx_date_format() -> str:
    """The language's ``SHORT_DATE_FORMAT`` as a spreadsheet number format, so date cells
    read as on the report page; ISO 8601 when it uses letters a spreadsheet lacks."""
    parts = []
    for letter in formats.get_format("SHORT_DATE_FORMAT"):
        if letter in _EXCEL_DATE_CODES:
            parts.append(_EXCEL_DATE_CODES[letter])
        elif letter in "/.- ":
            parts.append(letter)
        elif letter == "\u200f":  # a right-to-left mark: the sheet is right to left instead
            continue
        else:
            return "yyyy-mm-dd"
    return "".join(parts)


def _sheet_title(report: str) -> str:
    """A sheet name may not hold []:*?/\\ nor pass 31 characters."""
    title = "".join(" " if c in "[]:*?/\\" else c for c in str(report)).strip()
    return title[:31] or "Report"


def xlsx_write(columns, rows: Iterable[dict], output, heading: ExportHeading | None = None):
    """An XLSX workbook (openpyxl's write-only mode: rows go to a temporary file, not to
    memory): the heading block, the columns' headings in bold and frozen below it, then
    typed cells: counts and percents are numbers, dates are dates. Like Wagtail's
    ``SpreadsheetExportMixin.write_xlsx``, a text that looks like a formula stays text;
    unlike it, each column's conversion is decided once rather than looked up per cell,
    which makes a million rows minutes faster. Right to left in Arabic."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(heading.report if heading else ""))
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    for i, column in enumerate(columns, 1):
        wide = min(len(str(column.label)) + 2, XLSX_WIDEST_HEADING)
        sheet.column_dimensions[get_column_letter(i)].width = max(XLSX_WIDTHS[column.kind], wide)
    bold = Font(bold=True)

    def as_text(value, font=None):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        if font is not None:
            cell.font = font
        return cell

    heading_rows = heading.rows() if heading is not None else []
    # Set before the first row: a write-only sheet writes its views with the first row.
    sheet.freeze_panes = f"A{len(heading_rows) + 2}"  # below the columns' headings
    for row in heading_rows:
        sheet.append([as_text(value, bold if i == 0 else None) for i, value in enumerate(row)])
    sheet.append([as_text(str(column.label), bold) for column in columns])
    text_keys = [column.key for column in columns if column.kind == "text"]
    decimal_keys = [column.key for column in columns if column.kind == "decimal"]
    date_keys = [column.key for column in columns if column.kind == "date"]
    keys = [column.key for column in columns]
    # One styled cell per date column, given each row's value: the sheet writes a cell as
    # it is appended, and a style looked up once costs nothing per row.
    date_cells = {key: WriteOnlyCell(sheet) for key in date_keys}
    for cell in date_cells.values():
        cell.number_format = xlsx_date_format()

    for row in rows:
        for key in decimal_keys:
            if row[key] is not None:
                row[key] = round(float(row[key]), 1)
        for key in text_keys:
            value = row[key]
            if value and value[0] == "=":
                row[key] = as_text(value)
        for key in date_keys:
            if row[key] is not None:
                date_cells[key].value = row[key]
                row[key] = date_cells[key]
        sheet.append([row[key] for key in keys])
    workbook.save(output)


def export_query(params: QueryDict) -> str:
    """The filters that define an export, in a stable order (page and format left out)."""
    kept = QueryDict(mutable=True)
    for key in sorted(params):
        if key not in ("export", "p", "download"):
            kept.setlist(key, sorted(params.getlist(key)))
    return kept.urlencode()
