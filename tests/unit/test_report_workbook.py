"""The report's Excel template: built, filled with openpyxl as a unit would, read back.

Labels, numbers, bounds and counts come from the loaded form (tests/rules.py); rows
from the template's hidden key column.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from bot.domain.models import Period
from bot.forms.answers import parse_text_answer
from bot.forms.schema import NUMERIC_TYPES
from bot.numbers import format_number
from bot.services import report_workbook as rw
from bot.services import reporting as rs
from bot.services.container import Services
from bot.texts import workbook as wt
from bot.texts.answers import YES
from handlers.report_excel import entry_problem_text
from storage import reports
from tests.reports import VALID_ANSWERS, bind
from tests.rules import TEST_FORM as FORM
from tests.workbooks import cells, fill, rows, valid_cells

Q1 = Period(
    code="2025-Q1",
    year=2025,
    quarter=1,
    data_from=date(2025, 1, 1),
    data_to=date(2025, 3, 31),
    due_at=datetime(2025, 4, 15, tzinfo=UTC),
)
FORMULA = '=HYPERLINK("http://x.invalid","bấm")'


def stored(key: str) -> object:
    """The draft's value of VALID_ANSWERS[key], as the chat stores it."""
    spec = FORM.field(key)
    typed = VALID_ANSWERS[key].removeprefix("button:")
    return parse_text_answer(spec, typed)


def template(
    answers: dict[str, object] | None = None,
    *,
    unit: str = "THPT-QH",
    period: Period = Q1,
    version: str | None = None,
    last: dict[str, object] | None = None,
) -> bytes:
    form = FORM if version is None else FORM.model_copy(update={"version": version})
    return rw.build_workbook(
        rw.TemplateData(
            form=form,
            period=period,
            unit_code=unit,
            unit_name="Trường THPT <Thử> & Nghiệm",
            answers=dict(answers or {}),  # type: ignore[arg-type]
            last_answers=dict(last or {}),  # type: ignore[arg-type]
            last_code="2024-Q4",
        )
    )


def read(content: bytes) -> rw.FilledTemplate:
    filled = rw.read_template(content)
    assert filled is not None
    return filled


# -- building ------------------------------------------------------------------------------


def test_one_row_per_question_numbered_as_the_bot_numbers_them() -> None:
    content = template(
        {"tasks_planned": stored("tasks_planned"), "survey_done": True},
        last={"tasks_planned": 9},
    )
    assert list(rows(content)) == [f.key for f in FORM.fields]
    numbers = cells(content, rw.NUMBER_COL)
    assert [numbers[f.key] for f in FORM.fields] == list(range(1, len(FORM.fields) + 1))
    asked = cells(content, rw.LABEL_COL)
    assert all(str(asked[f.key]).startswith(f.label) for f in FORM.fields)
    sections = cells(content, rw.SECTION_COL)
    assert all(sections[f.key] == f.section for f in FORM.fields)
    answers = cells(content)
    assert answers["tasks_planned"] == stored("tasks_planned")
    assert answers["survey_done"] == YES
    assert cells(content, rw.LAST_COL)["tasks_planned"] == "9"
    bounds = cells(content, rw.RANGE_COL)
    integer = next(f for f in FORM.fields if f.type == "integer" and f.max is not None)
    assert bounds[integer.key] == wt.allowed(integer)
    assert format_number(integer.upper_bound or 0) in str(bounds[integer.key])
    files = [f for f in FORM.fields if f.type == "file"]
    assert files
    assert all(answers[f.key] == wt.BY_TELEGRAM for f in files)


def test_excel_checks_what_maps_and_only_the_answer_column_is_open() -> None:
    content = template()
    book = load_workbook(io.BytesIO(content))
    sheet = book[wt.SHEET]
    where = rows(content)

    def check_of(key: str) -> Any:
        found = [
            dv
            for dv in sheet.data_validations.dataValidation
            if f"{get_column_letter(rw.ANSWER_COL)}{where[key]}" in dv.sqref
        ]
        assert len(found) <= 1
        return found[0] if found else None

    for spec in FORM.fields:
        dv = check_of(spec.key)
        if spec.type == "integer":
            assert dv is not None
            assert dv.type == "whole"
            assert dv.formula1 == str(spec.lower_bound)
            if spec.upper_bound is not None:
                assert dv.formula2 == str(spec.upper_bound)
        elif spec.type in {"decimal", "percent"}:
            assert dv is not None
            assert dv.type == "decimal"
        elif spec.type in {"yesno", "choice"}:
            assert dv is not None
            assert dv.type == "list"
        elif spec.type == "file":
            assert dv is None
    choice = next(f for f in FORM.fields if f.type == "choice")
    listed = check_of(choice.key)
    assert listed is not None
    meta = book[rw.META_SHEET]
    column = str(listed.formula1).split("!")[1].split(":")[0].replace("$", "")[:-1]
    assert [meta[f"{column}{i}"].value for i in range(1, len(choice.choices) + 1)] == [
        c.label for c in choice.choices
    ]

    assert sheet.protection.sheet
    assert meta.sheet_state == "hidden"
    for spec in FORM.fields:
        row = where[spec.key]
        assert sheet.cell(row, rw.LABEL_COL).protection.locked
        assert sheet.cell(row, rw.ANSWER_COL).protection.locked == (spec.type == "file")


