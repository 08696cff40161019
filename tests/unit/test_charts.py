"""Charts: valid PNGs a phone can read, every Vietnamese letter drawn, same data same bytes."""

from __future__ import annotations

import io
import struct
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from matplotlib.colors import to_rgb
from matplotlib.ft2font import FT2Font
from matplotlib.image import imread

from bot.formatting import format_points
from bot.numbers import parse_number
from charts import MAX_BARS, Bar, TrendPoint, leaderboard_png, trend_png
from charts import _style as style

SCHOOL = "Trường THPT Nguyễn Thị Minh Khai"
OFFICE = "Phòng Giáo dục và Đào tạo huyện Vĩnh Thạnh"
ALL_TONES = (
    "ĐẮK LẮK ỨNG HỘ Ữ Ỹ Ỵ ỳ ỷ ỹ ự ừ ử ữ ợ ờ ở ỡ ậ ầ ẩ ẫ ặ ằ ẳ ẵ ệ ề ể ễ ộ ồ ổ ỗ ị ì ỉ ĩ ụ ù ủ ũ"
)
VIETNAMESE = (SCHOOL, OFFICE, ALL_TONES)
# Every letter Vietnamese writes: the Latin Extended Additional block it owns, plus the
# ones it shares with Latin-1 and Latin Extended-A/B.
LETTERS = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
)
LONG = (
    "Trường Trung học phổ thông Dân tộc Nội trú tỉnh Đắk Lắk và các huyện miền núi "
    "phía Tây Nam Nguyễn Thị Minh Khai"
)
QUARTERS = [f"Quý {q}/{y}" for y in (2025, 2026) for q in ("I", "II", "III", "IV")]


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a PNG must start with."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def pixels(png: bytes) -> np.ndarray:
    """Decoded by Pillow (through matplotlib), so a malformed file fails here."""
    return np.asarray(imread(io.BytesIO(png), format="png"))[:, :, :3]


def has_colour(png: bytes, colour: str) -> bool:
    wanted = np.array(to_rgb(colour))
    return bool((np.abs(pixels(png) - wanted).max(axis=2) < 2 / 255).any())


