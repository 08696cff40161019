"""Buttons are typed data: a press that does not decode, or that the presser may not
make, is answered with a short notice and changes nothing; a 👍 counts only from a
person the broadcast reached; the apology for a failure always reaches the person."""

from __future__ import annotations

import logging

import pytest

from bot.domain.broadcasts import Content
from bot.services.broadcasts import Audience
from bot.services.container import Services
from bot.standin import BotApiStandin, SimulatedUser
from handlers import texts
from tests.e2e.conftest import bound_user, delivered, outbox_settled
from tests.e2e.fuzz_support import db_fingerprint, settle
from tests.reports import bind, submit
from tests.rules import YEAR

# Data no version of the bot could have written, or that names what does not exist:
# each is refused by the codec, before any journey sees it.
UNDECODABLE = [
    "",  # PTB would hand an empty press to the first pattern handler it met
    "zz:junk",
    "ack",
    "ack:99999999999999999999",  # beyond SQLite's integers: OverflowError before
    "ack:²",  # "²".isdigit() is True; int("²") raises
    "ack:0",  # the preview button of earlier versions
    "pr:v",
    "pr:v:abc",
    "rp:c:3",
    "xp:2025-Q1:<b>",  # went into an HTML prompt unescaped before
    "pd:v:9999-Q4",  # created period 9999-Q4 before
    "aw:c:1999",
]


async def press(standin: BotApiStandin, user: SimulatedUser, data: str) -> str | None:
    """Press ``data`` and return the text the press was answered with."""
    query_id = await user.press(data)
    answer = await standin.wait_callback_answer(query_id)
    text = answer.get("text")
    return str(text) if text is not None else None


@pytest.fixture
async def head(standin: BotApiStandin, app_services: Services) -> SimulatedUser:
    return await bound_user(standin, app_services, 7101, "THPT-QH")


@pytest.fixture
async def stranger(standin: BotApiStandin, app_services: Services) -> SimulatedUser:
    user = standin.user(7199, "Người lạ")
    await user.send("/start")
    await user.expect("mã mời")
    return user


async def test_undecodable_presses_get_a_notice_and_change_nothing(
    standin: BotApiStandin,
    app_services: Services,
    office: SimulatedUser,
    head: SimulatedUser,
    stranger: SimulatedUser,
) -> None:
    before = await db_fingerprint(app_services)
    for user in (office, head, stranger):
        await user.idle(quiet=0)
        for data in UNDECODABLE:
            assert await press(standin, user, data) == texts.BUTTON_EXPIRED, (user, data)
        assert await user.idle(quiet=0.1) == []  # the notice is the answer, no message
    assert await db_fingerprint(app_services) == before
    assert await app_services.periods.get("9999-Q4") is None


