"""The bot's wording lives in one module; a name assigned twice silently loses a text."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import handlers.texts


def test_no_text_is_defined_twice() -> None:
    tree = ast.parse(Path(handlers.texts.__file__).read_text(encoding="utf-8"))
    names = [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
    assert len(names) > 100
    assert [name for name, count in Counter(names).items() if count > 1] == []