@contextmanager
def no_missing_glyphs() -> Iterator[None]:
    """Record every warning, even ones seen before, and fail on any about glyphs."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m], messages


def bars(count: int, *, own: int | None = 0, names: tuple[str, ...] = VIETNAMESE) -> list[Bar]:
    return [
        Bar(f"{i + 1}. {names[i % len(names)]}", 95 - i * 0.75, highlight=i == own)
        for i in range(count)
    ]


def points(count: int = 8) -> list[TrendPoint]:
    return [
        TrendPoint(QUARTERS[i % 8], 60 + 4.25 * i if i != 2 else None, 70 + i)
        for i in range(count)
    ]


# -- the file ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "render",
    [
        lambda: leaderboard_png("Chỉ số CCHC", bars(5), median=78.5, subtitle="Khối THPT"),
        lambda: trend_png("Chỉ số CCHC qua các quý", points()),
        lambda: leaderboard_png("Chỉ số CCHC", []),
        lambda: trend_png("Chỉ số CCHC", []),
    ],
    ids=["leaderboard", "trend", "empty-leaderboard", "empty-trend"],
)
def test_a_valid_png_as_wide_as_a_phone(render: Callable[[], bytes]) -> None:
    png = render()
    width, height = png_size(png)
    assert width == 1080
    assert 300 < height < 10_000 - width  # Telegram: width + height ≤ 10 000
    assert pixels(png).shape == (height, width, 3)


def test_leaderboard_grows_with_its_rows() -> None:
    heights = [png_size(leaderboard_png("T", bars(n)))[1] for n in (1, 10, 30)]
    assert heights == sorted(heights)
    per_row = (heights[2] - heights[1]) / 20
    assert per_row >= 2 * style.LABEL.size  # a name line and a bar line per unit


def test_sixty_bars_fit_and_more_is_the_callers_error() -> None:
    width, height = png_size(leaderboard_png("T", bars(MAX_BARS), median=80))
    assert width + height <= 10_000
    assert height / width <= 20
    with pytest.raises(ValueError, match="at most 60"):
        leaderboard_png("T", bars(MAX_BARS + 1))


def test_labels_are_phone_sized() -> None:
    for kind in (style.LABEL, style.VALUE, style.TICK, style.POINT, style.NOTE):
        assert kind.size >= 28


# -- Vietnamese -------------------------------------------------------------------------
def test_the_font_has_every_vietnamese_letter() -> None:
    for path in (style.REGULAR_FONT, style.BOLD_FONT):
        charmap = FT2Font(str(path)).get_charmap()
        missing = [c for c in LETTERS + "…—" if ord(c) not in charmap]
        assert not missing, (path.name, missing)


def test_vietnamese_text_draws_without_missing_glyphs() -> None:
    with no_missing_glyphs():
        leaderboard_png(ALL_TONES, bars(6, own=1), median=78.5, subtitle=OFFICE)
        trend_png(SCHOOL, points(), series_label=ALL_TONES, median_label=OFFICE)
        trend_png(ALL_TONES, [TrendPoint(text, 50.0, 40.0) for text in VIETNAMESE])
        leaderboard_png(LETTERS, [Bar(LETTERS[i::8], 50) for i in range(8)])


def test_a_character_the_font_lacks_is_reported() -> None:
    # The guard the test above relies on: without it a box would be drawn silently.
    with pytest.warns(UserWarning, match="missing from font"):
        leaderboard_png("Trường 中", [Bar(SCHOOL, 50)])


def test_decomposed_input_is_drawn_as_composed() -> None:
    # Some phones send a letter followed by combining tone marks.
    decomposed = unicodedata.normalize("NFD", SCHOOL)
    assert decomposed != SCHOOL
    with no_missing_glyphs():
        assert leaderboard_png(decomposed, [Bar(decomposed, 50)]) == leaderboard_png(
            SCHOOL, [Bar(SCHOOL, 50)]
        )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (85.25, "85,25"),
        (100, "100,00"),
        (0, "0,00"),
        (78.5, "78,50"),
        (1234.5, "1.234,50"),
        (float("nan"), "—"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value: float, expected: str) -> None:
    assert style.vn_number(value) == expected


@given(st.decimals(min_value=0, max_value=Decimal("100000"), places=3))
@example(Decimal("85.125"))  # an exact tie in binary: half up, not to even
@example(Decimal("85.135"))  # binary 85.13499…: the picture must still say "85,14"
def test_a_bar_reads_what_the_message_says(score: Decimal) -> None:
    # Services hand charts float(score); the label is the message's format_points(score).
    assert style.vn_number(float(score)) == format_points(score)
    assert parse_number(style.vn_number(float(score))) == score.quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


# -- names on one line ------------------------------------------------------------------
def test_a_usual_school_name_is_kept_whole() -> None:
    width = style.WIDTH_PX - 2 * style.MARGIN_PX
    for name in (f"12. {SCHOOL}", f"60. {OFFICE}"):
        assert style.shorten_name(name, width, style.LABEL_OWN) == name


@pytest.mark.parametrize("width", [900, 700, 500, 300])
def test_a_long_name_keeps_its_rank_and_its_distinctive_end(width: int) -> None:
    short = style.shorten_name(f"12. {LONG}", width, style.LABEL)
    assert style.LABEL.width(short) <= width
    assert short.startswith("12. ")
    assert short.endswith("Khai")


def test_shortening_goes_step_by_step() -> None:
    name = "Trường Trung học phổ thông Nguyễn Thị Minh Khai"

    def at(text: str) -> str:
        return style.shorten_name(name, style.LABEL.width(text), style.LABEL)

    assert at(name) == name
    assert at("Trường THPT Nguyễn Thị Minh Khai") == "Trường THPT Nguyễn Thị Minh Khai"
    assert at("THPT Nguyễn Thị Minh Khai") == "THPT Nguyễn Thị Minh Khai"
    assert at("THPT … Minh Khai") == "THPT … Minh Khai"
    assert at("Nguyễn").endswith("…")
    assert style.LABEL.width(at("Nguyễn")) <= style.LABEL.width("Nguyễn")


def test_long_names_and_titles_still_fit_the_picture() -> None:
    with no_missing_glyphs():
        png = leaderboard_png(
            LONG * 3,
            [Bar(LONG, 99.5, highlight=True), Bar("x" * 200, 10)],
            subtitle=LONG * 2,
            median=50,
        )
        trend_png(LONG * 3, points(), series_label=LONG, median_label=LONG)
    assert png_size(png)[0] == 1080


def test_title_wraps_at_words_and_ends_in_an_ellipsis_when_too_long() -> None:
    lines = style.wrap(LONG * 3, 1000, style.TITLE, max_lines=3)
    assert len(lines) == 3
    assert all(style.TITLE.width(line) <= 1000 for line in lines)
    assert lines[-1].endswith("…")
    assert style.wrap(SCHOOL, 1000, style.TITLE, max_lines=3) == [SCHOOL]


# -- same data, same bytes ---------------------------------------------------------------
def test_same_data_gives_the_same_bytes() -> None:
    board = bars(12, own=3)
    first = leaderboard_png("Chỉ số", board, median=80.25, subtitle="Khối")
    assert leaderboard_png("Chỉ số", list(board), median=80.25, subtitle="Khối") == first
    assert trend_png("Xu hướng", points()) == trend_png("Xu hướng", points())


def test_no_software_version_or_time_in_the_file() -> None:
    png = leaderboard_png("T", bars(3))
    for marker in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"Matplotlib"):
        assert marker not in png


def test_threads_render_the_same_bytes_as_one_thread() -> None:
    # The bot renders in worker threads; nothing may be shared that one render changes.
    jobs: list[Callable[[], bytes]] = [
        lambda: leaderboard_png("A", bars(20, own=4), median=70),
        lambda: trend_png("B", points()),
        lambda: leaderboard_png("C", bars(7, own=None), subtitle=OFFICE),
    ] * 3
    alone = [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda job: job(), jobs))
    assert together == alone


def test_the_readers_unit_is_highlighted() -> None:
    mine = leaderboard_png("T", bars(8, own=2))
    theirs = leaderboard_png("T", bars(8, own=5))
    nobody = leaderboard_png("T", bars(8, own=None))
    assert len({mine, theirs, nobody}) == 3
    assert has_colour(mine, style.OWN_BAR)
    assert not has_colour(nobody, style.OWN_BAR)


def test_the_median_is_drawn_only_when_given() -> None:
    assert has_colour(leaderboard_png("T", bars(5), median=80), style.MEDIAN)
    assert not has_colour(leaderboard_png("T", bars(5)), style.MEDIAN)


# -- odd data ---------------------------------------------------------------------------
def test_empty_data_says_so_instead_of_failing() -> None:
    empty_board = leaderboard_png("Chỉ số CCHC", [], median=80)
    empty_trend = trend_png("Chỉ số CCHC", [TrendPoint("Quý I/2025", None, None)])
    assert empty_trend == trend_png("Chỉ số CCHC", [])
    assert empty_board != leaderboard_png("Chỉ số CCHC", bars(1))
    assert png_size(empty_board)[0] == png_size(empty_trend)[0] == 1080


def test_out_of_range_and_missing_values_do_not_fail() -> None:
    odd = [Bar("a", 130), Bar("b", -5), Bar("c", float("nan")), Bar("d", float("inf"))]
    assert png_size(leaderboard_png("T", odd, median=float("nan")))[0] == 1080
    trend = [TrendPoint("Quý I/2025", 120, -3), TrendPoint("Quý II/2025", float("nan"), 50)]
    assert png_size(trend_png("T", trend))[0] == 1080


def test_a_gap_in_the_trend_is_not_bridged() -> None:
    full = [TrendPoint(q, 50 + i, 60) for i, q in enumerate(QUARTERS[:3])]
    gap = [full[0], TrendPoint(QUARTERS[1], None, 60), full[2]]
    assert trend_png("T", gap) != trend_png("T", full)
    # Only the unit is missing a quarter, so only one of its points is left: a lone
    # point still shows as a marker.
    lone = [TrendPoint(QUARTERS[0], None, 60), TrendPoint(QUARTERS[1], 55, 60)]
    assert has_colour(trend_png("T", lone), style.SERIES)


@pytest.mark.parametrize("count", [1, 4, 8, 12, 20])
def test_trend_handles_few_and_many_quarters(count: int) -> None:
    labels = [f"Quý {q}/{2020 + i // 4}" for i in range(count) for q in ("I",)]
    data = [TrendPoint(label, 40 + (i * 7) % 50, 60) for i, label in enumerate(labels)]
    with no_missing_glyphs():
        assert png_size(trend_png("Xu hướng", data))[0] == 1080
