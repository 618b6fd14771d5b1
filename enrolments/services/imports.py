"""A manager assigns courses from a CSV file of e-mail addresses, inviting the people the
file names who have no account yet. The manager's scope (``organisation_scope_for``)
bounds every row; values from the file can only narrow it.

The import is two steps. The preview checks the file (``enrolments.selectors``) and keeps
it in the storage (``enrolments.services.import_files``); the import reads that copy again,
checks it again against the database as it is now, and writes everything or nothing in one
transaction, with its audit-log entry. Nothing the browser sends back is trusted but the
token. A file of more than ``BACKGROUND_ROWS`` rows imports in a Celery job
(``enrolments.tasks.import_assignment_csv``), so that a large file never holds a web worker
for the seconds it takes; the import page shows the job's outcome, kept beside the file.
The invitations owed are sent by ``enrolments.services.invitations``.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from accounts.services.users import Invitee, users_invite_bulk
from courses.models import CoursePage
from courses.services import EnrollmentError, enrollments_assign_bulk
from enrolments import csv_import, selectors
from enrolments.csv_import import CheckedRow
from enrolments.models import AssignmentInvitation
from enrolments.selectors import BATCH, ImportPreview, assignment_file_check
from enrolments.services import import_files, notices
from enrolments.services.assignments import AssignmentError, assigning_scope, due_at_for

logger = logging.getLogger("waypoint.enrolments")

IMPORT_ERRORS_KEPT = 50  # of a background import refused row by row: what the page shows
LOG_IMPORT = "waypoint.assignment.import"


class ImportRefused(AssignmentError):
    """The file no longer passes its checks (the database changed since the preview)."""

    def __init__(self, preview: ImportPreview):
        super().__init__(_("The file has errors; nothing was imported."), code="invalid")
        self.preview = preview


@dataclass(frozen=True)
class ImportResult:
    enrolled: int
    updated: int
    completed: int
    invited: int


def _read_upload(file) -> bytes | None:
    """The upload's bytes, or None when it is too large to read at all."""
    if isinstance(file, bytes):
        return file
    if (getattr(file, "size", 0) or 0) > csv_import.MAX_BYTES:
        return None
    file.seek(0)
    return file.read(csv_import.MAX_BYTES + 1)


def assignment_import_csv_preview(
    *,
    manager,
    file,
    default_course: CoursePage | None = None,
    default_due_date: date | None = None,
) -> ImportPreview:
    """Check a file and say, row by row, what importing it would do. A file that passes is
    kept for the import and the preview carries its token."""
    scope = assigning_scope(manager)
    data = _read_upload(file)
    if data is None:
        return ImportPreview(file_errors=[csv_import.too_large_message()])
    preview = assignment_file_check(
        scope=scope, data=data, default_course=default_course, default_due_date=default_due_date
    )
    if preview.is_valid:
        preview.token = _keep(manager, data, default_course, default_due_date, len(preview.rows))
    logger.info(
        "assignment import previewed by=%s rows=%s errors=%s",
        manager.pk,
        len(preview.rows),
        len(preview.error_rows) + len(preview.file_errors),
    )
    return preview


def _keep(manager, data: bytes, default_course, default_due_date, rows: int) -> str:
    meta = {
        "manager": manager.pk,
        "course": default_course.pk if default_course else None,
        "due_date": default_due_date.isoformat() if default_due_date else None,
        "rows": rows,
    }
    return import_files.file_keep(data=data, meta=meta)


def _discard(token: str) -> None:
    import_files.file_discard(token)


def _kept(manager, token: str) -> tuple[bytes, CoursePage | None, date | None]:
    gone = AssignmentError(
        _("This import has expired or was already done. Upload the file again."), code="gone"
    )
    kept = import_files.file_kept(token)
    if kept is None:
        raise gone
    data, meta = kept
    if meta.get("manager") != manager.pk:
        raise gone  # another manager's file: as if it did not exist
    course_id, due_date = meta.get("course"), meta.get("due_date")
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    return data, course, date.fromisoformat(due_date) if due_date else None


def assignment_import_csv_apply(*, manager, token: str) -> ImportResult:
    """Import a previewed file: check it again, then invite, enrol and update everything
    in one transaction, or nothing. Invitations are e-mailed once it has committed."""
    scope = assigning_scope(manager)
    data, default_course, default_due_date = _kept(manager, token)
    preview = assignment_file_check(
        scope=scope, data=data, default_course=default_course, default_due_date=default_due_date
    )
    if not preview.is_valid:
        raise ImportRefused(preview)
    try:
        with transaction.atomic():
            invited = _create_invited(preview.rows, manager)
            counts = _enrol_rows(preview.rows, invited, manager)
            _owe_invitations(preview.rows, invited, manager)
            _log_import(manager, preview, counts, invited)
            if invited:
                transaction.on_commit(_send_invitations_soon, robust=True)
            transaction.on_commit(lambda: _discard(token))
    except IntegrityError:
        raise AssignmentError(
            _(
                "Some of these accounts changed while the file was being imported; nothing was "
                "imported. Upload the file again."
            ),
            code="conflict",
        ) from None
    except EnrollmentError as error:
        raise AssignmentError(error.message, code=error.code) from None
    result = ImportResult(
        enrolled=counts["created"],
        updated=counts["updated"] + counts["unchanged"],
        completed=counts["completed"],
        invited=len(invited),
    )
    logger.info("assignment import done by=%s %s", manager.pk, result)
    return result


# --- large files: in the background ---------------------------------------------------


