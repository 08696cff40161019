"""Forged button presses, fuzzed through the stand-in as a stranger, as another unit's
head and as the office.

A modified client can send any callback data of up to 64 bytes on any of the bot's
messages. Hypothesis draws data for every declared button (valid, with a field mutated,
a field missing or one too many), random text and bytes, and the empty string; ids lean
towards rows that exist (another unit's report, a broadcast, a practice). For every
press: the query is answered; the error handler is never reached (the ``app`` fixture
fails the test otherwise) and nothing the bot sends is refused by Telegram (the
``standin`` fixture); a press by anyone but the office changes no row of the database
except the presser's own (their conversation, their unit's draft, their 👍); and nothing
of the other unit reaches the presser's chat.

The fixtures are shared by the examples of a test on purpose: one bot, one database.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.domain.broadcasts import Content
from bot.services.broadcasts import Audience
from bot.services.container import Services
from bot.standin import BotApiStandin, SimulatedUser
from handlers import texts
from handlers.buttons import (
    ButtonData,
    Number,
    OneOf,
    PeriodField,
    YearField,
    decode,
    encode,
    field_kinds,
    registered,
)
from handlers.callbacks import ReviewOpen
from tests.button_strategies import forged_data
from tests.e2e.conftest import bound_user, delivered, fill_report, outbox_settled
from tests.e2e.fuzz_support import VOLATILE_TABLES, settle
from tests.rules import YEAR

# Examples per presser; every example is one press and its settling press.
EXAMPLES = {"stranger": 1000, "other_head": 1000, "office": 800}
OWN = "THPT-QH"  # the pressing head's unit
OTHER = "PGD-QN"  # the unit whose report, broadcast and name must stay out of sight


Rows = dict[str, Counter[tuple[Any, ...]]]


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@dataclass
class World:
    """What the presses aim at: people, and rows that exist."""

    services: Services
    standin: BotApiStandin
    office: SimulatedUser
    head: SimulatedUser  # of OWN
    other: SimulatedUser  # of OTHER
    stranger: SimulatedUser
    ids: list[int]
    rows_by_field: dict[str, int]
    other_name: str
    # The rows after the last press: the next press's "before" (nothing else writes
    # between two examples), so each example reads the database once.
    snapshot: Rows | None = None


@pytest.fixture
async def world(standin: BotApiStandin, app_services: Services, office: SimulatedUser) -> World:
    services = app_services
    head = await bound_user(standin, services, 7301, OWN)
    other = await bound_user(standin, services, 7302, OTHER, name="Lê Văn Khác")
    stranger = standin.user(7399, "Người lạ")
    await stranger.send("/start")
    await stranger.expect("mã mời")
    await fill_report(other)  # in the chat, so its signed file is one Telegram has
    await other.click(texts.BTN_SUBMIT)
    await other.expect("Số tiếp nhận")
    notice = await office.expect(unit_name := (await unit_of(services, OTHER)))
    review = decode(notice.buttons[0]["callback_data"])
    assert isinstance(review, ReviewOpen)
    resolved = await services.broadcasts.resolve(Audience(kind="all", heads_only=True))
    broadcast_id = await services.broadcasts.queue(
        created_by=office.id,
        content=Content(kind="text", body="Mô hình hay"),
        recipients=resolved.recipients,
        audience_label="test",
    )
    await delivered(services, broadcast_id)
    practice_id = await services.practices.add(
        title="Một cửa điện tử",
        content=Content(kind="text", body="Mô tả"),
        unit_code=OTHER,
        tags=["tthc"],
        by=other.id,
        pending=True,
    )
    await outbox_settled(services)  # the submission's notices are out of the way
    for user in (office, head, other, stranger):
        await user.idle(quiet=0.2)
    by_field = {
        "report_id": review.report_id,
        "broadcast_id": broadcast_id,
        "practice_id": practice_id,
    }
    ids = sorted({*by_field.values(), 1, 2})
    return World(services, standin, office, head, other, stranger, ids, by_field, unit_name)


async def unit_of(services: Services, code: str) -> str:
    unit = await services.office.unit(code)
    assert unit is not None
    return unit.name


async def rows(services: Services) -> Rows:
    """Every row of every table (but the update log), as read after the last commit."""
    conn = services.db.reader
    async with conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ) as cur:
        names = [str(r[0]) for r in await cur.fetchall() if r[0] not in VOLATILE_TABLES]
    found: Rows = {}
    for name in names:
        async with conn.execute(f'SELECT * FROM "{name}"') as cur:
            columns = [d[0] for d in cur.description]
            found[name] = Counter(
                tuple(zip(columns, row, strict=True)) for row in await cur.fetchall()
            )
    return found


def _owned(table: str, row: tuple[Any, ...], presser: int, unit: str | None, now: Rows) -> bool:
    """A row a unit's member may change by pressing: their own conversation, their unit's
    draft, their 👍 under a broadcast that reached them. A stranger owns nothing."""
    if unit is None:
        return False
    values = dict(row)
    if table == "sessions":
        return values.get("telegram_id") == presser
    if table == "drafts":
        return values.get("unit_code") == unit
    if table == "broadcast_acks" and values.get("telegram_id") == presser:
        return any(
            dict(sent).get("broadcast_id") == values.get("broadcast_id")
            and dict(sent).get("chat_id") == presser
            and dict(sent).get("state") == "sent"
            for sent in now.get("outbox", Counter())
        )
    return False


def foreign_changes(
    before: Rows, after: Rows, presser: int, unit: str | None
) -> list[tuple[str, tuple[Any, ...]]]:
    changed = []
    for table in before.keys() | after.keys():
        old, new = before.get(table, Counter()), after.get(table, Counter())
        for row in (old - new) + (new - old):
            if not _owned(table, row, presser, unit, after):
                changed.append((table, row))
    return changed


async def press_and_check(world: World, user: SimulatedUser, data: str, *, office: bool) -> str:
    await user.idle(quiet=0)
    before = None if office else world.snapshot or await rows(world.services)
    query_id = await user.press(data)
    await settle(world.standin, user)
    answer = world.standin.callback_answers.get(query_id)
    assert answer is not None, f"press {data!r} was not answered"
    text = str(answer.get("text") or "")
    if office:
        world.snapshot = None  # the office may change anything
        return text
    assert before is not None
    unit = OWN if user is world.head else None
    world.snapshot = await rows(world.services)
    assert foreign_changes(before, world.snapshot, user.id, unit) == [], data
    seen = "\n".join(m.text for m in await user.idle(quiet=0))
    assert OTHER not in seen, data
    assert world.other_name not in seen, data
    return text


def _record(answer: str) -> None:
    """Hypothesis's statistics tell how many presses reached a journey."""
    refused = (texts.BUTTON_EXPIRED, texts.OFFICE_ONLY, texts.UNIT_ONLY, texts.NEED_REGISTERED)
    event("refused by the router" if answer in refused else "reached a journey")


