"""The audit trail: every kind of change is recorded with who, when and before/after,
and reads back as a Vietnamese sentence."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.domain.broadcasts import Content, Recipient
from bot.services.audit import Actor, CriterionRef
from bot.services.container import Services
from bot.texts.audit import actor_name, sentence
from tests.conftest import OFFICE_ID, example_roster
from tests.form_steps import label, number
from tests.reports import VALID_ANSWERS, bind, resubmit, submit
from tests.rules import YEAR


async def trail_texts(services: Services, unit_code: str | None = None) -> list[str]:
    tz = services.settings.tz
    found = await services.audit.trail(unit_code=unit_code, limit=200)
    return [sentence(entry.change, tz) for entry in found]


def describe(services: Services, action: str, detail: dict[str, object]) -> str:
    """One entry's sentence, as /audit and `cchc-bot audit` show it."""
    return sentence(services.audit.change(action, detail), services.settings.tz)


async def test_appraisal_is_described_with_points_before_and_after(services: Services) -> None:
    member = await bind(services, 9001, "THPT-QH")
    await submit(services, member)
    criterion = next(
        c for c in services.standings.methodology(YEAR).criteria if c.source == "appraisal"
    )

    await services.appraisal.appraise(
        "THPT-QH",
        "2025-Q1",
        criterion.key,
        "1",
        "Chưa có kế hoạch kiểm tra",
        actor=f"tg:{OFFICE_ID}",
    )

    entries = await services.audit.trail(unit_code="THPT-QH", limit=5)
    lines = await trail_texts(services, "THPT-QH")
    assert lines[0].startswith(f"Thẩm định tiêu chí «{criterion.title}» (quý I/2025): ")
    assert lines[0].endswith("→ 1 điểm. Lý do: Chưa có kế hoạch kiểm tra")
    assert entries[0].change.criterion == CriterionRef(criterion.key, criterion.title)
    assert entries[0].actor == Actor("person", None, OFFICE_ID, "office")
    assert actor_name(entries[0].actor).endswith("(Văn phòng Sở)")
    assert lines[1] == "Gửi báo cáo quý I/2025, lần 1"
    assert actor_name(entries[1].actor) == "Người thử (Thủ trưởng đơn vị)"


async def test_broadcasts_practices_and_roster_changes_are_recorded(
    services: Services, tmp_path: Path
) -> None:
    await services.broadcasts.queue(
        created_by=OFFICE_ID,
        content=Content(kind="text", body="Mô hình “Một cửa số” tại THPT Quốc Học"),
        recipients=[Recipient(chat_id=9002, unit_code="THPT-QH")],
        audience_label="Khối các trường THPT",
    )
    practice = await services.practices.add(
        title="Một cửa số",
        content=Content(kind="text", body="Nội dung"),
        unit_code="THPT-QH",
        tags=[],
        by=9002,
        pending=True,
    )
    await services.practices.decide(practice, approve=False, by=OFFICE_ID, reason="Trùng lặp")
    renamed = tmp_path / "roster.csv"
    renamed.write_text(
        example_roster()
        .read_text(encoding="utf-8")
        .replace("Trường THPT Quốc Học Quy Nhơn", "Trường THPT chuyên Quốc Học"),
        encoding="utf-8",
    )
    assert (await services.roster.import_file(renamed, actor="cli")).updated == 1

    everything = await trail_texts(services)
    assert "Gửi bản tin số 1 tới Khối các trường THPT: 1 người nhận, 1 đơn vị" in everything
    unit = await trail_texts(services, "THPT-QH")
    assert unit[:3] == [
        "Cập nhật thông tin đơn vị (tên: Trường THPT Quốc Học Quy Nhơn → Trường THPT chuyên "
        "Quốc Học)",
        f"Xét đề xuất mô hình hay số {practice}: không duyệt. Lý do: Trùng lặp",
        f"Đề xuất mô hình hay số {practice}: Một cửa số",
    ]


