"""Celery tasks of the reports app: ids in, one service call, retries owned here."""

from celery import shared_task

from reports.services import exports, summary_snapshots


@shared_task(acks_late=True, time_limit=60 * 60, soft_time_limit=55 * 60)
def build_report_export(user_id: int, report: str, query: str, language: str = "") -> str:
    """A report's XLSX above the inline limit (manager reports), in the language of the
    page that asked. Safe to run twice: the file is written aside and stored once complete.
    A million rows take minutes (openpyxl writes XML in pure Python): hence its own time
    limit, far below the broker's 4 h."""
    return exports.report_export_build(
        user_id=user_id, report=report, query=query, language=language
    )


@shared_task
def take_summary_snapshot() -> int:
    """Completion figures for the summary reports, every few minutes (settings): safe to
    run twice, the newer snapshot replaces the older."""
    return summary_snapshots.summary_snapshot_take().pk


@shared_task
def remove_old_report_exports() -> int:
    return exports.exports_remove_old()
