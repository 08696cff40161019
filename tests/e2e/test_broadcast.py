"""Broadcasts end to end: the office composes, the stand-in enforces Telegram's limits
(30/s overall, one message a second per chat, 429 beyond) and injects faults."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.services.container import Services
from bot.standin import BotApiStandin, RateLimits, ScriptedFaults, SentMessage, SimulatedUser
from tests.conftest import OFFICE_ID

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"
    b"\x90\x91h6\x00\x00\x00\x0cIDAT\x08\xd7c\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0"
)
UNITS = ["THPT-QH", "PGD-QN", "THPT-TP", "THPT-NTMK"]


@pytest.fixture
def e2e_settings(tmp_path: Path, standin: BotApiStandin) -> Settings:
    """Production limits, but quick backoff and timeouts so faults resolve in a test."""
    return Settings(
        bot_token=standin.token,  # type: ignore[arg-type]
        api_base_url=standin.base_url,
        db_path=tmp_path / "cchc.db",
        office_ids=frozenset({OFFICE_ID}),
        broadcast_backoff_max=0.2,
        broadcast_timeout=0.5,
        broadcast_progress_interval=0.5,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def limits(standin: BotApiStandin) -> RateLimits:
    # The office's own conversation runs at test speed, faster than a person types; its
    # chat is held to the overall limit only. Every recipient gets the real per-chat one.
    standin.limits = RateLimits(exempt_chats=frozenset({OFFICE_ID}))
    return standin.limits


async def recipients(
    standin: BotApiStandin, services: Services, count: int, *, first_id: int = 7000
) -> list[SimulatedUser]:
    """``count`` unit heads bound through invites, one per unit, able to receive messages."""
    codes = [u.code for u in await services.roster.list_units()][:count]
    users = []
    for n, code in enumerate(codes):
        user_id = first_id + n
        invite = await services.registration.create_invite(code, "head", created_by="test")
        await services.registration.redeem(
            user_id, invite.code, full_name=f"Thủ trưởng {n}", username=None
        )
        user = standin.user(user_id, f"Thủ trưởng {n}")
        user.started = True
        users.append(user)
    return users


def broadcasts_to(user: SimulatedUser) -> list[SentMessage]:
    return [m for m in user.messages if any(b.get("text") == "👍 Đã đọc" for b in m.buttons)]


async def compose(office: SimulatedUser, send_content: object, *, heads: bool = True) -> None:
    await office.send("/broadcast")
    await office.expect("Soạn bản tin")
    assert callable(send_content)
    await send_content()
    await office.expect("chọn <b>đơn vị nhận</b>".replace("<b>", "").replace("</b>", ""))
    await office.click("Tất cả đơn vị")
    await office.expect("chọn người nhận")
    await office.click("Chỉ thủ trưởng đơn vị" if heads else "Tất cả thành viên đã đăng ký")
    await office.expect("Bản tin sẽ gửi tới")


async def wait_done(office: SimulatedUser, timeout: float = 20.0) -> SentMessage:  # noqa: ASYNC109
    return await office.expect("Đã gửi xong", timeout=timeout)


async def test_text_reaches_every_head_once_within_the_limits(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser, limits: RateLimits
) -> None:
    users = await recipients(standin, app_services, 6)
    story = "Mô hình <một cửa> & “số hoá” hồ sơ tại THPT Quốc Học: 100 % hồ sơ trực tuyến"

    await compose(office, lambda: office.send(story))
    preview = [m for m in office.messages if m.text == story]
    assert len(preview) == 1, "the office sees the story exactly as units will"
    await office.click("✅ Gửi ngay")
    done = await wait_done(office)
    assert "Đã nhận: 6/6" in done.text

    for user in users:
        got = broadcasts_to(user)
        assert [m.text for m in got] == [story]  # once, and HTML-escaped correctly
    assert limits.rejections == []
    assert limits.early_retries == []


async def test_faults_429_403_5xx_and_timeouts(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser, limits: RateLimits
) -> None:
    users = await recipients(standin, app_services, 6)
    faults = ScriptedFaults()
    standin.fault_injector = faults
    faults.add(users[0].id, ["429:1"])
    faults.add(users[1].id, ["403"])
    faults.add(users[2].id, ["500", "502"])
    faults.add(users[3].id, ["timeout:2"])
    faults.add(users[4].id, ["500"] * 10)  # beyond the retry limit

    await compose(office, lambda: office.send("Điển hình: cải cách TTHC"))
    started = time.monotonic()
    await office.click("✅ Gửi ngay")
    done = await wait_done(office)
    assert time.monotonic() - started < 15
    assert "Đã nhận: <b>" not in done.text
    assert "Đã nhận: 4/6" in done.text
    assert "Đã chặn bot: 1" in done.text
    assert "Không gửi được: 1" in done.text
    assert "đã thử 5 lần" in done.text

    for user in (users[0], users[2], users[3], users[5]):
        assert len(broadcasts_to(user)) == 1, user
    assert broadcasts_to(users[1]) == []
    assert broadcasts_to(users[4]) == []
    # The chat told to wait was left alone until retry_after had passed.
    assert limits.early_retries == []
    first_429 = next(e for e in standin.errors if e.error_code == 429)
    retry = next(
        r
        for r in standin.calls("sendMessage")
        if r.params.get("chat_id") == users[0].id and r.time > first_429.time
    )
    assert retry.time - first_429.time >= 1.0
    # The blocked recipient is skipped next time, and counted as such.
    assert app_services.outbox.is_inactive(users[1].id)
    expected = {429, 403, 500, 502}
    assert {e.error_code for e in standin.errors} <= expected
    standin.errors.clear()

    await compose(office, lambda: office.send("Bản tin thứ hai"))
    confirm = office.messages[-1]
    assert "tới <b>5</b> người nhận" in confirm.html or "5" in confirm.text
    # ("5" alone would match anything): the blocked head is left out of the count.
    assert "tới 5 người nhận (5 đơn vị)" in confirm.text
    assert "Không gửi tới 1 người đã chặn bot" in confirm.text
    await office.click("✖️ Huỷ")
    await office.expect("Đã huỷ")

    # Writing to the bot again lifts the block.
    await users[1].send("/help")
    await users[1].expect("")
    for _ in range(50):
        if not app_services.outbox.is_inactive(users[1].id):
            break
        await asyncio.sleep(0.05)
    assert not app_services.outbox.is_inactive(users[1].id)


async def test_album_and_document_and_acknowledgements(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser, limits: RateLimits
) -> None:
    users = await recipients(standin, app_services, 3)

    await compose(
        office,
        lambda: office.send_album([("photo", PNG), ("photo", PNG)], caption="Ảnh <hội nghị>"),
    )
    await office.click("✅ Gửi ngay")
    await wait_done(office)
    for user in users:
        album = [m for m in user.messages if m.method == "sendMediaGroup"]
        assert len(album) == 2
        assert album[0].text == "Ảnh <hội nghị>"
        assert len(broadcasts_to(user)) == 1  # the button follows the album
    # Album and button are two messages to the same chat: at least a second apart.
    for user in users:
        times = [
            r.time
            for r in standin.requests
            if r.params.get("chat_id") == user.id and r.method in ("sendMediaGroup", "sendMessage")
        ]
        assert len(times) == 2
        assert times[1] - times[0] >= 0.95

    await compose(
        office,
        lambda: office.send_document("ke-hoach.pdf", "application/pdf", b"%PDF-1.4", caption="KH"),
    )
    await office.click("✅ Gửi ngay")
    await wait_done(office)
    for user in users:
        docs = [m for m in user.messages if m.document is not None]
        assert len(docs) == 1
        assert docs[0].text == "KH"
        assert docs[0].buttons

    # Acknowledgements: counted once per person; the office sees who has read.
    await users[0].click("👍 Đã đọc", message=broadcasts_to(users[0])[-1])
    await users[0].click("👍 Đã đọc", message=broadcasts_to(users[0])[-1])
    await asyncio.sleep(0.3)
    answers = [a.get("text") for a in standin.callback_answers.values()]
    assert answers[-2:] == [
        "Cảm ơn anh/chị đã xác nhận đã đọc.",
        "Anh/chị đã xác nhận đã đọc bản tin này.",
    ]
    await office.send("/broadcasts")
    listing = await office.expect("Các bản tin gần đây")
    assert "đã đọc 1" in listing.text
    await office.click("Số 2")
    detail = await office.expect("Đã đọc: 1/3")
    assert "Thủ trưởng 0" in detail.text.split("Chưa xác nhận")[0]
    assert "Thủ trưởng 1" in detail.text.split("Chưa xác nhận")[1]
    assert limits.early_retries == []


async def test_practice_library_and_nominations(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    users = await recipients(standin, app_services, 2)
    await compose(office, lambda: office.send("Chuyển đổi số trong quản lý hồ sơ"))
    await office.click("✅ Gửi ngay")
    await wait_done(office)
    await office.click("💾 Lưu vào thư viện điển hình")
    await office.expect("tên mô hình")
    await office.send("Số hoá hồ sơ một cửa")
    await office.expect("mã đơn vị")
    await office.send("THPT-QH")
    await office.expect("lĩnh vực")
    await office.click("Chuyển đổi số")
    await office.click("✅ Xong")
    await office.expect("Đã lưu vào thư viện điển hình")

    head = users[0]
    await head.send("/practices chuyen doi so")
    found = await head.expect("Thư viện điển hình")
    assert "Số hoá hồ sơ một cửa" in found.text
    await head.send("/practices chuyển đổi số")
    assert "Số hoá hồ sơ một cửa" in (await head.expect("Thư viện điển hình")).text
    await head.send("/practices không có gì")
    assert "Chưa có mô hình nào" in (await head.expect("Thư viện điển hình")).text

    await head.send("/nominate")
    await head.expect("tên mô hình")
    await head.send("Tổ <tư vấn> TTHC")
    await head.expect("nội dung mô tả")
    await head.send("Hỗ trợ phụ huynh nộp hồ sơ trực tuyến & theo dõi kết quả")
    await head.expect("một ảnh hoặc một tệp")
    await head.click("Bỏ qua")
    await head.expect("lĩnh vực")
    await head.click("TTHC")
    await head.click("✅ Xong")
    await head.expect("Đã gửi đề xuất số")
    await office.expect("Đề xuất mô hình hay số")

    await office.send("/nominations")
    await office.expect("Tổ &lt;tư vấn&gt; TTHC".replace("&lt;", "<").replace("&gt;", ">"))
    await office.click("✖️ Không duyệt")
    await office.expect("lý do")
    await office.send("Cần bổ sung số liệu")
    await office.expect("không được duyệt")
    told = await head.expect("chưa được Văn phòng Sở duyệt")
    assert "Cần bổ sung số liệu" in told.text
