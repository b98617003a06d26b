"""The tree keeps its architecture: a Flask-free core, HTTP layers that do not lean on each
other, and a short top level."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mapapp"
CORE = [
    "queries", "importers", "text", "trips", "contributions", "accounts", "models", "db",
    "errors", "exports", "demo", "features",
]  # fmt: skip


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_core_imports_neither_flask_nor_the_http_layers():
    # Import every core module in a fresh interpreter and look at what got loaded.
    script = f"""
import importlib, pkgutil, sys
for name in {CORE!r}:
    module = importlib.import_module("mapapp." + name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), module.__name__ + "."):
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules
                if m.split(".")[0] in ("flask", "werkzeug", "flask_babel")
                or m.startswith(("mapapp.api", "mapapp.web", "mapapp.http")))
print("\\n".join(loaded))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def test_api_and_web_do_not_import_each_other():
    for layer, other in (("api", "mapapp.web"), ("web", "mapapp.api")):
        for path in (PACKAGE / layer).rglob("*.py"):
            leaks = {name for name in _imports(path) if name.startswith(other)}
            assert not leaks, f"{path.relative_to(PACKAGE)} imports {leaks}"


def test_the_ogc_layer_leans_on_neither_api_nor_web():
    for path in (PACKAGE / "ogc").rglob("*.py"):
        leaks = {n for n in _imports(path) if n.startswith(("mapapp.api", "mapapp.web"))}
        assert not leaks, f"{path.relative_to(PACKAGE)} imports {leaks}"


def test_at_most_ten_modules_at_the_top_of_the_package():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 10, modules
