"""The layering rule, enforced: ``geo/`` < ``layers/`` < ``app_pages/`` and ``cli/``; no package imports one above it.

``geo/`` (data and domain) never imports ``layers/``, ``app_pages/``, ``cli/`` or Streamlit; ``layers/`` (maps,
exports) never imports ``app_pages/``, ``cli/`` or Streamlit; ``cli/`` (the command line, the composition root)
never imports ``app_pages/`` or Streamlit; ``app_pages/`` may import anything below it but not ``cli/``.
Every ``import``/``from … import`` counts, at module level or inside a function, and so does
``importlib.import_module("…")`` / ``__import__("…")`` with a literal name. The single allowed exception is
``geo/__main__.py``, the documented ``python -m geo`` entry point, which looks ``cli.main`` up at run time.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Package → top-level modules it must not import.
FORBIDDEN: dict[str, frozenset[str]] = {
    "geo": frozenset({"layers", "app_pages", "cli", "app", "streamlit", "streamlit_folium"}),
    "layers": frozenset({"app_pages", "cli", "app", "streamlit", "streamlit_folium"}),
    "cli": frozenset({"app_pages", "app", "streamlit", "streamlit_folium"}),
    "app_pages": frozenset({"cli"}),
}

#: (file relative to the root, imported module): the sanctioned upward references.
ALLOWED: frozenset[tuple[str, str]] = frozenset({("geo/__main__.py", "cli.main")})


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module ``source`` imports, absolute, with its line: imports, relative imports resolved against
    ``module`` (dotted name of the file), and ``importlib.import_module`` / ``__import__`` with a literal name."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.append((node.lineno, name))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            f = node.func
            called = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def upward_imports(root: Path = ROOT, allowed: frozenset[tuple[str, str]] = ALLOWED) -> list[str]:
    """``file:line imports module`` for every import under ``root`` that breaks :data:`FORBIDDEN`."""
    bad: list[str] = []
    for package, forbidden in FORBIDDEN.items():
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            source = path.read_text(encoding="utf-8")
            mod = _module_name(path, root)
            for line, name in imported_modules(source, mod, path.name == "__init__.py"):
                if name.split(".")[0] in forbidden and (rel, name) not in allowed:
                    bad.append(f"{rel}:{line} imports {name}")
    return bad


def test_no_layer_imports_upward():
    assert upward_imports() == []


def test_every_layer_is_scanned():
    for package in FORBIDDEN:
        assert any((ROOT / package).rglob("*.py")), package


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("geo.store", "import layers.web.build\n", "layers.web.build"),
        ("geo.store", "from layers import web\n", "layers"),
        ("geo.store", "def f():\n    from streamlit import session_state\n", "streamlit"),
        ("geo.db.store", "from ...cli import main\n", "cli"),
        ("layers.web.build", "import importlib\nimportlib.import_module('app_pages.map')\n", "app_pages.map"),
        ("layers.web.build", "__import__('streamlit')\n", "streamlit"),
        ("geo.db.store", "from ..export import x\n", "geo.export"),
    ],
)
def test_checker_reads_every_form_of_import(module, source, expected):
    assert expected in [name for _, name in imported_modules(source, module)]


def test_checker_catches_a_planted_upward_import(tmp_path):
    for package in FORBIDDEN:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    assert upward_imports(tmp_path) == []
    planted = tmp_path / "geo" / "view.py"
    planted.write_text(planted.read_text(encoding="utf-8") + "\n\ndef _f():\n    from layers import web\n",
                       encoding="utf-8")
    (tmp_path / "layers" / "style.py").write_text(
        (tmp_path / "layers" / "style.py").read_text(encoding="utf-8") + "\nimport streamlit as st\n",
        encoding="utf-8")
    bad = upward_imports(tmp_path)
    assert len(bad) == 2
    assert bad[0].startswith("geo/view.py:") and bad[0].endswith("imports layers")
    assert bad[1].startswith("layers/style.py:") and bad[1].endswith("imports streamlit")


def test_the_one_exception_is_the_documented_entry_point():
    (only,) = upward_imports(allowed=frozenset())
    assert only.startswith("geo/__main__.py:") and only.endswith(" imports cli.main")
