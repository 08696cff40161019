"""What the office sees of a report's score before accepting it: the criteria the unit's
own data took out of its maximum, and those still waiting for the office.

Issue 10: "No criterion can be gamed by leaving it out … *not applicable* (with the
office told, in review, which criteria the unit marked not applicable and how many
points that moved)"; "Criteria only the office can score (appraisal, inspection) are
*pending* until scored, not zero".
"""

from __future__ import annotations

import re

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from tests.e2e.conftest import bound_user, fill_report
from tests.rules import YEAR

NO_DOSSIERS = {
    "dossiers_received": "0",
    "dossiers_online": "0",
    "dossiers_postal": "0",
    "dossiers_on_time": "0",
    "dossiers_late": "0",
}


async def test_review_lists_what_zero_dossiers_took_out_and_what_awaits_the_office(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    methodology = services.standings.methodology(YEAR)
    head = await bound_user(standin, services, 7301, "THPT-QH")
    await fill_report(head, NO_DOSSIERS)
    await head.click("✅ Gửi báo cáo")
    notice = await office.expect("đã gửi báo cáo CCHC quý I/2025")
    await office.click("🔎 Xem xét", message=notice)
    view = await office.expect("Xem xét báo cáo CCHC quý I/2025")

    # The dossier criteria whose denominator is zero are "không phát sinh": listed, with
    # their points, and the index had they scored 0.
    declined = [
        c
        for c in methodology.criteria
        if c.zero_denominator == "not_applicable"
        and set(c.denominator) <= set(NO_DOSSIERS)
        and c.applies_to("truc_thuoc")
    ]
    assert declined, "the methodology has dossier criteria that can be not applicable"
    note = next(line for line in view.text.split("\n") if line.startswith("⚠️"))
    for criterion in declined:
        assert criterion.title in note
    moved = sum(c.max_points for c in declined)
    assert f"Các tiêu chí này ({moved} điểm) ra khỏi điểm tối đa" in note
    shown = re.search(
        r"chỉ số ([\d,]+) tính trên (\d+) điểm; nếu tính 0 điểm cho chúng, "
        r"chỉ số là ([\d,]+)",
        note,
    )
    assert shown is not None, note
    index, counted = (float(shown.group(n).replace(",", ".")) for n in (1, 3))
    assert counted < index  # counting them as 0 would have lowered it: the office sees how much

    # The office's own criteria wait for it; none is scored 0 meanwhile.
    pending = [
        c
        for c in methodology.criteria
        if c.source == "appraisal" and c.applies_to("truc_thuoc") and not c.only_inspected
    ]
    waiting = next(line for line in view.text.split("\n") if line.startswith("⏳"))
    for criterion in pending:
        assert f"[{criterion.key}]" in waiting
    inspection = [c for c in methodology.criteria if c.only_inspected]
    for criterion in inspection:  # the unit is not in this year's inspection plan
        assert f"[{criterion.key}]" not in waiting
