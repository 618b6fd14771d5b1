"""Report exports: CSV streamed batch by batch, XLSX written with openpyxl's write-only
mode. Columns and headings are the screen's (``ReportTable.columns``); views keep Wagtail's
``list_export``/``export_headings`` in step with them.

- CSV is always streamed: a batch of rows is read, written and sent before the next is
  read, so memory stays flat whatever the number of rows.
- XLSX up to ``XLSX_INLINE_LIMIT`` rows is built in memory and downloaded at once; above
  it, a Celery job builds the file and the report offers it when ready: building and
  storing that file is ``reports.services.exports``.
"""

import csv
import functools
from collections.abc import Iterable, Iterator
from io import StringIO

from django.http import QueryDict
from django.utils.functional import Promise

XLSX_INLINE_LIMIT = 50_000
CSV_BATCH_ROWS = 2_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


def _decimal(value):
    return "" if value is None else f"{value:.1f}"


def _date(value):
    return "" if value is None else value.isoformat()


def _count(value):
    return value  # csv writes None as an empty cell


CSV_FORMATS = {"text": csv_text, "count": _count, "decimal": _decimal, "date": _date}


def csv_chunks(columns, rows: Iterable[dict]) -> Iterator[str]:
    """The CSV as text chunks: a byte-order mark (so spreadsheets read Arabic and accents as
    UTF-8), the headings, then one chunk per batch of rows. Each column is formatted by its
    kind, decided once, not guessed per cell: a million rows must stay in seconds."""
    plan = [(column.key, CSV_FORMATS[column.kind]) for column in columns]
    buffer = StringIO()
    writer = csv.writer(buffer)
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


def xlsx_write(columns, rows: Iterable[dict], output) -> None:
    """An XLSX workbook (openpyxl's write-only mode: rows go to a temporary file, not to
    memory) with the columns' headings and typed cells: counts and percents are numbers,
    dates are dates. Like Wagtail's ``SpreadsheetExportMixin.write_xlsx``, a text that
    looks like a formula stays text; unlike it, each column's conversion is decided once
    rather than looked up per cell, which makes a million rows minutes faster."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Report")
    sheet.append([str(column.label) for column in columns])
    text_keys = [column.key for column in columns if column.kind == "text"]
    decimal_keys = [column.key for column in columns if column.kind == "decimal"]
    keys = [column.key for column in columns]

    def as_text(value):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        return cell

    for row in rows:
        for key in decimal_keys:
            if row[key] is not None:
                row[key] = round(float(row[key]), 1)
        for key in text_keys:
            value = row[key]
            if value and value[0] == "=":
                row[key] = as_text(value)
        sheet.append([row[key] for key in keys])
    workbook.save(output)


def export_query(params: QueryDict) -> str:
    """The filters that define an export, in a stable order (page and format left out)."""
    kept = QueryDict(mutable=True)
    for key in sorted(params):
        if key not in ("export", "p", "download"):
            kept.setlist(key, sorted(params.getlist(key)))
    return kept.urlencode()
