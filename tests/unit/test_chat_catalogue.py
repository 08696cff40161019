"""What the bot says in Telegram lives in handlers/texts/, one module per journey.

A newcomer looks for a sentence (or adds one) in the module named like the handler that says
it; the handlers reach every sentence as ``texts.NAME`` through the package's re-exports. A
name assigned twice silently loses a text, in one module or across two (the later star
import wins), so both are refused here.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections import Counter
from pathlib import Path
from types import ModuleType

import handlers
import handlers.texts

# Modules of the catalogue that hold what several journeys share rather than one journey's
# wording. (handlers/common.py exists too: the role checks that say most of these words.)
SHARED = frozenset({"common"})

PACKAGE = Path(handlers.texts.__file__).parent
HANDLERS = Path(handlers.__file__).parent


def catalogue() -> list[ModuleType]:
    return [
        importlib.import_module(f"handlers.texts.{info.name}")
        for info in pkgutil.iter_modules([str(PACKAGE)])
    ]


def assigned(path: Path) -> list[str]:
    """Names assigned at the top level of a module's source (``__all__`` aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id != "__all__"
    ]


def test_the_catalogue_has_modules() -> None:
    names = [module.__name__ for module in catalogue()]
    assert "handlers.texts.report" in names
    assert len(names) > 5


def test_no_text_is_defined_twice() -> None:
    where = Counter(
        name for module in catalogue() for name in assigned(Path(str(module.__file__)))
    )
    assert len(where) > 100
    assert [name for name, count in where.items() if count > 1] == []


def test_the_package_defines_no_text_of_its_own() -> None:
    assert assigned(PACKAGE / "__init__.py") == []


def test_every_text_is_reachable_from_the_package() -> None:
    for module in catalogue():
        defined = assigned(Path(str(module.__file__)))
        exported = module.__all__
        assert sorted(exported) == sorted(defined), (
            f"{module.__name__}: __all__ must list exactly the names the module defines"
        )
        for name in exported:
            assert getattr(handlers.texts, name) is getattr(module, name), name


def test_every_module_is_a_journey() -> None:
    for module in catalogue():
        name = module.__name__.rsplit(".", 1)[1]
        assert name in SHARED or (HANDLERS / f"{name}.py").is_file(), (
            f"handlers/texts/{name}.py serves no handler: name it after the handler module "
            "that says its sentences, or list it in SHARED"
        )


def test_every_module_says_which_journey_it_serves() -> None:
    for module in catalogue():
        assert module.__doc__, module.__name__
        name = module.__name__.rsplit(".", 1)[1]
        if name not in SHARED:
            assert f"handlers/{name}.py" in module.__doc__, module.__name__