async def test_a_period_that_is_not_set_up_is_not_created_by_a_press(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    await office.press("pd:v:2030-Q4")  # within the campaign, but never set up
    await office.expect(texts.PERIOD_UNKNOWN.format(code="2030-Q4"))
    await office.press("rm:n:2030-Q3")
    await office.expect(texts.PERIOD_UNKNOWN.format(code="2030-Q3"))
    assert await app_services.periods.get("2030-Q4") is None
    assert await app_services.periods.get("2030-Q3") is None


async def test_office_buttons_refuse_units_and_strangers(
    standin: BotApiStandin,
    app_services: Services,
    office: SimulatedUser,
    head: SimulatedUser,
    stranger: SimulatedUser,
) -> None:
    other = await bind(app_services, 7102, "PGD-QN")
    submitted = await submit(app_services, other)
    await outbox_settled(app_services)  # the submission's notices are out of the way
    report_id = submitted.report.id
    current = await app_services.periods.current()
    office_data = [
        f"rv:o:{report_id}",
        f"rv:a:{report_id}",
        f"rv:r:{report_id}",
        f"pd:c:{current.code}",
        f"rm:n:{current.code}",
        "bc:go",
        "bcd:1",
        "aw:c:2025",
        "xc:1",
        "pr:a:1",
    ]
    before = await db_fingerprint(app_services)
    for user, refusal in ((head, texts.OFFICE_ONLY), (stranger, texts.OFFICE_ONLY)):
        await user.idle(quiet=0)
        for data in office_data:
            assert await press(standin, user, data) == refusal, data
        # Nothing of the other unit reaches the presser's chat.
        shown = "\n".join(m.text for m in await user.idle(quiet=0.1))
        assert "Phòng Giáo dục" not in shown
        assert shown == ""
    # Unit buttons refuse strangers, and the office where only a unit may act.
    for data in ("rp:b", "rp:x", "xp:2025-Q1:online_rate", "aw:a:2025:proposal"):
        assert await press(standin, stranger, data) == texts.NEED_REGISTERED
        assert await press(standin, office, data) == texts.UNIT_ONLY
    assert await db_fingerprint(app_services) == before


async def test_explaining_needs_an_appraisal_of_that_criterion(
    standin: BotApiStandin, app_services: Services, head: SimulatedUser
) -> None:
    criterion = app_services.appraisal.methodology(str(YEAR)).criteria[0].key
    answer = await press(standin, head, f"xp:2025-Q1:{criterion}")
    assert answer == texts.EXPLAIN_NONE
    assert await app_services.conversations.flow_of(head.id) is None


async def test_a_thumbs_up_counts_only_from_a_person_it_reached(
    standin: BotApiStandin,
    app_services: Services,
    office: SimulatedUser,
    head: SimulatedUser,
    stranger: SimulatedUser,
) -> None:
    other_unit_head = await bound_user(standin, app_services, 7103, "PGD-QN")
    service = app_services.broadcasts
    resolved = await service.resolve(Audience(kind="codes", value=("THPT-QH",)))
    broadcast_id = await service.queue(
        created_by=office.id,
        content=Content(kind="text", body="Mô hình hay"),
        recipients=resolved.recipients,
        audience_label="THPT-QH",
    )
    await head.expect("Mô hình hay")
    await delivered(app_services, broadcast_id)

    for presser in (stranger, other_unit_head, office):
        assert await press(standin, presser, f"ack:{broadcast_id}") == texts.ACK_UNKNOWN
    assert await press(standin, head, f"ack:{broadcast_id}") == texts.ACK_THANKS
    assert await press(standin, head, f"ack:{broadcast_id}") == texts.ACK_AGAIN

    await office.send("/broadcasts")
    listing = await office.expect("Các bản tin gần đây")
    assert "đã nhận 1/1" in listing.text
    assert "đã đọc 1" in listing.text
    await office.click(texts.BTN_BROADCAST_NUMBER.format(id=broadcast_id))
    await office.expect("Đã đọc: 1/1")


async def test_the_apology_reaches_the_person_when_the_press_was_answered_already(
    standin: BotApiStandin,
    app_services: Services,
    office: SimulatedUser,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A composing session damaged as a faulty migration might leave it: the press is
    # answered at once, then the handler fails on the stored audience.
    async with app_services.db.write() as conn:
        await conn.execute(
            "INSERT INTO sessions (telegram_id, flow, state, updated_at) "
            "VALUES (?, 'broadcast', ?, 'x')",
            (office.id, '{"step": "roles", "content": {}, "audience": "garbage"}'),
        )
    query_id = await office.press("bc:r:h")
    await office.expect(texts.ERROR.split(";")[0])
    await settle(standin, office)
    assert query_id in standin.callback_answers
    apologies = [m for m in await office.idle(quiet=0.2) if texts.ERROR in m.text]
    assert apologies == []  # one apology for one update
    errors = [r for r in caplog.records if r.name == "handlers.errors"]
    assert len(errors) == 1
    assert errors[0].levelno == logging.ERROR
    caplog.clear()  # expected here; the fixture checks every other test has none


async def test_pressing_the_filter_already_shown_edits_nothing(
    standin: BotApiStandin, app_services: Services, head: SimulatedUser
) -> None:
    await head.send("/practices")
    library = await head.expect("Thư viện")
    edits_before = [r for r in standin.requests if r.method == "editMessageText"]
    await head.click("Tất cả", message=library)
    await settle(standin, head)
    edits = [r for r in standin.requests if r.method == "editMessageText"]
    assert edits == edits_before  # the same page: not sent (Telegram would say 400)
    assert await head.idle(quiet=0.1) == []


async def test_a_press_on_a_file_shows_its_answer_in_a_new_message(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    """Forged data can be pressed on any message, a file included, which has no text to
    edit: the page the press asks for comes as a new message (Telegram would refuse the
    edit: the stand-in fixture checks nothing was refused)."""
    period = await app_services.periods.current()
    await office.send(f"/export {period.code} csv")
    document = await office.expect_document()
    await office.press("pr:l:-:1:", message=document)
    await office.expect("Thư viện")
