"""The package's layers, read from its imports: each layer uses only the ones below it.

cli -> services -> views -> store -> core. The core does no I/O and is passed
``today``; a module never imports another module's private (``_x``) names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "cchc_cli"
LAYERS = ("core", "store", "views", "services", "cli")
MODULES = sorted(p for p in SRC.rglob("*.py") if p.parent != SRC)


def _layer(path: Path) -> str:
    return path.relative_to(SRC).parts[0]


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every ``cchc_cli`` import in the file, lazy ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("cchc_cli"):
                found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "." * node.level + (node.module or ""), []))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cchc_cli"):
                    found.append((node.lineno, alias.name, []))
    return found


def test_every_module_lives_in_a_layer():
    stray = [p.name for p in SRC.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert stray == []
    assert {_layer(p) for p in MODULES} == set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_run_one_way(path):
    rank = LAYERS.index(_layer(path))
    wrong = []
    for line, module, _ in _imports(path):
        assert not module.startswith("."), f"{path.name}:{line}: relative import {module}"
        parts = module.split(".")
        if len(parts) > 1 and parts[1] in LAYERS and LAYERS.index(parts[1]) > rank:
            wrong.append(f"{line}: {module}")
    assert wrong == [], f"{_layer(path)} may not import a higher layer"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_is_imported_from_another_module(path):
    private = [
        f"{line}: {module}.{name}"
        for line, module, names in _imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert private == []


def test_the_core_does_no_io_and_never_asks_the_clock():
    forbidden = ("open(", "date.today(", "datetime.now(", "os.environ", "read_text(", "subprocess")
    found = [
        f"{p.relative_to(SRC)}: {word}"
        for p in SRC.glob("core/*.py")
        for word in forbidden
        if word in p.read_text(encoding="utf-8")
    ]
    assert found == []


#: Exceptions that never reach the user: raised and caught inside the store.
INTERNAL_EXCEPTIONS = {"FileChangedError"}


def test_every_error_a_user_can_meet_is_a_cchc_error_with_a_key_and_an_exit_code():
    import importlib
    import inspect

    from cchc_cli.core.errors import CchcError

    outside = []
    for path in MODULES:
        name = "cchc_cli." + ".".join(path.relative_to(SRC).with_suffix("").parts)
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name or not issubclass(cls, BaseException):
                continue
            if cls_name.startswith("_") or cls_name in INTERNAL_EXCEPTIONS:
                continue
            if not issubclass(cls, CchcError):
                outside.append(f"{name}.{cls_name}")
            else:
                assert isinstance(cls.exit_code, int)
    assert outside == []


#: The message catalog is data: one entry per message in two languages.
LONG_ALLOWED = {"views/i18n.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_over_500_lines(path):
    if str(path.relative_to(SRC)) in LONG_ALLOWED:
        return
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500