# -- reading back --------------------------------------------------------------------------


def test_round_trip_keeps_the_draft_and_reads_what_was_filled() -> None:
    draft = {k: stored(k) for k in ("tasks_planned", "par_self_score", "highlights")}
    content = template(draft)
    filled = read(content)
    assert filled.identity == rw.TemplateIdentity(
        form_version=FORM.version,
        year=2025,
        period_code="2025-Q1",
        unit_code="THPT-QH",
        template_id=rw.template_id(FORM.version, 2025, "2025-Q1", "THPT-QH"),
    )
    assert filled.identity.intact
    unchanged = rw.check_entries(FORM, filled.entries, draft)  # type: ignore[arg-type]
    assert unchanged.errors == []
    assert unchanged.values == draft

    everything = valid_cells(FORM)
    checked = rw.check_entries(FORM, read(fill(content, everything)).entries, {})
    assert checked.errors == []
    assert checked.values == {key: stored(key) for key in everything}


def test_cells_read_as_the_person_meant_them() -> None:
    percent = next(f for f in FORM.fields if f.type == "percent")
    decimal = next(f for f in FORM.fields if f.type == "decimal")
    yesno = next(f for f in FORM.fields if f.type == "yesno")
    choice = next(f for f in FORM.fields if f.type == "choice")
    content = template()
    book = load_workbook(io.BytesIO(content))
    sheet = book[wt.SHEET]
    where = rows(content)
    # "92,5%" typed in Excel is stored as 0.925 with a percent format.
    cell = sheet.cell(where[percent.key], rw.ANSWER_COL)
    cell.value, cell.number_format = 0.925, "0.0%"
    sheet.cell(where[decimal.key], rw.ANSWER_COL).value = 1.125  # never "1.125" = 1125
    sheet.cell(where[yesno.key], rw.ANSWER_COL).value = False  # FALSE
    sheet.cell(where[choice.key], rw.ANSWER_COL).value = choice.choices[-1].label
    out = io.BytesIO()
    book.save(out)
    checked = rw.check_entries(FORM, read(out.getvalue()).entries, {})
    assert checked.errors == []
    assert checked.values[percent.key] == "92.5"
    assert checked.values[decimal.key] == "1.125"
    assert checked.values[yesno.key] is False
    assert checked.values[choice.key] == choice.choices[-1].key


def test_formula_looking_text_stays_text_and_a_formula_is_refused() -> None:
    text = next(f for f in FORM.fields if f.type == "text")
    content = template({text.key: FORMULA})
    sheet = load_workbook(io.BytesIO(content))[wt.SHEET]
    cell = sheet.cell(rows(content)[text.key], rw.ANSWER_COL)
    assert cell.data_type == "s"
    assert cell.value == FORMULA
    assert rw.check_entries(FORM, read(content).entries, {}).values == {text.key: FORMULA}

    number = next(f for f in FORM.fields if f.type in NUMERIC_TYPES)
    checked = rw.check_entries(FORM, read(fill(content, {number.key: "=1+1"})).entries, {})
    assert [(e.number, e.problem) for e in checked.errors] == [
        (FORM.index[number.key] + 1, rw.CellRefused("formula"))
    ]
    assert entry_problem_text(checked.errors[0].problem) == (
        "Ô có công thức; vui lòng nhập giá trị (không dùng công thức)."
    )


