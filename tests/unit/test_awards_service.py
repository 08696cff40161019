"""The awards service on a real database: a year of reports, nominations, the confirmed list,
dossier documents and reminders (once, across restarts)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError
from bot.domain.models import Membership
from bot.forms.answers import IncomingDocument
from bot.services.awards import (
    AwardsNotPublished,
    Candidates,
    Ground,
    NominationError,
    UnitFacts,
    UploadError,
    format_share,
)
from bot.services.container import Services, build_services, open_services
from storage import audit
from tests.awards_year import (
    QUARTER_MOMENTS,
    UnitYear,
    procedures,
    publish_year,
    report_year,
)
from tests.clock import FakeClock
from tests.reports import bind, resubmit, submit
from tests.rules import YEAR

# What each unit reports every quarter: the procedures it submitted to the Sở (of them
# online), and how far below full marks the office appraised it (one index point each).
YEAR_PLAN: dict[str, UnitYear] = {
    "TT-GDTX": UnitYear(procedures(10, 10)),  # a provincial centre (block trung_tam), 100 %
    "THPT-QH": UnitYear(procedures(40, 40), short=1),  # 100 %
    "THPT-CVA": UnitYear(procedures(1000, 901), short=2),  # 90,1 %
    "THPT-TV": UnitYear(procedures(1000, 900), short=3),  # exactly 90 %
    "THPT-LQD": UnitYear(procedures(1000, 899), short=4),  # 89,9 %
    "THPT-NTH": UnitYear(procedures(0, 0), short=5),  # submitted nothing to the Sở
    "THPT-HV": UnitYear(procedures(20, 19), short=6),  # 95 %
    "THPT-TCV": UnitYear(procedures(10, 10), quarters=(1, 2)),  # two quarters only
    "TCCB": UnitYear(),
    "VP": UnitYear(short=2),
    "KHTC": UnitYear(quarters=(1, 2, 3)),  # a quarter unreported: below "Tốt"
}


def pdf(
    name: str = "to-trinh.pdf", size: int = 50_000, mime: str = "application/pdf"
) -> IncomingDocument:
    return IncomingDocument(f"FILE-{name}", f"U-{name}", name, mime, size)


async def year_index(services: Services, unit_code: str) -> Decimal | None:
    """The unit's year index as ``/ranking BLOCK 2025`` shows it."""
    unit = await services.office.unit(unit_code)
    assert unit is not None
    ranking = await services.standings.block_ranking(
        services.standings.parse_scope("2025"), unit.block
    )
    row = ranking.row(unit_code)
    assert row is not None
    return row.ranked.entry.index


def all_facts(c: Candidates) -> dict[str, UnitFacts]:
    return {
        **{p.facts.unit.code: p.facts for p in c.units},
        **{x.facts.unit.code: x.facts for x in c.passed_over},
    }


async def test_the_khoi_ranks_schools_and_centres_together_on_both_conditions(
    services: Services, clock: FakeClock
) -> None:
    """Plan III.1: "Xét tặng Giấy khen của Giám đốc Sở Giáo dục và Đào tạo cho 04 đơn vị
    trực thuộc có kết quả đánh giá chỉ số cải cách hành chính dẫn đầu Khối các đơn vị
    trực thuộc, có trên 90% thủ tục hành chính được trình Sở giải quyết theo hình thức
    trực tuyến." A provincial centre is a unit directly under the Sở too."""
    await report_year(services, clock, YEAR_PLAN)

    c = await services.awards.candidates(2025)

    assert c.year_over
    assert not c.published
    assert not c.can_confirm  # nothing is confirmed on provisional figures
    assert c.due.isoformat() == "2026-01-15"
    assert [b.code for b in c.award_blocks] == ["truc_thuoc", "trung_tam"]
    units = [(p.position, p.facts.unit.code, p.facts.rank) for p in c.units]
    assert units == [(1, "TT-GDTX", 1), (2, "THPT-QH", 2), (3, "THPT-CVA", 3), (4, "THPT-HV", 7)]
    centre, qh, cva, hv = (p.facts for p in c.units)
    assert centre.unit.block == "trung_tam"
    assert (qh.submitted, qh.online, qh.quarters, qh.missing) == (160, 160, 4, ())
    assert (cva.submitted, cva.online, format_share(cva.share or Decimal(0))) == (
        4000,
        3604,
        "90,1",
    )
    assert c.ranked_units == 8  # the eight schools and centres that reported
    assert c.eligible_units == 4
    # Everyone ranked above the last candidate whom a condition excluded, with why.
    assert [(x.facts.unit.code, x.facts.rank, x.reasons) for x in c.passed_over] == [
        ("THPT-TV", 4, ("online_low",)),
        ("THPT-LQD", 5, ("online_low",)),
        ("THPT-NTH", 6, ("no_procedures",)),
    ]
    tv, lqd = c.passed_over[0].facts, c.passed_over[1].facts
    assert (tv.submitted, tv.online, format_share(tv.share or Decimal(0))) == (4000, 3600, "90,0")
    assert format_share(lqd.share or Decimal(0)) == "89,9"
    assert [(h.pick.facts.unit.code, h.heads) for h in c.heads] == [
        ("TT-GDTX", ("Người thử",)),
        ("THPT-QH", ("Người thử",)),
    ]
    # Every candidate reaches the minimum band; the index is the one the ranking shows.
    for pick in c.units:
        assert pick.facts.band in c.rule.good_bands
        assert pick.facts.index == await year_index(services, pick.facts.unit.code)
    # Divisions: the two best whose band is "tốt, xuất sắc" or above (KHTC is not).
    assert [(p.position, p.facts.unit.code) for p in c.divisions] == [(1, "TCCB"), (2, "VP")]
    assert all(p.facts.band in c.good_bands for p in c.divisions)
    khtc = await year_index(services, "KHTC")
    assert khtc is not None
    assert services.standings.methodology(YEAR).band(khtc) not in c.good_bands


