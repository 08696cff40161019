"""Publishing a ranking and queueing the units' notices commit together, or not at all."""

from __future__ import annotations

import aiosqlite
import pytest

from bot.domain.broadcasts import Notice
from bot.services.container import Services


class Interrupted(Exception):
    """Stands for a crash between publishing and queueing the notices."""


async def test_a_failure_while_queueing_notices_leaves_the_ranking_unpublished(
    services: Services,
) -> None:
    scope = services.standings.parse_scope("2025-Q1")

    async def crash(conn: aiosqlite.Connection) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        await services.standings.publish(scope, actor="test", then=crash)

    assert not await services.standings.is_published(scope)


async def test_notices_are_queued_with_the_publication(services: Services) -> None:
    scope = services.standings.parse_scope("2025-Q1")
    broadcasts = services.broadcasts
    queued = broadcasts.notices_to_queue(
        [
            Notice(chat_id=1, unit_code="VP", text="một"),
            Notice(chat_id=2, unit_code="VP", text="hai"),
            Notice(chat_id=1, unit_code="VP", text="trùng người: bỏ"),
        ]
    )

    async def queue(conn: aiosqlite.Connection) -> None:
        await broadcasts.write_notices(conn, created_by=9, label="Công bố", notices=queued)

    assert await services.standings.publish(scope, actor="test", then=queue)
    assert not await services.standings.publish(scope, actor="test", then=queue)

    async with services.db.reader.execute(
        "SELECT chat_id, body FROM outbox ORDER BY chat_id"
    ) as cur:
        rows = [tuple(r) for r in await cur.fetchall()]
    assert rows == [(1, "một"), (2, "hai")]  # once, though publish was called twice
