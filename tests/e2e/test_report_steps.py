"""The quarterly report in fewer steps (issue 11, items 1–3): nothing typed twice, every
answer echoed as understood, the form deciding what to ask, edits by section."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import services_of
from bot.forms.answers import display_value
from bot.standin import BotApiStandin
from handlers.context import App
from storage import reports
from tests.clock import FakeClock
from tests.e2e.conftest import bound_user
from tests.form_steps import FORM, Walk, ask, edit_question, label, number, values
from tests.reports import submit
from tests.rules import BOOK

FORM_2026 = BOOK.form(2026).for_unit(inspected=False)


async def test_going_back_offers_the_answer_given_and_each_answer_is_echoed(
    standin: BotApiStandin, app: App
) -> None:
    head = await bound_user(standin, services_of(app), 7601, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    shown = await walk.send("12", at="tasks_planned")
    assert f"Đã ghi câu {number('tasks_planned')}: 12" in shown.text

    back = await walk.back(to="tasks_planned")
    assert "Giữ nguyên: 12" in [b["text"] for b in back.buttons][0]
    await head.click("Giữ nguyên: 12")
    kept = await walk.accepted("12")  # nothing typed: the answer stands
    assert f"Đã ghi câu {number('tasks_planned')}: 12" in kept.text

    # "85.5" is read as 85,5, and says so.
    echoed = await walk.send("85.5", at="par_self_score")
    assert f"Đã ghi câu {number('par_self_score')}: 85,5" in echoed.text


async def test_a_skipped_answer_says_so_and_can_be_given_later(
    standin: BotApiStandin, app: App
) -> None:
    head = await bound_user(standin, services_of(app), 7602, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    await walk.to("par_self_score")
    assert not FORM.field("par_self_score").required
    shown = await walk.skip()
    assert f"Đã bỏ qua câu {number('par_self_score')}." in shown.text

    again = await walk.back(to="par_self_score")
    assert "Câu này đã được bỏ qua" in again.text
    assert "(bỏ trống)" not in again.text


async def test_a_cross_field_refusal_states_the_bound_and_where_it_comes_from(
    standin: BotApiStandin, app: App
) -> None:
    head = await bound_user(standin, services_of(app), 7603, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    await walk.send("12", at="tasks_planned")
    await head.send("13")  # more tasks completed than planned
    refused = await head.expect(ask("tasks_completed"))
    assert f"không lớn hơn 12 (theo số đã nhập ở Câu {number('tasks_planned')})" in (refused.text)
    assert "ví dụ 1.250" not in refused.text


async def test_a_new_quarter_starts_with_what_carries_over_from_the_last(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7604, "THPT-QH")
    member = (await services.registration.identify(7604)).membership
    assert member is not None
    clock.now = datetime(2026, 2, 20, 2, tzinfo=UTC)  # quý I/2026
    # 15 dossiers still in progress at the end of the quarter.
    await submit(services, member, {"dossiers_on_time": "1.185", "dossiers_pending": "15"})
    carried = {f.key: f.carried_from for f in FORM_2026.fields if f.carried_from}
    assert carried["dossiers_carried"] == "dossiers_pending"

    clock.now = datetime(2026, 5, 20, 2, tzinfo=UTC)  # quý II/2026
    # Carried over 15, still 15 in progress: 15 + 1.250 = 0 + 1.200 + 50 + 15.
    given = {"dossiers_carried": "15", "dossiers_pending": "15"}
    walk = Walk(head, given, form=FORM_2026)
    filled = [k for k in carried if k in {f.key for f in walk.visible}]
    walk.answered |= set(filled)
    walk.held |= {k: v for k, v in values(FORM_2026, given).items() if k in filled}
    first = await walk.start()
    assert f"Đã điền sẵn {len(filled)} câu theo báo cáo quý trước" in first.text
    summary = await walk.finish()  # the prefilled questions are not asked again
    page = " ".join(m.text for m in head.messages[-3:])
    assert "Tóm tắt báo cáo" in summary.text
    assert f"{label('dossiers_carried', FORM_2026)}: 15" in page
    staff = display_value(FORM_2026.field("staff_total"), 85)
    assert f"{label('staff_total', FORM_2026)}: {staff}" in page

    # Changed, then edited again: the answer given and last quarter's are both offered.
    await edit_question(head, "staff_total", FORM_2026, given)
    await head.send("90")
    await head.expect("Tóm tắt báo cáo")
    await edit_question(head, "staff_total", FORM_2026, given)
    asked = await head.expect(label("staff_total", FORM_2026))
    offered = [b["text"] for b in asked.buttons]
    assert "✔️ Giữ nguyên: 90" in offered
    assert f"↩️ Như quý trước: {staff}" in offered
    await head.click(f"↩️ Như quý trước: {staff}")
    back = await head.expect("Tóm tắt báo cáo")
    assert f"Đã ghi câu {number('staff_total', FORM_2026, given)}: {staff}" in back.text


async def test_a_fact_of_the_year_is_asked_afresh_in_the_next_year(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    """``carry = "year"``: "Năm nay đơn vị có được giao kế hoạch vốn đầu tư công không?"
    is offered from last quarter within a year, never from last year's fourth quarter."""
    services = services_of(app)
    await bound_user(standin, services, 7607, "THPT-QH")
    member = (await services.registration.identify(7607)).membership
    assert member is not None
    assert FORM_2026.field("investment_assigned").carry == "year"
    assert FORM_2026.field("staff_total").carry is True

    clock.now = datetime(2025, 11, 20, 2, tzinfo=UTC)  # quý IV/2025
    await submit(services, member)
    clock.now = datetime(2026, 2, 20, 2, tzinfo=UTC)  # quý I/2026
    await services.reporting.start(member)
    january = await reports.get_draft(services.db.reader, "THPT-QH", "2026-Q1")
    assert january is not None
    assert "staff_total" in january.answers
    assert "investment_assigned" not in january.answers

    await submit(services, member)
    clock.now = datetime(2026, 5, 20, 2, tzinfo=UTC)  # quý II/2026: the same year
    await services.reporting.start(member)
    april = await reports.get_draft(services.db.reader, "THPT-QH", "2026-Q2")
    assert april is not None
    assert "investment_assigned" in april.answers


