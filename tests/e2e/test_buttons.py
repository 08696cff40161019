"""Buttons are typed data: anything that does not decode is answered and changes nothing."""

from __future__ import annotations

from bot.standin import BotApiStandin, SimulatedUser
from handlers import texts


async def test_a_press_no_journey_knows_is_answered_with_a_notice(
    standin: BotApiStandin, office: SimulatedUser
) -> None:
    for data in ("zz:junk", "", "ack", "rp:zzz"):
        query_id = await office.press(data)
        answer = await standin.wait_callback_answer(query_id)
        assert answer.get("text") == texts.BUTTON_EXPIRED, data
    assert await office.idle() == []
