"""Wording lives in the catalogue only (issue 12): a sentence is changed in one place,
and a service returns codes and values that the Telegram layer or the CLI words.

The catalogue is ``handlers/texts/`` (what the bot says in Telegram) and ``bot/texts/``
(what the core writes: terminal, files, load errors of the office's data files, audit
sentences). The office's data files (the report form and the methodology, TOML) carry
their own wording and are not Python. Docstrings and comments may be in Vietnamese; a
string the program uses may not, outside the catalogue.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage", "charts")
CATALOGUE = (ROOT / "handlers" / "texts", ROOT / "bot" / "texts")
# A letter only Vietnamese writes (with a diacritic English and French do not share).
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _in_catalogue(path: Path) -> bool:
    return any(path.is_relative_to(folder) for folder in CATALOGUE)


def vietnamese_outside_the_catalogue() -> list[str]:
    """Each Vietnamese string literal outside the catalogue, as "path:line: text"."""
    found: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if _in_catalogue(path):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = _docstrings(tree)
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in docs
                    and VIETNAMESE.search(node.value)
                ):
                    where = path.relative_to(ROOT)
                    found.append(f"{where}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_no_vietnamese_string_outside_the_catalogue() -> None:
    found = vietnamese_outside_the_catalogue()
    assert not found, "Wording belongs in handlers/texts/ or bot/texts/:\n" + "\n".join(found)


def test_the_check_sees_a_vietnamese_literal_and_not_a_docstring(tmp_path: Path) -> None:
    """The rule above must be able to fail: a literal is caught, a docstring is not."""
    source = '"""Mô tả."""\nX = "Đã ghi"\nY = "plain"\n'
    tree = ast.parse(source)
    docs = _docstrings(tree)
    literals = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]
    assert [s for s in literals if VIETNAMESE.search(s)] == ["Đã ghi"]


def test_the_catalogue_is_where_the_rule_says() -> None:
    for folder in CATALOGUE:
        assert (folder / "__init__.py").is_file(), folder
        assert any(p.name != "__init__.py" for p in folder.glob("*.py")), folder
