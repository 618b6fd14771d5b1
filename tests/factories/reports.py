"""Learner histories for the report tests, made through the services a learner's own
actions go through: enrol, complete lessons, take the final assessment, get a certificate."""

from datetime import timedelta

from django.utils import timezone

from assessments.models import Attempt
from assessments.services import attempt_start, attempt_submit, quiz_pass_record
from certificates.services import certificate_issue
from courses.models import CoursePage, Enrollment
from courses.services import enrollment_create, lesson_complete
from tests.factories.assessments import right_answers, wrong_answers
from tests.factories.courses import lessons_of


def days_from_now(days: int):
    return timezone.now() + timedelta(days=days)


def enrol(user, course: CoursePage, *, due_in_days: int | None = None) -> Enrollment:
    due = days_from_now(due_in_days) if due_in_days is not None else None
    return enrollment_create(user=user, course=course, due_at=due)


def do_lessons(user, course: CoursePage, count: int) -> None:
    for lesson in lessons_of(course)[:count]:
        lesson_complete(user=user, lesson=lesson)


def take_final(user, quiz, *, right: int) -> Attempt:
    """One attempt with the first ``right`` questions answered correctly, the rest wrongly;
    a pass is recorded as the quiz-pass task would record it."""
    attempt = attempt_start(user=user, quiz=quiz)
    good, bad = right_answers(attempt), wrong_answers(attempt)
    keys = [str(item["id"]) for item in attempt.frozen["questions"]]
    responses = {key: (good[key] if i < right else bad[key]) for i, key in enumerate(keys)}
    attempt = attempt_submit(attempt=attempt, responses=responses)
    quiz_pass_record(attempt=attempt)
    return attempt


def complete_course(user, course: CoursePage, *, quiz=None, right: int = 4) -> Enrollment:
    do_lessons(user, course, len(lessons_of(course)))
    if quiz is not None:
        take_final(user, quiz, right=right)
    enrollment = Enrollment.objects.current().get(user=user, course=course)
    assert enrollment.status == Enrollment.Status.COMPLETED
    return enrollment


def issue_certificate(enrollment: Enrollment):
    return certificate_issue(enrollment=enrollment)


# --- reading report pages and exports -----------------------------------------------------


def screen_table(response) -> tuple[list[str], list[list[str]]]:
    """The report table of an admin page: its column headings and its rows as text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.waypoint-report-table")
    if table is None:
        return [], []
    headings = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
    rows = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in table.select("tbody tr")
    ]
    return headings, rows


def by_first_cell(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in rows}


def csv_rows(response) -> list[list[str]]:
    """Every row of a CSV export: the heading block, then the table."""
    import csv
    import io

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff"), "the CSV starts with a byte-order mark"
    return list(csv.reader(io.StringIO(content[1:])))


def _after_heading(rows: list[list]) -> list[list]:
    """The table below an export's heading block (``HEADING_ROWS`` rows, the last blank)."""
    from reports.exports import HEADING_ROWS

    assert rows[0][0] == "Report", "an export starts with its heading block"
    assert not any(rows[HEADING_ROWS - 1]), "a blank row between the heading and the table"
    return rows[HEADING_ROWS:]


def csv_table(response) -> list[list[str]]:
    """A CSV export's table: the column headings, then the rows."""
    return _after_heading(csv_rows(response))


def xlsx_rows(content: bytes) -> list[list]:
    """Every row of an XLSX export: the heading block, then the table."""
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def xlsx_table(content: bytes) -> list[list]:
    """An XLSX export's table: the column headings, then the rows."""
    return _after_heading(xlsx_rows(content))


def export_heading(rows: list[list]) -> dict[str, str]:
    """An export's heading block as {label: value}."""
    from reports.exports import HEADING_ROWS

    return {row[0]: row[1] for row in rows[: HEADING_ROWS - 1]}
