"""/cancel inside each conversation of several steps, through the one router (issue 12,
item 2): the report pauses and keeps its draft (tests/e2e/test_words.py), every other
conversation is cancelled with its own words, and afterwards nothing is under way.

The report, a publication, a return comment and an explanation are cancelled in their
journeys' own tests (test_words, test_publication, test_review, test_appraisal); here
are the others.
"""

from __future__ import annotations

from bot.app import services_of
from bot.services.awards import FLOW as AWARD_FLOW
from bot.standin import BotApiStandin, SimulatedUser
from handlers import texts
from handlers.context import App
from handlers.practices import REJECT_FLOW, SAVE_FLOW
from tests.e2e.conftest import bound_user
from tests.e2e.fuzz_support import shown


async def _cancelled(app: App, user: SimulatedUser, words: str, nothing: str) -> None:
    """/cancel says ``words``; the conversation is gone, so a second one says ``nothing``."""
    await user.send("/cancel")
    said = await user.expect(shown(words))
    assert shown(words).fullmatch(said.text)
    assert await services_of(app).conversations.flow_of(user.id) is None
    await user.send("/cancel")
    await user.expect(shown(nothing))


async def test_cancel_ends_a_broadcast_being_composed(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    await office.send("/broadcast")
    await office.expect(shown(texts.BROADCAST_ASK_CONTENT))
    await _cancelled(app, office, texts.BROADCAST_CANCELLED, texts.CANCEL_NOTHING)
    await office.send("Nội dung sau khi đã huỷ")
    await office.expect(shown(texts.IDLE_OFFICE))  # not taken as a broadcast any more


async def test_cancel_ends_a_nomination_being_written(standin: BotApiStandin, app: App) -> None:
    head = await bound_user(standin, services_of(app), 7601, "THPT-QH")
    await head.send("/nominate")
    await head.expect(shown(texts.NOMINATE_ASK_TITLE))
    await _cancelled(app, head, texts.NOMINATE_CANCELLED, texts.NOT_IN_REPORT)


async def test_cancel_ends_a_new_deadline_being_typed(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    await office.send("/period")
    listing = await office.expect("2025-Q1")
    await office.click("2025-Q1", message=listing)
    card = await office.expect("quý I/2025")
    await office.click(texts.BTN_PERIOD_DUE, message=card)
    await office.expect(shown(texts.PERIOD_DUE_ASK))
    before = await services_of(app).periods.get("2025-Q1")
    await _cancelled(app, office, texts.PERIOD_DUE_CANCELLED, texts.CANCEL_NOTHING)
    after = await services_of(app).periods.get("2025-Q1")
    assert before is not None
    assert after is not None
    assert after.due_at == before.due_at  # the deadline is as it was


async def test_cancel_ends_saving_a_practice_and_rejecting_a_nomination(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    """Both were cancelled with the broadcasts' words before the router; they still are."""
    broadcasts = services_of(app).broadcasts
    for flow, state in ((SAVE_FLOW, {"step": "title", "broadcast": 1}), (REJECT_FLOW, {"id": 1})):
        await broadcasts.save_session(office.id, flow, state)
        await _cancelled(app, office, texts.BROADCAST_CANCELLED, texts.CANCEL_NOTHING)


async def test_cancel_leaves_the_award_upload_step(standin: BotApiStandin, app: App) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7602, "THPT-QH")
    await services.conversations.begin(head.id, AWARD_FLOW, {"year": 2025, "kind": "proposal"})
    assert await services.awards.upload_target(head.id) == (2025, "proposal")
    await _cancelled(app, head, texts.AWARD_UPLOAD_CANCELLED, texts.NOT_IN_REPORT)


async def test_cancel_clears_a_conversation_no_journey_declares(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    """A conversation left by an older version: nothing could continue it, so /cancel
    ends it and says there was nothing to cancel."""
    services = services_of(app)
    await services.conversations.begin(office.id, "retired_flow", {})
    await office.send("/cancel")
    await office.expect(shown(texts.CANCEL_NOTHING))
    assert await services.conversations.flow_of(office.id) is None


async def test_cancel_from_a_stranger_asks_for_an_invite(standin: BotApiStandin, app: App) -> None:
    stranger = standin.user(7603, "Người Lạ")
    await stranger.send("/cancel")
    said = await stranger.expect(shown(texts.NEED_INVITE))
    assert shown(texts.NEED_INVITE).fullmatch(said.text)