def assignment_import_csv_start(*, manager, token: str) -> ImportResult | None:
    """Import a previewed file now, or, when it has more than ``selectors.BACKGROUND_ROWS`` rows,
    queue the job that imports it and return None: the import page then follows it with
    ``assignment_import_csv_outcome``."""
    assigning_scope(manager)
    _kept(manager, token)  # an expired, spent or foreign token says so now
    if _kept_rows(token) <= selectors.BACKGROUND_ROWS:
        return assignment_import_csv_apply(manager=manager, token=token)
    from enrolments.tasks import import_assignment_csv

    _write_outcome(token, manager, state="running")
    import_assignment_csv.delay(manager.pk, token)
    logger.info("assignment import queued by=%s", manager.pk)
    return None


def assignment_import_csv_run(*, manager_id: int, token: str) -> str:
    """The background import: the same checks and all-or-nothing transaction as
    ``assignment_import_csv_apply``, its outcome written for the import page, in the
    manager's language. Safe to run twice: an outcome once written stands, and a file once
    imported is gone. Returns the outcome's state."""
    manager = User.objects.filter(pk=manager_id, is_active=True).first()
    outcome = _read_outcome(token)
    if manager is None or outcome is None or outcome["state"] != "running":
        return outcome["state"] if outcome else "gone"
    with translation.override(manager.preferred_language or settings.LANGUAGE_CODE):
        try:
            result = assignment_import_csv_apply(manager=manager, token=token)
        except ImportRefused as refused:
            errors = [refused.message] + _row_errors(refused.preview)
            _write_outcome(token, manager, state="failed", errors=errors)
        except AssignmentError as error:
            _write_outcome(token, manager, state="failed", errors=[error.message])
        else:
            _write_outcome(token, manager, state="done", result=result.__dict__)
    return _read_outcome(token)["state"]


def assignment_import_csv_outcome(*, manager, token: str) -> dict | None:
    """What became of a background import: ``state`` running, done (with ``result``, the
    counts) or failed (with ``errors``). None for a token that is not this manager's."""
    outcome = _read_outcome(token)
    if outcome is None or outcome.get("manager") != manager.pk:
        return None
    return outcome


def _row_errors(preview: ImportPreview) -> list[str]:
    rows = preview.error_rows[:IMPORT_ERRORS_KEPT]
    lines = [
        _("Row %(row)s: %(errors)s") % {"row": row.number, "errors": " ".join(row.errors)}
        for row in rows
    ]
    return list(preview.file_errors) + lines


def _kept_rows(token: str) -> int:
    kept = import_files.file_kept(token)
    try:
        return int(kept[1].get("rows", 0)) if kept else 0
    except (ValueError, TypeError):
        return 0


def _write_outcome(token: str, manager, **outcome) -> None:
    import_files.outcome_write(token, manager=manager.pk, **outcome)


def _read_outcome(token: str) -> dict | None:
    return import_files.outcome_read(token)


def _create_invited(rows: list[CheckedRow], manager) -> dict[str, User]:
    """Accounts for the people the file names who have none (``accounts.services``), with
    the first name the file gives each of them."""
    first_rows: dict[str, CheckedRow] = {}
    for row in rows:
        if row.is_invitation:
            first = first_rows.setdefault(row.email, row)
            if not first.full_name and row.full_name:
                first.full_name = row.full_name
    people = [
        Invitee(email=email, full_name=row.full_name, organisation_id=row.unit.id)
        for email, row in first_rows.items()
    ]
    return users_invite_bulk(people=people, invited_by=manager)


def _enrol_rows(rows, invited: dict[str, User], manager) -> dict[str, int]:
    """Enrol per course; the learners it is news to are e-mailed after the commit, except
    the people invited now, whose invitation lists their courses."""
    by_course: dict[int, dict[int, datetime]] = {}
    for row in rows:
        user_id = row.person.id if row.person else invited[row.email].pk
        by_course.setdefault(row.course.id, {})[user_id] = due_at_for(row.due_date)
    totals = dict.fromkeys(("created", "updated", "completed", "unchanged"), 0)
    invited_ids = frozenset(user.pk for user in invited.values())
    for course in CoursePage.objects.filter(pk__in=list(by_course)):
        counts = enrollments_assign_bulk(
            course=course, due_dates=by_course[course.pk], assigned_by=manager
        )
        for key, value in counts.items():
            totals[key] += value
        notices.assignment_notices_owe(
            course=course,
            assigned=counts,
            due_dates=by_course[course.pk],
            assigned_by=manager,
            via=notices.Via.FILE,
            leave_out=invited_ids,
        )
    return totals


def _owe_invitations(rows, invited: dict[str, User], manager) -> None:
    """One invitation owed per invited person, with the courses the file gives them: plain
    data, so that the mail says what the file said whenever it goes."""
    courses: dict[str, list] = {}
    for row in rows:
        if row.is_invitation:
            courses.setdefault(row.email, []).append([row.course.title, row.due_date.isoformat()])
    AssignmentInvitation.objects.bulk_create(
        [
            AssignmentInvitation(user=invited[email], invited_by=manager, courses=items)
            for email, items in courses.items()
        ],
        batch_size=BATCH,
    )


def _send_invitations_soon() -> None:
    from enrolments.tasks import send_assignment_invitations

    send_assignment_invitations.delay()


def _log_import(manager, preview: ImportPreview, counts: dict, invited: dict) -> None:
    """One audit-log entry per import, on the manager who made it: counts and course ids
    only, no addresses or names from the file."""
    log(
        instance=manager,
        action=LOG_IMPORT,
        user=manager,
        data={
            "rows": len(preview.rows),
            "course_ids": sorted({row.course.id for row in preview.rows}),
            "enrolled": counts["created"],
            "updated": counts["updated"] + counts["unchanged"],
            "completed": counts["completed"],
            "invited": len(invited),
        },
    )
