"""The outbox sender: one task that delivers broadcast rows within Telegram's limits.

The outbox carries broadcasts of exemplary practices and *notices* (a published
ranking, a moved deadline, submissions): a notice's rows each carry their own text, or a
structured payload the transport words at send time, and go without the acknowledgement
button; everything below applies to both alike.

How it keeps its promises:

* **Pacing.** Every request waits for its turn from the :class:`~bot.services.pacing.Pacer`
  the whole bot shares (notices before broadcasts, both after the replies to people who
  are writing; a chat's next message no sooner than ``chat_interval`` after the previous
  one *finished*); broadcast rows also start at most ``rate`` per second of their own.
* **At most the in-flight rows can be sent twice.** A row is claimed (``pending`` →
  ``sending``) in one transaction just before its request and its outcome is recorded
  in another right after. At most ``concurrency`` rows are ever in ``sending``; after
  ``kill -9`` those go back to ``pending`` at start-up and are sent again — the only
  duplicates a crash can cause. Every other row is either done or was never requested.
* **429.** ``retry_after`` is honoured exactly for the chat that received it: the row
  waits that long (persisted, so a restart honours it too) and the pacer holds every
  other message to that chat as well, while other chats go on; 429s in several chats at
  once pause and slow the whole bot (see the pacer).
* **5xx, timeouts, network errors** are retried with exponential backoff and jitter
  (``backoff_base`` · 2ⁿ, capped at ``backoff_max``, between half and all of it), up to
  ``max_attempts``; then the row is ``failed`` with the reason.
* **403** (the person blocked the bot): the row is ``blocked``, the chat is marked
  inactive, and nothing more is sent to it until the person writes to the bot again.

The sender knows nothing of Telegram's types: a :class:`Transport` performs the requests
and translates Telegram's answers into the exceptions below.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.clock import Clock, from_iso, to_iso
from bot.config import Settings
from bot.domain.broadcasts import Broadcast, Content, DeliveryCounts, OutboxRow
from bot.services.pacing import BROADCAST, NOTICE, Pacer, PacerSettings
from bot.texts import outbox as T
from storage import broadcasts as store
from storage.database import Database

log = logging.getLogger(__name__)


# -- what a transport may raise ------------------------------------------------------------


class DeliveryError(Exception):
    """A request did not deliver; ``reason`` is shown to the office."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RateLimited(DeliveryError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"429 retry_after={retry_after:g}")
        self.retry_after = retry_after


class RecipientGone(DeliveryError):
    """403: the person blocked the bot (or deleted the account)."""


class TransientError(DeliveryError):
    """5xx, timeouts, network trouble: worth another try."""


class PermanentError(DeliveryError):
    """Telegram refused the request itself (400 and the like): retrying cannot help."""


class Transport(Protocol):
    async def start(self) -> None: ...

    async def deliver(
        self, broadcast_id: int, content: Content, chat_id: int, part: int, *, ack: bool
    ) -> Sequence[int]:
        """Send ``part`` of ``content`` to ``chat_id``; the ids of the messages created.

        ``ack``: with the "👍 Đã đọc" button (broadcasts), or without (notices).
        """

    def payload_parts(self, payload: dict[str, Any]) -> int:
        """How many messages a structured notice is, worded (one request each)."""

    async def deliver_payload(
        self, chat_id: int, payload: dict[str, Any], part: int
    ) -> Sequence[int]:
        """Word a structured notice (e.g. submissions gathered) and send its ``part``."""

    async def show_progress(self, broadcast: Broadcast, counts: DeliveryCounts) -> None:
        """Edit the office's progress message (the final report once ``counts.done``);
        raises :class:`RateLimited` or :class:`TransientError` if it may succeed later."""

    async def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SenderSettings:
    rate: float = 30.0
    chat_interval: float = 1.0
    concurrency: int = 8
    max_attempts: int = 5
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    progress_interval: float = 3.0
    stop_timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SenderSettings:
        return cls(
            rate=settings.broadcast_rate,
            chat_interval=settings.broadcast_chat_interval,
            concurrency=settings.broadcast_concurrency,
            max_attempts=settings.broadcast_max_attempts,
            backoff_max=settings.broadcast_backoff_max,
            progress_interval=settings.broadcast_progress_interval,
            stop_timeout=settings.broadcast_timeout,
        )


