"""Services own transactions (issue 12: "/publish and every other multi-write action is one
service call; handlers parse, call, render"): an action's writes and the end of the
conversation that asked for it commit together, or not at all.

A failure of the later write is provoked by a real constraint of the schema (a broadcast
or notice without its audience label: ``broadcasts.audience TEXT NOT NULL``), never by
replacing our own code.
"""

from __future__ import annotations

from datetime import timedelta

import aiosqlite
import pytest

from bot.domain.broadcasts import Content, Notice, Recipient
from bot.services.container import Services
from bot.services.conversations import Ending
from bot.services.periods import Told
from bot.services.practices import Announcement, NominationDecided
from handlers.broadcast import FLOW as COMPOSE_FLOW
from handlers.desk_periods import DUE_FLOW
from handlers.practices import NOMINATE_FLOW, REJECT_FLOW
from handlers.review import RETURN_FLOW
from tests.clock import FakeClock
from tests.reports import bind, submit

OFFICE = 99
UNIT = "THPT-QH"


# What the broadcasts table refuses (audience NOT NULL): the write it is part of fails.
NO_LABEL: str = None  # type: ignore[assignment]


async def count(services: Services, sql: str, *args: object) -> int:
    async with services.db.reader.execute(sql, args) as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def nomination(services: Services, user_id: int) -> int:
    await services.broadcasts.save_session(user_id, NOMINATE_FLOW, {"step": "tags"})
    return await services.practices.add(
        title="Mot cua dien tu",
        content=Content(kind="text", body="<b>Mot cua</b>"),
        unit_code=UNIT,
        tags=[],
        by=user_id,
        pending=True,
        ending=Ending(user_id, NOMINATE_FLOW),
    )


async def test_a_nomination_is_stored_and_its_conversation_ends_in_one_call(
    services: Services,
) -> None:
    member = await bind(services, 8101, UNIT)
    practice_id = await nomination(services, member.telegram_id)
    found = await services.practices.get(practice_id)
    assert found is not None
    assert found.status == "pending"
    assert await services.broadcasts.session(member.telegram_id) is None
    # Another flow's conversation is not ended by it.
    await services.broadcasts.save_session(member.telegram_id, COMPOSE_FLOW, {"step": "x"})
    await services.practices.add(
        title="Khac",
        content=Content(kind="text", body="x"),
        unit_code=UNIT,
        tags=[],
        by=member.telegram_id,
        pending=True,
        ending=Ending(member.telegram_id, NOMINATE_FLOW),
    )
    session = await services.broadcasts.session(member.telegram_id)
    assert session is not None
    assert session.flow == COMPOSE_FLOW


async def test_an_approval_whose_broadcast_fails_leaves_the_nomination_pending(
    services: Services,
) -> None:
    member = await bind(services, 8102, UNIT)
    practice_id = await nomination(services, member.telegram_id)
    broadcasts = "SELECT COUNT(*) FROM broadcasts WHERE purpose = 'broadcast'"
    before = await count(services, broadcasts)

    with pytest.raises(aiosqlite.IntegrityError):
        await services.practices.decide(
            practice_id,
            approve=True,
            by=OFFICE,
            announce=Announcement([Recipient(chat_id=member.telegram_id)], NO_LABEL),
        )
    found = await services.practices.get(practice_id)
    assert found is not None
    assert found.status == "pending"
    assert found.broadcast_id is None
    assert await count(services, broadcasts) == before

    recipients = [Recipient(chat_id=member.telegram_id, unit_code=UNIT)]
    decided = await services.practices.decide(
        practice_id, approve=True, by=OFFICE, announce=Announcement(recipients, "all")
    )
    assert decided.status == "published"
    assert decided.broadcast_id is not None
    stored = await services.practices.get(practice_id)
    assert stored is not None
    assert stored.broadcast_id == decided.broadcast_id
    assert await count(services, broadcasts) == before + 1
    rows = "SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?"
    assert await count(services, rows, decided.broadcast_id) == len(recipients)


