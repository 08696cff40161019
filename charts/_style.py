"""What every chart shares: canvas, type, colours, words, and fitting names on a line.

Nothing here touches pyplot or the global ``rcParams``: the bot renders in worker
threads, and ``rc_context`` would mutate a dict every thread reads. Each call builds its
own ``Figure`` on its own Agg canvas.

Text is drawn as glyph outlines, not as matplotlib ``Text``. On this hardware
matplotlib 3.11 spends about 85 µs per glyph on each label (shaping, hinting and
rasterising every glyph anew, twice over for layout and drawing): a 60-row leaderboard
took over a second. Outlines are read once per character from the font file and cached;
a whole picture's text is then one filled path per colour, which Agg draws in a few
milliseconds. The font is named by file (DejaVu Sans, shipped inside matplotlib), so the
output never depends on what the machine has installed, and a character the font lacks
raises the same "missing from font" warning matplotlib would.

The PNG is written here too (no filter, zlib level 1): Pillow's encoder took 150 ms for a
tall picture, this takes about 55 ms. It writes no text chunks at all, so the same
picture always gives the same bytes.
"""

from __future__ import annotations

import math
import re
import struct
import threading
import unicodedata
import warnings
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Literal

import matplotlib
import numpy as np
import numpy.typing as npt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font, Kerning, LoadFlags
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

if TYPE_CHECKING:
    from matplotlib.ft2font import GlyphIndexType

# -- canvas ---------------------------------------------------------------------------
# A phone screen is about 1080 px wide and Telegram shows a photo at the screen's width,
# so one image pixel is about one screen pixel; every size below is in pixels.
DPI = 100
WIDTH_PX = 1080
MARGIN_PX = 36

# -- colours ----------------------------------------------------------------------------
# Blue for everyone, orange for "you": the pair stays distinct for the common forms of
# colour blindness, and a bold label carries the highlight even in greyscale.
INK = "#1A1A1A"
MUTED = "#5F6368"
GRID = "#E3E5E8"
BAR = "#7A9CC6"
OWN_BAR = "#E8710A"
OWN_BAND = "#FFF1E0"
MEDIAN = "#3C4043"
SERIES = "#1F5FAD"
BACKGROUND = "#FFFFFF"

# -- words ------------------------------------------------------------------------------
# charts/ may not import handlers/texts/ (data flows one way), so the few words a
# picture needs live here, in one place.
EMPTY_TEXT = "Chưa có dữ liệu"
MEDIAN_TEXT = "Trung vị {value}"
ELLIPSIS = "…"

LINE_SPACING = 1.3  # line pitch as a multiple of the type size

_FONT_DIR = FilePath(matplotlib.get_data_path()) / "fonts" / "ttf"
# DejaVu Sans has every precomposed Vietnamese letter (U+1EA0-U+1EF9 and those in
# Latin-1 and Latin Extended-A/B); tests/unit/test_charts.py checks all of them.
REGULAR_FONT = _FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT = _FONT_DIR / "DejaVuSans-Bold.ttf"

Float1D = npt.NDArray[np.float64]
Float2D = npt.NDArray[np.float64]
Codes = npt.NDArray[np.uint8]


# -- glyphs -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Glyph:
    index: GlyphIndexType
    vertices: Float2D  # outline in ems, y up, origin on the baseline
    codes: Codes
    advance: float  # ems


class _Face:
    """One font file's outlines, advances and kerning, read lazily and kept for good.

    A picture uses a few dozen distinct characters and the cache never holds more than
    the font has, so it needs no eviction. FreeType objects are not thread-safe: reads
    from the cache are plain dict lookups, loading happens under the lock.
    """

    _SCALE = 100.0  # outlines are loaded at 100 px per em, then divided back to ems

    def __init__(self, path: FilePath) -> None:
        self._ft = FT2Font(str(path))
        self._ft.set_size(self._SCALE, 72)
        self._lock = threading.Lock()
        self._glyphs: dict[str, _Glyph] = {}
        self._kerning: dict[tuple[int, int], float] = {}
        self.family = self._ft.family_name
        self.units = float(self._ft.units_per_EM)
        self.ascent = self._ft.ascender / self.units
        self.descent = -self._ft.descender / self.units
        self.cap_height = float(self.glyph("H").vertices[:, 1].max())

    def glyph(self, char: str) -> _Glyph:
        found = self._glyphs.get(char)
        if found is None:
            with self._lock:
                found = self._glyphs.get(char)
                if found is None:
                    found = self._load(char)
                    self._glyphs[char] = found
        return found

    def _load(self, char: str) -> _Glyph:
        index = self._ft.get_char_index(ord(char))
        loaded = self._ft.load_glyph(index, flags=LoadFlags.NO_HINTING)
        vertices, codes = self._ft.get_path()
        return _Glyph(
            index=index,
            vertices=np.asarray(vertices, dtype=np.float64) / self._SCALE,
            codes=np.asarray(codes, dtype=np.uint8),
            advance=loaded.linearHoriAdvance / 65536 / self._SCALE,
        )

    def kern(self, left: _Glyph, right: _Glyph) -> float:
        key: tuple[int, int] = (left.index, right.index)
        found = self._kerning.get(key)
        if found is None:
            with self._lock:
                found = self._ft.get_kerning(left.index, right.index, Kerning.UNSCALED)
                found /= self.units
                self._kerning[key] = found
        return found


