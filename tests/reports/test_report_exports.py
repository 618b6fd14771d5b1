"""Exports: the same columns as on screen, in CSV (streamed, UTF-8 with a byte-order mark,
formula-safe) and XLSX (typed cells); above the inline limit, an XLSX built in the
background and offered when ready, to the person who asked only."""

import datetime
import io
import time

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from openpyxl import load_workbook

from accounts.services import user_place_in_unit, user_update_profile
from courses.services import enrollment_create
from reports import exports
from reports.services import exports as export_files
from tests.factories.accounts import UserFactory
from tests.factories.reports import (
    csv_table,
    screen_table,
    xlsx_table,
)

REPORTS = [
    "reports_course_completion",
    "reports_unit_completion",
    "reports_learner_progress",
    "reports_overdue",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize("name", REPORTS)
def test_csv_and_xlsx_have_the_screen_columns_and_rows(client, world, name):
    client.force_login(world.manager_a)
    headings, rows = screen_table(client.get(reverse(name)))

    csv_response = client.get(reverse(name), {"export": "csv"})
    xlsx_response = client.get(reverse(name), {"export": "xlsx"})

    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in csv_response["Content-Disposition"]
    assert xlsx_response["Content-Type"] == XLSX
    in_csv, in_xlsx = csv_table(csv_response), xlsx_table(xlsx_response.content)
    assert in_csv[0] == headings
    assert in_xlsx[0] == headings
    assert len(in_csv) - 1 == len(in_xlsx) - 1 == len(rows) > 0
    assert [row[0] for row in in_csv[1:]] == [row[0] for row in rows]


@pytest.mark.parametrize("name", ["reports_learner_progress", "reports_overdue"])
def test_exported_progress_and_scores_match_the_screen(client, world, name):
    """Pages bulk-load progress and scores per page, exports compute them for every row in
    one statement: both must give the same figures."""
    client.force_login(world.admin)
    headings, rows = screen_table(client.get(reverse(name)))

    table = csv_table(client.get(reverse(name), {"export": "csv"}))

    def comparable(row):
        return [cell.removesuffix(".0") if cell else "—" for cell in row]

    numeric = [i for i, h in enumerate(headings) if "(%)" in h or h == "Days overdue"]
    assert [[row[i] for i in numeric] for row in rows] == [
        [comparable(row)[i] for i in numeric] for row in table[1:]
    ]


def test_exports_follow_the_filters(client, world):
    client.force_login(world.manager_a)
    query = {"course": world.course_y.pk, "export": "csv"}

    table = csv_table(client.get(reverse("reports_learner_progress"), query))

    assert [(row[0], row[3]) for row in table[1:]] == [
        ("Alice Airport", "Course Y"),
        ("Carol Land", "Course Y"),
    ]


def test_xlsx_cells_are_typed(client, world):
    client.force_login(world.manager_a)

    table = xlsx_table(client.get(reverse("reports_learner_progress"), {"export": "xlsx"}).content)

    dan = next(row for row in table if row[0] == "Dan Land")
    assert dan[5] == 40 and dan[10] == 50.0
    assert isinstance(dan[6], datetime.datetime | datetime.date)
    courses = xlsx_table(
        client.get(reverse("reports_course_completion"), {"export": "xlsx"}).content
    )
    course_x = next(row for row in courses if row[0] == "Course X")
    assert course_x[2:] == [4, 1, 2, 1, 1, 25.0, 75.0, 1]


def test_csv_neutralises_spreadsheet_formulas(client, world):
    sneaky = UserFactory(email="sneaky@example.org", full_name='=HYPERLINK("http://x.example")')
    user_place_in_unit(user=sneaky, unit=world.airport)
    enrollment_create(user=sneaky, course=world.course_y)
    client.force_login(world.manager_a)

    table = csv_table(client.get(reverse("reports_learner_progress"), {"export": "csv"}))

    cell = next(row[0] for row in table if "HYPERLINK" in row[0])
    assert cell == '\'=HYPERLINK("http://x.example")'
    xlsx = client.get(reverse("reports_learner_progress"), {"export": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    [xlsx_cell] = [c for c in sheet["A"] if "HYPERLINK" in str(c.value)]
    assert xlsx_cell.data_type == "s", "text in the spreadsheet, not a formula"


def test_csv_keeps_arabic_and_accents(client, world):
    user_update_profile(user=world.bob, full_name="بوب الحدود Bób")
    client.force_login(world.manager_a)

    table = csv_table(client.get(reverse("reports_learner_progress"), {"export": "csv"}))

    assert "بوب الحدود Bób" in {row[0] for row in table}


@pytest.fixture
def small_inline_limit(monkeypatch):
    monkeypatch.setattr(exports, "XLSX_INLINE_LIMIT", 3)


def test_large_xlsx_is_built_in_the_background_and_offered(client, world, small_inline_limit):
    client.force_login(world.manager_a)
    url = reverse("reports_learner_progress")

    page = client.get(url, {"export": "xlsx", "status": "not_started"})  # 2 rows: inline
    assert page["Content-Type"] == XLSX
    page = client.get(url, {"export": "xlsx"})  # 6 rows: in the background, on request
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "Prepare the spreadsheet" in page.content.decode()
    assert not storages["private"].exists(export_files.EXPORTS_DIR), "a GET started nothing"

    started = client.post(url + "?export=xlsx")
    assert started.status_code == 302
    html = client.get(url, {"export": "xlsx"}).content.decode()
    assert "Your spreadsheet is ready" in html  # tasks run eagerly in tests
    download = client.get(url, {"export": "xlsx", "download": "1"})
    assert download["Content-Type"] == XLSX
    table = xlsx_table(b"".join(download.streaming_content))
    assert table[0] == screen_table(client.get(url))[0]
    assert len(table) == 7


def test_a_background_export_belongs_to_the_person_who_asked(client, world, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_INLINE_LIMIT", 1)
    url = reverse("reports_learner_progress")
    client.force_login(world.manager_a)
    client.post(url + "?export=xlsx")

    client.force_login(world.manager_b)
    page = client.get(url, {"export": "xlsx", "download": "1"})  # nothing built for B yet
    client.post(url + "?export=xlsx")
    download = client.get(url, {"export": "xlsx", "download": "1"})

    assert page["Content-Type"].startswith("text/html")
    table = xlsx_table(b"".join(download.streaming_content))
    assert {row[0] for row in table[1:]} == {"Erin Integration"}
    a_name = export_files.export_name(user_id=world.manager_a.pk, report="learners", query="")
    b_name = export_files.export_name(user_id=world.manager_b.pk, report="learners", query="")
    assert a_name != b_name and f"/{world.manager_a.pk}/" in a_name


def test_the_background_job_works_out_the_scope_itself(world, tmp_path, settings):
    from reports.services.exports import ExportRefused, report_export_build

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ExportRefused):
        report_export_build(user_id=world.alice.pk, report="learners", query="")
    with pytest.raises(ExportRefused):
        report_export_build(
            user_id=world.manager_a.pk, report="learners", query=f"unit={world.labour.pk}"
        )
    name = report_export_build(user_id=world.manager_b.pk, report="learners", query="")
    with storages["private"].open(name, "rb") as built:
        table = xlsx_table(built.read())
    assert {row[0] for row in table[1:]} == {"Erin Integration"}


def test_building_again_replaces_the_file(client, world, small_inline_limit):
    client.force_login(world.manager_a)
    url = reverse("reports_learner_progress") + "?export=xlsx"
    client.post(url)
    user_update_profile(user=world.bob, full_name="Robert Airport")

    response = client.post(url)

    assert response.status_code == 302
    download = client.get(url + "&download=1")
    names = {row[0] for row in xlsx_table(b"".join(download.streaming_content))}
    assert "Robert Airport" in names and "Bob Airport" not in names


def test_a_failed_background_export_says_so_and_can_be_tried_again(
    client, world, small_inline_limit, monkeypatch
):
    client.force_login(world.manager_a)
    url = reverse("reports_learner_progress") + "?export=xlsx"

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    with monkeypatch.context() as broken:
        broken.setattr(exports, "xlsx_write", disk_full)
        client.post(url)
        failed = client.get(url)
        reloaded = client.get(url)
    retried = client.post(url)
    ready = client.get(url)

    assert "could not be prepared" in failed.content.decode()
    assert "could not be prepared" in reloaded.content.decode(), "no new job on a reload"
    assert retried.status_code == 302
    assert "Your spreadsheet is ready" in ready.content.decode()


def test_export_names_are_per_person_and_filters():
    query = exports.export_query(_query("course=3&unit=2&p=4&export=xlsx"))

    assert query == "course=3&unit=2"
    assert export_files.export_name(
        user_id=1, report="learners", query=query
    ) != export_files.export_name(user_id=2, report="learners", query=query)


def _query(text):
    from django.http import QueryDict

    return QueryDict(text)


def test_built_exports_are_removed_a_day_later(client, world, small_inline_limit):
    client.force_login(world.manager_a)
    url = reverse("reports_learner_progress")
    client.post(url + "?export=xlsx")  # built in the background (eagerly here)
    assert client.get(url, {"export": "xlsx", "download": "1"}).status_code == 200
    a_day_on = time.time() + export_files.EXPORTS_KEPT_FOR + 60

    assert export_files.exports_remove_old(now=time.time()) == 0  # a fresh one stays
    assert export_files.exports_remove_old(now=a_day_on) == 1

    assert storages["private"].listdir(export_files.EXPORTS_DIR) == ([], [])


def test_background_exports_use_only_the_storage_api(
    client, world, settings, tmp_path, small_inline_limit
):
    """The background export runs on any storage: built, offered, downloaded and removed a
    day later through the private storage alone, with no media folder on this machine."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "no-such-folder"
    client.force_login(world.manager_a)
    url = reverse("reports_learner_progress")

    client.post(url + "?export=xlsx")  # 6 rows: built by the job (eagerly here)
    page = client.get(url, {"export": "xlsx"})
    download = client.get(url, {"export": "xlsx", "download": "1"})

    assert "Your spreadsheet is ready" in page.content.decode()
    assert len(xlsx_table(b"".join(download.streaming_content))) == 7
    name = export_files.export_name(user_id=world.manager_a.pk, report="learners", query="")
    assert storages["private"].exists(name)
    assert export_files.exports_remove_old(now=time.time() + export_files.EXPORTS_KEPT_FOR + 60)
    assert not storages["private"].exists(name)
    assert not settings.MEDIA_ROOT.exists()
