"""The report by Excel and by one pasted message, through the stand-in.

The unit presses "📥 Tải mẫu Excel", receives its template as a document, fills it as
its staff would and sends it back; the bot checks every cell as it checks typed
answers and shows the summary, or lists every error by row. Questions are named by
key; their numbers, rows, labels and counts come from the loaded form and the file.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from bot.app import services_of
from bot.domain.models import Period
from bot.forms.answers import display_value, parse_text_answer
from bot.services import report_workbook as rw
from bot.standin import BotApiStandin, SentMessage, SimulatedUser
from bot.texts import workbook as wt
from handlers import texts
from handlers.context import App
from storage import reports
from tests.e2e.conftest import bound_user
from tests.form_steps import FORM, Walk, count, label, number, rule_message
from tests.reports import VALID_ANSWERS
from tests.workbooks import XLSX, cells, fill, rows, valid_cells

PDF = b"%PDF-1.4\n% signed report\n" + b"0" * 2048


async def download(app: App, sent: SentMessage) -> bytes:
    assert sent.document is not None
    found = await app.bot.get_file(str(sent.document["file_id"]))
    return bytes(await found.download_as_bytearray())


async def template_of(app: App, user: SimulatedUser) -> bytes:
    """Press "📥 Tải mẫu Excel" on the newest message offering it; the file's bytes."""
    await user.click(texts.BTN_EXCEL)
    sent = await user.expect_document()
    assert sent.document is not None
    assert str(sent.document["file_name"]).endswith(".xlsx")
    return await download(app, sent)


async def draft_of(app: App, unit_code: str) -> dict[str, object]:
    services = services_of(app)
    draft = await reports.get_draft(services.db.reader, unit_code, "2025-Q1")
    return dict(draft.answers) if draft is not None else {}


async def test_the_excel_round_trip_from_template_to_receipt(
    standin: BotApiStandin, app: App
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7101, "THPT-QH")
    walk = Walk(head)
    await walk.start()
    await walk.send(VALID_ANSWERS["tasks_planned"], at="tasks_planned")

    content = await template_of(app, head)
    sent = head.messages[-1]
    assert f"({count()} câu)" in sent.text
    # One row per question of the unit's form, numbered as the bot numbers them, the
    # draft's answer already in its cell; file questions go through Telegram.
    assert list(rows(content)) == [f.key for f in FORM.fields]
    numbers = cells(content, rw.NUMBER_COL)
    assert all(numbers[f.key] == number(f.key) for f in FORM.fields)
    answers = cells(content)
    assert answers["tasks_planned"] == int(VALID_ANSWERS["tasks_planned"])
    assert answers["signed_report"] == wt.BY_TELEGRAM

    await head.send_document("bao-cao.xlsx", XLSX, fill(content, valid_cells(FORM)))
    summary = await head.expect(texts.IMPORT_DONE_FILE.format(n=len(valid_cells(FORM)) - 1))
    assert "Tóm tắt báo cáo" in summary.text
    spec = FORM.field("dossiers_received")
    shown = display_value(spec, parse_text_answer(spec, VALID_ANSWERS["dossiers_received"]))
    assert f"{number('dossiers_received')}. {label('dossiers_received')}: {shown}" in summary.text
    assert [b["text"] for b in summary.buttons if b["text"] == texts.BTN_SUBMIT]
    # The signed report is still to come: through Telegram, as the summary says.
    assert f"Câu {number('signed_report')} ({label('signed_report')})" in summary.text

    # ... and asked right after it, so the signed PDF is the next thing to send.
    await head.expect(f"Câu {number('signed_report')}/{count()}")
    await head.send_document("bao-cao-da-ky.pdf", "application/pdf", PDF)
    await head.expect("Tóm tắt báo cáo")
    await head.click(texts.BTN_SUBMIT)
    await head.expect("Văn phòng Sở đã nhận báo cáo CCHC")
    report = await reports.latest_report(services.db.reader, "THPT-QH", "2025-Q1")
    assert report is not None
    assert report.answers["dossiers_received"] == parse_text_answer(
        spec, VALID_ANSWERS["dossiers_received"]
    )