_FACES: dict[bool, _Face] = {}
_FACES_LOCK = threading.Lock()


def _face(bold: bool) -> _Face:
    found = _FACES.get(bold)
    if found is None:
        with _FACES_LOCK:
            found = _FACES.get(bold)
            if found is None:
                found = _Face(BOLD_FONT if bold else REGULAR_FONT)
                _FACES[bold] = found
    return found


@dataclass(frozen=True, slots=True)
class Type:
    """A size (px) and weight; labels are at least 28 px so they read on a phone."""

    size: float
    bold: bool = False

    def width(self, text: str) -> float:
        """Exactly the width ``Ink.text`` will draw, kerning included."""
        face = _face(self.bold)
        total = 0.0
        previous: _Glyph | None = None
        for char in text:
            glyph = face.glyph(char)
            if previous is not None:
                total += face.kern(previous, glyph)
            total += glyph.advance
            previous = glyph
        return total * self.size

    @property
    def ascent(self) -> float:
        return _face(self.bold).ascent * self.size

    @property
    def descent(self) -> float:
        return _face(self.bold).descent * self.size

    @property
    def cap_height(self) -> float:
        return _face(self.bold).cap_height * self.size


TITLE = Type(40, bold=True)
SUBTITLE = Type(30)
LABEL = Type(30)
LABEL_OWN = Type(30, bold=True)
VALUE = Type(30)
VALUE_OWN = Type(30, bold=True)
TICK = Type(28)
NOTE = Type(28, bold=True)
POINT = Type(28, bold=True)  # a trend's value labels: eight "100,00" fit side by side
MESSAGE = Type(40)

HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "baseline"]


@dataclass(slots=True)
class Ink:
    """Collects a picture's text, then draws it as one filled path per colour.

    Positions are pixels from the picture's top-left corner, so callers can lay text
    out before the figure's height is known.
    """

    _glyphs: dict[str, tuple[list[Float2D], list[Codes]]] = field(default_factory=dict)
    _boxes: dict[str, list[tuple[float, float, float, float]]] = field(default_factory=dict)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        kind: Type,
        color: str = INK,
        *,
        ha: HAlign = "left",
        va: VAlign = "baseline",
        knockout: str | None = None,
    ) -> float:
        """Place one line; ``va="center"`` centres capital letters on ``y``. A
        ``knockout`` colour paints a box behind the text first, so lines drawn under it
        (the median, the grid) do not strike through it. Returns the width."""
        face = _face(kind.bold)
        width = kind.width(text)
        left = x - {"left": 0.0, "center": width / 2, "right": width}[ha]
        baseline = y + {"top": kind.ascent, "center": kind.cap_height / 2, "baseline": 0.0}[va]
        if knockout is not None:
            pad = kind.size * 0.12  # sideways only: rows above and below sit close
            self._boxes.setdefault(knockout, []).append(
                (left - pad, baseline - kind.ascent, width + 2 * pad, kind.ascent + kind.descent)
            )
        pieces: list[Float2D] = []
        codes: list[Codes] = []
        offset = 0.0
        previous: _Glyph | None = None
        for char in text:
            glyph = face.glyph(char)
            if glyph.index == 0:
                # Worded as matplotlib words it, so one check catches both; the font's
                # "missing" box is drawn in the character's place.
                warnings.warn(
                    f"Glyph {ord(char)} ({char!r}) missing from font(s) {face.family}.",
                    UserWarning,
                    stacklevel=2,
                )
            if previous is not None:
                offset += face.kern(previous, glyph)
            if len(glyph.codes):
                pieces.append(glyph.vertices + (offset, 0.0))
                codes.append(glyph.codes)
            offset += glyph.advance
            previous = glyph
        if pieces:
            vertices = np.concatenate(pieces) * kind.size
            vertices[:, 0] += left
            vertices[:, 1] = baseline - vertices[:, 1]  # y grows downwards on the page
            stored = self._glyphs.setdefault(color, ([], []))
            stored[0].append(vertices)
            stored[1].append(np.concatenate(codes))
        return width

    def draw(self, figure: Figure, height: float) -> None:
        """Add everything collected to the figure, above the axes."""
        page = page_transform(height)
        for color, boxes in self._boxes.items():
            figure.add_artist(
                PathPatch(
                    rectangles(boxes),
                    transform=page,
                    facecolor=color,
                    edgecolor="none",
                    linewidth=0,
                    zorder=10,
                )
            )
        for color, (vertices, codes) in self._glyphs.items():
            path = Path(np.concatenate(vertices), np.concatenate(codes))
            figure.add_artist(
                PathPatch(
                    path,
                    transform=page,
                    facecolor=color,
                    edgecolor="none",
                    linewidth=0,
                    snap=False,
                    zorder=11,
                )
            )


