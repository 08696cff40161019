"""Pictures kept by what they show: on disk across restarts, drawn ahead, within budget."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from bot.services.chart_images import ChartImages
from bot.services.chart_specs import BoardChart, Chart, TrendChart, digest
from charts.leaderboard import Bar
from charts.trend import TrendPoint


def board(title: str, bars: int = 3) -> BoardChart:
    return BoardChart(
        title,
        tuple(Bar(f"{n}. Trường THPT số {n}", 90.0 - n, highlight=n == 1) for n in range(bars)),
        80.0,
        "Khối các trường THPT",
    )


def pictures(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.png"))


def test_a_picture_is_named_by_what_it_shows() -> None:
    assert digest(board("Kết quả theo dõi quý I/2025")) == digest(
        board("Kết quả theo dõi quý I/2025")
    )
    assert digest(board("Kết quả theo dõi quý I/2025")) != digest(
        board("Kết quả theo dõi quý II/2025")
    )
    trend = TrendChart("Diễn biến", (TrendPoint("Quý I/2025", 80.0, 70.0),))
    assert digest(trend) != digest(board("Diễn biến"))


async def test_a_picture_drawn_once_is_read_back_after_a_restart(tmp_path: Path) -> None:
    chart = board("Kết quả theo dõi quý I/2025 (đã công bố)")
    first = ChartImages(directory=tmp_path)
    image = await first.image(chart)
    assert image.startswith(b"\x89PNG")
    kept = pictures(tmp_path)
    assert [p.name for p in kept] == [f"{digest(chart)}.png"]
    await first.close()

    restarted = ChartImages(directory=tmp_path)
    assert await restarted.image(chart) == image
    assert pictures(tmp_path) == kept
    await restarted.close()


async def test_pictures_are_drawn_ahead_once(tmp_path: Path) -> None:
    charts: list[Chart] = [board(f"Kết quả theo dõi quý {q}/2025") for q in ("I", "II", "III")]

    async def source() -> AsyncIterator[Chart]:
        for chart in charts:
            yield chart

    images = ChartImages(directory=tmp_path)
    try:
        images.prerender("2025", source)
        await images.idle()
        assert images.rendered_ahead == 3
        assert len(pictures(tmp_path)) == 3
        images.prerender("2025", source)  # at the next start-up: nothing new to draw
        await images.idle()
        assert images.rendered_ahead == 3
        # What was drawn ahead is what a request gets.
        drawn = (tmp_path / f"{digest(charts[0])}.png").read_bytes()
        assert await images.image(charts[0]) == drawn
    finally:
        await images.close()


async def test_the_folder_stays_within_its_budget_keeping_the_wanted_pictures(
    tmp_path: Path,
) -> None:
    old = board("Kết quả theo dõi quý IV/2024")
    probe = ChartImages(directory=tmp_path)
    size = len(await probe.image(old))
    await probe.close()
    wanted = [board(f"Kết quả theo dõi quý {q}/2025") for q in ("I", "II", "III")]

    async def source() -> AsyncIterator[Chart]:
        for chart in wanted:
            yield chart

    # Room for about two pictures: the one no plan wants goes first, then the plan
    # stops where the budget ends, its first pictures kept.
    images = ChartImages(directory=tmp_path, disk_budget=int(size * 2.5))
    try:
        images.prerender("2025", source)
        await images.idle()
        kept = {p.stem for p in pictures(tmp_path)}
        assert digest(old) not in kept
        assert digest(wanted[0]) in kept
        assert sum(p.stat().st_size for p in pictures(tmp_path)) <= size * 2.5
    finally:
        await images.close()


async def test_without_a_folder_nothing_is_drawn_ahead(tmp_path: Path) -> None:
    images = ChartImages(directory=tmp_path, disk_budget=0)

    async def source() -> AsyncIterator[Chart]:
        yield board("Kết quả theo dõi quý I/2025")

    images.prerender("2025", source)
    await images.idle()
    assert images.rendered_ahead == 0
    assert pictures(tmp_path) == []
    assert (await images.image(board("Kết quả theo dõi quý I/2025"))).startswith(b"\x89PNG")
    assert pictures(tmp_path) == []
    await images.close()