async def test_the_award_blocks_setting_decides_who_competes(
    services: Services, settings: Settings, clock: FakeClock
) -> None:
    """CCHC_AWARD_BLOCKS names the blocks that form the "Khối các đơn vị trực thuộc"."""
    await report_year(services, clock, YEAR_PLAN)
    only_schools = await open_services(
        settings.model_copy(update={"award_blocks": ("truc_thuoc",)}), clock=clock
    )
    try:
        c = await only_schools.awards.candidates(2025)
    finally:
        await only_schools.close()

    assert [b.code for b in c.award_blocks] == ["truc_thuoc"]
    units = [(p.position, p.facts.unit.code, p.facts.rank) for p in c.units]
    assert units == [(1, "THPT-QH", 1), (2, "THPT-CVA", 2), (3, "THPT-HV", 6)]
    assert "TT-GDTX" not in all_facts(c)
    assert c.ranked_units == 7


async def test_an_unknown_award_block_is_reported_not_fatal(
    services: Services, settings: Settings
) -> None:
    other = await open_services(
        settings.model_copy(update={"award_blocks": ("truc_thuoc", "khong_co")}),
        clock=FakeClock(),
    )
    try:
        c = await other.awards.candidates(2025)
    finally:
        await other.close()

    assert [b.code for b in c.award_blocks] == ["truc_thuoc"]
    assert c.unknown_blocks == ("khong_co",)


def test_the_minimum_band_must_name_a_band_of_the_methodology(settings: Settings) -> None:
    names = [b.name for b in build_services(settings).standings.methodology(YEAR).bands]

    with pytest.raises(SettingsError, match="CCHC_AWARD_MIN_BAND: không có mức xếp loại") as e:
        build_services(settings.model_copy(update={"award_min_band": "Giỏi"}))
    assert all(name in str(e.value) for name in names)
    lowered = build_services(settings.model_copy(update={"award_min_band": names[2]}))
    assert lowered.awards.rule(YEAR).good_bands == tuple(names[:3])


async def test_weak_leaders_are_listed_with_their_band_not_proposed(
    services: Services, clock: FakeClock
) -> None:
    """Only quý I reported: year indices near 20 points ("Yếu"). The plan awards units
    "dẫn đầu Khối các đơn vị trực thuộc" on the index: none of them is a candidate, and
    each leader is listed with its band, below the minimum."""
    plan = {
        "THPT-QH": UnitYear(procedures(10, 10), quarters=(1,)),
        "TT-GDTX": UnitYear(procedures(10, 9), short=3, quarters=(1,)),
    }
    await report_year(services, clock, plan)

    c = await services.awards.candidates(2025)

    assert c.units == ()
    assert c.heads == ()
    lowest = services.standings.methodology(YEAR).bands[-1].name
    assert [(x.facts.unit.code, x.facts.band, x.reasons) for x in c.passed_over] == [
        ("THPT-QH", lowest, ("band_low",)),
        ("TT-GDTX", lowest, ("band_low", "online_low")),
    ]
    assert c.rule.min_band == "Tốt"


