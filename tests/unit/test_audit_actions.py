"""Every action the code records in the audit log reads as a Vietnamese sentence.

The action names are collected from the source itself (every ``audit.record(...)``
call under bot/, storage/ and handlers/), so an action added later without a place in
``bot.services.audit.ACTIONS`` and a sentence in ``bot/texts/audit.py`` fails here
instead of showing raw JSON in ``/audit``.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.services.audit import ACTIONS, AnswerChange, AuditService, Change, Question
from bot.texts.audit import SENTENCES, sentence
from tests.rules import BOOK, TEST_FORM, TEST_METHODOLOGY, YEAR

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

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


def test_every_recorded_action_is_known_and_has_a_sentence() -> None:
    recorded = recorded_actions()
    assert recorded <= ACTIONS, f"not read back by the audit service: {recorded - ACTIONS}"
    assert set(SENTENCES) == ACTIONS


def test_every_recorded_action_reads_as_a_sentence() -> None:
    audit = AuditService(None, BOOK)  # type: ignore[arg-type]
    for action in sorted(recorded_actions()):
        text = sentence(audit.change(action, {"period": "2025-Q1"}), TZ)
        assert not text.startswith(f"{action}:"), f"{action} has no wording: {text}"
        assert '{"' not in text, f"{action} shows raw JSON: {text}"


# One entry of each action, with details of the shape its ``audit.record`` call writes.
PERIOD = f"{YEAR}-Q1"
FIELD = TEST_FORM.fields[0]
CRITERION = TEST_METHODOLOGY.criteria[0]
DUE = {"status": "open", "due_at": f"{YEAR}-03-15T16:59:00+00:00"}
EXAMPLES: dict[str, dict[str, Any]] = {
    "draft.answer": {"period": PERIOD, "field": FIELD.key, "before": None, "after": "12"},
    "report.submit": {
        "period": PERIOD,
        "version": 2,
        "previous": 1,
        "changes": {FIELD.key: {"before": "12", "after": "15"}},
    },
    "report.review": {"period": PERIOD, "version": 1, "decision": "returned", "comment": "x"},
    "period.open": {
        "period": PERIOD,
        "before": {"status": "closed", "due_at": None},
        "after": DUE,
    },
    "period.close": {"period": PERIOD, "before": DUE, "after": {**DUE, "status": "closed"}},
    "period.due": {"period": PERIOD, "before": DUE, "after": DUE},
    "period.reopen_unit": {
        "period": PERIOD,
        "reason": "return",
        "before": None,
        "after": f"{YEAR}-03-20T16:59:00+00:00",
    },
    "member.bind": {"invite_id": 1, "role": "reporter", "name": "Lê Văn A", "before": None},
    "invite.create": {"invite_id": 4, "role": "head"},
    "invite.revoke": {"invite_id": 4},
    "invite.fail": {"reason": "expired"},
    "appraisal.set": {
        "period": PERIOD,
        "criterion": CRITERION.key,
        "reported": "2",
        "before": None,
        "after": "1.5",
        "reason": "Thiếu minh chứng",
    },
    "explanation.add": {"id": 2, "period": PERIOD, "criterion": CRITERION.key},
    "explanation.close": {"id": 2, "response": "Đã xem xét"},
    "ranking.publish": {
        "scope": str(YEAR),
        "kind": "year",
        "decision_number": "12/QĐ-SGDĐT",
        "decision_date": f"{YEAR + 1}-01-15",
    },
    "roster.import": {"file": "don-vi.csv", "rows": 3, "added": 1, "updated": 1, "unchanged": 1},
    "unit.update": {"file": "don-vi.csv", "changes": {"block": {"before": "A", "after": "B"}}},
    "inspection.plan": {"year": YEAR, "round": 2, "before": 1},
    "block.add": {"code": "THPT", "name": "Khối các trường THPT", "before": None},
    "block.rename": {"code": "THPT", "name": "Khối THPT", "before": "Khối các trường THPT"},
    "award.nominate": {"year": YEAR, "id": 3, "name": "Trường THPT A", "reason": "Dẫn đầu"},
    "award.withdraw": {"year": YEAR, "id": 3},
    "award.confirm": {"year": YEAR, "requested": [3], "released": []},
    "award.document": {
        "year": YEAR,
        "kind": "minutes",
        "file_name": "bien-ban.pdf",
        "file_unique_id": "u1",
        "replaced": None,
    },
    "broadcast.queue": {
        "id": 5,
        "audience": "Tất cả đơn vị",
        "recipients": 9,
        "units": 3,
        "scheduled_at": None,
    },
    "practice.add": {"id": 6, "title": "Một cửa số", "broadcast_id": None},
    "practice.nominate": {"id": 6, "title": "Một cửa số", "broadcast_id": None},
    "practice.decide": {"id": 6, "before": "pending", "after": "published", "reason": None},
}


def test_one_entry_of_each_action_renders_without_a_missing_template() -> None:
    assert set(EXAMPLES) == ACTIONS  # a new action needs an example here
    audit = AuditService(None, BOOK)  # type: ignore[arg-type]
    seen: dict[str, str] = {}
    for action, detail in EXAMPLES.items():
        change = audit.change(action, detail)
        text = sentence(change, TZ)
        assert text.strip(), action
        assert not text.startswith(f"{action}:"), f"{action} has no sentence: {text}"
        assert "{" not in text, f"{action}: a placeholder left: {text}"
        assert "}" not in text, f"{action}: a placeholder left: {text}"
        assert "None" not in text, f"{action}: a missing value shown: {text}"
        assert text not in seen.values(), f"{action} reads as {seen}"
        seen[action] = text
    # The references are resolved against the form and methodology of the entry's year.
    answer = audit.change("draft.answer", EXAMPLES["draft.answer"]).answers
    assert answer == (AnswerChange(Question(FIELD.key, 1, FIELD.label), None, "12"),)
    assert seen["draft.answer"].startswith("Câu 1 «")
    assert seen["draft.answer"].endswith(f"(quý I/{YEAR}): (chưa có) → 12")
    assert f"«{CRITERION.title}»" in seen["appraisal.set"]
    assert seen["invite.create"] == "Tạo mã mời số 4 (Thủ trưởng đơn vị)"
    assert seen["invite.fail"] == "Nhập mã mời không thành công (mã đã hết hạn)"


def test_every_action_survives_details_it_does_not_expect() -> None:
    """Old rows and odd rows are shown, never a crash: each action's sentence with no
    details, and with details of the wrong types."""
    audit = AuditService(None, BOOK)  # type: ignore[arg-type]
    odd = {"period": 7, "before": "x", "after": ["y"], "changes": "z", "scope": None}
    for action in sorted(ACTIONS):
        for detail in ({}, odd):
            assert sentence(audit.change(action, detail), TZ).strip(), (action, detail)


def test_an_unknown_action_reads_as_its_code_and_details() -> None:
    change = Change(action="report.archive", detail={"period": PERIOD, "note": "Lưu trữ"})

    text = sentence(change, TZ)

    assert text == f'report.archive: {{"period": "{PERIOD}", "note": "Lưu trữ"}}'
