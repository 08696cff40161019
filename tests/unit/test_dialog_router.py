"""One dialogue router (issue 12, item 2): each conversation is declared once, /cancel is
one handler after the guard, and the order of the handlers is set in one place.

"`/cancel` is several CommandHandlers in several modules ordered by group numbers …
Build: each flow declares itself once … ONE `/cancel` handler … One registration order
that reads top to bottom … No `group=` arguments in journey modules."
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, TypeHandler

import bot.services
import handlers
from bot.app import FLOWS, build_application
from bot.config import Settings
from bot.services.reporting import FLOW as REPORT_FLOW
from handlers import dedupe, dialog, guard, report_excel

ROOT = Path(__file__).resolve().parents[2]
# The calls that write a person's conversation into the sessions table, and the position
# of the flow name among their arguments.
SESSION_WRITES = {"put": 2, "begin": 1, "save_session": 1}


def _modules(package: ModuleType) -> list[ModuleType]:
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if not info.ispkg
    ]


def _flow_constants() -> set[str]:
    """Every ``…FLOW`` string constant of the services and the journeys: the names
    written into ``sessions.flow``."""
    return {
        value
        for module in (*_modules(bot.services), *_modules(handlers))
        for name, value in vars(module).items()
        if name.endswith("FLOW") and isinstance(value, str)
    }


def _all_handlers(settings: Settings) -> list[tuple[int, BaseHandler[object, object, object]]]:
    app = build_application(settings)
    return [(group, handler) for group, found in app.handlers.items() for handler in found]


def test_there_is_exactly_one_cancel_command(settings: Settings) -> None:
    cancels = [
        (group, handler)
        for group, handler in _all_handlers(settings)
        if isinstance(handler, CommandHandler) and "cancel" in handler.commands
    ]
    assert len(cancels) == 1
    group, handler = cancels[0]
    assert group == 0  # after the guard and the de-duplication, like every command
    assert handler.callback.__self__.__class__ is dialog.Router  # type: ignore[attr-defined]


def test_only_the_infrastructure_has_groups_and_it_comes_first(settings: Settings) -> None:
    found = _all_handlers(settings)
    before = [(group, h.callback) for group, h in found if group != 0]
    assert all(group < 0 for group, _ in before)
    guard_group, dedupe_group = (
        next(group for group, callback in before if callback is wanted)
        for wanted in (guard.guard, dedupe.claim)
    )
    assert guard_group < dedupe_group  # group chats stop before anything is written
    assert all(isinstance(h, TypeHandler) for group, h in found if group != 0), (
        "only update-wide checks have groups of their own"
    )


def test_the_router_comes_after_what_sees_messages_first_and_before_the_fallback(
    settings: Settings,
) -> None:
    main = [h for group, h in _all_handlers(settings) if group == 0]
    messages = [h for h in main if isinstance(h, MessageHandler)]
    # report_excel's steps first, then the router, then unknown commands: nothing after.
    assert len(messages) == len(report_excel.AHEAD_OF_DIALOG) + 2
    *ahead, router, fallback = messages
    for handler, (message_filter, _) in zip(ahead, report_excel.AHEAD_OF_DIALOG, strict=True):
        assert handler.filters is message_filter
    assert router.filters is dialog.MESSAGES
    assert router.callback.__self__.__class__ is dialog.Router  # type: ignore[attr-defined]
    assert fallback.callback is dialog.on_unknown_command
    assert main[-1] is fallback


def test_no_journey_module_passes_a_group() -> None:
    offenders = []
    for path in sorted((ROOT / "handlers").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and any(k.arg == "group" for k in node.keywords):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_every_flow_written_into_sessions_is_declared_by_exactly_one_flow() -> None:
    declared = Counter(flow.name for flow in FLOWS)
    assert [name for name, n in declared.items() if n > 1] == []
    written = _flow_constants()
    assert written, "no FLOW constants found: the scan is broken"
    assert written - set(declared) == set(), "a conversation /cancel would not know"
    assert set(declared) - written == set(), "a flow no service or journey writes"


def test_sessions_are_written_only_with_a_flow_constant() -> None:
    """The constants above are all the names: every call that puts a person in a
    conversation names it by a ``…FLOW`` constant (or passes on one it was given)."""
    seen = 0
    for folder in ("bot/services", "handlers"):
        for path in sorted((ROOT / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SESSION_WRITES
                    and len(node.args) > SESSION_WRITES[node.func.attr]
                ):
                    continue
                receiver = ast.unparse(node.func.value)
                if node.func.attr == "put" and receiver != "sessions":
                    continue
                argument = node.args[SESSION_WRITES[node.func.attr]]
                name = ast.unparse(argument).rsplit(".", 1)[-1]
                assert name.endswith("FLOW") or name == "flow", (
                    f"{path.name}:{node.lineno} writes the flow {ast.unparse(argument)}"
                )
                seen += 1
    assert seen >= len(FLOWS)


def test_the_report_pauses_and_every_other_flow_discards() -> None:
    """/cancel in the report "Tạm dừng — bản nháp được giữ"; elsewhere it cancels."""
    by_name = {flow.name: flow for flow in FLOWS}
    assert {name for name, flow in by_name.items() if flow.cancel == "pause"} == {REPORT_FLOW}
    for flow in FLOWS:
        assert flow.cancelled, flow.name


def test_a_flow_that_pauses_must_say_how_and_names_are_unique() -> None:
    async def step(*_: object) -> bool:
        return False

    with pytest.raises(ValueError, match="pauses"):
        dialog.Flow("x", step, cancel="pause", cancelled="…")
    flow = dialog.Flow("x", step, cancel="discard", cancelled="…")
    with pytest.raises(ValueError, match="twice"):
        dialog.Router((flow, flow))
