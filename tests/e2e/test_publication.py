"""Publishing a result: a confirmed decision of the office, by a document.

The campaign's practice (seed 003): the Department "Công bố chỉ số CCHC" by a decision
with a number and date (998/QĐ-SGDĐT); quarterly figures are progress monitoring, which
the office may publish by a document (a công văn).
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from bot.app import build_application, services_of, start_application, stop_application
from bot.config import Settings
from bot.services.container import Services
from bot.standin import BotApiStandin, SentMessage, SimulatedUser
from handlers import texts
from handlers.context import App
from storage import audit
from storage import standings as standings_store
from tests.clock import FakeClock
from tests.conftest import OFFICE_ID, example_roster
from tests.e2e.conftest import bound_user
from tests.e2e.publishing import publish, summary_of
from tests.reports import bind, submit
from tests.rules import YEAR


def _data(message: SentMessage, index: int = 0) -> str:
    """The callback data of a button the bot sent (a modified client may keep it)."""
    return str(message.buttons[index]["callback_data"])


async def _download(app: App, file_id: str) -> bytes:
    found = await app.bot.get_file(file_id)
    return bytes(await found.download_as_bytearray())


async def _published(services: Services, scope: str) -> bool:
    return await services.standings.is_published(services.standings.parse_scope(scope))


async def _block_size(services: Services, block: str) -> int:
    return sum(1 for u in await services.roster.list_units() if u.block == block)


async def _three_reports(standin: BotApiStandin, services: Services) -> None:
    for user_id in (9201, 9202, 9203):
        standin.user(user_id).started = True  # colleagues who have talked to the bot
    await submit(services, await bind(services, 9201, "THPT-QH"), {"dossiers_online": "1.200"})
    await submit(services, await bind(services, 9202, "THPT-LQD"), {"dossiers_online": "600"})
    await submit(services, await bind(services, 9203, "THPT-CVA"), {"dossiers_online": "900"})


async def test_nothing_is_published_without_the_confirming_press(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9101, "THPT-QH")
    await _three_reports(standin, services)

    summary = await summary_of(office)
    assert "Kết quả: Kết quả theo dõi quý I/2025" in summary.text
    assert "Căn cứ: văn bản số 125/SGDĐT-VP ngày 20/02/2025" in summary.text
    assert [b["text"] for b in summary.buttons] == ["✅ Công bố", "✖️ Huỷ"]
    assert not await _published(services, "2025-Q1")
    await head.send("/standing 2025-Q1")
    await head.expect("chưa được công bố")

    confirm = _data(summary)
    await office.click("✖️ Huỷ", message=summary)
    await office.expect("Đã huỷ việc công bố Kết quả theo dõi quý I/2025")
    assert not await _published(services, "2025-Q1")
    # The summary's own button, pressed after Huỷ (its data kept by a client): nothing.
    await office.press(confirm, message=summary)
    await office.expect("Nút này không còn hiệu lực")
    assert not await _published(services, "2025-Q1")

    # /cancel ends the conversation too, at any step.
    await office.send("/publish 2025-Q1")
    await office.expect("Bước 1/2")
    await office.send("/cancel")
    await office.expect("Đã huỷ việc công bố")
    await office.send("125/SGDĐT-VP")
    await office.expect(texts.IDLE_OFFICE)
    assert not await _published(services, "2025-Q1")
    assert [m for m in await head.idle() if "công bố" in m.text] == []


async def test_a_forged_or_stale_confirmation_changes_nothing(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9102, "THPT-QH")
    await _three_reports(standin, services)
    summary = await summary_of(office)
    data = _data(summary)
    assert data.startswith("pb:ok:2025:1:")
    ticket = int(data.rsplit(":", 1)[1])

    # A unit member presses the office's button data (a modified client).
    query = await head.press(data)
    answer = await standin.wait_callback_answer(query)
    assert answer.get("text") == texts.OFFICE_ONLY
    # The office itself, with another ticket or another scope: stale.
    await office.press(f"pb:ok:2025:1:{ticket % 999_999 + 1}", message=summary)
    await office.expect("Nút này không còn hiệu lực")
    await office.press(f"pb:ok:2025:2:{ticket}", message=summary)
    await office.expect("Nút này không còn hiệu lực")
    assert not await _published(services, "2025-Q1")
    assert not await _published(services, "2025-Q2")

    # Started over: the old summary's button belongs to no conversation on screen.
    await office.send("/publish 2025-Q1")
    await office.expect("Bước 1/2")
    await office.press(data, message=summary)
    await office.expect("Nút này không còn hiệu lực")
    assert not await _published(services, "2025-Q1")
    await office.send("125/SGDĐT-VP")
    await office.expect("Bước 2/2")
    await office.send("19/02/2025")
    second = await office.expect("Xác nhận công bố")
    pressed = _data(second)
    await office.click("✅ Công bố", message=second)
    await office.expect("✅ Đã công bố")
    assert await _published(services, "2025-Q1")
    # Pressed again: it is published already, with its document; nothing new is sent.
    await office.press(pressed, message=second)
    again = await office.expect("đã được công bố trước đó")
    assert "văn bản số 125/SGDĐT-VP ngày 19/02/2025" in again.text
    notices = [m for m in await head.idle(0.5) if "đã công bố" in m.text]
    assert len(notices) == 1


async def test_bad_answers_are_explained_and_what_was_entered_is_kept(
    app: App, office: SimulatedUser
) -> None:
    await office.send("/publish 2025-Q1")
    await office.expect("Bước 1/2")
    await office.send("Quyết định của Sở")
    await office.expect("Số văn bản phải có chữ số")
    await office.send("9" * 61)
    await office.expect("Số văn bản dài quá 60 ký tự")
    await office.send("Số 125/SGDĐT-VP")  # "số" is the wording's, not the number's
    asked = await office.expect("Bước 2/2")
    assert "Số văn bản: 125/SGDĐT-VP." in asked.text
    for typed, expected in (
        ("30/02/2025", "Ngày không hợp lệ"),
        ("20-02-25", "Ngày không hợp lệ"),
        ("２０/02/2025", "Ngày không hợp lệ"),  # full-width digits are no ASCII digits
        ("21/02/2025", "chưa đến"),  # the tests' clock stands at 20/02/2025
        ("31/12/2024", "trước 01/01/2025"),  # before the quarter it publishes
    ):
        await office.send(typed)
        refused = await office.expect(expected)
        assert "Số văn bản <b>125/SGDĐT-VP</b> vẫn được giữ" in refused.html
    await office.send("20.02.2025")
    summary = await office.expect("Xác nhận công bố")
    assert "văn bản số 125/SGDĐT-VP ngày 20/02/2025" in summary.text
    await office.send("thêm một tin nhắn")
    again = await office.expect("Xác nhận công bố")
    assert _data(again) == _data(summary)  # the same summary, the same ticket


async def test_the_coverage_shown_matches_the_data(
    standin: BotApiStandin, app: App, office: SimulatedUser, clock: FakeClock
) -> None:
    services = services_of(app)
    qh = await submit(services, await bind(services, 9211, "THPT-QH"))
    lqd = await submit(services, await bind(services, 9212, "THPT-LQD"))
    await submit(services, await bind(services, 9213, "PGD-QN"))
    await services.review.accept(qh.report.id, actor="test")
    office_scored = [
        c
        for c in services.standings.methodology(YEAR).criteria
        # THPT-QH is not in the inspection plan: the inspection criterion is not its.
        if c.source == "appraisal" and c.applies_to("truc_thuoc") and not c.only_inspected
    ]
    for criterion in office_scored:
        points = str(criterion.max_points)
        await services.appraisal.appraise(
            "THPT-QH", "2025-Q1", criterion.key, points, "Đầy đủ", actor="test"
        )
    # Past the deadline: the period is closed to everyone but a unit whose report is
    # returned (it may resubmit for some days).
    period = await services.periods.resolve("2025-Q1")
    assert period is not None
    clock.now = period.due_at + timedelta(days=1)
    await services.review.return_report(lqd.report.id, "Thiếu số liệu", actor="test")
    units = len(await services.roster.list_units())

    await office.send("/publish 2025-Q1")
    shown = await office.expect("Công bố Kết quả theo dõi quý I/2025")
    assert f"Đơn vị trong danh sách: {units}" in shown.text
    assert f"Đơn vị đã gửi báo cáo: 3/{units}" in shown.text
    assert "Báo cáo đã được Văn phòng Sở duyệt: 1/3" in shown.text
    appraised = 1 if office_scored else 3  # with nothing to appraise, every unit is done
    assert f"thẩm định đủ các tiêu chí do Văn phòng Sở chấm: {appraised}/3" in shown.text
    assert (
        "còn có thể gửi, sửa báo cáo: 1 (trong đó 1 có báo cáo bị trả lại, chưa nộp lại)"
        in shown.text
    )
    assert "THPT-LQD" in shown.text
    assert "vẫn đang nhận báo cáo" not in shown.text  # the period itself is past
    assert "Bước 1/2" in shown.text


async def test_the_document_is_stored_audited_and_shown_to_units_and_in_exports(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9221, "THPT-QH")
    await _three_reports(standin, services)
    await publish(office, number="998/QĐ-SGDĐT", day="15/02/2025")

    stored = await standings_store.get_publication(services.db.reader, "2025-Q1")
    assert stored is not None
    assert (stored.decision_number, stored.decision_date) == ("998/QĐ-SGDĐT", date(2025, 2, 15))
    trail = [e for e in await audit.entries(services.db.reader) if e.action == "ranking.publish"]
    assert [(e.detail["decision_number"], e.detail["decision_date"]) for e in trail] == [
        ("998/QĐ-SGDĐT", "2025-02-15")
    ]

    notice = await head.expect("Sở GDĐT đã công bố Kết quả theo dõi quý I/2025")
    assert "theo văn bản số 998/QĐ-SGDĐT ngày 15/02/2025" in notice.text
    assert "/standing 2025-Q1" in notice.text
    await head.send("/standing")
    text = await head.expect("Kết quả theo dõi quý I/2025")
    assert "(đã công bố theo văn bản số 998/QĐ-SGDĐT ngày 15/02/2025)" in text.text
    # Published: never the provisional marks, though no report was accepted.
    assert "tạm tính" not in text.text
    assert "chưa duyệt" not in text.text
    chart = await head.expect("Kết quả theo dõi quý I/2025 —")
    assert "đã công bố theo văn bản số 998/QĐ-SGDĐT ngày 15/02/2025" in chart.text

    await office.send("/export 2025-Q1 xlsx")
    sent = await office.expect("Bảng tổng hợp")
    assert sent.document is not None
    content = await _download(app, str(sent.document["file_id"]))
    summary = openpyxl.load_workbook(io.BytesIO(content))["Tổng hợp"]
    assert summary["A4"].value == (
        "Chỉ số, xếp loại và xếp hạng: Kết quả theo dõi quý I/2025 "
        "(đã công bố theo văn bản số 998/QĐ-SGDĐT ngày 15/02/2025)."
    )


async def test_the_annual_index_is_published_by_a_decision_and_a_year_to_date_never(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9231, "THPT-QH")
    await _three_reports(standin, services)

    await office.send("/publish 2025-YTD")
    await office.expect("Kết quả lũy kế năm (2025-YTD) chỉ để Văn phòng Sở theo dõi")
    assert not await _published(services, "2025-YTD")
    await office.send("/publish 2031")
    await office.expect("nằm ngoài thời gian của phong trào")

    await office.send("/publish 2025")
    asked = await office.expect("Công bố Chỉ số CCHC năm 2025")
    assert "đủ cả 4 quý: 0" in asked.text
    assert "số Quyết định" in asked.text
    await office.send("998/QĐ-SGDĐT")
    await office.expect("Bước 2/2")
    await office.send("15/02/2025")
    summary = await office.expect("Xác nhận công bố")
    assert "Căn cứ: Quyết định số 998/QĐ-SGDĐT ngày 15/02/2025" in summary.text
    await office.click("✅ Công bố", message=summary)
    done = await office.expect("✅ Đã công bố Chỉ số CCHC năm 2025")
    assert "theo Quyết định số 998/QĐ-SGDĐT ngày 15/02/2025" in done.text
    notice = await head.expect("Sở GDĐT đã công bố Chỉ số CCHC năm 2025")
    assert "theo Quyết định số 998/QĐ-SGDĐT ngày 15/02/2025" in notice.text

    await head.send("/standing")  # the result published last
    text = await head.expect("Chỉ số CCHC năm 2025")
    assert "(đã công bố theo Quyết định số 998/QĐ-SGDĐT ngày 15/02/2025)" in text.text
    await head.send("/standing 2025-YTD")
    await head.expect("Kết quả lũy kế năm chỉ để Văn phòng Sở theo dõi, không được công bố")
    await office.send("/standing THPT-QH 2025-YTD")
    ytd = await office.expect("Kết quả theo dõi lũy kế năm 2025")
    assert "tạm tính; kết quả lũy kế năm không được công bố" in ytd.text


async def test_rank_counts_every_unit_of_the_block_and_non_reporters_come_last(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    silent = await bound_user(standin, services, 9241, "THPT-TV")  # does not report
    third = await bound_user(standin, services, 9242, "THPT-LQD")
    await _three_reports(standin, services)
    size = await _block_size(services, "truc_thuoc")
    await publish(office)

    await third.send("/standing")
    text = await third.expect(f"Xếp hạng trong khối: 3/{size}")
    assert f"{size - 3}/{size} đơn vị của khối chưa nộp báo cáo, xếp cuối khối" in text.text
    assert "dẫn đầu" not in text.text
    await silent.send("/standing")
    # The /standing reply, not the publication notice (which names the unit too and may
    # arrive just before it through the outbox).
    alone = await silent.expect("nên xếp cuối khối, không có thứ hạng")
    assert "Trường THPT Trưng Vương" in alone.text
    assert "chưa nộp báo cáo quý I/2025 nên xếp cuối khối, không có thứ hạng" in alone.text
    assert f"3/{size} đơn vị của khối đã nộp báo cáo" in alone.text
    await silent.send("/ranking")
    table = await silent.expect("Bảng xếp hạng — Kết quả theo dõi quý I/2025")
    lines = table.text.split("\n")
    ranked = [n for n, line in enumerate(lines) if re.match(r"^\d+\. ", line)]
    unranked = [n for n, line in enumerate(lines) if line.endswith(": chưa nộp báo cáo")]
    assert len(ranked) == 3
    assert max(ranked) < min(unranked)
    assert f"Đã báo cáo: 3/{size} đơn vị" in table.text


async def test_no_unit_leads_a_block_of_one(
    standin: BotApiStandin, app: App, office: SimulatedUser, tmp_path: Path
) -> None:
    services = services_of(app)
    await services.roster.add_block("mam_non", "Khối các trường mầm non", actor="test")
    roster = tmp_path / "one.csv"
    roster.write_text(
        "code,name,block,district\nMN-1,Trường Mầm non Hoa Sen,mam_non,Quy Nhơn\n",
        encoding="utf-8",
    )
    await services.roster.import_file(roster, actor="test")
    head = await bound_user(standin, services, 9251, "MN-1")
    standin.user(9252).started = True
    await submit(services, await bind(services, 9252, "MN-1"))
    await publish(office)

    await head.send("/standing")
    text = await head.expect("Xếp hạng trong khối: 1/1")
    assert "dẫn đầu" not in text.text
    await head.expect("Kết quả theo dõi quý I/2025 —")


async def test_the_weakest_criteria_include_one_scored_zero(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9261, "THPT-QH")
    for user_id in (9262, 9263, 9264):
        standin.user(user_id).started = True
    # No article published: the news criterion scores 0 for this unit only.
    await submit(services, await bind(services, 9262, "THPT-QH"), {"articles": "0"})
    await submit(services, await bind(services, 9263, "THPT-LQD"))
    await submit(services, await bind(services, 9264, "THPT-CVA"))
    await publish(office)

    standing = await services.standings.unit_standing(
        "THPT-QH", services.standings.parse_scope("2025-Q1")
    )
    assert standing is not None
    assert standing.row.score is not None
    zero = [
        key
        for key, lost in standing.row.score.lost.items()
        if lost == services.standings.methodology(YEAR).criterion(key).max_points
        and any(
            (other.score.lost.get(key) or 0) < lost
            for other in standing.ranking.rows
            if other.score is not None
        )
    ]
    assert zero, "the overrides no longer zero a criterion for this unit alone"
    criterion = services.standings.methodology(YEAR).criterion(zero[0])
    await head.send("/standing")
    text = await head.expect("Các tiêu chí mất nhiều điểm nhất")
    weak = text.text.split("Các tiêu chí mất nhiều điểm nhất so với trung vị của khối:")[1]
    max_points = f"{criterion.max_points:f}".rstrip("0").rstrip(".")
    assert f"{criterion.title}: 0/{max_points} điểm" in weak
    assert "mất nhiều hơn trung vị khối" in weak


async def test_the_conversation_survives_a_restart(
    standin: BotApiStandin, e2e_settings: Settings, clock: FakeClock
) -> None:
    first = build_application(e2e_settings, clock=clock)
    await start_application(first, poll_timeout=1)
    office = standin.user(OFFICE_ID, "Nguyễn Văn Phòng")
    try:
        await services_of(first).roster.import_file(example_roster(), actor="test")
        await office.send("/publish 2025-Q1")
        await office.expect("Bước 1/2")
        await office.send("125/SGDĐT-VP")
        await office.expect("Bước 2/2")
    finally:
        await stop_application(first)

    second = build_application(e2e_settings, clock=clock)
    await start_application(second, poll_timeout=1)
    try:
        await office.send("20/02/2025")
        summary = await office.expect("Xác nhận công bố")
        assert "văn bản số 125/SGDĐT-VP ngày 20/02/2025" in summary.text
        await office.click("✅ Công bố", message=summary)
        await office.expect("✅ Đã công bố Kết quả theo dõi quý I/2025")
        assert await _published(services_of(second), "2025-Q1")
    finally:
        await stop_application(second)


async def test_every_units_picture_is_drawn_ahead_after_publication(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9271, "THPT-CVA")
    await _three_reports(standin, services)
    await publish(office)
    await services.charts.idle()
    # The three reporting units of the block, each with its own bar marked.
    assert services.charts.rendered_ahead == 3
    kept = sorted(services.settings.chart_path.glob("*.png"))
    assert len(kept) == 3

    await head.send("/standing")
    await head.expect("Xếp hạng trong khối")
    chart = await head.expect("Kết quả theo dõi quý I/2025 —")
    assert chart.photo is not None
    assert chart.photo is not None
    sent = await _download(app, str(chart.photo[-1]["file_id"]))
    assert sent in {path.read_bytes() for path in kept}


async def test_the_document_number_is_shown_as_typed_and_another_conversation_is_kept(
    standin: BotApiStandin, app: App, office: SimulatedUser
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 9281, "THPT-QH")
    await _three_reports(standin, services)
    # Composing a broadcast: /publish does not take that conversation over.
    await office.send("/broadcast")
    await office.expect("Soạn bản tin gửi các đơn vị")
    await office.send("/publish 2025-Q1")
    await office.expect("Anh/chị đang làm dở một thao tác khác")
    await office.send("/cancel")
    await office.idle()

    # Whatever the office types is shown as typed (the stand-in refuses bad HTML).
    await publish(office, number="7/SGDĐT-VP <b>&", day="20/02/2025")
    notice = await head.expect("Sở GDĐT đã công bố")
    assert "theo văn bản số 7/SGDĐT-VP <b>& ngày 20/02/2025" in notice.text
    await head.send("/standing")
    text = await head.expect("Xếp hạng trong khối")
    assert "văn bản số 7/SGDĐT-VP <b>& ngày 20/02/2025" in text.text
