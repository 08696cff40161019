"""/export end to end: the office asks in chat and receives the file as a document."""

from __future__ import annotations

import io

import docx
from openpyxl import load_workbook

from bot.app import services_of
from bot.standin import BotApiStandin, SentMessage, SimulatedUser
from handlers.context import App
from tests.e2e.conftest import bound_user
from tests.form_steps import label
from tests.reports import bind, submit


async def download(app: App, sent: SentMessage) -> bytes:
    """The document's bytes, fetched the way a client would (getFile, then the file URL)."""
    assert sent.document is not None
    telegram_file = await app.bot.get_file(str(sent.document["file_id"]))
    return bytes(await telegram_file.download_as_bytearray())


async def test_office_exports_the_workbook_and_the_draft_report(
    app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    await submit(services, await bind(services, 9901, "THPT-QH"), {"dossiers_received": "2.000"})
    await submit(services, await bind(services, 9902, "PGD-QN"))

    await office.send("/export 2025-Q1 xlsx")
    sent = await office.expect_document()

    assert sent.document is not None
    assert sent.document["file_name"] == "cchc-2025-Q1.xlsx"
    assert sent.text.startswith(
        "Bảng tổng hợp báo cáo CCHC quý I/2025: 71 đơn vị, trong đó 2 đơn vị đã gửi báo cáo."
    )
    assert "Xuất lúc 09:00 ngày 20/02/2025." in sent.text
    book = load_workbook(io.BytesIO(await download(app, sent)))
    sheet = book["Các trường THPT và đơn vị trực"]
    header = [c.value for c in sheet[1]]
    first = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert first["Mã đơn vị"] == "THPT-QH"
    assert first[label("dossiers_received")] == 2000
    assert first["Xếp hạng trong khối"] == 1

    await office.send("/export docx 2025-Q1")
    sent = await office.expect_document()
    assert sent.document is not None
    assert sent.document["file_name"] == "bao-cao-cchc-2025-Q1.docx"
    assert "Đây là bản dự thảo" in sent.text
    document = docx.Document(io.BytesIO(await download(app, sent)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO\nKết quả thực hiện công tác cải cách hành chính quý I năm 2025" in text
    assert "đã gửi báo cáo: 2 đơn vị" in text


async def test_export_csv_of_the_current_period_has_a_bom(app: App, office: SimulatedUser) -> None:
    await office.send("/export csv")
    sent = await office.expect_document()

    assert sent.document is not None
    assert sent.document["file_name"] == "cchc-2025-Q1.csv"
    content = await download(app, sent)
    assert content.startswith(b"\xef\xbb\xbfunit_code,unit_name,")
    assert content.decode("utf-8-sig").count("\n") == 72  # header + 71 units


async def test_export_is_for_the_office_and_says_how_to_use_it(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    head = await bound_user(standin, services_of(app), 9903, "THPT-QH")
    await head.send("/export 2025-Q1")
    await head.expect("chỉ dành cho Văn phòng Sở")

    await office.send("/export 2025-Q9")
    refused = await office.expect("“2025-Q9”")
    assert "Cú pháp: /export KỲ [xlsx|docx|csv]" in refused.text
    await office.send("/export 2025-Q1 pdf")
    await office.expect("Cú pháp: /export KỲ")
    assert [m for m in await office.idle() if m.document is not None] == []
    assert [m for m in await head.idle() if m.document is not None] == []
