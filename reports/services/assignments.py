"""A manager assigns a course with a due date: to a unit (its whole subtree), to a cohort, or
from a CSV file of email addresses, inviting the people the file names who have no account
yet. Every function resolves the manager's scope with ``organisation_scope_for`` and refuses
anything outside it; values from a form or a file can only narrow it.

The CSV import is two steps. The preview checks the file and keeps it under
``MEDIA_ROOT/imports/<token>.csv``; the import reads that copy again, checks it again
against the database as it is now, and writes everything or nothing in one transaction.
Nothing the browser sends back is trusted but the token. A file of more than
``BACKGROUND_ROWS`` rows imports in a Celery job (``reports.tasks.import_assignment_csv``),
so that a large file never holds a web worker for the seconds it takes; the import page
shows the job's outcome, kept beside the file as ``<token>.outcome.json``.
"""

import json
import logging
import re
import secrets
import time as clock
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import Cohort, Organisation, User
from accounts.selectors import OrganisationScope, organisation_scope_for
from config.links import absolute_url
from courses.models import CoursePage, Enrollment
from courses.services import EnrollmentError, enrollments_assign_bulk
from reports import csv_import
from reports.csv_import import CheckedRow, CourseRef, Lookups, PersonRef, UnitRef
from reports.models import AssignmentInvitation

logger = logging.getLogger("waypoint.reports")

BATCH = 500  # names looked up, rows written and mails sent per query or connection
IMPORT_DIR = "imports"
IMPORT_MAX_AGE_SECONDS = 24 * 60 * 60
BACKGROUND_ROWS = 2_000  # above this, a file imports in a background job (a few seconds)
IMPORT_ERRORS_KEPT = 50  # of a background import refused row by row: what the page shows
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


class AssignmentError(ValidationError):
    """An assignment that cannot be made; the message says why. Nothing was written."""