async def test_a_file_with_errors_lists_each_by_row_and_stores_nothing(
    standin: BotApiStandin, app: App
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7102, "THPT-QH")
    await head.send("/report")
    await head.expect(f"Câu 1/{count()}")
    content = await template_of(app, head)
    before = await draft_of(app, "THPT-QH")
    limit = FORM.field("initiative_titles").text_limit
    bad = valid_cells(
        FORM,
        {
            "tasks_planned": "mười hai",
            "inspections": 1.5,
            "tasks_completed": int(VALID_ANSWERS["tasks_planned"]) + 1,
            "initiative_titles": "x" * (limit + 1),
        },
    )
    await head.send_document("bao-cao.xlsx", XLSX, fill(content, bad))
    listed = await head.expect("Tệp có 3 lỗi cần sửa")
    where = rows(content)
    for key in ("tasks_planned", "inspections", "initiative_titles"):
        assert f"Dòng {where[key]} — Câu {number(key)} ({label(key)}):" in listed.text
    assert "phải là một con số" in listed.text
    assert "phải là số nguyên" in listed.text
    # tasks_planned could not be read, so its rule waits: no error of the comparison.
    assert rule_message("tasks_completed") not in listed.text
    assert await draft_of(app, "THPT-QH") == before

    # Only the comparison wrong: it is listed, at the row of the answer that breaks it.
    planned = int(VALID_ANSWERS["tasks_planned"])
    wrong = valid_cells(FORM, {"tasks_completed": planned + 1})
    await head.send_document("bao-cao.xlsx", XLSX, fill(content, wrong))
    listed = await head.expect(rule_message("tasks_completed"))
    assert f"Dòng {where['tasks_completed']} — Câu {number('tasks_completed')}" in listed.text
    assert await draft_of(app, "THPT-QH") == before


async def test_another_units_template_is_refused_naming_both_units(
    standin: BotApiStandin, app: App
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7103, "THPT-QH")
    other = await bound_user(standin, services, 7104, "PGD-QN", name="Lê Văn Phòng")
    await head.send("/report")
    await head.expect(f"Câu 1/{count()}")
    content = await template_of(app, head)

    await other.send_document("mau.xlsx", XLSX, fill(content, valid_cells(FORM)))
    refused = await other.expect("không phải của đơn vị anh/chị")
    theirs = await services.office.unit("THPT-QH")
    mine = await services.office.unit("PGD-QN")
    assert theirs is not None
    assert mine is not None
    assert f"{theirs.name} (THPT-QH)" in refused.text
    assert f"{mine.name} (PGD-QN)" in refused.text
    assert await draft_of(app, "PGD-QN") == {}


async def test_a_template_of_another_period_or_form_version_is_refused(
    standin: BotApiStandin, app: App
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7105, "THPT-QH")
    q4 = Period(
        code="2024-Q4",
        year=2024,
        quarter=4,
        data_from=date(2024, 10, 1),
        data_to=date(2024, 12, 31),
        due_at=datetime(2025, 1, 15, tzinfo=UTC),
    )
    last_quarter = rw.build_workbook(
        rw.TemplateData(
            form=FORM,
            period=q4,
            unit_code="THPT-QH",
            unit_name="Trường",
            answers={},
            last_answers={},
            last_code="2024-Q3",
        )
    )
    await head.send_document("mau-cu.xlsx", XLSX, fill(last_quarter, valid_cells(FORM)))
    refused = await head.expect("quý IV/2024")
    assert "quý I/2025" in refused.text

    current = (await services.periods.open_for_submission("THPT-QH"))[0]
    older = FORM.model_copy(update={"version": "2024.9"})
    old_form = rw.build_workbook(
        rw.TemplateData(
            form=older,
            period=current,
            unit_code="THPT-QH",
            unit_name="Trường",
            answers={},
            last_answers={},
            last_code="2024-Q4",
        )
    )
    await head.send_document("mau-cu.xlsx", XLSX, fill(old_form, valid_cells(FORM)))
    refused = await head.expect("phiên bản 2024.9")
    assert FORM.version in refused.text
    assert await draft_of(app, "THPT-QH") == {}


