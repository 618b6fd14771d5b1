"""Report exports built in the background: the XLSX of a report above the inline limit,
built by a job and kept for a day under a name derived from the person, the report and its
filters with a keyed hash (nobody else can name it; the job works the person's scope out
again itself).

Every file goes through the private storage's API (``config.storage``: ``save``, ``open``,
``exists``, ``delete``, ``listdir``, ``get_modified_time``), never a local path: the exports
work the same on a filesystem, an object store or in memory. Beside the file, two small markers say
what the page shows: ``.building`` (a job was queued; it holds the time it was) and
``.failed`` (the last build did not finish)."""

import hashlib
import logging
import tempfile
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.utils import translation
from django.utils.crypto import salted_hmac

from accounts.models import User
from accounts.selectors import organisation_scope_for
from config.storage import private_storage
from reports import exports
from reports.report_filters import ReportFilterForm
from reports.tables import REPORT_TABLES, VIEW_PERMISSION

logger = logging.getLogger("waypoint.reports")

# Seconds after which a build marker is taken for a lost job: the job's own time limit.
BUILD_STALE_AFTER = 60 * 60
# Built exports list learners by name: they are removed a day after they were built.
EXPORTS_KEPT_FOR = 24 * 60 * 60
EXPORTS_DIR = "report-exports"
BUILDING, FAILED = ".building", ".failed"


class ExportRefused(Exception):
    pass


def export_name(*, user_id: int, report: str, query: str) -> str:
    digest = salted_hmac("reports.export", f"{user_id}:{report}:{query}", algorithm="sha256")
    token = hashlib.sha256(digest.digest()).hexdigest()[:40]
    return f"{EXPORTS_DIR}/{user_id}/{report}-{token}.xlsx"


def export_status(name: str) -> dict:
    """Ready (with its build time), building, failed, or none of these (a build is due).
    A file is offered once its build has finished: while a new build of it runs (after
    "Build again"), the page says it is being prepared rather than offer a file being
    replaced."""
    building = _marker_age(name + BUILDING) < BUILD_STALE_AFTER
    if not building and private_storage().exists(name):
        built_at = private_storage().get_modified_time(name)
        return {"ready": True, "built_at": built_at, "building": False, "failed": False}
    failed = not building and private_storage().exists(name + FAILED)
    return {"ready": False, "built_at": None, "building": building, "failed": failed}


def export_open(name: str):
    """The built file, for the download (the caller checked ``export_status`` first)."""
    return private_storage().open(name, "rb")


def export_mark_building(name: str) -> None:
    """Remember that a build was queued, so that reloading the page does not queue more."""
    _delete(name + FAILED)
    _write_marker(name + BUILDING)


def export_mark_failed(name: str) -> None:
    """The page then says the file could not be prepared and offers to try again, rather
    than waiting for a job that will not finish."""
    _delete(name + BUILDING)
    _write_marker(name + FAILED)


def export_clear_building(name: str) -> None:
    _delete(name + BUILDING)


def export_build(
    *, name: str, columns, rows: Iterable[dict], heading: exports.ExportHeading | None = None
) -> str:
    """Write the XLSX to a temporary file, then store it under its name, replacing an
    earlier build: the page offers it only once the build marker is gone, so a half-written
    file is never offered. Safe to run twice; the second run replaces the first."""
    try:
        with tempfile.TemporaryFile() as output:
            exports.xlsx_write(columns, rows, output, heading)
            output.seek(0)
            _delete(name)
            stored = private_storage().save(name, File(output, name=name))
        if stored != name:  # the storage kept an older file under that name after all
            _delete(stored)
            raise OSError(f"report export not stored under its name name={name}")
    except BaseException:
        export_mark_failed(name)
        raise
    export_clear_building(name)
    logger.info("report export built name=%s", name)
    return name


def report_export_build(*, user_id: int, report: str, query: str, language: str = "") -> str:
    """Build a report's XLSX for a person in the background, in ``language`` (the page's;
    the person's preferred one when not given). The scope is worked out again here from
    the person, never carried in the message."""
    name = export_name(user_id=user_id, report=report, query=query)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    table = REPORT_TABLES.get(report)
    if user is None or table is None or not user.has_perm(VIEW_PERMISSION):
        export_mark_failed(name)
        raise ExportRefused(f"export refused user={user_id} report={report}")
    form = ReportFilterForm(
        QueryDict(query), scope=organisation_scope_for(user), fields=table.filters
    )
    if not form.is_valid():
        export_mark_failed(name)
        raise ExportRefused(f"invalid filters user={user_id} report={report}")
    with translation.override(language or user.preferred_language or settings.LANGUAGE_CODE):
        as_of, rows = table.export(form.criteria())
        heading = form.export_heading(table.title, as_of)
        return export_build(name=name, columns=table.columns, rows=rows, heading=heading)


def exports_remove_old(*, now: float | None = None) -> int:
    """Remove built exports (and stale markers) older than ``EXPORTS_KEPT_FOR``, and the
    folders they leave empty; a person who comes back later builds theirs again. Returns
    how many files went."""
    cutoff = (now or time.time()) - EXPORTS_KEPT_FOR
    removed = _remove_older_than(EXPORTS_DIR, cutoff)
    if removed:
        logger.info("old report exports removed files=%s", removed)
    return removed


def _remove_older_than(folder: str, cutoff: float) -> int:
    try:
        folders, files = private_storage().listdir(folder)
    except FileNotFoundError:  # nothing was ever exported
        return 0
    removed = 0
    for file_name in files:
        name = f"{folder}/{file_name}"
        try:
            if private_storage().get_modified_time(name).timestamp() < cutoff:
                private_storage().delete(name)
                removed += 1
        except FileNotFoundError:  # a build replaced or removed it meanwhile
            continue
    for subfolder in folders:
        path = f"{folder}/{subfolder}"
        removed += _remove_older_than(path, cutoff)
        if private_storage().listdir(path) == ([], []):
            private_storage().delete(path)  # an empty folder (storages without folders: no-op)
    return removed


def _write_marker(name: str) -> None:
    _delete(name)
    private_storage().save(name, ContentFile(str(time.time()).encode()))


def _marker_age(name: str) -> float:
    """Seconds since the marker was written, or infinity when there is none."""
    try:
        with private_storage().open(name, "rb") as marker:
            written = float(marker.read().decode() or 0)
    except (FileNotFoundError, ValueError):
        return float("inf")
    return time.time() - written


def _delete(name: str) -> None:
    if private_storage().exists(name):
        private_storage().delete(name)