def test_errors_name_row_and_question_and_rules_are_checked_across_cells() -> None:
    content = template()
    where = rows(content)
    planned = int(VALID_ANSWERS["tasks_planned"])
    bad = valid_cells(FORM, {"tasks_completed": planned + 1, "inspections": "hai"})
    checked = rw.check_entries(FORM, read(fill(content, bad)).entries, {})
    rule = next(r for r in FORM.rules if r.left == ("tasks_completed",))
    assert [(e.row, e.number, e.label) for e in checked.errors] == [
        (where[k], FORM.index[k] + 1, FORM.field(k).label)
        for k in sorted(("tasks_completed", "inspections"), key=lambda k: where[k])
    ]
    assert rw.RuleBroken(rule.message) in [e.problem for e in checked.errors]


def test_empty_cells_leave_the_draft_as_it_is() -> None:
    draft = {"tasks_planned": stored("tasks_planned")}
    content = fill(template(draft), {"tasks_planned": None})
    assert rw.check_entries(FORM, read(content).entries, draft).values == {}  # type: ignore[arg-type]


def test_other_files_are_not_templates() -> None:
    assert rw.read_template(b"PK\x03\x04 not really a zip") is None
    assert rw.read_template(b"%PDF-1.4") is None
    book = load_workbook(io.BytesIO(template()))
    book[rw.META_SHEET]["B1"] = "something else"
    out = io.BytesIO()
    book.save(out)
    assert rw.read_template(out.getvalue()) is None


def test_numbered_lines() -> None:
    entries = rw.numbered_lines("1. 12\n\n  2) 10 \n3. Có")
    assert entries is not None
    assert [(e.row, e.number, e.value) for e in entries] == [
        (1, 1, "12"),
        (3, 2, "10"),
        (4, 3, "Có"),
    ]
    assert rw.numbered_lines("1. 12") is None  # one line is a typed answer
    assert rw.numbered_lines("1. 12\nvà thêm") is None  # every line numbered
    assert rw.numbered_lines("1.12\n2.10") is None  # "1.12" is a number, not a line
    twice = rw.check_entries(FORM, rw.numbered_lines("1. 12\n1. 13") or [], {})
    assert [e.problem for e in twice.errors] == [rw.EnteredTwice((1, 2))]
    assert [entry_problem_text(e.problem) for e in twice.errors] == [
        "Câu này được nhập nhiều lần (dòng 1, 2)."
    ]
    beyond = len(FORM.fields) + 1
    unknown = rw.check_entries(FORM, rw.numbered_lines(f"1. 12\n{beyond}. 5") or [], {})
    assert [e.problem for e in unknown.errors] == [rw.UnknownQuestion(beyond)]
    assert [entry_problem_text(e.problem) for e in unknown.errors] == [
        f"Báo cáo không có câu số {beyond}."
    ]


# -- the unit's own template only ------------------------------------------------------------


async def test_only_the_units_own_template_of_the_open_period_and_form_is_taken(
    services: Services,
) -> None:
    member = await bind(services, 501, "THPT-QH")
    service = rw.ReportWorkbookService(
        services.db, services.clock, services.reporting, services.periods
    )
    made = await service.template(member, "2025-Q1")
    assert isinstance(made, rw.WorkbookFile)
    filled = valid_cells(FORM)

    other = read(fill(template(unit="PGD-QN"), filled))
    assert await service.import_template(member, other) == rw.Refused(
        "unit", "PGD-QN", ("THPT-QH",)
    )
    q4 = Q1.model_copy(update={"code": "2024-Q4", "year": 2024, "quarter": 4})
    old_period = read(fill(template(period=q4), filled))
    assert await service.import_template(member, old_period) == rw.Refused(
        "period", "2024-Q4", ("2025-Q1",)
    )
    old_form = read(fill(template(version="2024.9"), filled))
    assert await service.import_template(member, old_form) == rw.Refused(
        "version", "2024.9", (FORM.version,)
    )
    edited = read(template())
    forged = rw.FilledTemplate(
        rw.TemplateIdentity(edited.identity.form_version, 2025, "2025-Q1", "THPT-QH", "0" * 16),
        edited.entries,
    )
    assert await service.import_template(member, forged) == rw.Refused("tampered")
    assert await reports.get_draft(services.db.reader, "THPT-QH", "2025-Q1") is None

    own = read(fill(made.content, filled))
    done = await service.import_template(member, own)
    assert isinstance(done, rw.Imported)
    assert done.changed == len(filled)
    assert isinstance(done.step, rs.Summary)
    draft = await reports.get_draft(services.db.reader, "THPT-QH", "2025-Q1")
    assert draft is not None
    assert {k: draft.answers[k] for k in filled} == {k: stored(k) for k in filled}
    async with services.db.reader.execute(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'draft.answer'"
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    assert row[0] == len(filled)
