"""Exports say what they hold (issue 16, manager 2): above the table, the report, the
filters in words, the units in scope and when the figures were computed, then a blank row;
in XLSX the column headings are bold and frozen, columns have widths, dates are date cells
in the language's short form. ``?bare=1`` gives the CSV table alone."""

import io

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from openpyxl import load_workbook

from accounts.services import user_update_profile
from reports import exports
from tests.factories.reports import (
    csv_rows,
    csv_table,
    export_heading,
    screen_table,
    xlsx_rows,
    xlsx_table,
)

LEARNERS = "reports_learner_progress"


def _today() -> str:
    return formats.date_format(timezone.localdate())


def test_a_csv_export_names_the_report_filters_units_and_time(client, world):
    client.force_login(world.manager_a)
    query = {"course": world.course_y.pk, "status": "overdue", "export": "csv"}

    rows = csv_rows(client.get(reverse(LEARNERS), query))

    heading = export_heading(rows)
    assert heading["Report"] == "Learner progress"
    assert heading["Filters"] == "Course: Course Y; Status: Overdue"
    assert heading["Units"] == "Border Police"
    assert heading["Figures as of"].startswith(_today())
    assert heading["Figures as of"].endswith("(UTC)")
    assert rows[exports.HEADING_ROWS - 1] == []
    assert rows[exports.HEADING_ROWS][0] == "Learner"
    assert [row[0] for row in rows[exports.HEADING_ROWS + 1 :]] == ["Alice Airport"]


def test_the_units_are_the_chosen_unit_or_every_unit(client, world):
    client.force_login(world.manager_a)
    narrowed = xlsx_rows(
        client.get(reverse(LEARNERS), {"unit": world.airport.pk, "export": "xlsx"}).content
    )
    client.force_login(world.admin)
    everything = csv_rows(client.get(reverse("reports_unit_completion"), {"export": "csv"}))

    assert export_heading(narrowed)["Units"] == "Airport Unit"
    assert export_heading(narrowed)["Filters"] == "Unit: Airport Unit"
    assert export_heading(everything) == {
        "Report": "Completion by unit",
        "Filters": "None",
        "Units": "All units",
        "Figures as of": export_heading(everything)["Figures as of"],
    }


def test_a_manager_of_another_ministry_sees_only_their_units_named(client, world):
    client.force_login(world.manager_b)

    heading = export_heading(csv_rows(client.get(reverse(LEARNERS), {"export": "csv"})))

    assert heading["Units"] == "Ministry of Labour"


def test_the_bare_csv_is_the_table_alone(client, world):
    client.force_login(world.manager_a)
    headings, rows = screen_table(client.get(reverse(LEARNERS)))

    bare = csv_rows(client.get(reverse(LEARNERS), {"export": "csv", "bare": "1"}))

    assert bare[0] == headings
    assert len(bare) == len(rows) + 1
    assert bare[1:] == csv_table(client.get(reverse(LEARNERS), {"export": "csv"}))[1:]


def test_the_xlsx_headings_are_bold_and_frozen_with_widths_and_date_cells(client, world):
    client.force_login(world.manager_a)

    content = client.get(reverse(LEARNERS), {"export": "xlsx"}).content

    sheet = load_workbook(io.BytesIO(content)).active
    header_row = exports.HEADING_ROWS + 1
    assert sheet.title == "Learner progress"
    assert sheet.freeze_panes == f"A{header_row + 1}", "the rows scroll under the headings"
    assert all(cell.font.b for cell in sheet[header_row] if cell.value)
    assert sheet["A1"].font.b and sheet["A1"].value == "Report"
    widths = {sheet.cell(header_row, i).value: sheet.column_dimensions[letter].width
              for i, letter in enumerate("ABCDEFGHIJKL", 1)}  # fmt: skip
    assert widths["E-mail"] >= 24 and widths["Enrolled on"] >= 12
    assert widths["Best final-assessment score (%)"] >= len("Best final-assessment score")
    enrolled_on = sheet.cell(header_row + 1, 7)
    assert enrolled_on.is_date and enrolled_on.number_format == "dd/mm/yyyy"
    assert not sheet.sheet_view.rightToLeft


def test_the_heading_is_in_the_page_language(client, world):
    """The admin speaks the manager's preferred language, and so does the export."""
    client.force_login(world.manager_a)

    user_update_profile(user=world.manager_a, preferred_language="fr")
    french = xlsx_rows(client.get(reverse(LEARNERS), {"export": "xlsx"}).content)
    user_update_profile(user=world.manager_a, preferred_language="ar")
    arabic = client.get(reverse(LEARNERS), {"export": "xlsx"})

    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août")
    months += ("septembre", "octobre", "novembre", "décembre")
    assert french[0][0] == "Rapport"
    assert any(month in french[3][1] for month in months)
    assert load_workbook(io.BytesIO(arabic.content)).active.sheet_view.rightToLeft


def test_heading_cells_are_inert_in_a_spreadsheet(client, world):
    world.airport.name = "=HYPERLINK(1)"
    world.airport.save(update_fields=["name"])
    client.force_login(world.manager_a)
    query = {"unit": world.airport.pk, "export": "csv"}

    heading = export_heading(csv_rows(client.get(reverse(LEARNERS), query)))

    assert heading["Units"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("name", [LEARNERS, "reports_course_completion"])
def test_a_background_xlsx_has_the_heading_too(client, world, monkeypatch, name):
    monkeypatch.setattr(exports, "XLSX_INLINE_LIMIT", 1)
    client.force_login(world.manager_a)
    url = reverse(name)

    client.post(url + "?export=xlsx")
    download = client.get(url, {"export": "xlsx", "download": "1"})

    if name == LEARNERS:  # only enrolment reports pass the limit
        content = b"".join(download.streaming_content)
    else:
        content = download.content
    assert export_heading(xlsx_rows(content))["Units"] == "Border Police"
    assert xlsx_table(content)[0] == screen_table(client.get(url))[0]
