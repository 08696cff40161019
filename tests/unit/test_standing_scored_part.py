"""/standing says over how many points a provisional index stands.

Issue 10: "Criteria only the office can score (appraisal, inspection) are *pending* until
scored, not zero: the provisional index is computed over what is scored so far and says
so ("tạm tính trên 61/100 điểm")."
"""

from __future__ import annotations

from decimal import Decimal

from bot.numbers import format_number
from bot.services.container import Services
from handlers import texts
from handlers.standing import render_standing
from tests.reports import bind, submit
from tests.rules import YEAR


async def test_a_provisional_index_says_over_how_many_points(services: Services) -> None:
    member = await bind(services, 61, "THPT-QH")
    await submit(services, member)
    standings = services.standings
    scope = standings.parse_scope("2025-Q1")
    methodology = standings.methodology(YEAR)
    applies = [c for c in methodology.criteria if c.applies_to("truc_thuoc")]
    # Not in the inspection plan: the inspection criterion is out; the office's others wait.
    pending = sum(
        (c.max_points for c in applies if c.source == "appraisal" and not c.only_inspected),
        Decimal(0),
    )
    scored = sum(
        (c.max_points for c in applies if c.source != "appraisal" and not c.only_inspected),
        Decimal(0),
    )
    assert pending > 0

    standing = await standings.unit_standing("THPT-QH", scope)
    assert standing is not None
    text = render_standing(standing, "tạm tính")
    expected = texts.STANDING_SCORED_SO_FAR.format(
        scored=format_number(scored),
        full=format_number(scored + pending),
        pending=format_number(pending),
    )
    assert expected in text

    # Once the office scores them, the index stands on the whole maximum: no such line.
    for criterion in applies:
        if criterion.source == "appraisal" and not criterion.only_inspected:
            await services.appraisal.appraise(
                "THPT-QH", "2025-Q1", criterion.key, "0", "Chưa đạt", actor="test"
            )
    standing = await standings.unit_standing("THPT-QH", scope)
    assert standing is not None
    text = render_standing(standing, "tạm tính")
    assert "tạm tính trên" not in text
