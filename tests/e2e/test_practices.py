"""The practice library end to end: pages of five with next/previous buttons, short
callback data, topic buttons, and search with or without Vietnamese diacritics."""

from __future__ import annotations

import re

from bot.domain.broadcasts import Content
from bot.services.container import Services
from bot.standin import BotApiStandin, SentMessage, SimulatedUser
from handlers.telegram_text import CALLBACK_DATA_LIMIT
from tests.conftest import OFFICE_ID
from tests.e2e.conftest import bound_user

TITLES = [
    "Chuyển đổi số trong tuyển sinh đầu cấp",
    "Số hoá hồ sơ học bạ điện tử",
    "Một cửa liên thông chuyển đổi số",
    "Thanh toán học phí không dùng tiền mặt",
    "Chữ ký số cho văn bản điều hành",
    "Họp trực tuyến tiết kiệm chi phí",
    "Ứng dụng chuyển đổi số trong thư viện",
]
OTHER = "Đổi mới công tác tuyên truyền"


async def library(services: Services) -> None:
    """Seven practices on digital transformation (newest first when listed), one other."""
    for n, title in enumerate(TITLES):
        await services.practices.add(
            title=title,
            content=Content(kind="text", body=f"<b>{title}</b>\nĐơn vị triển khai hiệu quả."),
            unit_code="THPT-QH" if n % 2 else "PGD-QN",
            tags=["cds"],
            by=OFFICE_ID,
        )
    await services.practices.add(
        title=OTHER,
        content=Content(kind="text", body="Bản tin nội bộ hằng tháng"),
        unit_code=None,
        tags=["tuyen_truyen"],
        by=OFFICE_ID,
    )


def listed(message: SentMessage) -> list[str]:
    return re.findall(r"^\d+\. (.+)$", message.text, flags=re.MULTILINE)


def callback_sizes(message: SentMessage) -> list[int]:
    return [len(b["callback_data"].encode()) for b in message.buttons if "callback_data" in b]


async def test_pages_of_five_with_next_and_previous(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    await library(app_services)
    head = await bound_user(standin, app_services, 7601, "THPT-QH")

    await head.send("/practices")
    first = await head.expect("Thư viện điển hình")
    page_one = listed(first)
    assert page_one == [OTHER, *reversed(TITLES)][:5]
    assert "Trang 1/2 · 8 mô hình" in first.text
    assert [b["text"] for b in first.buttons if "Trước" in b["text"]] == []
    assert max(callback_sizes(first)) <= CALLBACK_DATA_LIMIT

    await head.click("Sau ▶️", message=first)
    second = await head.expect("Trang 2/2")
    assert second.message_id == first.message_id, "the list is edited in place"
    assert listed(second) == [*reversed(TITLES)][4:]
    assert second.text.startswith("📚")
    assert re.search(r"^6\. ", second.text, flags=re.MULTILINE), "numbering goes on"
    assert [b["text"] for b in second.buttons if "Sau" in b["text"]] == []
    await head.click("◀️ Trước", message=second)
    again = await head.expect("Trang 1/2")
    assert listed(again) == page_one

    # A topic button: only that topic's practices, paged too.
    await head.click("Chuyển đổi số", message=again)
    topic = await head.expect("Lĩnh vực: Chuyển đổi số")
    assert "Trang 1/2 · 7 mô hình" in topic.text
    assert OTHER not in topic.text
    assert max(callback_sizes(topic)) <= CALLBACK_DATA_LIMIT
    await head.click("Sau ▶️", message=topic)
    topic2 = await head.expect("Trang 2/2 · 7 mô hình")
    assert listed(topic2) == TITLES[:2][::-1]

    # Opening one shows it whole.
    await head.click("Xem số 6", message=topic2)
    shown = await head.expect("Đơn vị triển khai hiệu quả")
    assert TITLES[1] in shown.text
    # The body carries its own title: the library's header comes first, with unit and topic.
    header = head.messages[head.messages.index(shown) - 1]
    assert header.text.startswith(f"📌 {TITLES[1]}\n")
    assert "Đơn vị: " in header.text
    assert "Lĩnh vực: Chuyển đổi số" in header.text


async def test_search_with_and_without_diacritics(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    await library(app_services)
    head = await bound_user(standin, app_services, 7602, "PGD-QN")

    results = {}
    for query in ("chuyển đổi số", "chuyen doi so", "CHUYỂN ĐỔI SỐ", "Chuyen Đoi So"):
        await head.send(f"/practices {query}")
        found = await head.expect("Thư viện điển hình")
        results[query] = listed(found)
        assert "Trang 1/2 · 7 mô hình" in found.text, query  # the topic's name counts too
    assert len({tuple(r) for r in results.values()}) == 1
    await head.send("/practices thư viện")
    assert listed(await head.expect("Thư viện điển hình")) == [TITLES[6]]
    await head.send("/practices thu vien")
    assert listed(await head.expect("Thư viện điển hình")) == [TITLES[6]]

    await head.send("/practices doi moi")
    assert listed(await head.expect("Thư viện điển hình")) == [OTHER]
    await head.send("/practices hoc phi tien mat")
    assert listed(await head.expect("Thư viện điển hình")) == [TITLES[3]]
    # Word-by-word: every word must be found, in any order, in title, body or unit.
    await head.send("/practices giáo dục chữ ký")
    assert listed(await head.expect("Thư viện điển hình")) == [TITLES[4]]


async def test_long_search_pages_through_the_same_results(
    standin: BotApiStandin, app_services: Services, office: SimulatedUser
) -> None:
    """A search too long for a button's 64 bytes keeps whole words, on every page alike."""
    await library(app_services)
    head = await bound_user(standin, app_services, 7603, "THPT-QH")

    # Every word but the last is in all seven; the last one, "xyz", in none.
    words = "chuyển đổi số đơn vị triển khai hiệu quả"
    await head.send(f"/practices {words} {words} xyz")
    first = await head.expect("Thư viện điển hình")
    assert max(callback_sizes(first)) <= CALLBACK_DATA_LIMIT
    assert "Tìm: chuyen doi so don vi trien khai hieu qua chuyen doi\n" in first.text
    assert "Trang 1/2 · 7 mô hình" in first.text
    page_one = listed(first)
    await head.click("Sau ▶️", message=first)
    second = await head.expect("Trang 2/2 · 7 mô hình")
    assert "Tìm: chuyen doi so don vi trien khai hieu qua chuyen doi\n" in second.text
    assert sorted(page_one + listed(second)) == sorted(TITLES)
