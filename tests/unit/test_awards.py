"""Award candidate selection, worked by hand: every expected result is written out."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.domain.models import Unit
from bot.scoring.methodology import Band
from bot.services.awards import (
    AwardRule,
    AwardRuleError,
    DossierRequest,
    Ground,
    UnitFacts,
    exclusions,
    format_share,
    online_above_threshold,
    pick_top,
    plan_changes,
    select_divisions,
    select_heads,
    select_units,
    shown_share,
)
from tests.rules import TEST_METHODOLOGY

METHODOLOGY = TEST_METHODOLOGY
RULE = AwardRule.of(METHODOLOGY)  # the defaults: truc_thuoc + trung_tam, at least "Tốt"
GOOD = RULE.good_bands
# The band names and where they start, from the shipped methodology (not typed here).
BEST = METHODOLOGY.bands[0]
LOWEST = METHODOLOGY.bands[-1]


def unit(code: str, name: str | None = None, block: str = "truc_thuoc") -> Unit:
    return Unit(code=code, name=name or f"Trường THPT {code}", block=block)


def facts(
    code: str,
    index: str | None,
    rank: int | None,
    submitted: int = 1000,
    online: int = 950,
    *,
    name: str | None = None,
    missing: tuple[int, ...] = (),
) -> UnitFacts:
    value = Decimal(index) if index is not None else None
    return UnitFacts(
        unit=unit(code, name),
        index=value,
        band=METHODOLOGY.band(value) if value is not None else None,
        rank=rank,
        ranked=10,
        submitted=submitted,
        online=online,
        quarters=4,
        missing=missing,
    )


def summary(picks: list) -> list[tuple[int, str, bool]]:  # type: ignore[type-arg]
    return [(p.position, p.facts.unit.code, p.tied) for p in picks]


# -- the online condition --------------------------------------------------------------


@pytest.mark.parametrize(
    ("submitted", "online", "shown", "qualifies"),
    [
        (1000, 901, "90,1", True),
        (1000, 900, "90,0", False),  # "trên 90%": exactly 90 % is not above
        (1000, 899, "89,9", False),
        (10001, 9001, "90,0009", True),  # above by a hair: shown with the digits that say so
        (20000, 18002, "90,01", True),
        (20000, 18001, "90,005", True),
        (100000, 89999, "90,0", False),  # 89,999 %: rounds to 90,0, still "không trên 90%"
        (3, 3, "100,0", True),
        (0, 0, None, False),  # nothing submitted to the Sở: the condition cannot be shown
    ],
)
def test_share_submitted_online_is_strictly_above_ninety_percent(
    submitted: int, online: int, shown: str | None, qualifies: bool
) -> None:
    """Plan III.1: "có trên 90% thủ tục hành chính được trình Sở giải quyết theo hình thức
    trực tuyến" — strictly above, compared exactly (online × 10 > submitted × 9)."""
    share = shown_share(online, submitted)

    assert (format_share(share) if share is not None else None) == shown
    assert online_above_threshold(online, submitted) is qualifies
    assert facts("A", "85", 1, submitted, online).online_qualifies is qualifies


def test_a_year_whose_reports_lack_the_numbers_does_not_qualify() -> None:
    """A report made under the older form has no "số hồ sơ trình Sở": the year's share
    is unknown, however good the other quarters are."""
    older = facts("A", "88", 1, 30, 30, missing=(1, 2))

    assert older.share is None
    assert not older.online_qualifies
    assert exclusions(older, RULE) == ("no_data",)


# -- the rule's settings -------------------------------------------------------------------


def test_the_minimum_band_names_a_band_of_the_methodology() -> None:
    names = [b.name for b in METHODOLOGY.bands]
    second = METHODOLOGY.bands[1]

    rule = AwardRule.of(METHODOLOGY, min_band=second.name.upper())  # typed in capitals

    assert rule.min_band == second.name
    assert rule.min_index == second.min_index
    assert rule.good_bands == tuple(names[:2])
    assert AwardRule.of(METHODOLOGY, min_band=BEST.name).good_bands == (BEST.name,)
    with pytest.raises(AwardRuleError, match="không có mức xếp loại “Giỏi”") as refused:
        AwardRule.of(METHODOLOGY, min_band="Giỏi")
    assert all(f"“{n}”" in str(refused.value) for n in names)


def test_without_the_setting_a_methodology_of_other_bands_still_has_a_rule() -> None:
    """An office's own methodology may name its bands otherwise ("Đạt", "Chưa đạt"): the
    default then takes its second-highest band, never its lowest, and the bot starts."""

    def rule_for(*names: str) -> AwardRule:
        step = Decimal(100) / len(names)
        bands = tuple(
            Band(name=n, min_index=(step * (len(names) - 1 - i)).quantize(Decimal(1)))
            for i, n in enumerate(names)
        )
        return AwardRule.of(METHODOLOGY.model_copy(update={"bands": bands}))

    assert rule_for("Đạt", "Chưa đạt").good_bands == ("Đạt",)
    assert rule_for("Giỏi", "Đạt", "Chưa đạt").good_bands == ("Giỏi", "Đạt")
    assert rule_for("Tốt", "Đạt", "Chưa đạt").good_bands == ("Tốt",)  # "Tốt" when it has one
    assert rule_for("A", "B", "C", "D").min_band == "B"
    assert rule_for("Một mức").good_bands == ("Một mức",)


