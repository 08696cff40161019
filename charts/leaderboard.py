"""A block's ranking as horizontal bars, sized for reading on a phone.

Each unit's name sits on its own line above its bar, across the full width of the
picture, instead of in a column to the left: on a 1080 px screen a left column would
leave either the names or the bars too narrow to read. A name that still does not fit
one line is shortened by ``charts._style.shorten_name``, which keeps its distinctive end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.patches import PathPatch, Rectangle
from matplotlib.transforms import blended_transform_factory

from charts import _style as s

MAX_BARS = 60
"""More rows would pass Telegram's photo limit (width + height ≤ 10 000 px). Telegram
also shrinks a photo to 2560 px on its long side, so beyond about 30 rows the type
shrinks on screen too; callers show a window (leaders and the unit's neighbours)."""

ROW_PX = 74  # name, then bar, then a gap: a name sits nearer its own bar than the last
NAME_CENTRE_PX = 17
BAR_TOP_PX = 37  # just below the name's descenders
BAR_PX = 26
MEDIAN_BAND_PX = 52
TOP_SCALE_FROM = 11  # from this many rows the scale is repeated above the first one
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True, slots=True)
class Bar:
    """One unit's index (0-100); ``highlight`` marks the reader's own unit."""

    label: str
    value: float
    highlight: bool = False


def leaderboard_png(
    title: str,
    bars: Sequence[Bar],
    *,
    median: float | None = None,
    subtitle: str | None = None,
) -> bytes:
    """Render the ranking in the order given (best first) as PNG bytes, 1080 px wide.

    The same arguments always give the same bytes, so the image may be cached by the
    ranking's data version. A value outside 0-100 is drawn clipped to the scale but
    labelled as it is; a non-finite one gets no bar and a dash. No bars gives a picture
    saying "Chưa có dữ liệu". More than ``MAX_BARS`` bars is the caller's error
    (``ValueError``): it must pass a window.
    """
    if len(bars) > MAX_BARS:
        raise ValueError(f"at most {MAX_BARS} bars fit a phone screen; got {len(bars)}")
    canvas = s.Canvas()
    ink = canvas.ink
    top = s.header(canvas, title, subtitle)
    if not bars:
        return s.empty_chart(canvas, top)
    if median is not None and not math.isfinite(median):
        median = None

    left = float(s.MARGIN_PX)
    line_width = s.WIDTH_PX - 2 * s.MARGIN_PX  # names may run under the value column
    scale_width = line_width - s.VALUE_OWN.width(s.vn_number(100.0)) - 16

    def x_px(value: float) -> float:
        return left + value / 100 * scale_width

    tick_line = s.TICK.size * s.LINE_SPACING
    top_scale = len(bars) >= TOP_SCALE_FROM
    axes_top = top + 12 + (tick_line if top_scale else 0)
    band = MEDIAN_BAND_PX if median is not None else 8
    axes_height = band + len(bars) * ROW_PX
    height = canvas.set_height(axes_top + axes_height + 10 + tick_line + s.MARGIN_PX)

    figure = canvas.figure
    ax = figure.add_axes(
        (
            left / s.WIDTH_PX,
            1 - (axes_top + axes_height) / height,
            scale_width / s.WIDTH_PX,
            axes_height / height,
        )
    )
    # Data y is pixels down from the axes' top, so rows are laid out like the text.
    ax.set_xlim(0, 100)
    ax.set_ylim(axes_height, 0)
    ax.set_axis_off()
    ax.vlines(list(TICKS), band - 4, axes_height, colors=s.GRID, linewidths=1.5, zorder=0)
    for tick in TICKS:
        label = str(tick)
        if top_scale:
            ink.text(x_px(tick), axes_top - 8, label, s.TICK, s.MUTED, ha="center")
        ink.text(
            x_px(tick), axes_top + axes_height + 10, label, s.TICK, s.MUTED, ha="center", va="top"
        )

    across = blended_transform_factory(figure.transFigure, ax.transData)
    boxes: dict[str, list[tuple[float, float, float, float]]] = {s.BAR: [], s.OWN_BAR: []}
    for index, bar in enumerate(bars):
        row_top = band + index * ROW_PX
        background = s.OWN_BAND if bar.highlight else s.BACKGROUND
        if bar.highlight:
            # The reader's row is tinted across the whole picture, name included.
            ax.add_patch(
                Rectangle(
                    (s.MARGIN_PX / 2 / s.WIDTH_PX, row_top - 6),
                    1 - s.MARGIN_PX / s.WIDTH_PX,
                    ROW_PX - 2,
                    transform=across,
                    facecolor=s.OWN_BAND,
                    edgecolor="none",
                    clip_on=False,
                    zorder=1,
                )
            )
        name_kind = s.LABEL_OWN if bar.highlight else s.LABEL
        ink.text(
            left,
            axes_top + row_top + NAME_CENTRE_PX,
            s.shorten_name(bar.label, line_width, name_kind),
            name_kind,
            va="center",
            knockout=background,
        )
        centre = row_top + BAR_TOP_PX + BAR_PX / 2
        end = min(max(bar.value, 0.0), 100.0) if math.isfinite(bar.value) else 0.0
        if end > 0:
            box = (0.0, row_top + BAR_TOP_PX, end, float(BAR_PX))
            boxes[s.OWN_BAR if bar.highlight else s.BAR].append(box)
        ink.text(
            x_px(end) + 8,
            axes_top + centre,
            s.vn_number(bar.value),
            s.VALUE_OWN if bar.highlight else s.VALUE,
            va="center",
            knockout=background,
        )
    for colour, drawn in boxes.items():
        if drawn:
            ax.add_patch(
                PathPatch(
                    s.rectangles(drawn), facecolor=colour, edgecolor="none", linewidth=0, zorder=2
                )
            )

    if median is not None:
        x = min(max(median, 0.0), 100.0)
        ax.vlines(
            x,
            band * 0.15,
            axes_height,
            colors=s.MEDIAN,
            linewidths=2.5,
            linestyles=(0, (6, 4)),
            zorder=3,
        )
        on_left = x > 55  # the label goes on the side with more room
        ink.text(
            x_px(x) + (-10 if on_left else 10),
            axes_top + band * 0.45,
            s.MEDIAN_TEXT.format(value=s.vn_number(median)),
            s.NOTE,
            s.MEDIAN,
            ha="right" if on_left else "left",
            va="center",
        )
    return canvas.png(height)
