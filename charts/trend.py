"""A unit's index quarter by quarter, against its block's median, sized for a phone."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from matplotlib.lines import Line2D

from bot.texts import charts as texts
from charts import _style as s

PLOT_PX = 560
HEADROOM_PX = 52  # room for a value label above a point at 100
Y_TICKS = (0, 20, 40, 60, 80, 100)
LEGEND_SAMPLE_PX = 64


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One quarter. ``value`` is the unit's index and ``median`` its block's, each None
    when there is nothing to show for that quarter."""

    label: str
    value: float | None
    median: float | None = None


def trend_png(
    title: str,
    points: Sequence[TrendPoint],
    *,
    series_label: str = texts.TREND_SERIES,
    median_label: str = texts.TREND_MEDIAN,
) -> bytes:
    """Render the points, oldest first, as PNG bytes 1080 px wide.

    A quarter without a value leaves a gap in its line rather than a bridge, so a missed
    report is visible. The unit's values are labelled beside their points where they
    cross no line (every other one, or sparser, when too many quarters crowd the width;
    the latest always). Same arguments, same bytes.
    With no points, or none with any number, the picture says "Chưa có dữ liệu".
    """
    canvas = s.Canvas()
    ink = canvas.ink
    top = s.header(canvas, title, None)
    values = _numbers(p.value for p in points)
    medians = _numbers(p.median for p in points)
    if np.isnan(values).all() and np.isnan(medians).all():
        return s.empty_chart(canvas, top)

    # Legend: one row when both entries fit, else one entry per row.
    entries: tuple[tuple[str, str, Literal["-", "--"], float, float], ...] = (
        (series_label, s.SERIES, "-", 4.0, 12.0),
        (median_label, s.MEDIAN, "--", 3.0, 8.0),
    )
    text_room = s.WIDTH_PX - 2 * s.MARGIN_PX - LEGEND_SAMPLE_PX - 12
    names = [s.shorten_name(name, text_room, s.LABEL) for name, *_ in entries]
    widths = [LEGEND_SAMPLE_PX + 12 + s.LABEL.width(name) for name in names]
    one_row = sum(widths) + 40 <= s.WIDTH_PX - 2 * s.MARGIN_PX
    legend_top = top + 10
    row_px = s.LABEL.size * s.LINE_SPACING
    legend_rows = [(s.MARGIN_PX, legend_top), (s.MARGIN_PX + widths[0] + 40, legend_top)]
    if not one_row:
        legend_rows[1] = (s.MARGIN_PX, legend_top + row_px)
    axes_top = legend_top + row_px * (1 if one_row else 2) + HEADROOM_PX

    left = s.MARGIN_PX + s.TICK.width("100") + 14
    width = s.WIDTH_PX - s.MARGIN_PX - left
    count = len(points)
    slot = width / count

    def x_px(index: float) -> float:
        return left + (index + 0.5) * slot

    def y_px(value: float) -> float:
        return axes_top + (100 - min(max(value, 0.0), 100.0)) / 100 * PLOT_PX

    labels, every = _quarter_labels([p.label for p in points], slot)
    label_lines = max(len(lines) for lines in labels)
    height = canvas.set_height(
        axes_top + PLOT_PX + 14 + s.TICK.size * s.LINE_SPACING * label_lines + s.MARGIN_PX
    )

    figure = canvas.figure
    ax = figure.add_axes(
        (
            left / s.WIDTH_PX,
            1 - (axes_top + PLOT_PX) / height,
            width / s.WIDTH_PX,
            PLOT_PX / height,
        )
    )
    ax.set_xlim(-0.5, count - 0.5)
    ax.set_ylim(0, 100)
    ax.set_axis_off()
    ax.hlines(list(Y_TICKS), -0.5, count - 0.5, colors=s.GRID, linewidths=1.5, zorder=0)
    for tick in Y_TICKS:
        ink.text(left - 14, y_px(tick), str(tick), s.TICK, s.MUTED, ha="right", va="center")
    for index, lines in enumerate(labels):
        if (count - 1 - index) % every:
            continue
        for row, line in enumerate(lines):
            ink.text(
                x_px(index),
                axes_top + PLOT_PX + 14 + row * s.TICK.size * s.LINE_SPACING,
                line,
                s.TICK,
                s.MUTED,
                ha="center",
                va="top",
            )

    positions = np.arange(count, dtype=np.float64)
    # NaN breaks a matplotlib line, which is exactly the gap a missing quarter needs.
    ax.plot(
        positions,
        np.clip(medians, 0, 100),
        color=s.MEDIAN,
        linewidth=3,
        linestyle="--",
        marker="o",
        markersize=8,
        zorder=2,
        clip_on=False,
    )
    ax.plot(
        positions,
        np.clip(values, 0, 100),
        color=s.SERIES,
        linewidth=4,
        marker="o",
        markersize=12,
        zorder=3,
        clip_on=False,
    )

    series = [None if math.isnan(v) else (x_px(i), y_px(v)) for i, v in enumerate(values)]
    typical = [None if math.isnan(m) else (x_px(i), y_px(m)) for i, m in enumerate(medians)]
    placer = _Placer(
        bounds=(
            left - 8,
            axes_top - HEADROOM_PX + 4,
            s.WIDTH_PX - s.MARGIN_PX / 2,
            axes_top + PLOT_PX - 2,
        ),
        lines=[series, typical],
    )
    label_every = max(1, math.ceil((s.POINT.width(s.vn_number(100.0)) + 6) / slot))
    for index, (value, median) in enumerate(zip(values, medians, strict=True)):
        point = series[index]
        if point is None or (count - 1 - index) % label_every:
            continue
        text = s.vn_number(value)
        # Start on the side away from the median line, so the two do not cross.
        x, y = placer.place(point, s.POINT.width(text), below_first=value < median)
        ink.text(x, y, text, s.POINT, s.SERIES, ha="center", va="center", knockout=s.BACKGROUND)

    page = s.page_transform(height)
    for (_, colour, style, line_width, marker), text, (x, y) in zip(
        entries, names, legend_rows, strict=True
    ):
        middle = y + row_px / 2
        figure.add_artist(
            Line2D(
                [x, x + LEGEND_SAMPLE_PX / 2, x + LEGEND_SAMPLE_PX],
                [middle] * 3,
                transform=page,
                color=colour,
                linewidth=line_width,
                linestyle=style,
                marker="o",
                markersize=marker,
                markevery=[1],
            )
        )
        ink.text(x + LEGEND_SAMPLE_PX + 12, middle, text, s.LABEL, s.INK, va="center")
    return canvas.png(height)


