"""The WeChat emulator is a separate WSGI app for tests and the demo: the
production package does not ship it, and no module of the app imports it."""
import ast
import configparser
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]


def test_the_production_package_leaves_the_emulator_out():
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    include = setup["options.packages.find"]["include"].split()
    shipped = find_packages(where=str(ROOT), include=include)
    assert "app" in shipped and "app.auth.policy" in shipped
    assert not [name for name in shipped if name.split(".")[0] == "wechat_emulator"]


def test_no_module_of_the_app_imports_the_emulator():
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "wechat_emulator"]
    assert offenders == []


def test_the_extensions_module_imports_nothing_of_the_app():
    """Every module may import app.extensions; it imports none of them back."""
    tree = ast.parse((ROOT / "app" / "extensions.py").read_text(encoding="utf-8"))
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert [name for name in imported if name.split(".")[0] == "app"] == []