async def test_a_question_that_cannot_apply_is_not_asked_and_not_counted(
    standin: BotApiStandin, app: App, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 5, 20, 2, tzinfo=UTC)
    head = await bound_user(standin, services_of(app), 7605, "THPT-QH")
    spec = FORM_2026.field("feedback_on_time")
    assert spec.when == "feedback_received > 0"
    walk = Walk(head, {"feedback_received": "0"}, form=FORM_2026)
    first = await walk.start()
    assert f"/{len(FORM_2026.visible({}))}" in first.text  # all counted at first
    await walk.to("feedback_received")
    before = len(walk.visible)

    after = await walk.send("0")
    # The next question is the one after, and N no longer counts the one ruled out.
    assert walk.key != "feedback_on_time"
    assert f"/{before - 1}" in after.text
    summary = await walk.finish()
    page = " ".join(m.text for m in head.messages[-3:])
    assert "Tóm tắt báo cáo" in summary.text
    assert f"{label('feedback_on_time', FORM_2026)}: không áp dụng" in page


async def test_the_edit_menu_lists_sections_with_their_counts(
    standin: BotApiStandin, app: App
) -> None:
    head = await bound_user(standin, services_of(app), 7606, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    await walk.finish()
    await head.click("✏️ Sửa")
    menu = await head.expect("chọn phần cần sửa")
    texts = [b["text"] for b in menu.buttons]
    for section in FORM.sections:
        asked = len(section.fields)
        button = next(t for t in texts if t.startswith(section.title[:20]))
        assert button.endswith(f"({asked}/{asked})"), button
    assert len(texts) == len(FORM.sections) + 1  # and "📋 Xem tóm tắt"
    await head.click(FORM.field("articles").section[:30])
    listed = await head.expect("chọn câu cần sửa")
    assert any(
        t.startswith(f"{number('articles')}. ") for t in [b["text"] for b in listed.buttons]
    )
