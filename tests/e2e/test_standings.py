"""Standings end to end: provisional for the office, published for units, text and chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.app import build_application, services_of, start_application, stop_application
from bot.config import Settings
from bot.domain.broadcasts import Content, Recipient
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from handlers.telegram_text import MESSAGE_LIMIT, utf16_len
from storage import broadcasts as outbox_store
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID, example_roster
from tests.e2e.conftest import bound_user
from tests.e2e.publishing import publish
from tests.reports import bind, submit

PNG = b"\x89PNG\r\n\x1a\n"


async def test_standing_before_and_after_publication(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9101, "THPT-QH")
    for user_id in (9201, 9202, 9203):
        standin.user(user_id).started = True  # colleagues who have talked to the bot
    await submit(services, await bind(services, 9201, "THPT-QH"), {"dossiers_online": "1.200"})
    await submit(services, await bind(services, 9202, "THPT-LQD"), {"dossiers_online": "600"})
    await submit(services, await bind(services, 9203, "THPT-CVA"), {"dossiers_online": "900"})

    await head.send("/standing 2025-Q1")
    await head.expect("Kết quả theo dõi quý I/2025 chưa được công bố")

    await office.send("/ranking truc_thuoc 2025-Q1")
    table = await office.expect("Bảng xếp hạng — Kết quả theo dõi quý I/2025")
    assert "(tạm tính, chưa công bố)" in table.text
    assert "1. Trường THPT Quốc Học Quy Nhơn" in table.text
    assert "chưa nộp báo cáo" in table.text
    block = [u for u in await services.roster.list_units() if u.block == "truc_thuoc"]

    await publish(office)
    notice = await head.expect("Sở GDĐT đã công bố Kết quả theo dõi quý I/2025")
    assert "theo văn bản số 125/SGDĐT-VP ngày 20/02/2025" in notice.text
    # Every unit of the block counts in r/N, those that did not report included.
    assert f"xếp hạng 1/{len(block)}" in notice.text
    third = await standin.user(9202).expect("đã công bố Kết quả theo dõi quý I/2025")
    assert f"xếp hạng 3/{len(block)}" in third.text

    await head.send("/standing")
    text = await head.expect(f"Xếp hạng trong khối: 1/{len(block)}")
    assert "Đơn vị đang dẫn đầu khối" in text.text
    assert "đã công bố theo văn bản số 125/SGDĐT-VP ngày 20/02/2025" in text.text
    assert "tạm tính" not in text.text
    assert "chưa duyệt" not in text.text
    chart = await head.expect("Kết quả theo dõi quý I/2025 —")
    assert chart.photo is not None
    assert "đã công bố" in chart.text
    assert any(c.method == "sendChatAction" for c in standin.requests)


async def test_publication_notices_reach_each_member_once_and_are_not_broadcasts(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    await submit(services, await bind(services, 9301, "THPT-QH"))
    invite = await services.registration.create_invite("THPT-QH", "reporter", created_by="test")
    await services.registration.redeem(9302, invite.code, full_name="Người thử", username=None)
    await bind(services, 9303, "THPT-LQD")
    members = [standin.user(user_id) for user_id in (9301, 9302, 9303)]
    reader = standin.user(9304)  # receives an exemplary practice, is no member
    for user in (*members, reader):
        user.started = True
    broadcast_id = await services.broadcasts.queue(
        created_by=OFFICE_ID,
        content=Content(kind="text", body="Mô hình điển hình"),
        recipients=[Recipient(chat_id=reader.id)],
        audience_label="Một người",
    )
    await reader.expect("Mô hình điển hình")

    done = await publish(office)
    assert "Đã công bố Kết quả theo dõi quý I/2025" in done.text
    assert "Đang gửi thông báo tới 3 người" in done.text
    size = sum(1 for u in await services.roster.list_units() if u.block == "truc_thuoc")
    for user, result in zip(
        members,
        (f"xếp hạng 1/{size}", f"xếp hạng 1/{size}", "chưa nộp báo cáo nên xếp cuối khối"),
        strict=True,
    ):
        notice = await user.expect("đã công bố Kết quả theo dõi quý I/2025")
        assert result in notice.text
        assert notice.buttons == []  # a notice asks for no acknowledgement
    await office.send("/publish 2025-Q1")
    again = await office.expect("đã được công bố trước đó")
    assert "văn bản số 125/SGDĐT-VP ngày 20/02/2025" in again.text
    for user in members:
        assert [m for m in await user.idle() if "công bố" in m.text] == []
    notice_id = broadcast_id + 1
    counts = await outbox_store.counts(services.db.reader, notice_id)
    assert (counts.total, counts.sent) == (3, 3)

    await office.send("/broadcasts")
    listing = await office.expect("Các bản tin gần đây")
    assert f"Số {broadcast_id}" in listing.text
    assert f"Số {notice_id}" not in listing.text
    assert "công bố" not in listing.text


async def test_rows_not_yet_accepted_are_marked_in_ranking_and_standing(
    app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    accepted = await submit(services, await bind(services, 9211, "THPT-QH"))
    await submit(services, await bind(services, 9212, "THPT-LQD"), {"dossiers_online": "600"})
    await services.review.accept(accepted.report.id, actor="tg:1")

    await office.send("/ranking truc_thuoc 2025-Q1")
    table = await office.expect("Bảng xếp hạng — Kết quả theo dõi quý I/2025")
    lines = table.text.split("\n")
    qh = next(line for line in lines if "Trường THPT Quốc Học Quy Nhơn" in line)
    lqd = next(line for line in lines if "Trường THPT chuyên Lê Quý Đôn" in line)
    assert "(chưa duyệt)" not in qh
    assert lqd.endswith("(chưa duyệt)")
    assert "(chưa duyệt): báo cáo chưa được Văn phòng Sở duyệt" in table.text

    size = sum(1 for u in await services.roster.list_units() if u.block == "truc_thuoc")
    await office.send("/standing THPT-LQD 2025-Q1")
    standing = await office.expect(f"Xếp hạng trong khối: 2/{size}")
    assert "(chưa duyệt)" in standing.text
    assert "chưa được Văn phòng Sở duyệt: kết quả là tạm tính" in standing.text
    await office.send("/standing THPT-QH 2025-Q1")
    standing = await office.expect(f"Xếp hạng trong khối: 1/{size}")
    assert "chưa duyệt" not in standing.text
    assert "(tạm tính, chưa công bố)" in standing.text  # the quarter is not published

    await office.send("/ranking truc_thuoc 2025")
    year = await office.expect("Bảng xếp hạng — Chỉ số CCHC năm 2025")
    assert [line for line in year.text.split("\n") if "(chưa duyệt)" in line and ". " in line]


async def test_ranking_of_sixty_units_respects_message_limits(
    standin: BotApiStandin, app: App, office: SimulatedUser, tmp_path: Path
) -> None:
    services = services_of(app)
    extra = tmp_path / "more.csv"
    extra.write_text(
        "code,name,block,district\n"
        + "".join(
            f"THPT-X{i:02d},Trường THPT Nguyễn Thị Minh Khai & Lê Quý Đôn số {i},"
            "truc_thuoc,Quy Nhơn\n"
            for i in range(30)
        ),
        encoding="utf-8",
    )
    await services.roster.import_file(extra, actor="test")
    codes = [u.code for u in await services.roster.list_units() if u.block == "truc_thuoc"]
    assert len(codes) == 72
    for i, code in enumerate(codes[:65]):
        await submit(services, await bind(services, 9300 + i, code), {"articles": str(i % 9)})
    seen = len(office.messages)
    await office.send("/ranking truc_thuoc 2025-Q1")
    await office.expect("Bảng xếp hạng")
    await office.expect("Kết quả theo dõi quý I/2025 —")  # the chart comes last
    sent = office.messages[seen:]
    assert len(sent) >= 3  # the table needs more than one message, then the chart
    assert all(utf16_len(m.html) <= MESSAGE_LIMIT for m in sent)
    text = "".join(m.text for m in sent if not m.photo)
    assert text.count("chưa nộp báo cáo") == 7
    assert sent[-1].photo is not None


@pytest.mark.parametrize("visibility", ["own", "block", "all"])
async def test_what_units_see_of_others_follows_the_visibility_setting(
    standin: BotApiStandin, e2e_settings: Settings, clock: FakeClock, visibility: str
) -> None:
    settings = e2e_settings.model_copy(update={"ranking_visibility": visibility})
    app = build_application(settings, clock=clock)
    await start_application(app, poll_timeout=1)
    try:
        services = services_of(app)
        await services.roster.import_file(example_roster(), actor="test")
        standin.user(OFFICE_ID, "Văn phòng").started = True  # hears of the submissions
        head = await bound_user(standin, services, 9601, "THPT-QH")
        await submit(services, await bind(services, 9602, "THPT-QH"))
        await submit(services, await bind(services, 9603, "PGD-QN"))
        await services.standings.publish(
            services.standings.parse_scope("2025-Q1"),
            actor="test",
            decision_number="12/SGDĐT-VP",
            decision_date=date(2025, 2, 19),
        )

        await head.send("/ranking")
        if visibility == "own":
            await head.expect("chỉ xem được kết quả của đơn vị mình")
        else:
            table = await head.expect("Bảng xếp hạng — Kết quả theo dõi quý I/2025")
            assert "Khối các trường THPT và đơn vị trực thuộc" in table.text
            assert "đã công bố theo văn bản số 12/SGDĐT-VP ngày 19/02/2025" in table.text
            await head.expect("Kết quả theo dõi quý I/2025 —")

        await head.send("/ranking phong_gd 2025-Q1")
        if visibility == "all":
            other = await head.expect("Bảng xếp hạng — Kết quả theo dõi quý I/2025")
            assert "1. Phòng Giáo dục và Đào tạo thành phố Quy Nhơn" in other.text
        else:
            await head.expect("chỉ xem được" if visibility == "own" else "của khối mình")

        # /standing always answers; with "own" the chart is the unit's own trend.
        size = sum(1 for u in await services.roster.list_units() if u.block == "truc_thuoc")
        await head.send("/standing")
        await head.expect(f"Xếp hạng trong khối: 1/{size}")
        chart = await head.expect(
            "Diễn biến" if visibility == "own" else "Kết quả theo dõi quý I/2025 —"
        )
        assert chart.photo is not None

        await head.send("/trend")
        trend = await head.expect("Diễn biến kết quả theo dõi quý")
        assert "quý I/2025: " in trend.text
        assert "quý II/2024: chưa công bố" in trend.text
        assert ("trung vị khối" in trend.text) is (visibility != "own")
        assert (await head.expect("Diễn biến kết quả theo dõi quý —")).photo is not None
    finally:
        await stop_application(app)