async def test_a_rejection_ends_the_reason_conversation_even_when_decided_already(
    services: Services,
) -> None:
    member = await bind(services, 8103, UNIT)
    practice_id = await nomination(services, member.telegram_id)
    await services.broadcasts.save_session(OFFICE, REJECT_FLOW, {"id": practice_id})
    rejected = await services.practices.decide(
        practice_id, approve=False, by=OFFICE, reason="x", ending=Ending(OFFICE, REJECT_FLOW)
    )
    assert rejected.status == "rejected"
    assert await services.broadcasts.session(OFFICE) is None

    await services.broadcasts.save_session(OFFICE, REJECT_FLOW, {"id": practice_id})
    with pytest.raises(NominationDecided):
        await services.practices.decide(
            practice_id, approve=False, by=OFFICE, reason="y", ending=Ending(OFFICE, REJECT_FLOW)
        )
    assert await services.broadcasts.session(OFFICE) is None


async def test_a_broadcast_is_queued_and_its_compose_conversation_ends_together(
    services: Services,
) -> None:
    member = await bind(services, 8104, UNIT)
    await services.broadcasts.save_session(OFFICE, COMPOSE_FLOW, {"step": "confirm"})
    everything = "SELECT COUNT(*) FROM broadcasts"
    before = await count(services, everything)
    content = Content(kind="text", body="x")

    with pytest.raises(aiosqlite.IntegrityError):
        await services.broadcasts.queue(
            created_by=OFFICE,
            content=content,
            recipients=[Recipient(chat_id=member.telegram_id, unit_code=UNIT)],
            audience_label=NO_LABEL,
            ending=Ending(OFFICE, COMPOSE_FLOW),
        )
    assert await count(services, everything) == before
    assert await services.broadcasts.session(OFFICE) is not None  # "send" can be pressed again

    await services.broadcasts.queue(
        created_by=OFFICE,
        content=content,
        recipients=[Recipient(chat_id=member.telegram_id, unit_code=UNIT)],
        audience_label="all",
        ending=Ending(OFFICE, COMPOSE_FLOW),
    )
    assert await count(services, everything) == before + 1
    assert await services.broadcasts.session(OFFICE) is None  # so it cannot be sent twice


async def test_a_moved_deadline_and_its_notices_commit_together(services: Services) -> None:
    member = await bind(services, 8105, UNIT)
    period = await services.periods.current()
    due_at = period.due_at + timedelta(days=5)
    await services.conversations.begin(OFFICE, DUE_FLOW, {"period": period.code})
    notices = "SELECT COUNT(*) FROM outbox WHERE body IS NOT NULL"
    before = await count(services, notices)

    told = [Notice(chat_id=member.telegram_id, unit_code=UNIT, text="x")]
    with pytest.raises(aiosqlite.IntegrityError):
        await services.periods.set_deadline(
            period.code,
            due_at,
            actor="test",
            told=Told(OFFICE, NO_LABEL, told),
            ending=Ending(OFFICE, DUE_FLOW),
        )
    unchanged = await services.periods.get(period.code)
    assert unchanged is not None
    assert unchanged.due_at == period.due_at
    assert await services.conversations.flow_of(OFFICE) == DUE_FLOW
    assert await count(services, notices) == before

    assert await services.periods.preview_deadline(period.code, due_at) == (
        await services.periods.set_deadline(
            period.code,
            due_at,
            actor="test",
            told=Told(OFFICE, "due", told),
            ending=Ending(OFFICE, DUE_FLOW),
        )
    )
    moved = await services.periods.get(period.code)
    assert moved is not None
    assert moved.due_at == due_at
    assert await count(services, notices) == before + len(told)
    assert await services.conversations.flow_of(OFFICE) is None


async def test_a_returned_report_is_reopened_and_its_comment_conversation_ends_at_once(
    services: Services, clock: FakeClock
) -> None:
    member = await bind(services, 8106, UNIT)
    report = (await submit(services, member)).report
    period = await services.periods.get(report.period_code)
    assert period is not None
    clock.now = period.due_at + timedelta(days=1)  # the deadline has passed: a return reopens
    await services.conversations.begin(OFFICE, RETURN_FLOW, {"report": report.id})

    decision = await services.review.return_report(
        report.id, "x", actor=f"tg:{OFFICE}", ending=Ending(OFFICE, RETURN_FLOW)
    )
    assert decision.reopened
    extension = await services.periods.extension(UNIT, period.code)
    assert extension is not None
    assert extension.due_at == decision.deadline
    assert extension.reason == "return"
    assert await services.conversations.flow_of(OFFICE) is None
    assert (await services.review.unit_desk(UNIT, period)).review is not None