async def test_the_share_is_read_from_the_versions_the_standings_count(
    services: Services, settings: Settings, clock: FakeClock
) -> None:
    """With CCHC_STANDINGS_COUNT=accepted a quarter counts its latest accepted report;
    a later version the office has not accepted changes neither index nor share."""
    clock.now = QUARTER_MOMENTS[1]
    member = await bind(services, 7001, "THPT-QH")
    first = await submit(services, member, procedures(10, 10))
    await services.review.accept(first.report.id, actor="tg:1")
    await resubmit(services, member, {"procedures_to_dept_online": "5"})
    clock.now = datetime(2026, 1, 5, 2, tzinfo=UTC)

    counted = {}
    for rule in ("submitted", "accepted"):
        opened = await open_services(
            settings.model_copy(update={"standings_count": rule}), clock=clock
        )
        try:
            qh = all_facts(await opened.awards.candidates(2025))["THPT-QH"]
        finally:
            await opened.close()
        counted[rule] = (qh.submitted, qh.online, qh.quarters)

    assert counted == {"submitted": (10, 5, 1), "accepted": (10, 10, 1)}


def older_form(tmp_path: Path) -> Path:
    """A folder with the year's shipped form as it was before it asked for the
    procedures submitted to the Sở (the shipped methodology, which does not read them)."""
    name = f"report_form_{YEAR}.toml"
    shipped = Path(__file__).parents[2] / "bot" / "forms" / name
    text = shipped.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    kept = [b for b in blocks if "procedures_to_dept" not in b]
    assert len(kept) == len(blocks) - 3  # the two questions and their rule
    (tmp_path / name).write_text("\n\n".join(kept), encoding="utf-8")
    return tmp_path


async def test_reports_made_under_the_older_form_do_not_qualify_and_say_why(
    services: Services, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    """The plan's condition is the unit's own "thủ tục hành chính được trình Sở": a year
    whose reports lack that number cannot show it, and is not proposed."""
    older = await open_services(
        settings.model_copy(update={"rules_dir": older_form(tmp_path)}), clock=clock
    )
    try:
        assert "procedures_to_dept" not in older.rules.form(YEAR).index
        # Quý I and II under the older form (the new questions are not asked).
        for quarter in (1, 2):
            clock.now = QUARTER_MOMENTS[quarter]
            for n, code in enumerate(("THPT-QH", "THPT-CVA")):
                member = (await older.registration.identify(7001 + n)).membership
                if member is None:
                    member = await bind(older, 7001 + n, code)
                await submit(older, member)
    finally:
        await older.close()
    # Quý III and IV under the shipped form, by THPT-QH only.
    for quarter in (3, 4):
        clock.now = QUARTER_MOMENTS[quarter]
        member = (await services.registration.identify(7001)).membership
        assert isinstance(member, Membership)
        await submit(services, member, procedures(10, 10))
    clock.now = datetime(2026, 1, 5, 2, tzinfo=UTC)

    facts = all_facts(await services.awards.candidates(2025))

    qh, cva = facts["THPT-QH"], facts["THPT-CVA"]
    assert (qh.quarters, qh.missing, qh.share, qh.online_qualifies) == (4, (1, 2), None, False)
    assert (cva.quarters, cva.missing, cva.share) == (2, (1, 2), None)
    c = await services.awards.candidates(2025)
    assert {x.facts.unit.code: x.reasons for x in c.passed_over} == {
        # Four quarters reported, the office's criteria pending: a good enough band.
        "THPT-QH": ("no_data",),
        # Two quarters of four: the year's mean is low as well.
        "THPT-CVA": ("band_low", "no_data"),
    }


async def test_a_year_without_reports_has_no_candidates(services: Services) -> None:
    c = await services.awards.candidates(YEAR + 1)

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


A_GOOD_YEAR = {"THPT-QH": UnitYear(procedures(10, 10))}


async def test_confirming_waits_for_the_published_index_then_asks_units_once(
    services: Services, clock: FakeClock
) -> None:
    awards = services.awards
    await report_year(services, clock, A_GOOD_YEAR)
    nominee, _ = await awards.nominate(2025, "TCCB", "Nguyễn Văn An", "Lý do", actor="tg:1")
    listed = await awards.candidates(2025)
    assert listed.pending_changes
    assert not listed.can_confirm
    with pytest.raises(AwardsNotPublished):
        await awards.confirm(2025, actor="tg:1")
    assert await awards.dossiers_of("THPT-QH") == []  # nothing was asked

    await publish_year(services)
    assert (await awards.candidates(2025)).can_confirm
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
    member = (await report_year(services, clock, A_GOOD_YEAR))["THPT-QH"]
    await publish_year(services)
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
    await report_year(services, clock, A_GOOD_YEAR, first_user=7001)
    await publish_year(services)
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
    await report_year(services, clock, A_GOOD_YEAR)
    await publish_year(services)
    clock.now = datetime(2026, 1, 13, 2, 0, tzinfo=UTC)  # asked on 13/01, after two reminders
    await services.awards.confirm(2025, actor="tg:1")

    assert await services.awards.claim_due_reminders() == []
    clock.now = datetime(2026, 1, 14, 1, 0, tzinfo=UTC)
    (only,) = await services.awards.claim_due_reminders()
    assert only.days_before == 1
