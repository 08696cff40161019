"""What a standings picture shows, as plain data: the key of its cached image and the
work a render process does.

Kept apart from :mod:`bot.services.chart_images` so that a render process imports the
charts and nothing else of the bot (no database, no Telegram).
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from charts.leaderboard import Bar, leaderboard_png
from charts.trend import TrendPoint as ChartPoint
from charts.trend import trend_png


@dataclass(frozen=True, slots=True)
class BoardChart:
    """A block's ranking as bars (``leaderboard_png``'s arguments)."""

    title: str
    bars: tuple[Bar, ...]
    median: float | None
    subtitle: str | None

    def render(self) -> bytes:
        return leaderboard_png(self.title, self.bars, median=self.median, subtitle=self.subtitle)


@dataclass(frozen=True, slots=True)
class TrendChart:
    """A unit's quarters as a line (``trend_png``'s arguments)."""

    title: str
    points: tuple[ChartPoint, ...]

    def render(self) -> bytes:
        return trend_png(self.title, self.points)


Chart = BoardChart | TrendChart


@cache
def _renderer_version() -> str:
    """What else decides a picture's pixels: the drawing code and matplotlib. A stored
    image made by another version is not reused."""
    h = hashlib.blake2b(digest_size=8)
    for name in ("_style.py", "leaderboard.py", "trend.py"):
        h.update(resources.files("charts").joinpath(name).read_bytes())
    h.update(metadata.version("matplotlib").encode())
    return h.hexdigest()


def digest(chart: Chart) -> str:
    """The picture's name: the same data always give the same name (and the same bytes),
    different data another."""
    h = hashlib.blake2b(digest_size=16)
    h.update(_renderer_version().encode())
    h.update(repr(chart).encode())
    return h.hexdigest()


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` so that a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_to_file(chart: Chart, path: str) -> int:
    """Render ``chart`` into ``path`` (run in a render process); returns its size.

    A drawn figure holds its pixel buffers (some 10 MB for a tall chart) in reference
    cycles: collected after each picture (the young generations, about 1 ms), the render
    process stays near 100 MB over thousands of pictures instead of growing past 300 MB.
    """
    image = chart.render()
    write_atomically(Path(path), image)
    gc.collect(1)
    return len(image)


def lower_priority() -> None:
    """The render process yields the CPU to the bot: drawing ahead is never urgent, a
    person waiting for an answer is."""
    try:
        os.nice(10)
    except (AttributeError, OSError):  # not on this platform, or not allowed: carry on
        return