@fuzz(EXAMPLES["stranger"])
@given(data=st.data())
async def test_a_stranger_forging_presses(world: World, data: st.DataObject) -> None:
    raw = data.draw(forged_data(ids=world.ids))
    _record(await press_and_check(world, world.stranger, raw, office=False))


@fuzz(EXAMPLES["other_head"])
@given(data=st.data())
async def test_another_units_head_forging_presses(world: World, data: st.DataObject) -> None:
    raw = data.draw(forged_data(ids=world.ids))
    _record(await press_and_check(world, world.head, raw, office=False))


@fuzz(EXAMPLES["office"])
@given(data=st.data())
async def test_the_office_forging_presses(world: World, data: st.DataObject) -> None:
    raw = data.draw(forged_data(ids=world.ids))
    _record(await press_and_check(world, world.office, raw, office=True))


def _typical(world: World, data_type: type[ButtonData], period: str) -> ButtonData:
    """A press of ``data_type`` aimed at rows that exist: the other unit's report, the
    broadcast, the pending practice, the current period."""
    values: dict[str, Any] = {}
    for name, field_kind in field_kinds(data_type):
        if name in world.rows_by_field:
            values[name] = world.rows_by_field[name]
        elif isinstance(field_kind, PeriodField):
            values[name] = period
        elif isinstance(field_kind, YearField):
            values[name] = int(period[:4])
        elif isinstance(field_kind, Number):
            values[name] = max(field_kind.low, 1)
        elif isinstance(field_kind, OneOf):
            values[name] = sorted(field_kind.values)[-1]
        elif name == "criterion":
            values[name] = world.services.appraisal.methodology(str(YEAR)).criteria[0].key
        elif name == "block":
            values[name] = "truc_thuoc"
        else:
            values[name] = "y" if name == "key" else ""
    return data_type(**values)


async def test_every_button_pressed_by_every_presser(world: World) -> None:
    """Each declared button once per presser, aimed at real rows: a sweep the random
    fuzz above may miss. Units and strangers change nothing that is not theirs."""
    period = (await world.services.periods.current()).code
    for data_type in registered():
        raw = encode(_typical(world, data_type, period))
        for user, office in ((world.stranger, False), (world.head, False), (world.office, True)):
            await press_and_check(world, user, raw, office=office)
