"""Long narratives: summaries and /view split within Telegram's limits, buttons last."""

from __future__ import annotations

from bot.app import services_of
from bot.standin import BotApiStandin, SimulatedUser
from handlers.context import App
from handlers.telegram_text import MESSAGE_LIMIT, utf16_len
from tests.e2e.conftest import bound_user, fill_report


async def test_summary_of_long_narratives_is_split(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    head = await bound_user(standin, services_of(app), 8101, "PGD-AN")
    long_text = ("Kết quả <nổi bật> & đáng ghi nhận. " * 90)[:2990]
    overrides = {k: long_text for k in ("highlights", "shortcomings", "next_quarter")}
    overrides["requests"] = long_text[:1990]
    seen = len(head.messages)
    await fill_report(head, overrides)
    await head.idle()
    summary_parts = [m for m in head.messages[seen:] if "Câu" not in m.text[:60]]
    summary_parts = summary_parts[
        summary_parts.index(next(m for m in summary_parts if "Tóm tắt báo cáo" in m.text)) :
    ]
    assert len(summary_parts) >= 3
    assert all(utf16_len(m.html) <= MESSAGE_LIMIT for m in summary_parts)
    assert [bool(m.buttons) for m in summary_parts] == [False] * (len(summary_parts) - 1) + [True]
    assert long_text.strip() in " ".join(m.text for m in summary_parts).replace("\n", " ")

    await head.click("✅ Gửi báo cáo")
    await head.expect("Văn phòng Sở đã nhận")
    seen = len(office.messages)
    await office.send("/view PGD-AN")
    await office.expect_document()
    view = office.messages[seen:]
    assert len(view) >= 4  # at least three text parts and the file
    assert all(utf16_len(m.html) <= MESSAGE_LIMIT for m in view)