class ImportRefused(AssignmentError):
    """The file no longer passes its checks (the database changed since the preview)."""

    def __init__(self, preview: "ImportPreview"):
        super().__init__(_("The file has errors; nothing was imported."), code="invalid")
        self.preview = preview


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def due_at_for(day: date) -> datetime:
    """A due date is a day: the course is due by the end of it."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _require_scope(manager) -> OrganisationScope:
    scope = organisation_scope_for(manager)
    if scope.is_empty:
        raise AssignmentError(
            _("You manage no organisation unit, so you cannot assign courses."), code="no_scope"
        )
    return scope


def _require_assignable(course: CoursePage, due_at: datetime | None) -> None:
    if not course.live:
        raise AssignmentError(_("This course is not published."), code="not_live")
    if due_at is not None and due_at < timezone.now():
        raise AssignmentError(_("The due date is in the past."), code="past_due_date")


# --- a unit or a cohort -----------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentSummary:
    """Who an assignment reaches: before it (the confirmation) and after it."""

    learners: int
    to_enrol: int
    to_update: int
    completed: int
    left_out: int = 0  # cohort members outside the manager's scope, or disabled


def _unit_members(manager, organisation: Organisation):
    scope = _require_scope(manager).narrow_to(organisation)
    if scope.is_empty:
        raise AssignmentError(_("This unit is not in your organisation."), code="out_of_scope")
    return scope.users().filter(is_active=True), 0


def _cohort_members(manager, cohort: Cohort):
    scope = _require_scope(manager)
    if not scope.contains(cohort.organisation):
        raise AssignmentError(_("This cohort is not in your organisation."), code="out_of_scope")
    members = cohort.members.filter(scope.q("organisation"), is_active=True)
    return members, cohort.members.count() - members.count()


def assignment_summary(
    *, manager, course: CoursePage, organisation: Organisation | None = None, cohort=None
) -> AssignmentSummary:
    """How many learners an assignment would enrol, update, or find already done."""
    if cohort is not None:
        members, left_out = _cohort_members(manager, cohort)
    else:
        members, left_out = _unit_members(manager, organisation)
    learners = members.count()
    by_status = dict(
        Enrollment.objects.current()
        .filter(course=course, user__in=members.values("pk"))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    completed = by_status.get(Enrollment.Status.COMPLETED, 0)
    active = by_status.get(Enrollment.Status.ACTIVE, 0)
    return AssignmentSummary(
        learners=learners,
        to_enrol=learners - completed - active,
        to_update=active,
        completed=completed,
        left_out=left_out,
    )


def _assign(manager, members, left_out, course, due_at) -> AssignmentSummary:
    _require_assignable(course, due_at)
    user_ids = list(members.values_list("pk", flat=True))
    try:
        counts = enrollments_assign_bulk(
            course=course, due_dates=dict.fromkeys(user_ids, due_at), assigned_by=manager
        )
    except EnrollmentError as error:
        raise AssignmentError(error.message, code=error.code) from None
    return AssignmentSummary(
        learners=len(user_ids),
        to_enrol=counts["created"],
        to_update=counts["updated"] + counts["unchanged"],
        completed=counts["completed"],
        left_out=left_out,
    )


def assignment_to_unit(
    *, manager, organisation: Organisation, course: CoursePage, due_at: datetime | None
) -> AssignmentSummary:
    """Assign the course to every active person of the unit and of the units below it."""
    members, left_out = _unit_members(manager, organisation)
    result = _assign(manager, members, left_out, course, due_at)
    logger.info(
        "assigned to unit=%s course=%s by=%s learners=%s",
        organisation.pk,
        course.pk,
        manager.pk,
        result.learners,
    )
    return result


def assignment_to_cohort(
    *, manager, cohort: Cohort, course: CoursePage, due_at: datetime | None
) -> AssignmentSummary:
    """Assign the course to the cohort's active members inside the manager's scope; the
    others are left out and counted."""
    members, left_out = _cohort_members(manager, cohort)
    result = _assign(manager, members, left_out, course, due_at)
    logger.info(
        "assigned to cohort=%s course=%s by=%s learners=%s left_out=%s",
        cohort.pk,
        course.pk,
        manager.pk,
        result.learners,
        left_out,
    )
    return result


# --- the CSV import ---------------------------------------------------------------------


@dataclass
class ImportPreview:
    rows: list[CheckedRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    delimiter_name: str = ""
    ignored_headers: list[str] = field(default_factory=list)
    token: str = ""  # set when the file passed and was kept for the import

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.file_errors and not self.error_rows

    @property
    def in_background(self) -> bool:
        return len(self.rows) > BACKGROUND_ROWS

    @property
    def error_rows(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.errors]

    @property
    def invitations(self) -> list[str]:
        return sorted({row.email for row in self.rows if row.is_invitation and not row.errors})

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "errors": len(self.error_rows),
            "enrol": self.count("enrol") + self.count("invite"),
            "update": self.count("update"),
            "completed": self.count("completed"),
            "invitations": len(self.invitations),
        }


@dataclass(frozen=True)
class ImportResult:
    enrolled: int
    updated: int
    completed: int
    invited: int


def _scope_test(scope: OrganisationScope):
    """``scope.contains`` for organisation paths, remembered per path: a file of 10,000
    people names a handful of units."""
    known: dict[str | None, bool] = {}

    def contains(path: str | None) -> bool:
        if path not in known:
            known[path] = scope.contains(Organisation(path=path) if path else None)
        return known[path]

    return contains


def _course_lookups(rows) -> dict:
    keys = sorted({csv_import.course_key(row.course) for row in rows if row.course})
    by_id: dict[str, CourseRef] = {}
    by_slug: dict[str, list[CourseRef]] = {}
    for chunk in _chunks(keys):
        ids = [int(key) for key in chunk if key.isdigit() and len(key) < 18]
        for pk, slug, title, live in CoursePage.objects.filter(
            Q(pk__in=ids) | Q(slug__in=chunk)
        ).values_list("pk", "slug", "title", "live"):
            ref = CourseRef(id=pk, title=title, live=live)
            by_id[str(pk)] = ref
            by_slug.setdefault(slug.lower(), []).append(ref)
    found: dict = {}
    for key in keys:
        if key.isdigit() and key in by_id:
            found[key] = by_id[key]
        elif key in by_slug:
            refs = by_slug[key]
            found[key] = refs[0] if len(refs) == 1 else tuple(sorted(r.id for r in refs))
    return found


def _people_lookups(scope, rows) -> dict[str, PersonRef]:
    emails = sorted({e for e in (csv_import.normalise_email(r.email) for r in rows) if e})
    in_scope = _scope_test(scope)
    people: dict[str, PersonRef] = {}
    for chunk in _chunks(emails):
        # The account's own address first, then addresses added in allauth's email page.
        found = User.objects.annotate(address=Lower("email")).filter(address__in=chunk)
        extra = EmailAddress.objects.annotate(address=Lower("email")).filter(address__in=chunk)
        for rows_found in (
            found.values_list("address", "pk", "is_active", "organisation__path"),
            extra.values_list("address", "user_id", "user__is_active", "user__organisation__path"),
        ):
            for address, pk, is_active, path in rows_found:
                people.setdefault(
                    address,
                    PersonRef(id=pk, in_scope=in_scope(path), is_active=is_active),
                )
    return people


def _unit_lookups(scope, rows) -> dict[str, UnitRef]:
    codes = sorted({row.unit.strip().lower() for row in rows if row.unit.strip()})
    in_scope = _scope_test(scope)
    units = {}
    for chunk in _chunks(codes):
        for code_lower, pk, code, path in (
            Organisation.objects.annotate(code_lower=Lower("code"))
            .filter(code_lower__in=chunk)
            .values_list("code_lower", "pk", "code", "path")
        ):
            units[code_lower] = UnitRef(id=pk, code=code, in_scope=in_scope(path))
    return units


def _fill_outcomes(rows: list[CheckedRow]) -> None:
    """What importing each valid row will do, from the learners' current enrolments."""
    valid = [row for row in rows if not row.errors]
    course_ids = sorted({row.course.id for row in valid})
    user_ids = sorted({row.person.id for row in valid if row.person})
    status = {}
    for chunk in _chunks(user_ids):
        for user_id, course_id, value in (
            Enrollment.objects.current()
            .filter(user_id__in=chunk, course_id__in=course_ids)
            .values_list("user_id", "course_id", "status")
        ):
            status[user_id, course_id] = value
    for row in valid:
        if row.person is None:
            row.outcome = "invite"
            continue
        found = status.get((row.person.id, row.course.id))
        if found is None:
            row.outcome = "enrol"
        elif found == Enrollment.Status.COMPLETED:
            row.outcome = "completed"
        else:
            row.outcome = "update"


