"""Block ranking: competition ranks, ties, units that did not report, median, gap to next."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bot.scoring.ranking import (
    Entry,
    Ranked,
    median_index,
    points_to_next_rank,
    rank_block,
    vietnamese_sort_key,
)

D = Decimal


def entry(code: str, name: str, index: str | None) -> Entry:
    return Entry(unit_code=code, unit_name=name, index=None if index is None else D(index))


def shape(ranked: list[Ranked]) -> list[tuple[int | None, str, bool]]:
    return [(r.rank, r.entry.unit_code, r.tied) for r in ranked]


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    ranked = rank_block(
        [
            entry("D", "Trường THPT Tây Sơn", "70.10"),
            entry("B", "Trường THPT Quang Trung", "85.5"),
            entry("A", "Trường THPT Chu Văn An", "92.00"),
            entry("C", "Trường THPT Nguyễn Du", "85.50"),  # equal to 85.5
        ]
    )
    assert shape(ranked) == [
        (1, "A", False),
        (2, "C", True),  # "Nguyễn Du" before "Quang Trung"
        (2, "B", True),
        (4, "D", False),
    ]


def test_all_tied() -> None:
    ranked = rank_block([entry(c, f"Đơn vị {c}", "75") for c in "CAB"])
    assert shape(ranked) == [(1, "A", True), (1, "B", True), (1, "C", True)]


def test_single_unit_is_first_and_not_tied() -> None:
    assert shape(rank_block([entry("A", "A", "0")])) == [(1, "A", False)]


def test_empty_block() -> None:
    assert rank_block([]) == []
    assert median_index([]) is None


def test_units_that_did_not_report_come_last_without_rank() -> None:
    ranked = rank_block(
        [
            entry("Z", "Trường THPT Bình Định", None),
            entry("Y", "Trường THPT An Nhơn 1", None),
            entry("X", "Trường THPT Hoài Ân", "12.00"),
            entry("W", "Trường THPT Vĩnh Thạnh", "0.00"),
        ]
    )
    assert shape(ranked) == [
        (1, "X", False),
        (2, "W", False),  # an index of 0 still ranks: the unit reported
        (None, "Y", False),
        (None, "Z", False),
    ]


def test_every_unit_of_the_block_counts_in_r_of_n() -> None:
    # Two of five units reported: the second is "2/5", not "2/2"; the three silent ones
    # carry the same N, no rank number, and come after every ranked unit.
    ranked = rank_block(
        [
            entry("A", "Trường THPT An Lão", "80"),
            entry("B", "Trường THPT Bình Dương", None),
            entry("C", "Trường THPT Chu Văn An", "70"),
            entry("D", "Trường THPT Dương Văn Mạnh", None),
            entry("E", "Trường THPT Ea Súp", None),
        ]
    )
    assert [(r.rank, r.out_of) for r in ranked] == [(1, 5), (2, 5), (None, 5)] + [(None, 5)] * 2
    assert [r.entry.unit_code for r in ranked[2:]] == ["B", "D", "E"]


def test_only_the_first_of_a_block_of_several_leads_it() -> None:
    alone = rank_block([entry("A", "A", "50")])
    assert alone[0].rank == 1
    assert not alone[0].leads  # one unit in its block leads nobody
    pair = rank_block([entry("A", "A", "50"), entry("B", "B", None)])
    assert [r.leads for r in pair] == [True, False]
    tied = rank_block([entry("A", "A", "50"), entry("B", "B", "50"), entry("C", "C", "10")])
    assert [r.leads for r in tied] == [True, True, False]  # "1, 1, 3": both lead


def test_ties_are_listed_in_vietnamese_alphabetical_order_then_by_code() -> None:
    names = {
        "1": "Trường THPT Đào Duy Từ",
        "2": "Trường THPT Dương Văn Mạnh",
        "3": "Trường THPT Ea Súp",
        "4": "Trường THPT Ân Hữu",
        "5": "Trường THPT An Lão",
        "6": "Trường THPT Zê",
        "8": "Trường THPT An Lão",  # same name, later code
        "7": "trường thpt an lão",  # differs only in case: after, by the original text
    }
    ranked = rank_block([entry(code, name, "80") for code, name in names.items()])
    # Code-point order would put "Đ" after "Z" and "Â" after "E".
    assert [r.entry.unit_code for r in ranked] == ["5", "8", "7", "4", "2", "1", "3", "6"]


def test_vietnamese_sort_key_letters_then_tones() -> None:
    words = ["ơ", "o", "ô", "ă", "a", "â", "đ", "d", "e", "ư", "u", "à", "á", "ả", "ã", "ạ"]
    assert sorted(words, key=vietnamese_sort_key) == [
        "a",
        "à",
        "ả",
        "ã",
        "á",
        "ạ",
        "ă",
        "â",
        "d",
        "đ",
        "e",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
    ]
    # Tones only break ties: "bà" < "ba" is never decided before the letters differ.
    assert sorted(["bá c", "ba d"], key=vietnamese_sort_key) == ["bá c", "ba d"]


def test_precomposed_and_decomposed_names_sort_together() -> None:
    composed = "Trường THPT Số 1 Đức Phổ"
    decomposed = "Trường THPT Số 1 \u0110u\u031b\u0301c Pho\u0302\u0309"
    assert vietnamese_sort_key(composed)[:2] == vietnamese_sort_key(decomposed)[:2]


# ---------------------------------------------------------------------------
# Points to the next rank, median
# ---------------------------------------------------------------------------

BLOCK = rank_block(
    [
        entry("A", "A", "92.00"),
        entry("B", "B", "85.50"),
        entry("C", "C", "85.50"),
        entry("D", "D", "70.10"),
        entry("E", "E", None),
    ]
)


def test_points_to_next_rank() -> None:
    assert points_to_next_rank(BLOCK, "A") is None  # first
    assert points_to_next_rank(BLOCK, "B") == D("6.50")  # 92.00 − 85.50
    assert points_to_next_rank(BLOCK, "C") == D("6.50")
    assert points_to_next_rank(BLOCK, "D") == D("15.40")  # to 85.50, the next distinct index
    assert points_to_next_rank(BLOCK, "E") is None  # did not report
    assert points_to_next_rank(BLOCK, "nobody") is None


def test_points_to_next_rank_for_tied_leaders() -> None:
    ranked = rank_block([entry("A", "A", "90"), entry("B", "B", "90"), entry("C", "C", "89.99")])
    assert points_to_next_rank(ranked, "A") is None
    assert points_to_next_rank(ranked, "B") is None
    assert points_to_next_rank(ranked, "C") == D("0.01")


def test_median_of_reported_units() -> None:
    # 70.10, 85.50, 85.50, 92.00 → (85.50 + 85.50) / 2; the unit that did not report is out.
    assert median_index(BLOCK) == D("85.50")
    odd = rank_block([entry("A", "A", "10"), entry("B", "B", "30.5"), entry("C", "C", "90")])
    assert median_index(odd) == D("30.50")


def test_median_rounds_half_up_to_two_decimals() -> None:
    ranked = rank_block([entry("A", "A", "80.01"), entry("B", "B", "80.02")])
    assert median_index(ranked) == D("80.02")  # 80.015 → 80.02
    assert median_index(rank_block([entry("A", "A", None)])) is None


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_indices = st.none() | st.decimals(min_value=0, max_value=100, places=2)
_names = st.sampled_from(
    ["Trường THPT An Nhơn", "Trường THPT Ân Hữu", "Trường THPT Đào Duy Từ", "Phòng GDĐT Tuy Phước"]
)


@st.composite
def blocks(draw: st.DrawFn) -> list[Entry]:
    count = draw(st.integers(min_value=0, max_value=12))
    return [
        Entry(unit_code=f"U{n:02d}", unit_name=draw(_names), index=draw(_indices))
        for n in range(count)
    ]


@given(entries=blocks(), data=st.data())
def test_ranking_does_not_depend_on_input_order(entries: list[Entry], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(entries))
    assert rank_block(shuffled) == rank_block(entries)


@given(entries=blocks())
def test_ranks_follow_the_competition_rule(entries: list[Entry]) -> None:
    ranked = rank_block(entries)
    assert sorted(r.entry.unit_code for r in ranked) == sorted(e.unit_code for e in entries)
    reported = [r for r in ranked if r.rank is not None]
    assert all(r.entry.index is None for r in ranked[len(reported) :])
    assert all(r.out_of == len(entries) for r in ranked)
    for r in reported:
        assert r.entry.index is not None
        better = sum(
            1 for o in reported if o.entry.index is not None and o.entry.index > r.entry.index
        )
        same = sum(1 for o in reported if o.entry.index == r.entry.index)
        assert r.rank == better + 1
        assert r.tied == (same > 1)
        gap = points_to_next_rank(ranked, r.entry.unit_code)
        assert (gap is None) == (r.rank == 1)
        if gap is not None:
            assert gap > 0
    median = median_index(ranked)
    assert (median is None) == (not reported)
