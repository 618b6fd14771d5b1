"""The layout docs/architecture.md describes, checked: modules stay small, no app reaches
into another app's views, forms or tasks, and dependencies point one way (issue 13)."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "accounts",
    "courses",
    "assessments",
    "certificates",
    "enrolments",
    "reports",
    "home",
    "offline",
)
# What each app may import of the others (devtools and config are not product apps).
MAY_IMPORT = {
    "accounts": set(),
    "courses": {"accounts"},
    "assessments": {"accounts", "courses"},
    "certificates": {"accounts", "courses"},
    "enrolments": {"accounts", "courses"},
    "reports": {"accounts", "courses", "assessments", "certificates", "enrolments"},
    "home": {"accounts", "courses"},
    "offline": {"accounts", "courses"},
}
PRIVATE_MODULES = ("views", "forms", "tasks", "admin_views", "admin_forms")
MAX_LINES = 400


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _imports(path: Path):
    """(imported module, names) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            yield module, tuple(alias.name for alias in node.names)


def _all_modules():
    return [path for app in (*APPS, "config", "devtools") for path in _modules(app)]


@pytest.mark.parametrize("path", _all_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_passes_400_lines(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by job"


@pytest.mark.parametrize("app", APPS)
def test_apps_import_only_downwards_and_never_views_forms_or_tasks(app):
    wrong = []
    for path in _modules(app):
        for module, names in _imports(path):
            top, *rest = module.split(".")
            if top not in APPS or top == app:
                continue
            where = f"{path.relative_to(ROOT)}: {module} {names or ''}"
            if top not in MAY_IMPORT[app]:
                wrong.append(f"{where} (upwards: {app} may import {sorted(MAY_IMPORT[app])})")
            reached = {rest[0]} if rest else set(names)
            if reached & set(PRIVATE_MODULES):
                wrong.append(f"{where} (another app's views, forms or tasks)")
    assert not wrong, "\n".join(wrong)


def test_the_checks_see_imports_of_every_form(tmp_path, monkeypatch):
    """The scanner resolves the shapes the rule is about, so a pass means something."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    sample = tmp_path / "tests" / "_architecture_sample.py"
    sample.parent.mkdir()
    sample.write_text(
        "import reports.tasks\nfrom courses import views\nfrom enrolments.forms import X\n"
    )
    found = list(_imports(sample))
    assert found == [
        ("reports.tasks", ()),
        ("courses", ("views",)),
        ("enrolments.forms", ("X",)),
    ]