async def test_unknown_actions_are_shown_raw_never_hidden(services: Services) -> None:
    text = describe(services, "review.return", {"period": "2025-Q1", "comment": "Thiếu số liệu"})

    assert text == 'review.return: {"period": "2025-Q1", "comment": "Thiếu số liệu"}'


async def test_a_scheduled_broadcast_shows_the_time_as_the_office_reads_it(
    services: Services,
) -> None:
    text = describe(
        services,
        "broadcast.queue",
        {
            "id": 3,
            "audience": "Tất cả đơn vị",
            "recipients": 5,
            "units": 4,
            "scheduled_at": "2025-02-21T01:30:00+00:00",
        },
    )

    assert text == (
        "Gửi bản tin số 3 tới Tất cả đơn vị: 5 người nhận, 4 đơn vị, "
        "hẹn giờ gửi 08:30 ngày 21/02/2025"
    )


async def test_periods_and_reviews_read_as_sentences(services: Services) -> None:
    member = await bind(services, 9001, "THPT-QH")
    done = await submit(services, member)
    office = f"tg:{OFFICE_ID}"
    tz = services.settings.tz
    await services.periods.set_deadline(
        "2025-Q1", datetime(2025, 3, 20, 17, 0, tzinfo=tz), actor=office
    )
    await services.periods.close("2025-Q1", actor=office)
    await services.periods.reopen_for("THPT-QH", "2025-Q1", days=3, actor=office)
    await services.periods.open("2025-Q1", actor="cli")
    await services.review.return_report(done.report.id, "Thiếu số liệu quý", actor=office)
    await services.review.accept(done.report.id, actor=office)

    assert (await trail_texts(services))[:6] == [
        "Duyệt, chấp nhận báo cáo quý I/2025, lần 1",
        "Trả lại báo cáo quý I/2025, lần 1 để đơn vị hoàn thiện. Nhận xét: Thiếu số liệu quý",
        "Mở kỳ báo cáo quý I/2025, hạn nộp 17:00 ngày 20/03/2025; trước đó kỳ đã đóng",
        "Mở lại kỳ báo cáo quý I/2025 cho đơn vị, được gửi đến 23:59 ngày 23/02/2025 "
        "(Văn phòng Sở mở lại)",
        "Đóng kỳ báo cáo quý I/2025: dừng nhận báo cáo",
        "Đổi hạn nộp báo cáo quý I/2025: 23:59 ngày 15/03/2025 → 17:00 ngày 20/03/2025",
    ]


async def test_a_resubmission_lists_the_answers_that_changed(services: Services) -> None:
    member = await bind(services, 9001, "THPT-QH")
    await submit(services, member)
    long_text = "Triển khai tuyển sinh trực tuyến " * 10
    edits = {
        "tasks_completed": "11",
        "highlights": long_text,
        "signed_report": "file:bao-cao-moi.pdf",
    }
    assert await resubmit(services, member, edits) == 2
    assert await resubmit(services, member, {}) == 3

    texts = await trail_texts(services, "THPT-QH")
    submissions = [t for t in texts if t.startswith("Gửi báo cáo")]
    assert submissions[0] == "Gửi báo cáo quý I/2025, lần 3; không thay đổi so với lần 2"
    assert submissions[2] == "Gửi báo cáo quý I/2025, lần 1"
    second = submissions[1].split("\n")
    assert second[0] == "Gửi báo cáo quý I/2025, lần 2; 3 câu thay đổi so với lần 1:"
    completed = f"• Câu {number('tasks_completed')} «{label('tasks_completed')}»"
    assert second[1] == f"{completed}: {VALID_ANSWERS['tasks_completed']} → 11"
    highlights = f"• Câu {number('highlights')} «{label('highlights')}»"
    assert second[2].startswith(f"{highlights}: {VALID_ANSWERS['highlights']} → Triển khai")
    assert second[2].endswith("…")
    assert len(second[2]) < 250
    signed = f"• Câu {number('signed_report')} «{label('signed_report')}»"
    assert second[3] == f"{signed}: bao-cao.pdf → bao-cao-moi.pdf"