async def test_other_workbooks_keep_their_usual_path(standin: BotApiStandin, app: App) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7106, "THPT-QH")
    book = load_workbook(io.BytesIO(rw.build_workbook(_template_data())))
    del book[rw.META_SHEET]  # a workbook without our hidden sheet is no template
    out = io.BytesIO()
    book.save(out)
    await head.send_document("so-lieu.xlsx", XLSX, out.getvalue())
    await head.expect(texts.IDLE_BOUND)
    # Beyond the upload checks of a workbook (type, size) a file is not even fetched.
    too_big = rw.WORKBOOK_UPLOAD.max_size_mb * 2**20 + 1
    fetched = len(standin.calls("getFile"))
    await head.send_document_meta("lon.xlsx", XLSX, too_big)
    await head.expect(texts.IDLE_BOUND)
    assert len(standin.calls("getFile")) == fetched


async def test_answers_pasted_as_numbered_lines(standin: BotApiStandin, app: App) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7107, "THPT-QH")
    await head.send("/report")
    await head.expect(f"Câu 1/{count()}")
    typed = {k: v for k, v in VALID_ANSWERS.items() if k in FORM.index}
    lines = [
        f"{number(key)}. {value.removeprefix('button:')}"
        for key, value in typed.items()
        if value not in {"skip", "file"} and FORM.field(key).type != "file"
    ]
    # One wrong line: the whole message is refused, the line named.
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{number('inspections')}. "))
    wrong = [*lines[:at], f"{number('inspections')}. 1,5", *lines[at + 1 :]]
    await head.send("\n".join(wrong))
    listed = await head.expect("Tin nhắn có 1 lỗi cần sửa")
    assert f"Dòng {at + 1} — Câu {number('inspections')}" in listed.text
    assert "phải là số nguyên" in listed.text
    assert await draft_of(app, "THPT-QH") == {}

    await head.send("\n".join(lines))
    summary = await head.expect(texts.IMPORT_DONE_LINES.format(n=len(lines)))
    assert "Tóm tắt báo cáo" in summary.text
    spec = FORM.field("par_self_score")
    shown = display_value(spec, parse_text_answer(spec, VALID_ANSWERS["par_self_score"]))
    assert f"{number('par_self_score')}. {label('par_self_score')}: {shown}" in summary.text


async def test_pasted_lines_outside_any_conversation_open_the_report(
    standin: BotApiStandin, app: App
) -> None:
    """Pasting is the whole path: the answers without /report first, then the file."""
    services = services_of(app)
    head = await bound_user(standin, services, 7108, "THPT-QH")
    keys = [f.key for f in FORM.fields if f.type != "file"][:2]
    typed = [VALID_ANSWERS[k].removeprefix("button:") for k in keys]
    await head.send(f"{number(keys[0])}. {typed[0]}\n{number(keys[1])}. {typed[1]}")
    await head.expect(texts.IMPORT_DONE_LINES.format(n=2))
    assert set(await draft_of(app, "THPT-QH")) >= set(keys)


async def test_numbered_lines_in_another_conversation_are_that_ones(
    standin: BotApiStandin, app: App
) -> None:
    services = services_of(app)
    head = await bound_user(standin, services, 7109, "THPT-QH")
    await head.send("/nominate")
    await head.expect("Đề xuất mô hình hay")
    await head.send("1. Một cửa\n2. Số hóa")
    await head.expect("nội dung mô tả")
    assert await draft_of(app, "THPT-QH") == {}


def _template_data() -> rw.TemplateData:
    return rw.TemplateData(
        form=FORM,
        period=Period(
            code="2025-Q1",
            year=2025,
            quarter=1,
            data_from=date(2025, 1, 1),
            data_to=date(2025, 3, 31),
            due_at=datetime(2025, 4, 15, tzinfo=UTC),
        ),
        unit_code="THPT-QH",
        unit_name="Trường",
        answers={},
        last_answers={},
        last_code="2024-Q4",
    )