def test_the_shipped_default_reads_good_or_excellent() -> None:
    """Plan III.1 (divisions): "đạt loại tốt, xuất sắc" — the default minimum band is
    "Tốt", so the bands that count are "Tốt" and the one above it."""
    assert RULE.min_band == "Tốt"
    assert [b.casefold() for b in GOOD] == ["xuất sắc", "tốt"]


# -- units of the Khối ---------------------------------------------------------------------


def test_top_four_among_units_meeting_both_conditions_with_the_excluded_leaders() -> None:
    """Plan III.1: "04 đơn vị trực thuộc có kết quả đánh giá chỉ số cải cách hành chính
    dẫn đầu Khối các đơn vị trực thuộc, có trên 90% thủ tục hành chính được trình Sở
    giải quyết theo hình thức trực tuyến"."""
    block = [
        facts("A", "95.00", 1, 1000, 850),  # leads the Khối, 85 % online
        facts("B", "92.50", 2, 2000, 1900),  # 95 %
        facts("C", "90.00", 3, 500, 450),  # exactly 90 %
        facts("D", "88.75", 4, 800, 800),  # 100 %
        facts("E", "85.00", 5, 0, 0),  # submitted nothing to the Sở
        facts("F", "84.10", 6, 1000, 910),  # 91 %
        facts("G", "80.00", 7, 1000, 990),  # 99 %
        facts("H", "79.00", 8, 1000, 1000),  # 100 %, but below "Tốt"
        facts("I", None, None, 0, 0),  # did not report
    ]

    picks, passed = select_units(block, RULE)

    assert summary(picks) == [(1, "B", False), (2, "D", False), (3, "F", False), (4, "G", False)]
    # Everyone ranked above the last candidate (G, rank 7) who missed a condition.
    assert [(p.facts.unit.code, p.reasons) for p in passed] == [
        ("A", ("online_low",)),
        ("C", ("online_low",)),
        ("E", ("no_procedures",)),
    ]


def test_a_leader_below_the_minimum_band_is_excluded_with_its_band() -> None:
    """The plan awards the units "dẫn đầu" on the CCHC index: a unit rated "Yếu" leads
    nothing worth a Giấy khen, even when every unit of the Khối is weak."""
    weak = [
        facts("A", "19.53", 1, 10, 10),  # one quarter reported: the year index is low
        facts("B", "18.00", 2, 10, 10),
        facts("C", "12.00", 3, 10, 5),
    ]

    picks, passed = select_units(weak, RULE)

    assert picks == []
    assert [(p.facts.unit.code, p.facts.band, p.reasons) for p in passed] == [
        ("A", LOWEST.name, ("band_low",)),
        ("B", LOWEST.name, ("band_low",)),
        ("C", LOWEST.name, ("band_low", "online_low")),  # every reason, not the first
    ]


def test_a_lower_minimum_band_lets_lower_leaders_in() -> None:
    block = [facts("A", "70.00", 1), facts("B", "60.00", 2)]
    third = METHODOLOGY.bands[2]  # "Khá" in the shipped file, from 65
    rule = AwardRule.of(METHODOLOGY, min_band=third.name)

    assert summary(select_units(block, rule)[0]) == [(1, "A", False)]
    assert select_units(block, RULE)[0] == []


def test_ties_at_the_last_seat_are_all_included() -> None:
    block = [
        facts("A", "90.00", 1),
        facts("B", "85.00", 2),
        facts("C", "85.00", 2),
        facts("D", "80.00", 4, name="Trường THPT Đống Đa"),
        facts("E", "80.00", 4, name="Trường THPT Ánh Dương"),
        facts("F", "79.99", 6),
    ]

    picks, passed = select_units(block, RULE)

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
        facts("C", "85.00", 3, 100, 91),
        facts("D", "84.00", 4, 100, 90),
        facts("E", "83.00", 5, 100, 10),
    ]

    picks, passed = select_units(block, RULE)

    assert summary(picks) == [(1, "A", False), (2, "C", False)]
    # With fewer than four candidates, the Khối's top four are all explained.
    assert [p.facts.unit.code for p in passed] == ["B", "D"]


def test_no_eligible_unit_and_an_empty_block() -> None:
    block = [facts("A", "95.00", 1, 0, 0), facts("B", None, None, 100, 100)]

    picks, passed = select_units(block, RULE)

    assert picks == []
    assert [(p.facts.unit.code, p.reasons) for p in passed] == [("A", ("no_procedures",))]
    assert select_units([], RULE) == ([], [])


def test_a_unit_that_did_not_report_is_never_a_candidate() -> None:
    picks, _ = select_units([facts("A", None, None, 1000, 1000), facts("B", "85.00", 1)], RULE)

    assert summary(picks) == [(1, "B", False)]


def test_selection_does_not_depend_on_input_order() -> None:
    block = [facts(f"U{i:02d}", f"{80 + i % 7}.50", None, 100, 91 + i % 3) for i in range(20)]
    expected = summary(select_units(block, RULE)[0])
    assert expected[:2] == [(1, "U06", True), (1, "U13", True)]

    for seed in range(10):
        shuffled = block[:]
        random.Random(seed).shuffle(shuffled)
        assert summary(select_units(shuffled, RULE)[0]) == expected


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


def test_two_best_divisions_rated_good_or_excellent() -> None:
    """Plan III.1: "02 phòng chuyên môn, nghiệp vụ thuộc Sở có các chỉ số cải cách hành
    chính được phân công phụ trách theo dõi, thực hiện đạt loại tốt, xuất sắc"."""
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
