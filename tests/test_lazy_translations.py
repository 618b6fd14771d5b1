"""A string translated when a module is imported stays in the language the process started
in: a French manager would read "Awaiting review" in English. Labels kept in module-level
constants, class attributes and defaults must use ``gettext_lazy`` (the whole-course review's
status labels did not, and showed English on an Arabic page)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["accounts", "assessments", "certificates", "courses", "enrolments", "reports", "home"]
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def _eager_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in EAGER}
    return names


def _calls_at_import(node, eager: set[str], inside_function=False):
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        # Defaults and decorators are evaluated when the function is defined; the body later.
        evaluated_now = [*node.args.defaults, *[d for d in node.args.kw_defaults if d]]
        evaluated_now += getattr(node, "decorator_list", [])
        for child in evaluated_now:
            yield from _calls_at_import(child, eager, inside_function)
        body = node.body if isinstance(node.body, list) else [node.body]
        for child in body:
            yield from _calls_at_import(child, eager, True)
        return
    if (
        not inside_function
        and isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in eager
    ):
        yield node.lineno
    for child in ast.iter_child_nodes(node):
        yield from _calls_at_import(child, eager, inside_function)


def eager_translations(paths) -> list[str]:
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        eager = _eager_names(tree)
        if eager:
            found += [f"{path.relative_to(ROOT)}:{line}" for line in _calls_at_import(tree, eager)]
    return found


def test_no_string_is_translated_when_its_module_is_imported():
    paths = [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    assert eager_translations(paths) == []


def test_the_check_finds_a_label_translated_at_import(tmp_path):
    module = tmp_path / "labels.py"
    module.write_text(
        "from django.utils.translation import gettext as _\n"
        "LABELS = {'new': _('New')}\n"
        "def label():\n    return _('Fine: translated per request')\n"
        "def heading(text=_('Default heading')):\n    return text\n"
    )
    tree = ast.parse(module.read_text())
    assert list(_calls_at_import(tree, _eager_names(tree))) == [2, 5]