def _check_file(*, scope, data: bytes, default_course, default_due_date) -> ImportPreview:
    try:
        parsed = csv_import.parse(data)
    except csv_import.CsvFileError as error:
        return ImportPreview(file_errors=[error.message])
    lookups = Lookups(
        courses=_course_lookups(parsed.rows),
        people=_people_lookups(scope, parsed.rows),
        units=_unit_lookups(scope, parsed.rows),
    )
    default = (
        CourseRef(id=default_course.pk, title=default_course.title, live=default_course.live)
        if default_course is not None
        else None
    )
    rows = csv_import.check_rows(
        parsed.rows,
        lookups=lookups,
        today=timezone.localdate(),
        default_course=default,
        default_due_date=default_due_date,
    )
    _fill_outcomes(rows)
    return ImportPreview(
        rows=rows, delimiter_name=parsed.delimiter_name, ignored_headers=parsed.ignored_headers
    )


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
    scope = _require_scope(manager)
    data = _read_upload(file)
    if data is None:
        return ImportPreview(file_errors=[csv_import.too_large_message()])
    preview = _check_file(
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


def _import_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / IMPORT_DIR


def _keep(manager, data: bytes, default_course, default_due_date, rows: int) -> str:
    directory = _import_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _discard_old(directory)
    token = secrets.token_urlsafe(24)
    (directory / f"{token}.csv").write_bytes(data)
    meta = {
        "manager": manager.pk,
        "course": default_course.pk if default_course else None,
        "due_date": default_due_date.isoformat() if default_due_date else None,
        "rows": rows,
    }
    (directory / f"{token}.json").write_text(json.dumps(meta))
    return token


def _discard_old(directory: Path) -> None:
    limit = clock.time() - IMPORT_MAX_AGE_SECONDS
    for path in directory.glob("*.*"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _discard(token: str) -> None:
    for suffix in (".csv", ".json"):
        (_import_dir() / f"{token}{suffix}").unlink(missing_ok=True)


def _kept(manager, token: str) -> tuple[bytes, CoursePage | None, date | None]:
    gone = AssignmentError(
        _("This import has expired or was already done. Upload the file again."), code="gone"
    )
    if not isinstance(token, str) or not _TOKEN.match(token):
        raise gone
    try:
        meta = json.loads((_import_dir() / f"{token}.json").read_text())
        data = (_import_dir() / f"{token}.csv").read_bytes()
    except (OSError, ValueError):
        raise gone from None
    if meta.get("manager") != manager.pk:
        raise gone  # another manager's file: as if it did not exist
    course_id, due_date = meta.get("course"), meta.get("due_date")
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    return data, course, date.fromisoformat(due_date) if due_date else None


def assignment_import_csv_apply(*, manager, token: str) -> ImportResult:
    """Import a previewed file: check it again, then invite, enrol and update everything
    in one transaction, or nothing. Invitations are e-mailed once it has committed."""
    scope = _require_scope(manager)
    data, default_course, default_due_date = _kept(manager, token)
    preview = _check_file(
        scope=scope, data=data, default_course=default_course, default_due_date=default_due_date
    )
    if not preview.is_valid:
        raise ImportRefused(preview)
    try:
        with transaction.atomic():
            invited = _create_invited(preview.rows, manager)
            counts = _enrol_rows(preview.rows, invited, manager)
            _owe_invitations(preview.rows, invited, manager)
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
    """Import a previewed file now, or, when it has more than ``BACKGROUND_ROWS`` rows,
    queue the job that imports it and return None: the import page then follows it with
    ``assignment_import_csv_outcome``."""
    _require_scope(manager)
    _kept(manager, token)  # an expired, spent or foreign token says so now
    if _kept_rows(token) <= BACKGROUND_ROWS:
        return assignment_import_csv_apply(manager=manager, token=token)
    from reports.tasks import import_assignment_csv

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
    outcome = _read_outcome(token) if isinstance(token, str) and _TOKEN.match(token) else None
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
    try:
        return int(json.loads((_import_dir() / f"{token}.json").read_text()).get("rows", 0))
    except (OSError, ValueError, TypeError):
        return 0


def _outcome_path(token: str) -> Path:
    return _import_dir() / f"{token}.outcome.json"


def _write_outcome(token: str, manager, **outcome) -> None:
    """Written aside and moved into place, so the page never reads half a file."""
    path = _outcome_path(token)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"manager": manager.pk, **outcome}))
    partial.replace(path)