# -- the sender ----------------------------------------------------------------------------


class OutboxSender:
    """Started with the application, stopped with it; :meth:`wake` when rows are added."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: SenderSettings,
        *,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        jitter: Callable[[float, float], float] = random.uniform,
        pacer: Pacer | None = None,
    ) -> None:
        self._db = db
        # The budget shared with every other message the bot sends (a sender of its own
        # when none is given, as in tests of the sender alone).
        self.pacer = pacer or Pacer(
            PacerSettings(rate=settings.rate, chat_interval=settings.chat_interval),
            monotonic=monotonic,
        )
        self._clock = clock
        self.settings = settings
        self._wall = wall
        self._mono = monotonic
        self._jitter = jitter
        self._transport: Transport | None = None
        self._task: asyncio.Task[None] | None = None
        self._progress_task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._progress_wake = asyncio.Event()
        self._stopping = False
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._workers: set[asyncio.Task[None]] = set()
        self._in_flight: set[int] = set()  # row ids
        self._busy_chats: set[int] = set()
        self._next_start = 0.0
        self._buffer: list[OutboxRow] = []
        self._broadcasts: dict[int, Broadcast] = {}
        self._dirty: set[int] = set()
        self._last_progress: dict[int, float] = {}
        self._shown: dict[int, tuple[int, int, bool]] = {}  # what the office sees now
        self._progress_retry: dict[int, tuple[float, int]] = {}  # when, failures so far
        self._inactive: set[int] = set()
        self.listeners: list[Callable[[int, DeliveryCounts], Awaitable[None]]] = []

    # -- lifecycle

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self, transport: Transport) -> None:
        """Recover rows a crash left in flight, then deliver until :meth:`stop`."""
        self._transport = transport
        await transport.start()
        async with self._db.write() as conn:
            recovered = await store.recover_in_flight(
                conn, not_before=self._wall() + self.settings.chat_interval
            )
        if recovered:
            log.warning("Re-queued %d outbox rows left in flight by a crash", recovered)
        self._inactive = await store.inactive_chats(self._db.reader)
        self._dirty.update(await store.unfinished(self._db.reader))
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox-sender")
        self._progress_task = asyncio.create_task(self._run_progress(), name="outbox-progress")

    async def stop(self) -> None:
        """Stop taking rows, let requests in flight finish (recording them), then close."""
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        self._progress_wake.set()
        # The loop may be waiting for a free slot behind stuck requests: cancel it. A row
        # claimed but not yet requested stays 'sending' and is re-queued at the next start.
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        if self._workers:
            _, late = await asyncio.wait(self._workers, timeout=self.settings.stop_timeout)
            for task in late:  # left in 'sending': re-queued at the next start
                task.cancel()
        if self._progress_task is not None:
            self._progress_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._progress_task
        await self._flush_progress()
        self._task = self._progress_task = None
        if self._transport is not None:
            await self._transport.close()

    def wake(self) -> None:
        """New rows are waiting (or a schedule changed): look again now."""
        self._buffer.clear()
        self._wake.set()

    def wall_time(self) -> float:
        """The clock rows' ``not_before`` is written in (the wall, unlike the app's)."""
        return self._wall()

    async def has_due(self) -> bool:
        """Whether a message is on its way or may go now (the terminal demo waits for
        them before its next prompt, so a notice is printed under what caused it)."""
        if self._in_flight:
            return True
        scheduled_now = to_iso(self._clock())
        return bool(await store.due(self._db.reader, self._wall(), 1, scheduled_now=scheduled_now))

    def is_inactive(self, chat_id: int) -> bool:
        return chat_id in self._inactive

    async def reactivate(self, chat_id: int) -> bool:
        """The person wrote to the bot again: they can receive broadcasts again."""
        if chat_id not in self._inactive:
            return False
        self._inactive.discard(chat_id)
        async with self._db.write() as conn:
            return await store.reactivate(conn, chat_id)

    def track(self, broadcast_id: int, *, shown: DeliveryCounts | None = None) -> None:
        """Report progress of this broadcast; ``shown``: what its message says already."""
        if shown is not None:
            # The message was just written: the next edit is due a whole interval later.
            self._shown[broadcast_id] = _shown_key(shown)
            self._last_progress[broadcast_id] = self._mono()
        self._dirty.add(broadcast_id)
        self._progress_wake.set()

    # -- dispatch loop

    async def _run(self) -> None:
        while not self._stopping:
            await self._slots.acquire()
            try:
                row = await self._dispatch_one()
            except Exception:
                self._slots.release()
                log.exception("Outbox sender loop failed; retrying in a second")
                await asyncio.sleep(1.0)
                continue
            if row is None:
                self._slots.release()

    async def _dispatch_one(self) -> OutboxRow | None:
        """Pick, pace, claim and launch one row; None (after waiting) if nothing is ready."""
        await self._pace()
        if self._stopping:
            return None
        row, wait = await self._pick()
        if row is None:
            await self._idle(wait)
            return None
        async with self._db.write() as conn:
            claimed = await store.claim(conn, row.id)
        if claimed is None:
            return None
        row = row.model_copy(update={"payload": claimed.payload})
        self._next_start = max(self._next_start, self._mono() - 1.0 / self.settings.rate)
        self._next_start += 1.0 / self.settings.rate
        self._in_flight.add(row.id)
        self._busy_chats.add(row.chat_id)
        task = asyncio.create_task(self._work(row), name=f"outbox-row-{row.id}")
        self._workers.add(task)
        task.add_done_callback(self._workers.discard)
        return row

    async def _pace(self) -> None:
        """Broadcasts' own ceiling (``rate``); the shared budget is the pacer's."""
        now = self._mono()
        if self._next_start > now:
            await asyncio.sleep(self._next_start - now)

    async def _pick(self) -> tuple[OutboxRow | None, float]:
        """The first ready row, and otherwise how long until one may be (seconds)."""
        # Cleared before looking, so a worker finishing while we look still wakes _idle.
        self._wake.clear()
        now = self._mono()
        row = self._take_ready(now)
        if row is not None:
            return row, 0.0
        scheduled_now = to_iso(self._clock())
        self._buffer = await store.due(
            self._db.reader,
            self._wall(),
            512,
            scheduled_now=scheduled_now,
            skip=sorted(self._in_flight),
        )
        row = self._take_ready(now)
        if row is not None:
            return row, 0.0
        waits = [self.pacer.ready_at(r.chat_id) - now for r in self._buffer]
        waits = [w for w in waits if w > 0]
        if waits:
            return None, min(waits)
        if self._buffer:  # every ready row's chat is busy: a worker will wake us
            return None, 1.0
        waits = [60.0]
        upcoming = await store.next_due(self._db.reader, scheduled_now)
        if upcoming is not None:
            waits.append(upcoming - self._wall())
        scheduled = await store.next_scheduled(self._db.reader, scheduled_now)
        if scheduled is not None:  # a time on the application's clock, not the wall's
            waits.append((from_iso(scheduled) - self._clock()).total_seconds())
        return None, max(0.0, min(waits))

    def _take_ready(self, now: float) -> OutboxRow | None:
        for index, row in enumerate(self._buffer):
            if row.id in self._in_flight or row.chat_id in self._busy_chats:
                continue
            if self.pacer.ready_at(row.chat_id) > now:
                continue
            del self._buffer[index]
            return row
        return None

    async def _idle(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(min(max(seconds, 0.001), 60.0)):
                await self._wake.wait()

    # -- one row

    async def _work(self, row: OutboxRow) -> None:
        transport = self._transport
        assert transport is not None
        settings = self.settings
        try:
            if row.chat_id in self._inactive:
                await self._write_fail(row, "blocked", T.REASON_BLOCKED)
                return
            broadcast = await self._broadcast_of(row.broadcast_id)
            if broadcast is None:
                await self._write_fail(row, "failed", T.REASON_NO_BROADCAST)
                return
            content = row.content(broadcast.content)
            try:
                ids = await self._request(transport, row, broadcast, content)
            except RateLimited as exc:
                await self._on_rate_limited(row, exc)
            except RecipientGone as exc:
                self._inactive.add(row.chat_id)
                async with self._db.write() as conn:
                    await store.fail(conn, row.id, state="blocked", error=exc.reason)
                    await store.block_chat(conn, row.chat_id, exc.reason, to_iso(self._clock()))
            except TransientError as exc:
                if row.attempts + 1 >= settings.max_attempts:
                    await self._write_fail(row, "failed", exc.reason)
                else:
                    delay = self._backoff(row.attempts + 1)
                    async with self._db.write() as conn:
                        await store.retry_later(
                            conn, row.id, not_before=self._wall() + delay, error=exc.reason
                        )
            except PermanentError as exc:
                await self._write_fail(row, "failed", exc.reason)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.exception("Unexpected error delivering outbox row %s", row.id)
                await self._write_fail(
                    row, "failed", T.REASON_UNEXPECTED.format(error=repr(exc))[:200]
                )
            else:
                parts = (
                    transport.payload_parts(row.payload)
                    if row.payload is not None
                    else content.parts
                )
                finished = row.parts_done + 1 >= parts
                async with self._db.write() as conn:
                    await store.record_part(
                        conn,
                        row.id,
                        message_ids=list(ids),
                        finished=finished,
                        not_before=self._wall() + settings.chat_interval,
                        now=to_iso(self._clock()),
                    )
        finally:
            self._in_flight.discard(row.id)
            self._busy_chats.discard(row.chat_id)
            self._slots.release()
            self._dirty.add(row.broadcast_id)
            self._progress_wake.set()
            self._wake.set()

    async def _request(
        self, transport: Transport, row: OutboxRow, broadcast: Broadcast, content: Content
    ) -> Sequence[int]:
        """One request, in its turn of the shared budget (notices before broadcasts)."""
        await self.pacer.acquire(row.chat_id, BROADCAST if broadcast.carries_ack else NOTICE)
        try:
            if row.payload is not None:
                return await transport.deliver_payload(row.chat_id, row.payload, row.parts_done)
            return await transport.deliver(
                row.broadcast_id, content, row.chat_id, row.parts_done, ack=broadcast.carries_ack
            )
        finally:
            self.pacer.release(row.chat_id)

    async def _on_rate_limited(self, row: OutboxRow, exc: RateLimited) -> None:
        # The pacer holds the chat (and, on a flood, every chat) to it from now on; the
        # row's own time is persisted, so a restart honours it too.
        self.pacer.on_retry_after(row.chat_id, exc.retry_after)
        async with self._db.write() as conn:
            await store.retry_later(
                conn,
                row.id,
                not_before=self._wall() + exc.retry_after,
                error=exc.reason,
                count_attempt=False,
            )

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.settings.backoff_max, self.settings.backoff_base * 2 ** (attempt - 1))
        return self._jitter(ceiling / 2, ceiling)

    async def _write_fail(self, row: OutboxRow, state: str, reason: str) -> None:
        async with self._db.write() as conn:
            await store.fail(conn, row.id, state=state, error=reason)

    async def _broadcast_of(self, broadcast_id: int) -> Broadcast | None:
        broadcast = self._broadcasts.get(broadcast_id)
        if broadcast is None:
            broadcast = await store.get(self._db.reader, broadcast_id)
            if broadcast is None:
                return None
            self._broadcasts[broadcast_id] = broadcast
        return broadcast

    # -- progress

    async def _run_progress(self) -> None:
        while True:
            self._progress_wake.clear()
            try:
                await self._flush_progress()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("Could not report broadcast progress")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(0.5, self.settings.progress_interval)):
                    await self._progress_wake.wait()
            await asyncio.sleep(0.05)  # gather a few completions per look

    async def _flush_progress(self) -> None:
        for broadcast_id in sorted(self._dirty):
            retry = self._progress_retry.get(broadcast_id)
            if retry is not None and self._mono() < retry[0]:
                continue  # the last edit was refused for now: stays marked until then
            last = self._last_progress.get(broadcast_id)
            if last is not None and self._mono() - last < self.settings.progress_interval:
                # Too soon for another edit unless it is the final report. A peek on the
                # shared reader, which may be stale: then "not done" only means the
                # broadcast stays marked and is looked at again shortly.
                peek = await store.counts(self._db.reader, broadcast_id)
                if not peek.done:
                    continue
            # Unmarked *before* reading: a row finishing from here on marks it again, so
            # its report is never lost to a read that began before its commit.
            self._dirty.discard(broadcast_id)
            report = await self._read_progress(broadcast_id)
            if report is None:
                continue
            broadcast, counts = report
            final = counts.done
            self._last_progress[broadcast_id] = self._mono()
            previous = self._shown.get(broadcast_id)
            if previous == _shown_key(counts):
                self._progress_retry.pop(broadcast_id, None)
                continue  # Telegram refuses an edit that changes nothing
            self._shown[broadcast_id] = _shown_key(counts)
            if final:
                self._shown.pop(broadcast_id, None)
                self._last_progress.pop(broadcast_id, None)
            if self._transport is not None:
                try:
                    await self._transport.show_progress(broadcast, counts)
                except (RateLimited, TransientError) as exc:
                    # Not shown, for now (flood control, a timeout): the office's message
                    # still says what it said, so the edit is made again later — the final
                    # report above all, or the message would say "Đang gửi" for good.
                    if self._progress_not_shown(broadcast_id, previous, exc):
                        continue  # listeners hear of it when it is shown
                except Exception:
                    log.exception("Progress of broadcast %s not shown", broadcast_id)
            self._progress_retry.pop(broadcast_id, None)
            for listener in self.listeners:
                await listener(broadcast_id, counts)

    def _progress_not_shown(
        self, broadcast_id: int, previous: tuple[int, int, bool] | None, exc: DeliveryError
    ) -> bool:
        """Keep the broadcast marked, to edit its message again after Telegram's wait (or
        the progress interval); False once given up (``max_attempts`` refusals in a row)."""
        if previous is None:
            self._shown.pop(broadcast_id, None)
        else:
            self._shown[broadcast_id] = previous
        failures = self._progress_retry.get(broadcast_id, (0.0, 0))[1] + 1
        if failures >= self.settings.max_attempts:
            log.warning("Progress of broadcast %s not shown: %s", broadcast_id, exc.reason)
            self._progress_retry.pop(broadcast_id, None)
            return False
        wait = exc.retry_after if isinstance(exc, RateLimited) else self.settings.progress_interval
        log.info(
            "Progress of broadcast %s not shown (%s): again in %.1f s", broadcast_id, exc, wait
        )
        self._progress_retry[broadcast_id] = (self._mono() + wait, failures)
        self._dirty.add(broadcast_id)
        return True

    async def _read_progress(self, broadcast_id: int) -> tuple[Broadcast, DeliveryCounts] | None:
        """The broadcast and its counts as committed now, its status moved on to match;
        None when there is nothing to report (yet).

        Read on the writer, not the shared reader: a reader statement another task has
        not finished yet keeps that connection in the snapshot it began in, so a row's
        commit that marked this broadcast can be missing from what the reader says — and
        the final report, whose mark was just taken, would never be shown. The writer's
        transaction begins after every commit made so far.
        """
        async with self._db.write() as conn:
            counts = await store.counts(conn, broadcast_id)
            broadcast = await store.get(conn, broadcast_id)
            if broadcast is None:
                return None
            if counts.done and broadcast.status in ("scheduled", "sending"):
                await store.set_status(
                    conn, broadcast_id, "done", finished_at=to_iso(self._clock())
                )
                broadcast = broadcast.model_copy(update={"status": "done"})
                self._broadcasts.pop(broadcast_id, None)
            elif broadcast.status == "scheduled" and counts.finished + counts.sending > 0:
                await store.set_status(conn, broadcast_id, "sending")
                broadcast = broadcast.model_copy(update={"status": "sending"})
            elif broadcast.status == "scheduled":
                return None  # nothing to report before it starts
        return broadcast, counts


def _shown_key(counts: DeliveryCounts) -> tuple[int, int, bool]:
    """What the progress message shows: an edit is due only when this changes."""
    return counts.finished, counts.total, counts.done
