"""Every action the code records in the audit log reads as a Vietnamese sentence.

The action names are collected from the source itself (every ``audit.record(...)``
call under bot/, storage/ and handlers/), so an action added later without wording in
``AuditService.describe`` fails here instead of showing raw JSON in ``/audit``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from bot.services.audit import AuditService
from tests.rules import BOOK

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("bot", "storage", "handlers")


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _actions_in(tree: ast.Module, where: str) -> set[str]:
    """The action names recorded in one module.

    ``action=`` is a literal (or a conditional between literals), or a parameter of the
    enclosing function: then the literals passed for it at that function's call sites.
    """
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    found: set[str] = set()
    for call in calls:
        func = call.func
        if not (
            isinstance(func, ast.Attribute)
            and func.attr == "record"
            and isinstance(func.value, ast.Name)
            and func.value.id == "audit"
        ):
            continue
        value = next((k.value for k in call.keywords if k.arg == "action"), None)
        assert value is not None, f"{where}:{call.lineno}: audit.record without action="
        if not isinstance(value, ast.Name):
            names = _strings(value)
            assert names, f"{where}:{call.lineno}: action is not a literal"
            found |= names
            continue
        scope: ast.AST | None = call
        while scope is not None and not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            scope = parents.get(scope)
        assert scope is not None, f"{where}:{call.lineno}: action from outside a function"
        params = [a.arg for a in scope.args.args]
        assert value.id in params, f"{where}:{call.lineno}: action {value.id} not a parameter"
        index = params.index(value.id) - (1 if params[0] in {"self", "cls"} else 0)
        passed: set[str] = set()
        for site in calls:
            if _called_name(site) != scope.name:
                continue
            arg = next((k.value for k in site.keywords if k.arg == value.id), None)
            if arg is None and len(site.args) > index:
                arg = site.args[index]
            if arg is not None:
                passed |= _strings(arg)
        assert passed, f"{where}:{call.lineno}: no literal passed as {value.id}"
        found |= passed
    return found


def recorded_actions() -> set[str]:
    found: set[str] = set()
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if "audit.record" in text:
                found |= _actions_in(ast.parse(text), str(path.relative_to(ROOT)))
    return found


def test_the_collector_finds_the_known_actions() -> None:
    actions = recorded_actions()
    assert {
        "report.submit",
        "report.review",
        "draft.answer",
        "period.open",
        "period.close",
        "period.due",
        "period.reopen_unit",
        "appraisal.set",
        "explanation.add",
        "explanation.close",
        "ranking.publish",
        "award.nominate",
        "award.withdraw",
        "award.confirm",
        "award.document",
        "block.add",
        "block.rename",
    } <= actions


def test_every_recorded_action_reads_as_a_sentence() -> None:
    audit = AuditService(None, BOOK)  # type: ignore[arg-type]
    for action in sorted(recorded_actions()):
        text = audit.describe(action, {"period": "2025-Q1"})
        assert not text.startswith(f"{action}:"), f"{action} has no wording: {text}"
        assert '{"' not in text, f"{action} shows raw JSON: {text}"
