"""Chart images for standings: rendered off the event loop, kept by what they show.

Rendering takes tens of milliseconds of CPU (a 30-bar chart some 80 ms); doing it on the
event loop would stall every other conversation, so a request renders in a thread. An
image is named by a digest of what it shows (:func:`bot.services.chart_specs.digest`),
so the same data are drawn once, whatever else changed meanwhile.

Two caches keep them: memory (bounded in bytes) and, when a folder is given, disk
(bounded too). After the office publishes a result, and at start-up for the recent
published ones, :meth:`ChartImages.prerender` draws every unit's picture ahead in a
separate render process — a thread would compete with the event loop for the GIL for
minutes in a large province — so a unit's first /standing only reads a file. The disk
cache is what makes a restarted bot warm at once: it renders only what changed.

When the disk budget is reached, the pictures no recent plan asked for go first (oldest
first); a plan larger than the budget is rendered as far as the budget allows, in the
order given (the caller puts the most wanted first).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from bot.services.chart_specs import (
    BoardChart,
    Chart,
    TrendChart,
    digest,
    lower_priority,
    render,
    render_to_file,
    write_atomically,
)
from bot.services.standings import BlockRanking, TrendPoint
from bot.texts import standings as T
from charts.leaderboard import Bar, leaderboard_png
from charts.trend import TrendPoint as ChartPoint
from charts.trend import trend_png

log = logging.getLogger(__name__)

# Large blocks are shown as the leaders plus the unit's neighbourhood, so the chart
# stays legible on a phone: Telegram scales a photo's longer side down to 2560 px,
# which 30 bars on a 1080 px wide chart stay within.
TOP = 20
AROUND = 4
MAX_BARS = 30

MEMORY_BUDGET = 32 * 1024 * 1024
_SUFFIX = ".png"
_BATCH = 64  # pictures looked up on disk at once while drawing ahead

_warmed = False
# A tall chart needs some 20 MB while it is drawn. Two render threads keep a burst of
# /standing requests from multiplying that (and from spreading it over many malloc
# arenas) while still overlapping one render with another's encoding.
_RENDERERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chart")


class Boards:
    """Every reader's picture of one block's ranking: the bars are made once, and each
    reader's picture (their own bar marked, a window of a large block) in O(30)."""

    def __init__(self, ranking: BlockRanking, title: str) -> None:
        rows = [r for r in ranking.rows if r.ranked.entry.index is not None]
        self._position = {r.unit.code: i for i, r in enumerate(rows)}
        labels = [
            (f"{r.ranked.rank}. {r.unit.name}", float(r.ranked.entry.index or 0)) for r in rows
        ]
        self._plain = [Bar(label=label, value=value) for label, value in labels]
        self._marked = [Bar(label=label, value=value, highlight=True) for label, value in labels]
        self._title = title
        self._median = float(ranking.median) if ranking.median is not None else None
        self._subtitle = ranking.block.name

    def of(self, unit_code: str | None) -> BoardChart:
        """The picture the reader from ``unit_code`` sees (None: nobody's bar marked)."""
        count = len(self._plain)
        position = self._position.get(unit_code or "", count)
        shown: Sequence[int] = range(count)
        if count > MAX_BARS:
            if position < MAX_BARS - AROUND:
                shown = range(MAX_BARS)
            else:
                around = range(position - AROUND, min(count, position + AROUND + 1))
                shown = sorted(set(range(TOP)) | set(around))
        bars = tuple(self._marked[i] if i == position else self._plain[i] for i in shown)
        return BoardChart(self._title, bars, self._median, self._subtitle)


def board_chart(ranking: BlockRanking, unit_code: str | None, title: str) -> BoardChart:
    """The block's ranking as the reader from ``unit_code`` sees it (their bar marked)."""
    return Boards(ranking, title).of(unit_code)


def trend_chart(points: Sequence[TrendPoint], title: str) -> TrendChart:
    return TrendChart(
        title,
        tuple(
            ChartPoint(
                label=p.scope.label.replace(T.QUARTER_WORD, T.QUARTER_WORD_CAPITAL),
                value=float(p.index) if p.index is not None else None,
                median=float(p.median) if p.median is not None else None,
            )
            for p in points
        ),
    )


