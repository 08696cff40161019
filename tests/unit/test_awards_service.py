"""The awards service on a real database: a year of reports, nominations, the confirmed list,
dossier documents and reminders (once, across restarts)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.config import Settings
from bot.domain.models import Membership
from bot.forms.answers import IncomingDocument
from bot.services.awards import Ground, NominationError, UploadError
from bot.services.container import Services, open_services
from storage import audit
from tests.clock import FakeClock
from tests.reports import bind, submit

NO_DOSSIERS = {
    "dossiers_received": "0",
    "dossiers_online": "0",
    "dossiers_postal": "0",
    "dossiers_on_time": "0",
    "dossiers_late": "0",
}
# What each unit reports every quarter (1.250 dossiers received unless said otherwise).
YEAR_PLAN: dict[str, dict[str, str]] = {
    "THPT-QH": {"dossiers_online": "1.200"},  # 96 %
    "THPT-CVA": {"dossiers_online": "1.130", "articles": "2"},  # 90,4 %, a lower index
    "THPT-TV": {"dossiers_online": "1.125"},  # exactly 90 %
    "THPT-LQD": {"dossiers_online": "1.000"},  # 80 %
    "THPT-NTH": NO_DOSSIERS,
    "THPT-TCV": {"dossiers_online": "1.250"},  # 100 %, but reports two quarters only
    "TCCB": {},
    "VP": {},
    "KHTC": {},
}
# The office's appraisal of the divisions (assigned PAR criteria, report quality, inspection).
APPRAISED = {"TCCB": ("24", "5", "10"), "VP": ("24", "5", "8"), "KHTC": ("10", "3", "5")}


def pdf(
    name: str = "to-trinh.pdf", size: int = 50_000, mime: str = "application/pdf"
) -> IncomingDocument:
    return IncomingDocument(f"FILE-{name}", f"U-{name}", name, mime, size)


async def report_the_year(services: Services, clock: FakeClock) -> dict[str, Membership]:
    members = {code: await bind(services, 7000 + i, code) for i, code in enumerate(YEAR_PLAN)}
    # The office inspects the divisions this year, so their inspection criterion applies.
    for code in APPRAISED:
        await services.inspections.add(2025, code, 1, actor="test")
    for quarter, month in enumerate((2, 5, 8, 11), start=1):
        clock.now = datetime(2025, month, 20, 2, tzinfo=UTC)
        for code, overrides in YEAR_PLAN.items():
            if code == "THPT-TCV" and quarter > 2:
                continue
            await submit(services, members[code], overrides)
        for code, points in APPRAISED.items():
            for criterion, value in zip(
                ("assigned_par", "report_quality", "inspection_result"), points, strict=True
            ):
                await services.appraisal.appraise(
                    code, f"2025-Q{quarter}", criterion, value, "Thẩm định", actor="test"
                )
    clock.now = datetime(2026, 1, 5, 2, tzinfo=UTC)
    return members


async def test_a_year_of_reports_gives_the_candidates_and_their_numbers(
    services: Services, clock: FakeClock
) -> None:
    await report_the_year(services, clock)

    c = await services.awards.candidates(2025)

    assert c.year_over
    assert not c.published
    assert c.due.isoformat() == "2026-01-15"
    units = [(p.position, p.facts.unit.code) for p in c.units]
    assert units == [(1, "THPT-QH"), (2, "THPT-CVA"), (3, "THPT-TCV")]
    qh, cva, tcv = (p.facts for p in c.units)
    assert (qh.received, qh.online, qh.online_rate, qh.quarters) == (
        5000,
        4800,
        Decimal("96.00"),
        4,
    )
    assert (cva.received, cva.online, cva.online_rate) == (5000, 4520, Decimal("90.40"))
    assert (tcv.received, tcv.online, tcv.online_rate, tcv.quarters) == (
        2500,
        2500,
        Decimal("100.00"),
        2,
    )
    assert c.eligible_units == 3
    assert [(x.facts.unit.code, x.reason) for x in c.passed_over] == [
        ("THPT-TV", "online_low"),
        # No dossiers: both dossier criteria are "không phát sinh" (out of its maximum),
        # which the office sees in review; its index is over the rest.
        ("THPT-NTH", "no_dossiers"),
        ("THPT-LQD", "online_low"),
    ]
    tv = c.passed_over[0].facts
    assert (tv.received, tv.online, tv.online_rate) == (5000, 4500, Decimal("90.00"))
    assert [(h.pick.facts.unit.code, h.heads) for h in c.heads] == [
        ("THPT-QH", ("Người thử",)),
        ("THPT-CVA", ("Người thử",)),
    ]
    assert c.good_bands == ("Xuất sắc", "Tốt")
    assert [(p.position, p.facts.unit.code, p.facts.band) for p in c.divisions] == [
        (1, "TCCB", "Xuất sắc"),
        (2, "VP", "Tốt"),
    ]
    # The same index the year ranking shows.
    ranking = await services.standings.block_ranking(
        services.standings.parse_scope("2025"), "truc_thuoc"
    )
    row = ranking.row("THPT-QH")
    assert row is not None
    assert qh.index == row.ranked.entry.index
    assert qh.rank == row.ranked.rank


async def test_a_year_without_reports_has_no_candidates(services: Services) -> None:
    c = await services.awards.candidates(2024)

    assert (c.units, c.heads, c.divisions, c.persons, c.passed_over) == ((), (), (), (), ())
    assert not c.pending_changes


async def test_nominations_are_checked_audited_and_withdrawn(services: Services) -> None:
    awards = services.awards
    refusals = {
        ("NOPE", "Nguyễn Văn An", "lý do"): "unknown_unit",
        ("THPT-QH", "Nguyễn Văn An", "lý do"): "not_division",
        ("TCCB", "A", "lý do"): "name",
        ("TCCB", "Nguyễn Văn An", "   "): "reason",
        ("TCCB", "Nguyễn Văn An", "x" * 1001): "reason",
    }
    for (code, name, reason), expected in refusals.items():
        with pytest.raises(NominationError) as caught:
            await awards.nominate(2025, code, name, reason, actor="tg:1")
        assert caught.value.code == expected

    first, unit = await awards.nominate(
        2025, "tccb", "  Nguyễn   Văn An ", " Thụ lý hồ sơ đúng hạn ", actor="tg:1"
    )
    await awards.nominate(2025, "VP", "Trần Thị Bình", "Có sáng kiến", actor="tg:1")

    assert (first.unit_code, first.full_name, first.reason) == (
        "TCCB",
        "Nguyễn Văn An",
        "Thụ lý hồ sơ đúng hạn",
    )
    assert unit.name == "Phòng Tổ chức cán bộ"
    assert [n.full_name for n in await awards.nominations(2025)] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    assert await awards.nominations(2024) == []

    withdrawn = await awards.withdraw(first.id, actor="tg:2")
    assert withdrawn is not None
    assert await awards.withdraw(first.id, actor="tg:2") is None
    assert [n.full_name for n in await awards.nominations(2025)] == ["Trần Thị Bình"]
    log = await audit.entries(services.db.reader, unit_code="TCCB")
    assert [(e.action, e.actor) for e in log] == [
        ("award.withdraw", "tg:2"),
        ("award.nominate", "tg:1"),
    ]
    assert log[1].detail["reason"] == "Thụ lý hồ sơ đúng hạn"


async def test_confirming_asks_units_once_releases_dropped_ones_and_takes_them_back(
    services: Services,
) -> None:
    awards = services.awards
    await submit(services, await bind(services, 7001, "THPT-QH"), {"dossiers_online": "1.200"})
    nominee, _ = await awards.nominate(2025, "TCCB", "Nguyễn Văn An", "Lý do", actor="tg:1")
    assert (await awards.candidates(2025)).pending_changes

    first = await awards.confirm(2025, actor="tg:1")

    assert [d.unit.code for d in first.notify] == ["TCCB", "THPT-QH"]
    qh = next(d for d in first.notify if d.unit.code == "THPT-QH")
    assert qh.request.grounds == (Ground("unit"), Ground("head"))
    assert (first.released, first.active) == ((), 2)
    assert not (await awards.candidates(2025)).pending_changes

    again = await awards.confirm(2025, actor="tg:1")
    assert (again.notify, again.released, again.active) == ((), (), 2)

    await awards.withdraw(nominee.id, actor="tg:1")
    dropped = await awards.confirm(2025, actor="tg:1")
    assert [u.code for u in dropped.released] == ["TCCB"]
    assert dropped.active == 1
    released = await awards.dossier(2025, "TCCB")
    assert released is not None
    assert not released.request.active
    assert await awards.dossiers_of("TCCB") == []

    await awards.nominate(2025, "TCCB", "Trần Thị Bình", "Lý do khác", actor="tg:1")
    back = await awards.confirm(2025, actor="tg:1")
    assert [d.unit.code for d in back.notify] == ["TCCB"]
    assert back.notify[0].request.grounds == (Ground("person", "Trần Thị Bình"),)
    assert back.notify[0].request.active


async def test_documents_are_checked_replaced_and_complete_the_dossier(
    services: Services, clock: FakeClock
) -> None:
    awards = services.awards
    member = await bind(services, 7001, "THPT-QH")
    await submit(services, member, {"dossiers_online": "1.200"})
    with pytest.raises(LookupError):  # not at the upload step
        await awards.attach(member, pdf())
    assert await awards.begin_upload(member, 2025, "proposal") is None  # not asked yet
    await awards.confirm(2025, actor="tg:1")
    assert await awards.begin_upload(member, 2025, "nonsense") is None

    assert await awards.begin_upload(member, 2025, "proposal") is not None
    for bad, message in (
        (pdf("to-trinh.exe", mime="application/octet-stream"), "Tệp phải có định dạng"),
        (pdf("to-trinh.pdf", mime="image/png"), "không khớp với đuôi .pdf"),
        (pdf(size=21 * 1024 * 1024), "tối đa 20 MB"),
        (pdf(size=0), "Tệp rỗng"),
        (IncomingDocument("P", "P", None, "image/jpeg", 1000), "không gửi dưới dạng ảnh"),
    ):
        with pytest.raises(UploadError, match=message):
            await awards.attach(member, bad)
    assert await awards.upload_target(member.telegram_id) == (2025, "proposal")  # still there

    first = await awards.attach(member, pdf("v1.pdf"))
    assert (first.kind, first.replaced, first.completed, first.late) == (
        "proposal",
        None,
        False,
        False,
    )
    assert await awards.upload_target(member.telegram_id) is None
    await awards.begin_upload(member, 2025, "proposal")
    second = await awards.attach(member, pdf("v2.docx", mime=""))
    assert second.replaced is not None
    assert second.replaced.file_name == "v1.pdf"
    assert second.dossier.missing == ("minutes", "achievements")

    await awards.begin_upload(member, 2025, "minutes")
    await awards.attach(member, pdf("bien-ban.pdf"))
    clock.now = datetime(2026, 1, 15, 17, 0, tzinfo=UTC)  # 00:00 on 16/01: after the due date
    await awards.begin_upload(member, 2025, "achievements")
    last = await awards.attach(member, pdf("thanh-tich.pdf"))
    assert (last.completed, last.late, last.dossier.complete) == (True, True, True)
    log = await audit.entries(services.db.reader, unit_code="THPT-QH")
    assert [e.detail["kind"] for e in log if e.action == "award.document"] == [
        "achievements",
        "minutes",
        "proposal",
        "proposal",
    ]

    assert await awards.begin_upload(member, 2025, "minutes") is not None
    assert await awards.end_upload(member.telegram_id)
    assert not await awards.end_upload(member.telegram_id)


async def test_reminders_go_once_survive_a_restart_and_skip_what_was_missed(
    services: Services, settings: Settings, clock: FakeClock
) -> None:
    clock.now = datetime(2025, 2, 20, 2, tzinfo=UTC)
    member = await bind(services, 7001, "THPT-QH")
    await submit(services, member, {"dossiers_online": "1.200"})
    await services.awards.confirm(2025, actor="tg:1")

    # The bot was down from before the seven-day reminder until after the three-day one.
    clock.now = datetime(2026, 1, 12, 3, 0, tzinfo=UTC)  # 10:00 on 12/01/2026
    sent = await services.awards.claim_due_reminders()
    assert [(r.dossier.unit.code, r.days_before, r.days_left, r.recipients) for r in sent] == [
        ("THPT-QH", 3, 3, (7001,))
    ]
    assert sent[0].dossier.missing == ("proposal", "minutes", "achievements")
    assert await services.awards.claim_due_reminders() == []

    # A restart: a new process on the same database sends nothing again.
    await services.close()
    restarted = await open_services(settings, clock=clock)
    try:
        assert await restarted.awards.claim_due_reminders() == []
        clock.now = datetime(2026, 1, 14, 1, 0, tzinfo=UTC)  # 08:00 on 14/01
        (last,) = await restarted.awards.claim_due_reminders()
        assert (last.days_before, last.days_left) == (1, 1)
        assert await restarted.awards.claim_due_reminders() == []
        clock.now = datetime(2026, 1, 16, 1, 0, tzinfo=UTC)  # after the due date
        assert await restarted.awards.claim_due_reminders() == []
    finally:
        await restarted.close()


async def test_no_reminder_for_times_before_the_unit_was_asked(
    services: Services, clock: FakeClock
) -> None:
    member = await bind(services, 7001, "THPT-QH")
    await submit(services, member, {"dossiers_online": "1.200"})
    clock.now = datetime(2026, 1, 13, 2, 0, tzinfo=UTC)  # asked on 13/01, after two reminders
    await services.awards.confirm(2025, actor="tg:1")

    assert await services.awards.claim_due_reminders() == []
    clock.now = datetime(2026, 1, 14, 1, 0, tzinfo=UTC)
    (only,) = await services.awards.claim_due_reminders()
    assert only.days_before == 1
