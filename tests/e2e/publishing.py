"""Publishing a result through the bot, as the office does: /publish, the document's
number and date, then "✅ Công bố"."""

from __future__ import annotations

from bot.standin import SentMessage, SimulatedUser

NUMBER = "125/SGDĐT-VP"
DAY = "20/02/2025"  # the tests' clock stands at 09:00, 20/02/2025


async def publish(
    office: SimulatedUser, scope: str = "2025-Q1", *, number: str = NUMBER, day: str = DAY
) -> SentMessage:
    """Publish ``scope``; returns the bot's "✅ Đã công bố …"."""
    summary = await summary_of(office, scope, number=number, day=day)
    await office.click("✅ Công bố", message=summary)
    return await office.expect("✅ Đã công bố")


async def summary_of(
    office: SimulatedUser, scope: str = "2025-Q1", *, number: str = NUMBER, day: str = DAY
) -> SentMessage:
    """Walk the conversation up to the summary with its buttons (nothing published)."""
    await office.send(f"/publish {scope}")
    await office.expect("Bước 1/2")
    await office.send(number)
    await office.expect("Bước 2/2")
    await office.send(day)
    return await office.expect("Xác nhận công bố")
