"""Backlog-aware procedure numbers in the 2026 form (issue 10: "The procedures block asks
for carried over from the previous period, received, resolved early / on time / late,
still in progress — the way Vietnamese one-stop-shop reports count them — with rules that
hold when a backlog is cleared")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.forms.answers import broken_rules
from bot.scoring.engine import score_unit
from tests.form_steps import rule_message
from tests.rules import BOOK

YEAR = 2026
FORM = BOOK.form(YEAR)
METHODOLOGY = BOOK.methodology(YEAR)
ON_TIME = METHODOLOGY.criterion("on_time_rate")
BALANCE = rule_message("dossiers_carried", "dossiers_received", form=FORM)


def dossiers(
    carried: int, received: int, early: int, on_time: int, late: int, pending: int, overdue: int
) -> dict[str, Any]:
    return {
        "dossiers_carried": carried,
        "dossiers_received": received,
        "dossiers_online": received,
        "dossiers_early": early,
        "dossiers_on_time": on_time,
        "dossiers_late": late,
        "dossiers_pending": pending,
        "dossiers_pending_overdue": overdue,
    }


def on_time_points(answers: dict[str, Any]) -> Decimal | None:
    score = score_unit(METHODOLOGY, block="truc_thuoc", answers=answers)
    line = next(c for c in score.criteria if c.key == ON_TIME.key)
    return line.points if line.state == "scored" else None


def test_the_2026_criterion_counts_early_and_overdue_in_progress() -> None:
    assert ON_TIME.numerator == ("dossiers_early", "dossiers_on_time")
    assert ON_TIME.denominator == (
        "dossiers_early",
        "dossiers_on_time",
        "dossiers_late",
        "dossiers_pending_overdue",
    )
    # The 2025 criterion is unchanged: its reports are scored as they were asked.
    assert BOOK.methodology(2025).criterion("on_time_rate").numerator == ("dossiers_on_time",)


def test_clearing_a_backlog_with_nothing_new_received_balances() -> None:
    cleared = dossiers(carried=30, received=0, early=5, on_time=25, late=0, pending=0, overdue=0)
    assert broken_rules(FORM, cleared) == []
    assert on_time_points(cleared) == ON_TIME.max_points


def test_a_dossier_lost_between_the_counts_is_refused() -> None:
    lost = dossiers(carried=30, received=100, early=20, on_time=90, late=5, pending=14, overdue=0)
    assert BALANCE in broken_rules(FORM, lost)


def test_no_dossier_resolved_or_overdue_is_not_applicable_not_full_marks() -> None:
    waiting = dossiers(carried=0, received=7, early=0, on_time=0, late=0, pending=7, overdue=0)
    assert broken_rules(FORM, waiting) == []
    assert on_time_points(waiting) is None


counts = st.integers(min_value=0, max_value=500)


@given(counts, counts, counts, counts, counts, st.data())
def test_keeping_a_late_dossier_in_progress_never_raises_the_points(
    carried: int, early: int, on_time: int, late: int, pending: int, data: st.DataObject
) -> None:
    """Could a unit raise its rank by leaving something out? A late dossier reported as
    "still in progress, overdue" instead of "resolved late" counts the same."""
    moved = data.draw(st.integers(min_value=0, max_value=late))
    received = early + on_time + late + pending - carried
    if received < 0:
        carried, received = early + on_time + late + pending, 0
    honest = dossiers(carried, received, early, on_time, late, pending, 0)
    held = dossiers(carried, received, early, on_time, late - moved, pending + moved, moved)
    assert broken_rules(FORM, honest) == []
    assert broken_rules(FORM, held) == []
    assert on_time_points(held) == on_time_points(honest)