def _numbers(values: Iterable[float | None]) -> s.Float1D:
    """None (and anything not finite) as NaN, which matplotlib leaves undrawn."""
    return np.array(
        [v if v is not None and math.isfinite(v) else math.nan for v in values],
        dtype=np.float64,
    )


def _quarter_labels(labels: Sequence[str], slot: float) -> tuple[list[list[str]], int]:
    """Each quarter's name as one line if all fit their slot, else split in two at the
    "/" ("Quý III" over "2025"); if even that is too wide, every n-th one is shown,
    counting back from the latest."""
    cleaned = [s.clean(label) for label in labels]
    room = slot - 10
    if max(s.TICK.width(label) for label in cleaned) <= room:
        return [[label] for label in cleaned], 1
    split = [_split(label) for label in cleaned]
    widest = max(s.TICK.width(line) for lines in split for line in lines)
    return split, max(1, math.ceil(widest / room))


def _split(label: str) -> list[str]:
    if "/" in label:
        head, tail = label.split("/", 1)
        return [head, tail]
    if " " in label:
        head, tail = label.rsplit(" ", 1)
        return [head, tail]
    return [label]


Box = tuple[float, float, float, float]  # left, top, right, bottom, in pixels
Point = tuple[float, float]


class _Placer:
    """Puts each value label beside its point where it crosses neither line, no marker
    and no earlier label: above or below first, then the four diagonals, then the same a
    little further out. If nothing is free it keeps the first choice, and the label's
    knockout keeps it legible over whatever it covers."""

    __slots__ = ("_bounds", "_segments", "_boxes")

    GAP = 12.0  # from a point's centre to the label's nearest edge
    MARKER = 9.0  # half the size of a marker, as an obstacle

    def __init__(self, *, bounds: Box, lines: Sequence[Sequence[Point | None]]) -> None:
        self._bounds = bounds
        self._segments: list[tuple[Point, Point]] = []
        self._boxes: list[Box] = []
        for line in lines:
            for start, end in zip(line, line[1:], strict=False):
                if start is not None and end is not None:
                    self._segments.append((start, end))
            for point in line:
                if point is not None:
                    x, y = point
                    m = self.MARKER
                    self._boxes.append((x - m, y - m, x + m, y + m))

    def place(self, point: Point, width: float, *, below_first: bool) -> Point:
        """Centre for a label ``width`` wide, with capitals ``s.POINT.cap_height`` tall."""
        x, y = point
        half_w = width / 2 + 3
        half_h = s.POINT.cap_height / 2 + 5
        candidates: list[Point] = []
        for extra in (0.0, 14.0, 28.0):  # then a little further out, twice
            up = -(self.GAP + half_h + extra)
            side = half_w + self.MARKER + 3 + extra  # diagonals clear the point's marker
            lift = half_h + 4 + extra
            vertical = [(0.0, up), (0.0, -up)]
            if below_first:
                vertical.reverse()
            candidates += [*vertical, (-side, -lift), (side, -lift), (-side, lift), (side, lift)]
        for dx, dy in candidates:
            cx, cy = x + dx, y + dy
            box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            if self._free(box):
                self._boxes.append(box)
                return cx, cy
        dx, dy = candidates[0]
        return x + dx, y + dy

    def _free(self, box: Box) -> bool:
        left, top, right, bottom = box
        b_left, b_top, b_right, b_bottom = self._bounds
        if left < b_left or top < b_top or right > b_right or bottom > b_bottom:
            return False
        if any(
            left < o_right and o_left < right and top < o_bottom and o_top < bottom
            for o_left, o_top, o_right, o_bottom in self._boxes
        ):
            return False
        return not any(_crosses(start, end, box) for start, end in self._segments)


def _crosses(start: Point, end: Point, box: Box) -> bool:
    """Whether the segment enters the box (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = start, end
    left, top, right, bottom = box
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True