class ChartImages:
    def __init__(
        self,
        *,
        directory: Path | None = None,
        disk_budget: int = 1024 * 1024 * 1024,
        memory_budget: int = MEMORY_BUDGET,
    ) -> None:
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._memory_bytes = 0
        self._memory_budget = memory_budget
        self._directory = directory if disk_budget > 0 else None
        self._disk_budget = disk_budget
        # An estimate (threads add to it), counted on first use and after each pruning.
        self._disk_bytes: int | None = None
        # What the latest plan of each kind ("2026-Q4", "recent") asked for, each picture
        # with its place in the plan: pruned last, the plan's last places first.
        self._wanted: dict[str, dict[str, int]] = {}
        self._queue: asyncio.Queue[tuple[str, Callable[[], AsyncIterator[Chart]]]] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._rendered_ahead = 0
        self._last_size = 0  # of the last picture drawn ahead: room for the next?
        # Telegram keeps what was uploaded: a chart sent once is re-sent by its file_id,
        # which saves the upload (the larger part of a warm /standing).
        self._file_ids: OrderedDict[bytes, str] = OrderedDict()
        self._file_id_capacity = 4096

    async def warm_up(self) -> None:
        """Render a throwaway chart with every Vietnamese letter: the first chart of a
        process pays for loading the font and its glyph outlines (about 100 ms). Those
        caches are the process's, so one warm-up serves every application in it."""
        global _warmed
        if _warmed:
            return
        _warmed = True
        letters = T.CAPITALS
        text = f"{letters} {letters.lower()} 0123456789 ,.:;()/–—…%▲▼"
        bars = (Bar(label=text, value=50.0, highlight=True), Bar(label=text, value=40.0))
        points = (ChartPoint(label=text, value=50.0, median=40.0),)
        await self._run(lambda: leaderboard_png(text, bars, median=45.0, subtitle=text))
        await self._run(lambda: trend_png(text, points))

    async def _run(self, render: Callable[[], bytes]) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(_RENDERERS, render)

    # -- file ids ----------------------------------------------------------------------

    def file_id(self, image: bytes) -> str | None:
        return self._file_ids.get(_digest(image))

    def remember(self, image: bytes, file_id: str) -> None:
        self._file_ids[_digest(image)] = file_id
        if len(self._file_ids) > self._file_id_capacity:
            self._file_ids.popitem(last=False)

    def forget(self, image: bytes) -> None:
        self._file_ids.pop(_digest(image), None)

    # -- pictures ----------------------------------------------------------------------

    async def image(self, chart: Chart) -> bytes:
        """The picture's PNG: from memory, else from disk, else rendered now (in a
        thread) and kept in both."""
        name = digest(chart)
        found = self._memory.get(name)
        if found is not None:
            self._memory.move_to_end(name)
            return found
        path = self._path(name)
        if path is not None:
            found = await asyncio.to_thread(_read, path)
            if found is not None:
                self._keep(name, found)
                return found
        image = await self._run(functools.partial(render, chart))
        self._keep(name, image)
        if path is not None:
            await asyncio.to_thread(self._store, path, image)
            if self._disk_used() > self._disk_budget:
                await asyncio.to_thread(self._prune, self._wanted_now())
        return image

    async def leaderboard(self, ranking: BlockRanking, unit_code: str | None, title: str) -> bytes:
        return await self.image(board_chart(ranking, unit_code, title))

    async def trend(self, points: list[TrendPoint], title: str) -> bytes:
        return await self.image(trend_chart(points, title))

    def _keep(self, name: str, image: bytes) -> None:
        if name in self._memory:
            return
        self._memory[name] = image
        self._memory_bytes += len(image)
        while self._memory_bytes > self._memory_budget and len(self._memory) > 1:
            _, dropped = self._memory.popitem(last=False)
            self._memory_bytes -= len(dropped)

    def _path(self, name: str) -> Path | None:
        return self._directory / f"{name}{_SUFFIX}" if self._directory is not None else None

    # -- rendering ahead ---------------------------------------------------------------

    def prerender(self, what: str, source: Callable[[], AsyncIterator[Chart]]) -> None:
        """Draw the pictures ``source`` gives ahead, in the background, in its order (the
        most wanted first); returns at once. ``source`` is read as the work goes, so a
        province's thousands of pictures are never all in memory. A later plan with the
        same ``what`` replaces the earlier one's claim on the folder. Without a disk
        folder there is nowhere to keep them: nothing is done."""
        if self._directory is None:
            return
        if self._queue is None:
            self._queue = asyncio.Queue()
            self._worker = asyncio.get_running_loop().create_task(
                self._work(), name="chart prerender"
            )
        self._queue.put_nowait((what, source))

    async def idle(self) -> None:
        """Wait until every picture asked for ahead is drawn (benchmarks, tests)."""
        if self._queue is not None:
            await self._queue.join()

    @property
    def rendered_ahead(self) -> int:
        """How many pictures the render process has drawn so far."""
        return self._rendered_ahead

    async def _work(self) -> None:
        assert self._queue is not None
        while True:
            what, source = await self._queue.get()
            try:
                await self._draw(what, source)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("Drawing the pictures of %s ahead failed", what)
            finally:
                self._queue.task_done()

    async def _draw(self, what: str, source: Callable[[], AsyncIterator[Chart]]) -> None:
        wanted: dict[str, int] = {}
        self._wanted[what] = wanted
        drawn = kept = 0
        batch: list[tuple[Chart, str]] = []
        full = False
        async for chart in source():
            name = digest(chart)
            wanted.setdefault(name, len(wanted))
            batch.append((chart, name))
            if len(batch) == _BATCH:
                done, kept_now, full = await self._draw_batch(batch, wanted)
                drawn, kept, batch = drawn + done, kept + kept_now, []
                if full:
                    break
        if batch and not full:
            done, kept_now, full = await self._draw_batch(batch, wanted)
            drawn, kept = drawn + done, kept + kept_now
        if full:
            log.info(
                "Chart folder full (%d MB): the rest of %s is drawn on demand",
                self._disk_budget // 2**20,
                what,
            )
        log.info("Pictures of %s: %d drawn ahead, %d already kept", what, drawn, kept)
        await asyncio.to_thread(self._prune, self._wanted_now())

    async def _draw_batch(
        self, batch: list[tuple[Chart, str]], wanted: dict[str, int]
    ) -> tuple[int, int, bool]:
        """Draw the pictures of ``batch`` not kept yet; returns how many were drawn, how
        many were kept already, and whether the folder is full."""
        paths = [self._path(name) for _, name in batch]
        present = await asyncio.to_thread(self._touch, [p for p in paths if p is not None])
        loop = asyncio.get_running_loop()
        drawn = 0
        for (chart, name), path in zip(batch, paths, strict=True):
            if path is None or path in present:
                continue
            # Room for one more picture (about the size of the last one drawn)?
            if self._disk_used() + self._last_size > self._disk_budget:
                # Make room from pictures no plan wants; the wanted ones stay.
                await asyncio.to_thread(
                    self._prune, self._wanted_now(), room=self._last_size, unwanted_only=True
                )
                if self._disk_used() + self._last_size > self._disk_budget:
                    wanted.pop(name, None)
                    return drawn, len(present), True
            size = await loop.run_in_executor(self._renderer(), render_to_file, chart, str(path))
            self._last_size = size
            self._disk_bytes = self._disk_used() + size
            drawn += 1
            self._rendered_ahead += 1
        return drawn, len(present), False

    def _renderer(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Spawned, not forked: the bot's process has threads (the database's, the
            # render threads), which a fork would copy mid-lock.
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=lower_priority,
            )
        return self._pool

    def _touch(self, paths: Sequence[Path]) -> set[Path]:
        """Which of these pictures are kept already; touched, so that pruning keeps
        them. Counts the folder on first use (in a thread)."""
        self._count()
        found = set()
        for path in paths:
            try:
                os.utime(path)
            except FileNotFoundError:
                continue
            found.add(path)
        return found

    def _count(self) -> None:
        assert self._directory is not None
        if self._disk_bytes is None:
            self._directory.mkdir(parents=True, exist_ok=True)
            self._disk_bytes = sum(f.stat().st_size for f in self._files())

    def _files(self) -> list[Path]:
        assert self._directory is not None
        return [p for p in self._directory.iterdir() if p.suffix == _SUFFIX]

    def _disk_used(self) -> int:
        return self._disk_bytes or 0

    def _store(self, path: Path, image: bytes) -> None:
        """Keep a picture drawn on request (in a thread)."""
        try:
            self._count()
            write_atomically(path, image)
        except OSError as exc:  # a full disk must not fail a /standing
            log.warning("Could not keep chart %s: %s", path.name, exc)
            return
        self._disk_bytes = self._disk_used() + len(image)

    def _wanted_now(self) -> dict[str, int]:
        """What the plans want, each picture with its best place in a plan; copied on
        the event loop for a thread to read."""
        found: dict[str, int] = {}
        for plan in self._wanted.values():
            for name, place in plan.items():
                found[name] = min(place, found.get(name, place))
        return found

    def _prune(
        self, wanted: dict[str, int], *, room: int = 0, unwanted_only: bool = False
    ) -> None:
        """Delete pictures until the folder is within its budget with ``room`` to spare
        (in a thread): first those no plan wants, oldest first; then (unless
        ``unwanted_only``) the wanted ones, last places first."""
        if self._directory is None or not self._directory.exists():
            return
        files: list[tuple[tuple[int, float], int, Path]] = []
        for path in self._files():
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            place = wanted.get(path.stem)
            order = (0, stat.st_mtime) if place is None else (1, float(-place))
            files.append((order, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        for (kind, _), size, path in sorted(files, key=lambda f: f[0]):
            if total + room <= self._disk_budget or (unwanted_only and kind == 1):
                break
            path.unlink(missing_ok=True)
            total -= size
        self._disk_bytes = total

    async def close(self) -> None:
        """Stop drawing ahead; a picture being drawn is finished (its file stays valid)."""
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)
            self._worker = None
            self._queue = None
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)


def _read(path: Path) -> bytes | None:
    """A kept picture, touched so that pruning keeps it; None if there is none."""
    try:
        content = path.read_bytes()
        os.utime(path)
    except FileNotFoundError:
        return None
    return content


def _digest(image: bytes) -> bytes:
    return hashlib.blake2b(image, digest_size=16).digest()
