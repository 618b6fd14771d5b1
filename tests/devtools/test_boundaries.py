"""``devtools`` is for development, demos and benchmarks: it may use every app, but no product
app imports it, so that the product runs the same whether or not it is there and nothing in
it (the bulk loader writing rows behind the services' back, the demo's published password)
becomes a path the product relies on. Only the settings (INSTALLED_APPS) and the URLconf
(the bench's ceiling view, routed when BENCH_CEILING_VIEW is on) name it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Where the product wires devtools in, on purpose.
ALLOWED = {ROOT / "config" / "urls.py", ROOT / "config" / "settings"}


def _product_packages() -> list[Path]:
    """Every app of ours but devtools (an app is a top-level folder with an apps.py), and
    config."""
    apps = [path.parent for path in ROOT.glob("*/apps.py") if path.parent.name != "devtools"]
    return sorted(apps) + [ROOT / "config"]


def _allowed(path: Path) -> bool:
    return any(path == allowed or allowed in path.parents for allowed in ALLOWED)


def devtools_imports(path: Path) -> list[str]:
    """The ``import devtools...`` and ``from devtools... import`` statements of a module,
    wherever they are in it (inside functions too), as "line: module"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        found += [
            f"{node.lineno}: {name}"
            for name in names
            if name == "devtools" or name.startswith("devtools.")
        ]
    return found


def test_the_scan_sees_every_form_of_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import devtools\n"
        "import os, devtools.demo.content as demo\n"
        "from devtools.views import ping\n"
        "def later():\n"
        "    from devtools import load_data\n"
        "import devtoolsmith\n"
        "from reports import devtools\n",
        encoding="utf-8",
    )

    assert devtools_imports(module) == [
        "1: devtools",
        "2: devtools.demo.content",
        "3: devtools.views",
        "5: devtools",
    ]


def test_the_product_apps_are_the_ones_expected():
    names = {path.name for path in _product_packages()}
    assert {"accounts", "courses", "assessments", "certificates", "reports", "home"} <= names
    assert "config" in names and "devtools" not in names


def test_no_product_module_imports_devtools():
    offenders = [
        f"{path.relative_to(ROOT)}:{found}"
        for package in _product_packages()
        for path in sorted(package.rglob("*.py"))
        if not _allowed(path)
        for found in devtools_imports(path)
    ]
    assert offenders == []