def _read_outcome(token: str) -> dict | None:
    try:
        return json.loads(_outcome_path(token).read_text())
    except (OSError, ValueError):
        return None


def _create_invited(rows: list[CheckedRow], manager) -> dict[str, User]:
    """Accounts for the people the file names who have none: active, no usable password
    until they choose one from the invitation, in the row's unit, learners."""
    first_rows: dict[str, CheckedRow] = {}
    for row in rows:
        if row.is_invitation:
            first = first_rows.setdefault(row.email, row)
            if not first.full_name and row.full_name:
                first.full_name = row.full_name
    users = []
    for email, row in first_rows.items():
        user = User(
            email=email,
            full_name=" ".join(row.full_name.split()),
            organisation_id=row.unit.id,
            preferred_language=manager.preferred_language,
            is_active=True,
        )
        # What set_unusable_password() stores, without its slow 40 random choices per user.
        user.password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
        users.append(user)
    User.objects.bulk_create(users, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=False, primary=True) for u in users],
        batch_size=BATCH,
    )
    if users:
        learners = Group.objects.get(name=roles.LEARNERS)
        membership = User.groups.through
        membership.objects.bulk_create(
            [membership(user_id=u.pk, group_id=learners.pk) for u in users], batch_size=BATCH
        )
    return {user.email: user for user in users}


def _enrol_rows(rows, invited: dict[str, User], manager) -> dict[str, int]:
    by_course: dict[int, dict[int, datetime]] = {}
    for row in rows:
        user_id = row.person.id if row.person else invited[row.email].pk
        by_course.setdefault(row.course.id, {})[user_id] = due_at_for(row.due_date)
    totals = dict.fromkeys(("created", "updated", "completed", "unchanged"), 0)
    for course in CoursePage.objects.filter(pk__in=list(by_course)):
        counts = enrollments_assign_bulk(
            course=course, due_dates=by_course[course.pk], assigned_by=manager
        )
        for key, value in counts.items():
            totals[key] += value
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
    from reports.tasks import send_assignment_invitations

    send_assignment_invitations.delay()


# --- invitations ------------------------------------------------------------------------


def invitation_set_password_url(user: User) -> str:
    """allauth's own password-reset link: the person chooses a password there."""
    key = default_token_generator.make_token(user)
    return absolute_url(
        reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
        )
    )


def assignment_invitations_send() -> int:
    """E-mail every invitation still owed: a link to choose a password, with the courses
    given. A batch is locked (skipping rows another run holds), mailed and marked sent in
    one transaction: two runs at once never send the same one, and a failed send leaves
    the batch owed for the retry; a person may then get it twice, never not at all.
    People who have signed in or been disabled meanwhile are marked, not mailed. Returns
    how many mails were sent."""
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                AssignmentInvitation.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True)
                .select_related("user", "invited_by")
                .order_by("created_at", "pk")[:BATCH]
            )
            if not batch:
                break
            messages = [
                _invitation_message(i.user, _name_of(i.invited_by), i.courses)
                for i in batch
                if i.user.is_active and i.user.last_login is None
            ]
            with get_connection() as connection:
                sent += connection.send_messages(messages) or 0
            AssignmentInvitation.objects.filter(pk__in=[i.pk for i in batch]).update(
                sent_at=timezone.now()
            )
    if sent:
        logger.info("assignment invitations sent=%s", sent)
    return sent


def _name_of(user: User | None) -> str:
    return (user.full_name or user.email) if user else ""


def _invitation_message(user: User, inviter_name: str, courses: list) -> EmailMessage:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "reports/email_invitation.txt",
            {
                "user": user,
                "inviter_name": inviter_name,
                "courses": [(title, date.fromisoformat(due)) for title, due in courses],
                "set_password_url": invitation_set_password_url(user),
                "login_url": absolute_url(reverse("account_login")),
                "reset_url": absolute_url(reverse("account_reset_password")),
                "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            },
        )
        subject = _("You have been invited to Waypoint")
    return EmailMessage(subject=subject, body=body, to=[user.email])