def page_transform(height: float) -> Affine2D:
    """From pixels measured down from the top-left corner to Agg's display pixels."""
    return Affine2D().scale(1, -1).translate(0, height)


# -- words on a line --------------------------------------------------------------------
def clean(text: str) -> str:
    """Vietnamese typed on some phones arrives decomposed (a letter followed by combining
    tone marks); drawn glyph by glyph the marks would land beside the letter, so compose
    first. Line breaks and runs of spaces from pasted names are collapsed too."""
    return " ".join(unicodedata.normalize("NFC", text).split())


_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def vn_number(value: float, decimals: int = 2) -> str:
    """Vietnamese writes a decimal comma and a thousands dot: 1.234,50."""
    if not math.isfinite(value):
        return "—"
    return f"{value:,.{decimals}f}".translate(_SWAP_SEPARATORS)


def wrap(text: str, width: float, kind: Type, *, max_lines: int) -> list[str]:
    """Greedy word wrap; a word too long for a line, or words left over after the last
    allowed line, end in an ellipsis rather than running off the picture."""
    words = clean(text).split(" ")
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if kind.width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            if len(lines) == max_lines:
                lines[-1] = truncate_end(" ".join([current, *words[index:]]), width, kind)
                return lines
        current = truncate_end(word, width, kind)
    if current:
        lines.append(current)
    return lines


