"""The outbox sender with an in-process transport: the in-flight bound, retries, backoff,
notices (their own text, no acknowledgement button)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from bot.config import Settings
from bot.domain.broadcasts import Broadcast, Content, DeliveryCounts, Notice, Recipient
from bot.services.container import Services
from bot.services.outbox import OutboxSender, RateLimited, SenderSettings, TransientError
from bot.standin import BotApiStandin
from handlers.broadcast_delivery import TelegramTransport
from storage import broadcasts as store

FAST = SenderSettings(
    rate=1000,
    chat_interval=0.0,
    concurrency=3,
    max_attempts=3,
    backoff_base=0.01,
    backoff_max=0.02,
    progress_interval=0.1,
    stop_timeout=0.1,
)


class Transport:
    def __init__(self, *, hang: bool = False, failures: int = 0) -> None:
        self.hang = hang
        self.failures = failures
        self.sent: list[int] = []
        self.calls: list[tuple[int, str, bool]] = []  # chat, text, with the ack button

    async def start(self) -> None:
        """Nothing to open."""

    async def close(self) -> None:
        """Nothing to close."""

    async def deliver(
        self, broadcast_id: int, content: Content, chat_id: int, part: int, *, ack: bool
    ) -> Sequence[int]:
        if self.hang:
            await asyncio.Event().wait()
        if self.failures:
            self.failures -= 1
            raise TransientError("5xx")
        self.sent.append(chat_id)
        self.calls.append((chat_id, content.body, ack))
        return [len(self.sent)]

    async def show_progress(self, broadcast: Broadcast, counts: DeliveryCounts) -> None:
        """Not shown here."""


async def queue(services: Services, n: int) -> int:
    return await services.broadcasts.queue(
        created_by=1,
        content=Content(kind="text", body="x"),
        recipients=[Recipient(chat_id=100 + i) for i in range(n)],
        audience_label="t",
    )


async def wait_done(services: Services, broadcast_id: int) -> DeliveryCounts:
    for _ in range(200):
        counts = await store.counts(services.db.reader, broadcast_id)
        if counts.done:
            return counts
        await asyncio.sleep(0.02)
    raise AssertionError(counts)


async def test_a_stuck_sender_holds_at_most_its_concurrency_in_flight(services: Services) -> None:
    broadcast_id = await queue(services, 20)
    stuck = OutboxSender(services.db, services.clock, FAST)
    await stuck.start(Transport(hang=True))
    await asyncio.sleep(0.2)
    counts = await store.counts(services.db.reader, broadcast_id)
    assert counts.sending == FAST.concurrency
    await stuck.stop()  # like a crash: the stuck rows stay in 'sending'

    transport = Transport()
    sender = OutboxSender(services.db, services.clock, FAST)
    await sender.start(transport)
    counts = await wait_done(services, broadcast_id)
    await sender.stop()
    assert counts.sent == 20
    assert sorted(transport.sent) == [100 + i for i in range(20)]


async def test_transient_errors_are_retried_then_fail_with_the_reason(services: Services) -> None:
    broadcast_id = await queue(services, 1)
    sender = OutboxSender(services.db, services.clock, FAST)
    await sender.start(Transport(failures=2))
    assert (await wait_done(services, broadcast_id)).sent == 1
    await sender.stop()

    broadcast_id = await queue(services, 1)
    sender = OutboxSender(services.db, services.clock, FAST)
    await sender.start(Transport(failures=10))
    counts = await wait_done(services, broadcast_id)
    await sender.stop()
    assert counts.failed == 1
    assert counts.reasons == {"5xx": 1}


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling(services: Services) -> None:
    settings = SenderSettings(backoff_base=1.0, backoff_max=60.0)
    sender = OutboxSender(services.db, services.clock, settings)
    for attempt, ceiling in ((1, 1.0), (2, 2.0), (3, 4.0), (8, 60.0), (20, 60.0)):
        delays = [sender._backoff(attempt) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)


async def test_a_notice_row_carries_its_own_text_and_no_ack_button(services: Services) -> None:
    broadcast_id = await queue(services, 1)  # chat 100: the broadcast's own content
    queued = await services.broadcasts.queue_notices(
        created_by=1,
        label="Thông báo thử",
        notices=[
            Notice(chat_id=200, unit_code="THPT-QH", text="<b>Một</b>"),
            Notice(chat_id=201, unit_code="THPT-LQD", text="Hai"),
            Notice(chat_id=200, unit_code="THPT-LQD", text="lần hai"),  # one per person
        ],
    )
    assert [n.chat_id for n in queued] == [200, 201]
    async with services.db.reader.execute(
        "SELECT id FROM broadcasts WHERE purpose = 'notice'"
    ) as cur:
        (notice_id,) = [int(r[0]) for r in await cur.fetchall()]
    assert [r.body for r in await store.rows_of(services.db.reader, notice_id)] == [
        "<b>Một</b>",
        "Hai",
    ]

    transport = Transport()
    sender = OutboxSender(services.db, services.clock, FAST)
    await sender.start(transport)
    assert (await wait_done(services, notice_id)).sent == 2
    assert (await wait_done(services, broadcast_id)).sent == 1
    await sender.stop()
    assert sorted(transport.calls) == [
        (100, "x", True),
        (200, "<b>Một</b>", False),
        (201, "Hai", False),
    ]

    # A notice is no broadcast of the office's: not listed, not shown, not acknowledged.
    assert [s.broadcast.id for s in await services.broadcasts.recent()] == [broadcast_id]
    assert await services.broadcasts.get(notice_id) is None
    assert await services.broadcasts.acknowledge(notice_id, 200) is None
    assert (await store.get(services.db.reader, notice_id)) is not None


async def test_the_telegram_transport_adds_the_ack_button_to_broadcasts_only(
    tmp_path: Path,
) -> None:
    standin = BotApiStandin(token="123456:TEST", bot_username="cchc_test_bot")
    await standin.start()
    settings = Settings(
        bot_token=standin.token,  # type: ignore[arg-type]
        api_base_url=standin.base_url,
        db_path=tmp_path / "cchc.db",
        _env_file=None,  # type: ignore[call-arg]
    )
    transport = TelegramTransport(settings)
    await transport.start()
    try:
        user = standin.user(300)
        user.started = True
        text = Content(kind="text", body="Tin")
        await transport.deliver(7, text, 300, 0, ack=True)
        await transport.deliver(8, text, 300, 0, ack=False)
        broadcast, notice = user.messages
        assert [b.get("callback_data") for b in broadcast.buttons] == ["ack:7"]
        assert notice.buttons == []
        assert notice.reply_markup is None
    finally:
        await transport.close()
        await standin.stop()
    assert standin.errors == []


class GatedTransport(Transport):
    """Holds each request until ``go`` is set, and records what the office is shown."""

    def __init__(self) -> None:
        super().__init__()
        self.requested = asyncio.Event()
        self.go = asyncio.Event()
        self.shown: list[DeliveryCounts] = []

    async def deliver(
        self, broadcast_id: int, content: Content, chat_id: int, part: int, *, ack: bool
    ) -> Sequence[int]:
        self.requested.set()
        await self.go.wait()
        return await super().deliver(broadcast_id, content, chat_id, part, ack=ack)

    async def show_progress(self, broadcast: Broadcast, counts: DeliveryCounts) -> None:
        self.shown.append(counts)


async def test_the_final_report_is_shown_though_the_shared_reader_lags(
    services: Services,
) -> None:
    """A row's commit marks its broadcast for a report; a read on the shared reader that
    another task began before that commit (its statement not finished yet) still sees the
    row in flight. The report taken from such a read must not use up the mark: the office's
    message stayed at "Đang gửi 3/4" for good when it did (seen under parallel test load)."""
    broadcast_id = await queue(services, 1)
    transport = GatedTransport()
    sender = OutboxSender(services.db, services.clock, FAST)
    await sender.start(transport)
    try:
        await asyncio.wait_for(transport.requested.wait(), 2)
        # Another task's read on the shared connection, begun now and not finished: the
        # connection stays in this snapshot (the row 'sending') until it is closed.
        lagging = await services.db.reader.execute("SELECT name FROM sqlite_master")
        assert await lagging.fetchone() is not None
        transport.go.set()
        for _ in range(100):  # the row is recorded and its broadcast marked for a report
            if transport.sent and not sender._in_flight:
                break
            await asyncio.sleep(0.02)
        # A report is due by now (the one at the start is a whole interval old); make one
        # while the reader lags, as the sender's own progress task may have just now.
        await asyncio.sleep(FAST.progress_interval)
        await sender._flush_progress()
        assert (await store.counts(services.db.reader, broadcast_id)).sending == 1, (
            "the reader did not lag: this test shows nothing"
        )
        await lagging.close()
        for _ in range(100):
            if any(counts.done for counts in transport.shown):
                break
            await asyncio.sleep(0.02)
    finally:
        await sender.stop()
    assert transport.sent == [100]
    assert transport.shown[-1].done, transport.shown
    assert transport.shown[-1].sent == 1
    broadcast = await store.get(services.db.reader, broadcast_id)
    assert broadcast is not None
    assert broadcast.status == "done"


class RefusingTransport(Transport):
    """Telegram refuses the first ``refusals`` progress edits (flood control, a timeout)."""

    def __init__(self, refusals: list[Exception]) -> None:
        super().__init__()
        self.refusals = refusals
        self.shown: list[DeliveryCounts] = []
        self.refused: list[DeliveryCounts] = []

    async def show_progress(self, broadcast: Broadcast, counts: DeliveryCounts) -> None:
        if counts.done and self.refusals:
            self.refused.append(counts)
            raise self.refusals.pop(0)
        self.shown.append(counts)


async def test_a_refused_final_report_is_edited_again(services: Services) -> None:
    """Flood control or a timeout on the final edit left the office's message at
    "Đang gửi …" for good; the sender now edits it again once Telegram allows."""
    broadcast_id = await queue(services, 2)
    transport = RefusingTransport([RateLimited(0.2), TransientError("timeout")])
    sender = OutboxSender(services.db, services.clock, FAST)
    await sender.start(transport)
    try:
        await wait_done(services, broadcast_id)
        for _ in range(100):
            if any(counts.done for counts in transport.shown):
                break
            await asyncio.sleep(0.02)
    finally:
        await sender.stop()
    assert len(transport.refused) == 2
    finals = [counts for counts in transport.shown if counts.done]
    assert len(finals) == 1, transport.shown
    assert finals[0].sent == 2


async def test_a_final_report_refused_every_time_is_given_up_and_still_heard(
    services: Services,
) -> None:
    broadcast_id = await queue(services, 1)
    refusals: list[Exception] = [TransientError("timeout")] * (FAST.max_attempts + 2)
    transport = RefusingTransport(list(refusals))
    heard: list[DeliveryCounts] = []

    async def listener(bid: int, counts: DeliveryCounts) -> None:
        if bid == broadcast_id:
            heard.append(counts)

    sender = OutboxSender(services.db, services.clock, FAST)
    sender.listeners.append(listener)
    await sender.start(transport)
    try:
        await wait_done(services, broadcast_id)
        for _ in range(100):
            if any(counts.done for counts in heard):
                break
            await asyncio.sleep(0.02)
    finally:
        await sender.stop()
    assert len(transport.refused) == FAST.max_attempts  # then no more tries
    assert not any(counts.done for counts in transport.shown)
    assert [counts.sent for counts in heard if counts.done] == [1]
