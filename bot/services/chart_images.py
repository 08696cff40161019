"""Chart images for standings: rendered in a worker thread, cached by data version.

Rendering takes tens of milliseconds of CPU; doing it on the event loop would stall
every other conversation, so it runs in a thread. The same data gives the same bytes,
so an image is cached under the ranking's data version and re-sent until data change.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bot.services.standings import BlockRanking, TrendPoint
from charts.leaderboard import Bar, leaderboard_png
from charts.trend import TrendPoint as ChartPoint
from charts.trend import trend_png

# Large blocks are shown as the leaders plus the unit's neighbourhood, so the chart
# stays legible on a phone: Telegram scales a photo's longer side down to 2560 px,
# which 30 bars on a 1080 px wide chart stay within.
TOP = 20
AROUND = 4
MAX_BARS = 30

_warmed = False
# A tall chart needs some 20 MB while it is drawn. Two render threads keep a burst of
# /standing requests from multiplying that (and from spreading it over many malloc
# arenas) while still overlapping one render with another's encoding.
_RENDERERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chart")


class ChartImages:
    def __init__(self, *, capacity: int = 512) -> None:
        self._cache: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._capacity = capacity
        # Telegram keeps what was uploaded: a chart sent once is re-sent by its file_id,
        # which saves the upload (the larger part of a warm /standing).
        self._file_ids: OrderedDict[bytes, str] = OrderedDict()

    async def warm_up(self) -> None:
        """Render a throwaway chart with every Vietnamese letter: the first chart of a
        process pays for loading the font and its glyph outlines (about 100 ms). Those
        caches are the process's, so one warm-up serves every application in it."""
        global _warmed
        if _warmed:
            return
        _warmed = True
        letters = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
        text = f"{letters} {letters.lower()} 0123456789 ,.:;()/–—…%▲▼"
        bars = (Bar(label=text, value=50.0, highlight=True), Bar(label=text, value=40.0))
        points = (ChartPoint(label=text, value=50.0, median=40.0),)
        await self._run(lambda: leaderboard_png(text, bars, median=45.0, subtitle=text))
        await self._run(lambda: trend_png(text, points))

    async def _run(self, render: Callable[[], bytes]) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(_RENDERERS, render)

    def file_id(self, image: bytes) -> str | None:
        return self._file_ids.get(_digest(image))

    def remember(self, image: bytes, file_id: str) -> None:
        self._file_ids[_digest(image)] = file_id
        if len(self._file_ids) > self._capacity:
            self._file_ids.popitem(last=False)

    def forget(self, image: bytes) -> None:
        self._file_ids.pop(_digest(image), None)

    async def _get(self, key: tuple[object, ...], render: Callable[[], bytes]) -> bytes:
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        image = await self._run(render)
        self._cache[key] = image
        if len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return image

    async def leaderboard(self, ranking: BlockRanking, unit_code: str | None, title: str) -> bytes:
        rows = [r for r in ranking.rows if r.ranked.entry.index is not None]
        if len(rows) > MAX_BARS:
            position = next((i for i, r in enumerate(rows) if r.unit.code == unit_code), len(rows))
            if position < MAX_BARS - AROUND:
                rows = rows[:MAX_BARS]
            else:
                keep = set(range(TOP)) | set(range(position - AROUND, position + AROUND + 1))
                rows = [r for i, r in enumerate(rows) if i in keep]
        bars = tuple(
            Bar(
                label=f"{r.ranked.rank}. {r.unit.name}",
                value=float(r.ranked.entry.index or 0),
                highlight=r.unit.code == unit_code,
            )
            for r in rows
        )
        median = float(ranking.median) if ranking.median is not None else None
        key = ("board", ranking.scope.code, ranking.block.code, unit_code, ranking.version, title)
        return await self._get(
            key, lambda: leaderboard_png(title, bars, median=median, subtitle=ranking.block.name)
        )

    async def trend(self, points: list[TrendPoint], title: str) -> bytes:
        chart = tuple(
            ChartPoint(
                label=p.scope.label.replace("quý", "Quý"),
                value=float(p.index) if p.index is not None else None,
                median=float(p.median) if p.median is not None else None,
            )
            for p in points
        )
        key = ("trend", title, chart)
        return await self._get(key, lambda: trend_png(title, chart))


def _digest(image: bytes) -> bytes:
    return hashlib.blake2b(image, digest_size=16).digest()
