"""The reports app reads; the only things it writes are its own summary snapshots
(``SummarySnapshot``, ``SummaryTally``, ``SummaryMonthTally``, ``ComplianceTally``) and its
export files.

Two checks, one on the code and one on a run:

- the code of ``reports`` (migrations aside) imports no other app's services, and calls no
  write (``save``, ``create``, ``update``, ``delete``, ``bulk_create``, ``bulk_update``,
  ``get_or_create``, ``update_or_create``, ``select_for_update``) on anything but its own
  models and the file storage;
- every report page, export (inline and background) and the snapshot job, run against a
  small organisation, send the database no INSERT, UPDATE or DELETE outside the summary
  tables.

``ALLOWED_FILES`` lists the modules still exempt while the enrolment parts (assignments,
approvals, invitations, reminders) move out of ``reports`` into ``enrolments``. They have
all moved: the list is empty and must stay so; a write that belongs elsewhere goes to that
app's services.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import exports

REPORTS = Path(__file__).resolve().parents[2] / "reports"
OWN_MODELS = {"SummarySnapshot", "SummaryTally", "SummaryMonthTally", "ComplianceTally"}
OWN_TABLES = {apps.get_model("reports", name)._meta.db_table for name in OWN_MODELS}
STORAGE = {"default_storage", "private_storage"}
ALLOWED_FILES: set[str] = set()  # enrolments' modules while they move: none left

QUERYSET_WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "select_for_update",
}
INSTANCE_WRITES = {"save", "delete"}
QUERYSET_READS = {"objects", "filter", "exclude", "all", "get", "first", "last"}


def _modules():
    for path in sorted(REPORTS.rglob("*.py")):
        relative = path.relative_to(REPORTS.parent).as_posix()
        if "/migrations/" not in relative and relative not in ALLOWED_FILES:
            yield relative, ast.parse(path.read_text(), filename=relative)


def _chain(node: ast.expr) -> list[str]:
    """``Enrollment.objects.filter(x).update`` → ["Enrollment", "objects", "filter"]."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            if isinstance(node, ast.Name):
                names.append(node.id)
            return names[::-1]


def _bindings(tree: ast.Module) -> dict[str, list[str]]:
    """What each simply assigned name was bound to (its chain), anywhere in the module."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                bound[target.id] = _chain(node.value)
    return bound


def _root(chain: list[str], bound: dict[str, list[str]]) -> list[str]:
    seen = set()
    while chain and chain[0] in bound and chain[0] not in seen:
        seen.add(chain[0])
        chain = bound[chain[0]] + chain[1:]
    return chain


def _writes(tree: ast.Module):
    """(line, receiver chain, method) of every call that may write a row or a file."""
    bound = _bindings(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        chain = _root(_chain(node.func.value), bound)
        if method in QUERYSET_WRITES or method in INSTANCE_WRITES:
            yield node.lineno, chain, method
        elif method == "update" and QUERYSET_READS & set(chain):
            yield node.lineno, chain, method  # a queryset's update, not a dict's


def _allowed(chain: list[str], method: str) -> bool:
    if not chain:
        return False
    if chain[0] in OWN_MODELS:
        return True
    # The file storage (exports), and openpyxl's workbook writing into it.
    return chain[0] in STORAGE or (method == "save" and chain[0] == "Workbook")


def test_reports_writes_only_its_own_models_and_files():
    refused = [
        f"{path}:{line} {'.'.join(chain) or '?'}.{method}()"
        for path, tree in _modules()
        for line, chain, method in _writes(tree)
        if not _allowed(chain, method)
    ]
    assert not refused, "writes outside the reports' snapshots and exports:\n" + "\n".join(refused)


def test_reports_imports_no_other_apps_services():
    ours = {config.name for config in apps.get_app_configs() if "." not in config.name}
    pattern = re.compile(r"^(\w+)\.services(\.|$)")
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                match = pattern.match(module)
                if match and match[1] in ours and match[1] != "reports":
                    found.append(f"{path}:{node.lineno} {module}")
    assert not found, "reports calls other apps' services:\n" + "\n".join(found)


def test_the_scan_sees_a_write_to_another_apps_model():
    """The check above can fail: these lines are what it looks for."""
    tree = ast.parse(
        "from courses.models import Enrollment\n"
        "rows = Enrollment.objects.filter(user=1)\n"
        "rows.update(status='x')\n"
        "Enrollment.objects.get_or_create(user=1)\n"
        "SummaryTally.objects.filter(snapshot=1).delete()\n"
        "context = {}\n"
        "context.update(x=1)\n"
    )
    found = [(line, method) for line, chain, method in _writes(tree) if not _allowed(chain, method)]
    assert found == [(3, "update"), (4, "get_or_create")]


@pytest.fixture
def small_inline_limit(monkeypatch):
    monkeypatch.setattr(exports, "XLSX_INLINE_LIMIT", 3)


def _written_tables(queries) -> set[str]:
    written = set()
    for query in queries:
        sql = query["sql"].lstrip().upper()
        match = re.match(r'(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', sql)
        if match:
            written.add(match[2].lower())
    return written


def test_pages_exports_and_snapshots_write_only_the_summary_tables(
    client, world, small_inline_limit
):
    from reports.tasks import take_summary_snapshot

    client.force_login(world.manager_a)
    pages = [
        (reverse(name), params)
        for name in (
            "reports_course_completion",
            "reports_unit_completion",
            "reports_learner_progress",
            "reports_overdue",
            "reports_compliance",
        )
        for params in ({}, {"export": "csv"}, {"export": "xlsx"}, {"refresh": "1"})
    ]
    # The first admin page remembers in the session whether the person may use the admin
    # (accounts.selectors): that is the sign-in's, not a report's, write.
    client.get(reverse("wagtailadmin_home"))
    with CaptureQueriesContext(connection) as queries:
        for url, params in pages:
            response = client.get(url, params)
            assert response.status_code == 200, url
            if response.streaming:
                b"".join(response.streaming_content)
        for url, _params in pages:  # the background spreadsheets, started by a POST
            client.post(url + "?export=xlsx")
        transcript = client.get(reverse("reports_transcript", args=[world.alice.pk]))
        take_summary_snapshot()

    assert transcript.status_code == 200
    assert _written_tables(queries.captured_queries) <= OWN_TABLES
    assert _written_tables(queries.captured_queries), "the snapshot job wrote its tallies"