def truncate_end(text: str, width: float, kind: Type) -> str:
    """Longest prefix that fits, followed by an ellipsis."""
    if kind.width(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if kind.width(text[:middle].rstrip() + ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


# Long forms that Vietnamese schools themselves abbreviate on signboards and in official
# lists, so the short form reads as naturally as the long one.
_ABBREVIATIONS: Sequence[tuple[re.Pattern[str], str]] = tuple(
    (re.compile(rf"\b{long}\b", re.IGNORECASE), short)
    for long, short in (
        (r"Giáo dục nghề nghiệp\s*-\s*Giáo dục thường xuyên", "GDNN-GDTX"),
        ("Giáo dục thường xuyên", "GDTX"),
        ("Giáo dục và Đào tạo", "GD&ĐT"),
        ("Trung học phổ thông", "THPT"),
        ("Trung học cơ sở", "THCS"),
        ("Phổ thông Dân tộc Nội trú", "PTDTNT"),
        ("Phổ thông Dân tộc Bán trú", "PTDTBT"),
        ("Dân tộc Nội trú", "DTNT"),
        ("Dân tộc Bán trú", "DTBT"),
        ("Tiểu học", "TH"),
        ("Mầm non", "MN"),
        ("Trung tâm", "TT"),
    )
)
_RANK = re.compile(r"^\d+[.)]\s+")
_SCHOOL = re.compile(r"^Trường\s+", re.IGNORECASE)


def shorten_name(text: str, width: float, kind: Type) -> str:
    """Fit a unit's name on one line of ``width`` pixels, losing as little as possible.

    What tells units apart is the end of the name ("… Nguyễn Thị Minh Khai"), so it is
    the last thing to go. Steps, stopping at the first that fits:

    1. the name as given;
    2. long school types in their usual abbreviations (Trung học phổ thông → THPT,
       Giáo dục và Đào tạo → GD&ĐT, …);
    3. without the leading "Trường" (every school is one, so it tells nothing);
    4. the first word (the type: THPT, Phòng, …), an ellipsis, and as many of the last
       words as fit: "THPT … Minh Khai";
    5. the end cut with an ellipsis, for a single word too long for the line.

    A rank prefix such as "12. " is always kept.
    """
    text = clean(text)
    if kind.width(text) <= width:
        return text
    match = _RANK.match(text)
    rank = match.group(0) if match else ""
    name = text[len(rank) :]
    for pattern, short in _ABBREVIATIONS:
        name = pattern.sub(short, name)
    if kind.width(rank + name) <= width:
        return rank + name
    name = _SCHOOL.sub("", name) or name
    if kind.width(rank + name) <= width:
        return rank + name
    words = name.split(" ")
    head = f"{rank}{words[0]} {ELLIPSIS}"
    best = ""
    for start in range(len(words) - 1, 1, -1):
        candidate = f"{head} {' '.join(words[start:])}"
        if kind.width(candidate) > width:
            break
        best = candidate
    return best or truncate_end(rank + name, width, kind)


# -- the picture ------------------------------------------------------------------------
class Canvas:
    """A figure of fixed width whose height is decided once its content is laid out."""

    __slots__ = ("figure", "ink", "_agg")

    def __init__(self) -> None:
        self.figure = Figure(figsize=(WIDTH_PX / DPI, 1), dpi=DPI, facecolor=BACKGROUND)
        self._agg = FigureCanvasAgg(self.figure)
        self.ink = Ink()

    def set_height(self, height_px: float) -> int:
        """Whole pixels, so positions computed from the height match the raster."""
        height = max(1, round(height_px))
        self.figure.set_size_inches(WIDTH_PX / DPI, height / DPI)
        return height

    def png(self, height: int) -> bytes:
        """Draw the text collected so far over everything else and encode the raster."""
        self.ink.draw(self.figure, height)
        # backend_agg ships without type hints; both calls are its documented API.
        self._agg.draw()  # type: ignore[no-untyped-call]
        rgba = np.asarray(self._agg.buffer_rgba())  # type: ignore[no-untyped-call]
        return _encode_png(rgba)


_BAND_ROWS = 128


def _encode_png(rgba: npt.NDArray[np.uint8]) -> bytes:
    """8-bit RGB, filter 0 on every row, zlib level 1. The background is opaque, so the
    alpha channel is dropped: a quarter less to compress and to upload. On flat-coloured
    charts this is within a fifth of the size the best filters and levels reach, at a
    third of the time."""
    height, width = rgba.shape[:2]
    # Rows are filtered and compressed a band at a time, so the only full-size array is
    # Agg's own buffer: a tall chart's peak memory stays some 8 MB lower.
    band = np.empty((_BAND_ROWS, 1 + 3 * width), dtype=np.uint8)
    band[:, 0] = 0
    packer = zlib.compressobj(1)
    parts = []
    for top in range(0, height, _BAND_ROWS):
        rows = min(_BAND_ROWS, height - top)
        band[:rows, 1:].reshape(rows, width, 3)[...] = rgba[top : top + rows, :, :3]
        parts.append(packer.compress(band[:rows].data))
    parts.append(packer.flush())
    idat = b"".join(parts)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    per_metre = round(DPI / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            chunk(b"IDAT", idat),
            chunk(b"IEND", b""),
        )
    )


def rectangles(boxes: Sequence[tuple[float, float, float, float]]) -> Path:
    """Many (x, y, width, height) boxes as one path: one artist instead of one per box,
    which is what made a 60-row ``barh`` slow."""
    corners = np.array(boxes, dtype=np.float64).reshape(-1, 4)
    x, y, w, h = corners.T
    vertices = (
        np.stack(
            [
                np.stack([x, y]),
                np.stack([x + w, y]),
                np.stack([x + w, y + h]),
                np.stack([x, y + h]),
                np.stack([x, y]),
            ]
        )
        .transpose(2, 0, 1)
        .reshape(-1, 2)
    )
    codes = np.tile(
        np.array(
            [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY], dtype=np.uint8
        ),
        len(corners),
    )
    return Path(vertices, codes)


def header(canvas: Canvas, title: str, subtitle: str | None) -> float:
    """Title (up to three lines) and subtitle (up to two), wrapped to the picture's width;
    returns how far down the chart below them may start."""
    width = WIDTH_PX - 2 * MARGIN_PX
    top = float(MARGIN_PX)
    for text, kind, color, max_lines in (
        (title, TITLE, INK, 3),
        (subtitle or "", SUBTITLE, MUTED, 2),
    ):
        for line in wrap(text, width, kind, max_lines=max_lines):
            canvas.ink.text(MARGIN_PX, top, line, kind, color, va="top")
            top += kind.size * LINE_SPACING
    return top


def empty_chart(canvas: Canvas, top: float) -> bytes:
    """Say "no data yet" where the chart would be, so callers need no special case."""
    height = canvas.set_height(top + 280)
    canvas.ink.text(WIDTH_PX / 2, top + 130, EMPTY_TEXT, MESSAGE, MUTED, ha="center", va="center")
    return canvas.png(height)
