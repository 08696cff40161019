"""Award candidate selection, worked by hand: every expected result is written out."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.domain.models import Unit
from bot.services.awards import (
    DossierRequest,
    Ground,
    UnitFacts,
    pick_top,
    plan_changes,
    select_divisions,
    select_heads,
    select_units,
)


def unit(code: str, name: str | None = None, block: str = "truc_thuoc") -> Unit:
    return Unit(code=code, name=name or f"Trường THPT {code}", block=block)


def facts(
    code: str,
    index: str | None,
    rank: int | None,
    received: int = 1000,
    online: int = 950,
    *,
    name: str | None = None,
    band: str | None = None,
) -> UnitFacts:
    return UnitFacts(
        unit=unit(code, name),
        index=Decimal(index) if index is not None else None,
        band=band,
        rank=rank,
        ranked=10,
        received=received,
        online=online,
        quarters=4,
    )


def summary(picks: list) -> list[tuple[int, str, bool]]:  # type: ignore[type-arg]
    return [(p.position, p.facts.unit.code, p.tied) for p in picks]


# -- the online condition --------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "online", "rate", "qualifies"),
    [
        (1000, 901, Decimal("90.10"), True),
        (1000, 900, Decimal("90.00"), False),  # "trên 90 %": exactly 90 % is not above
        (1000, 899, Decimal("89.90"), False),
        (10001, 9001, Decimal("90.00"), True),  # 90,0009 %: above, though shown as 90,00
        (3, 3, Decimal("100.00"), True),
        (0, 0, None, False),  # no dossiers: the condition cannot be shown
    ],
)
def test_online_share_is_strictly_above_ninety_percent(
    received: int, online: int, rate: Decimal | None, qualifies: bool
) -> None:
    item = facts("A", "80", 1, received, online)

    assert item.online_rate == rate
    assert item.online_qualifies is qualifies


# -- affiliated units ---------------------------------------------------------------------


def test_top_four_among_units_above_ninety_percent_with_the_excluded_leaders() -> None:
    block = [
        facts("A", "95.00", 1, 1000, 850),  # leads the block, 85 % online
        facts("B", "92.50", 2, 2000, 1900),  # 95 %
        facts("C", "90.00", 3, 500, 450),  # exactly 90 %
        facts("D", "88.75", 4, 800, 800),  # 100 %
        facts("E", "85.00", 5, 0, 0),  # no dossiers
        facts("F", "84.10", 6, 1000, 910),  # 91 %
        facts("G", "80.00", 7, 1000, 990),  # 99 %
        facts("H", "79.00", 8, 1000, 1000),  # 100 %, fifth eligible
        facts("I", None, None, 0, 0),  # did not report
    ]

    picks, passed = select_units(block)

    assert summary(picks) == [(1, "B", False), (2, "D", False), (3, "F", False), (4, "G", False)]
    # Everyone ranked above the last candidate (G, rank 7) who missed the condition.
    assert [(p.facts.unit.code, p.reason) for p in passed] == [
        ("A", "online_low"),
        ("C", "online_low"),
        ("E", "no_dossiers"),
    ]


def test_ties_at_the_last_seat_are_all_included() -> None:
    block = [
        facts("A", "90.00", 1),
        facts("B", "85.00", 2),
        facts("C", "85.00", 2),
        facts("D", "80.00", 4, name="Trường THPT Đống Đa"),
        facts("E", "80.00", 4, name="Trường THPT Ánh Dương"),
        facts("F", "79.99", 6),
    ]

    picks, passed = select_units(block)

    # Positions are competition ranks; within a tie, Vietnamese name order (Á before Đ).
    assert summary(picks) == [
        (1, "A", False),
        (2, "B", True),
        (2, "C", True),
        (4, "E", True),
        (4, "D", True),
    ]
    assert passed == []


def test_fewer_than_four_eligible_units_gives_fewer_candidates() -> None:
    block = [
        facts("A", "91.00", 1, 100, 95),
        facts("B", "90.00", 2, 100, 60),
        facts("C", "70.00", 3, 100, 91),
        facts("D", "60.00", 4, 100, 90),
        facts("E", "50.00", 5, 100, 10),
    ]

    picks, passed = select_units(block)

    assert summary(picks) == [(1, "A", False), (2, "C", False)]
    # With fewer than four candidates, the block's top four are all explained.
    assert [p.facts.unit.code for p in passed] == ["B", "D"]


def test_no_eligible_unit_and_an_empty_block() -> None:
    block = [facts("A", "95.00", 1, 0, 0), facts("B", None, None, 100, 100)]

    picks, passed = select_units(block)

    assert picks == []
    assert [(p.facts.unit.code, p.reason) for p in passed] == [("A", "no_dossiers")]
    assert select_units([]) == ([], [])


def test_a_unit_that_did_not_report_is_never_a_candidate() -> None:
    picks, _ = select_units([facts("A", None, None, 1000, 1000), facts("B", "10.00", 1)])

    assert summary(picks) == [(1, "B", False)]


def test_selection_does_not_depend_on_input_order() -> None:
    block = [facts(f"U{i:02d}", f"{80 + i % 7}.50", None, 100, 91 + i % 3) for i in range(20)]
    expected = summary(select_units(block)[0])
    assert expected[:2] == [(1, "U06", True), (1, "U13", True)]

    for seed in range(10):
        shuffled = block[:]
        random.Random(seed).shuffle(shuffled)
        assert summary(select_units(shuffled)[0]) == expected


# -- heads --------------------------------------------------------------------------------


def test_heads_go_with_the_first_two_positions() -> None:
    picks = pick_top([facts("A", "90", 1), facts("B", "85", 2), facts("C", "80", 3)], 4)

    assert summary(select_heads(picks)) == [(1, "A", False), (2, "B", False)]


def test_heads_include_a_tie_at_the_second_position() -> None:
    picks = pick_top(
        [facts("A", "90", 1), facts("B", "85", 2), facts("C", "85", 2), facts("D", "80", 4)], 4
    )

    assert summary(select_heads(picks)) == [(1, "A", False), (2, "B", True), (2, "C", True)]


def test_heads_when_the_first_position_is_shared_by_three() -> None:
    picks = pick_top([facts(c, "90", 1) for c in "ABC"] + [facts("D", "80", 4)], 4)

    # Position 1 three times: all three are within the first two positions.
    assert summary(select_heads(picks)) == [(1, "A", True), (1, "B", True), (1, "C", True)]


# -- divisions ----------------------------------------------------------------------------


def division(code: str, index: str | None, band: str | None) -> UnitFacts:
    return UnitFacts(
        unit=unit(code, f"Phòng {code}", "phong_so"),
        index=Decimal(index) if index is not None else None,
        band=band,
        rank=None,
        ranked=8,
    )


GOOD = ("Xuất sắc", "Tốt")


def test_two_best_divisions_rated_good_or_excellent() -> None:
    block = [
        division("TCCB", "93.00", "Xuất sắc"),
        division("KHTC", "81.00", "Tốt"),
        division("VP", "86.40", "Tốt"),
        division("TTRA", "79.99", "Khá"),
        division("KTKD", None, None),
    ]

    assert summary(select_divisions(block, GOOD)) == [(1, "TCCB", False), (2, "VP", False)]


def test_divisions_with_no_dossiers_still_count_and_ties_are_kept() -> None:
    # Divisions handle few procedures; their online share plays no part.
    block = [
        division("A", "85.00", "Tốt"),
        division("B", "85.00", "Tốt"),
        division("C", "85.00", "Tốt"),
        division("D", "70.00", "Khá"),
    ]

    assert summary(select_divisions(block, GOOD)) == [
        (1, "A", True),
        (1, "B", True),
        (1, "C", True),
    ]


def test_no_division_good_enough() -> None:
    block = [division("A", "79.99", "Khá"), division("B", "50.00", "Trung bình")]

    assert select_divisions(block, GOOD) == []


# -- confirming the list ------------------------------------------------------------------

AT = datetime(2025, 12, 20, 2, 0, tzinfo=UTC)


def request(code: str, *grounds: Ground, released: bool = False) -> DossierRequest:
    return DossierRequest(2025, code, grounds, "tg:1", AT, AT if released else None)


def test_plan_changes_asks_new_units_updates_changed_ones_and_releases_dropped_ones() -> None:
    live = {
        "A": (Ground("unit"), Ground("head")),  # unchanged
        "B": (Ground("unit"),),  # was unit + head
        "C": (Ground("division"), Ground("person", "Nguyễn Văn An")),  # new
        "D": (Ground("unit"),),  # released earlier, back on the list
    }
    requests = {
        "A": request("A", Ground("unit"), Ground("head")),
        "B": request("B", Ground("unit"), Ground("head")),
        "D": request("D", Ground("unit"), released=True),
        "E": request("E", Ground("unit")),  # no longer on the list
        "F": request("F", Ground("unit"), released=True),  # already released
    }

    to_put, to_release = plan_changes(live, requests)

    assert to_put == {
        "B": (Ground("unit"),),
        "C": (Ground("division"), Ground("person", "Nguyễn Văn An")),
        "D": (Ground("unit"),),
    }
    assert to_release == ["E"]
    assert plan_changes({}, {}) == ({}, [])
