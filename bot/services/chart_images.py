"""Chart images for standings: rendered in a worker thread, cached by data version.

Rendering takes tens of milliseconds of CPU; doing it on the event loop would stall
every other conversation, so it runs in a thread. The same data gives the same bytes,
so an image is cached under the ranking's data version and re-sent until data change.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable

from bot.services.standings import BlockRanking, TrendPoint
from charts.leaderboard import Bar, leaderboard_png
from charts.trend import TrendPoint as ChartPoint
from charts.trend import trend_png

# Large blocks are shown as the leaders plus the unit's neighbourhood, so the chart
# stays legible on a phone.
TOP = 20
AROUND = 5
MAX_BARS = 40


class ChartImages:
    def __init__(self, *, capacity: int = 512) -> None:
        self._cache: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._capacity = capacity

    async def _get(self, key: tuple[object, ...], render: Callable[[], bytes]) -> bytes:
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        image = await asyncio.to_thread(render)
        self._cache[key] = image
        if len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return image

    async def leaderboard(self, ranking: BlockRanking, unit_code: str | None, title: str) -> bytes:
        rows = [r for r in ranking.rows if r.ranked.entry.index is not None]
        if len(rows) > MAX_BARS:
            position = next(
                (i for i, r in enumerate(rows) if r.unit.code == unit_code), len(rows)
            )
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

