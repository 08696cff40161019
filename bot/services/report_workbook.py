"""The quarterly report as an Excel workbook the unit fills offline, and read back.

Unit staff keep their figures in Excel, so ``/report`` offers this period's form as a
workbook: one row per question, numbered as the bot numbers it, with the allowed range,
last quarter's answer and an answer column pre-filled with the draft. The unit fills it
and sends it back; every answer goes through the same parse functions and cross-field
rules as a typed answer (:mod:`bot.forms.answers`). A message of ``n. value`` lines
pasted into the report conversation is read the same way.

A hidden sheet names the form version, year, period and unit the workbook was made
for, with a template id (a digest of the four): a file is taken only from the unit's
own template of the period and form it is reporting on, and anything else is refused
naming what differs. The id is a guard against accidents (a colleague's file, last
quarter's file), not a secret: a unit can only ever write its own draft, and every
answer is validated as if typed.

Nothing is stored from a file or message with errors: the unit is told every error,
by row and question, fixes its file and sends it again. Empty cells leave the draft's
answer as it is. The draft is written in one transaction, with an audit entry per
changed answer, as the chat writes it.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import zipfile
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal

from bot.clock import Clock, to_iso
from bot.domain.models import Membership, Period
from bot.formatting import format_date, period_label
from bot.forms.answers import (
    AnswerError,
    AnswerProblem,
    Answers,
    StoredValue,
    broken_rules,
    display_value,
    missing_required,
    parse_text_answer,
)
from bot.forms.schema import NUMERIC_TYPES, FieldSpec, FormSpec, RuleSpec
from bot.numbers import format_number
from bot.services import reporting as rs
from bot.services.export_data import clean_text
from bot.services.periods import PeriodService, period_code, shift_quarter
from bot.texts import workbook as wt
from bot.texts.answers import NO, YES
from storage import reports, sessions, units
from storage.database import Database

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation

# -- the workbook's layout -------------------------------------------------------------

META_SHEET = "_cchc"
MARKER = "cchc-bot/report-template/1"
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
# The columns of wt.HEADERS: the last holds the field's key (hidden).
NUMBER_COL, SECTION_COL, LABEL_COL, TYPE_COL, RANGE_COL, LAST_COL, ANSWER_COL, KEY_COL = range(
    1, 9
)
WIDTHS = (6, 24, 60, 16, 30, 18, 40, 14)
LIST_FIRST_COL = 4  # the choices' lists, on the hidden sheet, from column D

# -- what is accepted ------------------------------------------------------------------

# The upload checks of a file answer (type, size) apply to the workbook as to any file.
WORKBOOK_UPLOAD = FieldSpec(
    key="report_workbook",
    label=wt.UPLOAD_LABEL,
    type="file",
    accept=("xlsx",),
    max_size_mb=2,
)
# A template is a few dozen kilobytes; its parts unpacked stay far below this, so a
# small file that unpacks into gigabytes is never handed to the XML parser.
MAX_UNPACKED = 20 * 2**20
MAX_PARTS = 200
MAX_ROWS = 2000  # rows read from the answer sheet (a form has dozens)

_NUMBERED = re.compile(r"^\s*([0-9]{1,6})[.)]\s+(.+?)\s*$")


# -- identity --------------------------------------------------------------------------


def template_id(form_version: str, year: int, period_code: str, unit_code: str) -> str:
    """The id written in a template: a digest of what it was made for, so that an edit
    of the hidden sheet by hand (another unit's code typed in) is noticed."""
    raw = f"{MARKER}|{form_version}|{year}|{period_code}|{unit_code}".encode()
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class TemplateIdentity:
    """What the hidden sheet says the workbook was made for."""

    form_version: str
    year: int
    period_code: str
    unit_code: str
    template_id: str

    @property
    def intact(self) -> bool:
        """The id matches the rest (the hidden sheet was not edited)."""
        expected = template_id(self.form_version, self.year, self.period_code, self.unit_code)
        return self.template_id == expected


@dataclass(frozen=True, slots=True)
class Entry:
    """One filled answer cell of a workbook, or one line of a pasted message.

    ``row`` is the sheet's row or the message's line; a workbook names the question by
    its ``key``, a message by its ``number``. ``value`` is the cell's value as read
    (str, int, float, bool, datetime) or the line's text."""

    row: int
    value: object
    key: str | None = None
    number: int | None = None
    label: str = ""  # the question as the row shows it, for a key the form lacks
    percent_format: bool = False  # a cell formatted as % holds 0.925 for 92,5 %
    formula: bool = False


@dataclass(frozen=True, slots=True)
class FilledTemplate:
    identity: TemplateIdentity
    entries: tuple[Entry, ...]


# -- building --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TemplateData:
    """Everything one unit's template shows."""

    form: FormSpec
    period: Period
    unit_code: str
    unit_name: str
    answers: Answers  # the draft (or the submitted report being revised)
    last_answers: Answers  # last quarter's submitted report; empty if none
    last_code: str  # last quarter's period code


def build_workbook(data: TemplateData) -> bytes:
    """The template as bytes (CPU-bound: call it in a worker thread)."""
    # openpyxl (and lxml) load with the first template, not with the bot: most days
    # nobody asks for one, and they cost the bot's process about 10 MB.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection

    head_font, title_font = Font(bold=True), Font(bold=True, size=13)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    answer_fill = PatternFill("solid", fgColor="FFF2CC")
    locked_fill = PatternFill("solid", fgColor="EDEDED")
    wrap = Alignment(wrap_text=True, vertical="top")

    form, period = data.form, data.period
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = wt.SHEET
    meta = book.create_sheet(META_SHEET)

    title = wt.TITLE.format(period=period_label(period.year, period.quarter), unit=data.unit_name)
    _text(sheet.cell(1, 1), title).font = title_font
    _text(sheet.cell(2, 1), wt.FORM_LINE.format(title=form.title, version=form.version))
    for row, words in ((3, wt.INSTRUCTIONS), (4, wt.INSTRUCTIONS_RETURN)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ANSWER_COL)
        _text(sheet.cell(row, 1), words).alignment = wrap
        sheet.row_dimensions[row].height = 48
    last_label = period_label(*_year_quarter(data.last_code))
    for col, header in enumerate(wt.HEADERS, start=1):
        cell = _text(sheet.cell(HEADER_ROW, col), header.format(last=last_label))
        cell.font, cell.fill, cell.alignment = head_font, head_fill, wrap
    for col, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.column_dimensions[get_column_letter(KEY_COL)].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_ROW, LABEL_COL + 1)

    validations: dict[str, DataValidation] = {}
    list_col = LIST_FIRST_COL
    shown = form.numbers(data.answers)
    for position, spec in enumerate(form.fields):
        row = FIRST_ROW + position
        # The number the chat shows now; none for a question the draft rules out (its
        # `when`), which may apply again once the file changes the answer it rests on.
        if spec.key in shown:
            sheet.cell(row, NUMBER_COL, shown[spec.key])
        _text(sheet.cell(row, SECTION_COL), spec.section)
        _text(sheet.cell(row, LABEL_COL), _question(spec, period.quarter))
        _text(sheet.cell(row, TYPE_COL), wt.TYPE_NAMES[spec.type])
        _text(sheet.cell(row, RANGE_COL), wt.allowed(spec))
        if spec.key in data.last_answers:
            _text(sheet.cell(row, LAST_COL), _shown(spec, data.last_answers[spec.key]))
        _text(sheet.cell(row, KEY_COL), spec.key)
        for col in range(1, KEY_COL + 1):
            sheet.cell(row, col).alignment = wrap
        answer = sheet.cell(row, ANSWER_COL)
        if spec.type == "file":
            given = data.answers.get(spec.key)
            _text(answer, _shown(spec, given) if given else wt.BY_TELEGRAM)
            answer.fill = locked_fill
            continue
        answer.protection = Protection(locked=False)
        answer.fill = answer_fill
        _put_answer(answer, spec, data.answers.get(spec.key))
        rule = _validation(spec, meta, list_col, validations)
        if spec.type == "choice":
            list_col += 1
        if rule is not None:
            rule.add(answer)

    for rule in validations.values():
        sheet.add_data_validation(rule)
    _identity_sheet(meta, data)
    # A guard against accidents, not a lock: no password; the answer column stays open.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    meta.protection.sheet = True
    book.security = WorkbookProtection(lockStructure=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _question(spec: FieldSpec, quarter: int) -> str:
    label = spec.label_for(quarter)
    return label if spec.required else label + wt.OPTIONAL


def _year_quarter(code: str) -> tuple[int, int]:
    year, quarter = code.split("-Q")
    return int(year), int(quarter)


def _text(cell: Any, value: str) -> Any:
    """A string cell, never a formula: text that starts with "=" stays text."""
    cell.value = clean_text(value)
    cell.data_type = "s"
    return cell


def _shown(spec: FieldSpec, value: StoredValue | None) -> str:
    """An answer as the bot reads it back; an answer of another year's type as it is."""
    try:
        return display_value(spec, value)
    except (ArithmeticError, ValueError, TypeError):
        return str(value)


def _put_answer(cell: Any, spec: FieldSpec, value: StoredValue | None) -> None:
    if spec.type == "text":
        cell.number_format = "@"  # what is typed stays as typed ("1/2" is no date)
    if value is None:
        return
    if spec.type in NUMERIC_TYPES:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return
        cell.value = int(number) if number == number.to_integral_value() else number
    elif spec.type == "yesno":
        _text(cell, YES if value is True else NO)
    elif spec.type == "choice":
        _text(cell, spec.choice_label(str(value)))
    else:
        _text(cell, str(value))


def _validation(
    spec: FieldSpec, meta: Any, list_col: int, made: dict[str, DataValidation]
) -> DataValidation | None:
    """Excel's own check of the cell, where the form's rule maps onto one; the bot
    checks again in any case (a spreadsheet program may ignore it)."""
    if spec.type in NUMERIC_TYPES:
        kind = "whole" if spec.type == "integer" else "decimal"
        low, upper = spec.lower_bound, spec.upper_bound
        if upper is None:
            key, args = f"{kind}>={low}", {"operator": "greaterThanOrEqual", "formula1": str(low)}
        else:
            key = f"{kind}:{low}:{upper}"
            args = {"operator": "between", "formula1": str(low), "formula2": str(upper)}
        error = wt.CHECK_RANGE.format(bounds=wt.allowed(spec))
        return _rule(made, key, type=kind, error=error, **args)
    if spec.type == "yesno":
        return _rule(made, "yesno", type="list", formula1=f'"{YES},{NO}"', error=wt.CHECK_YES_NO)
    if spec.type == "choice":
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(list_col)
        for i, choice in enumerate(spec.choices, start=1):
            _text(meta.cell(i, list_col), choice.label)
        end = len(spec.choices)
        ref = f"'{META_SHEET}'!${letter}$1:${letter}${end}"
        return _rule(made, spec.key, type="list", formula1=ref, error=wt.CHECK_CHOICE)
    if spec.type == "text":
        limit = spec.text_limit
        return _rule(
            made,
            f"text:{limit}",
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(limit),
            error=wt.CHECK_TEXT.format(limit=format_number(limit)),
        )
    return None


def _rule(made: dict[str, DataValidation], key: str, *, error: str, **args: str) -> DataValidation:
    found = made.get(key)
    if found is None:
        from openpyxl.worksheet.datavalidation import DataValidation

        found = DataValidation(allow_blank=True, showErrorMessage=True, **args)
        found.errorTitle = wt.CHECK_TITLE
        found.error = error
        made[key] = found
    return found


def _identity_sheet(meta: Any, data: TemplateData) -> None:
    period = data.period
    rows = (
        ("marker", MARKER),
        ("form_version", data.form.version),
        ("year", str(period.year)),
        ("period", period.code),
        ("unit", data.unit_code),
        ("template_id", template_id(data.form.version, period.year, period.code, data.unit_code)),
    )
    for i, (name, value) in enumerate(rows, start=1):
        _text(meta.cell(i, 1), name)
        _text(meta.cell(i, 2), value)
    meta.sheet_state = "hidden"


# -- reading ---------------------------------------------------------------------------


def read_template(content: bytes) -> FilledTemplate | None:
    """The identity and filled answer cells of one of our templates; None for any other
    file (another workbook, a damaged one, one that unpacks too large)."""
    if not _sane_zip(content):
        return None
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), data_only=False)
    except Exception:  # openpyxl raises many kinds on damaged or foreign files
        return None
    if META_SHEET not in book.sheetnames or wt.SHEET not in book.sheetnames:
        return None
    identity = _read_identity(book[META_SHEET])
    if identity is None:
        return None
    return FilledTemplate(identity, tuple(_read_entries(book[wt.SHEET])))


def _sane_zip(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return len(parts) <= MAX_PARTS and sum(p.file_size for p in parts) <= MAX_UNPACKED


def _read_identity(meta: Any) -> TemplateIdentity | None:
    values: dict[str, str] = {}
    for row in meta.iter_rows(min_row=1, max_row=20, min_col=1, max_col=2, values_only=True):
        name, value = row
        if isinstance(name, str) and value is not None:
            values[name] = str(value).strip()
    if values.get("marker") != MARKER:
        return None
    year = values.get("year", "")
    if not year.isascii() or not year.isdigit() or len(year) != 4:
        return None
    return TemplateIdentity(
        form_version=values.get("form_version", ""),
        year=int(year),
        period_code=values.get("period", ""),
        unit_code=values.get("unit", ""),
        template_id=values.get("template_id", ""),
    )


def _read_entries(sheet: Any) -> list[Entry]:
    entries: list[Entry] = []
    last = min(sheet.max_row, FIRST_ROW + MAX_ROWS)
    for row in range(FIRST_ROW, last + 1):
        key = sheet.cell(row, KEY_COL).value
        if not isinstance(key, str) or not key.strip():
            continue
        cell = sheet.cell(row, ANSWER_COL)
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        label = sheet.cell(row, LABEL_COL).value
        entries.append(
            Entry(
                row=row,
                value=value,
                key=key.strip(),
                label=str(label) if label is not None else "",
                percent_format="%" in str(cell.number_format or "").replace('"%"', ""),
                formula=cell.data_type == "f",
            )
        )
    return entries


def numbered_lines(text: str) -> list[Entry] | None:
    """A message of answers pasted as ``n. value`` lines, one per question, or None when
    the message is not one: every non-empty line must be numbered, at least two."""
    lines = [(i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(lines) < 2:
        return None
    entries: list[Entry] = []
    for i, line in lines:
        found = _NUMBERED.match(line)
        if found is None:
            return None
        entries.append(Entry(row=i, value=found.group(2), number=int(found.group(1))))
    return entries


# -- checking --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellRefused:
    """A cell that cannot be an answer whatever it holds: a formula, or a line for a
    question whose answer is a file (sent through Telegram)."""

    code: Literal["formula", "file"]


@dataclass(frozen=True, slots=True)
class UnknownQuestion:
    """A line's number no question has, or (``number`` None) a row whose question the
    unit's form no longer has."""

    number: int | None


@dataclass(frozen=True, slots=True)
class EnteredTwice:
    """One question answered on several rows or lines."""

    rows: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class RuleBroken:
    """A cross-field rule the answers break, by its sentence (from the form's data)."""

    message: str


EntryProblem = AnswerProblem | CellRefused | UnknownQuestion | EnteredTwice | RuleBroken


@dataclass(frozen=True, slots=True)
class EntryError:
    """One refused cell or line: where, which question (its number as the bot shows
    it, None if the form has no such question), and why (worded by the handler)."""

    row: int
    number: int | None
    label: str
    problem: EntryProblem


@dataclass(frozen=True, slots=True)
class Checked:
    values: dict[str, StoredValue]  # every readable answer, by key
    rows: dict[str, int]  # where each came from
    errors: list[EntryError] = field(default_factory=list)


def cell_text(entry: Entry) -> str:
    """A cell's value as the person would have typed it in the chat: numbers in the
    Vietnamese way (a comma before decimals: Excel hands 85.5 as a float, and "1.125"
    would read one thousand one hundred twenty-five), TRUE/FALSE as Có/Không."""
    value = entry.value
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return str(value)
        if entry.percent_format:
            number *= 100
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f").replace(".", ",")
    if isinstance(value, datetime):
        shown = format_date(value)
        return shown if value.time() == time(0) else f"{shown} {value:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def check_entries(form: FormSpec, entries: Sequence[Entry], answers: Answers) -> Checked:
    """Every entry through the chat's parse functions, then the cross-field rules over
    the draft with the entries' answers in it. Each error says where it is."""
    errors: list[EntryError] = []
    values: dict[str, StoredValue] = {}
    rows: dict[str, int] = {}
    seen: dict[str, list[int]] = {}
    failed: set[str] = set()
    shown = form.numbers(answers)
    for entry in entries:
        spec = _field_of(form, entry, answers)
        if spec is None:
            number, label = (entry.number, "") if entry.key is None else (None, entry.label)
            errors.append(EntryError(entry.row, number, label, UnknownQuestion(number)))
            continue
        if spec.type == "file" and entry.key is not None:
            continue  # the workbook's file rows only say "gửi qua Telegram"
        seen.setdefault(spec.key, []).append(entry.row)
        number = shown.get(spec.key)
        refused = _refused(spec, entry)
        if refused is not None:
            failed.add(spec.key)
            errors.append(EntryError(entry.row, number, spec.label, refused))
            continue
        try:
            values[spec.key] = parse_text_answer(spec, cell_text(entry))
            rows[spec.key] = entry.row
        except AnswerError as exc:
            failed.add(spec.key)
            errors.append(EntryError(entry.row, number, spec.label, exc.problem))
    for key, where in seen.items():
        if len(where) > 1:
            failed.add(key)
            values.pop(key, None)
            rows.pop(key, None)
            spec = form.field(key)
            twice = EnteredTwice(tuple(where))
            errors.append(EntryError(where[0], shown.get(key), spec.label, twice))
    errors += rule_errors(form, {**answers, **values}, rows, skip=failed)
    # By row and question; the handler orders one row's errors by their wording.
    errors.sort(key=lambda e: (e.row, e.number or 0))
    return Checked(values, rows, errors)


def rule_errors(
    form: FormSpec, merged: Answers, rows: Mapping[str, int], *, skip: Set[str] = frozenset()
) -> list[EntryError]:
    """The cross-field rules the new answers break, as the chat checks each answer
    (:func:`broken_rules` touching it): a requirement waits for all its alternatives.
    A rule naming an answer that could not be read is left for the next attempt."""
    found: set[RuleSpec] = set()
    for key in rows:
        broken = set(broken_rules(form, merged, touching=key))
        found |= {
            rule
            for rule in form.rules_for(key)
            if rule.message in broken and not skip & set(rule.keys)
        }
    errors = []
    for rule in found:
        # Said at the rule's last question the entries answer, where the chat says it.
        key = max((k for k in rule.keys if k in rows), key=lambda k: form.index[k])
        spec = form.field(key)
        number = form.numbers(merged).get(key)
        errors.append(EntryError(rows[key], number, spec.label, RuleBroken(rule.message)))
    return errors


def _field_of(form: FormSpec, entry: Entry, answers: Answers) -> FieldSpec | None:
    """The question of a row (by its key) or of a pasted line (by the number the chat
    shows for the draft as it is)."""
    if entry.key is not None:
        return form.field(entry.key) if entry.key in form.index else None
    asked = form.visible(answers)
    if entry.number is not None and 1 <= entry.number <= len(asked):
        return asked[entry.number - 1]
    return None


def _refused(spec: FieldSpec, entry: Entry) -> CellRefused | None:
    if entry.formula:
        return CellRefused("formula")
    if spec.type == "file":
        return CellRefused("file")
    return None


# -- the service -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkbookFile:
    content: bytes
    file_name: str
    period: Period


RefusalReason = Literal["unit", "period", "version", "tampered", "closed"]


@dataclass(frozen=True, slots=True)
class Refused:
    """The file is one of our templates, but not for this report: ``found`` is what the
    file says (a unit code, a period code, a form version), ``expected`` what it had to
    be (the member's unit; the periods open for it; this year's form version)."""

    reason: RefusalReason
    found: str = ""
    expected: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """Answers that break the form's rules: nothing was stored."""

    errors: tuple[EntryError, ...]
    at_text_question: bool = False  # a numbered list typed as a text answer?


@dataclass(frozen=True, slots=True)
class Imported:
    """The answers are in the draft; ``step`` is the summary to show (or whatever the
    report conversation shows instead, a closed period say). ``then``: the first
    required question still unanswered (the signed report, which Excel cannot carry),
    asked right after the summary; answered, it leads back to the summary."""

    changed: int
    step: rs.Step
    then: rs.Step | None = None


Outcome = Refused | Rejected | Imported


class ReportWorkbookService:
    """Templates out, filled templates and pasted answers in; the report conversation
    itself stays :class:`~bot.services.reporting.ReportingService`'s."""

    def __init__(
        self, db: Database, clock: Clock, reporting: rs.ReportingService, periods: PeriodService
    ) -> None:
        self._db = db
        self._clock = clock
        self._reporting = reporting
        self._periods = periods

    async def template(self, member: Membership, code: str) -> WorkbookFile | Refused:
        """The unit's template of period ``code``, pre-filled with its draft."""
        period = await self._open_period(member, code)
        if period is None:
            return Refused("closed", code)
        form = await self._reporting.form(period, member.unit_code)
        unit = await units.get_unit(self._db.reader, member.unit_code)
        last_code = period_code(*shift_quarter(period.year, period.quarter, -1))
        last = await reports.latest_report(self._db.reader, member.unit_code, last_code)
        data = TemplateData(
            form=form,
            period=period,
            unit_code=member.unit_code,
            unit_name=unit.name if unit is not None else member.unit_code,
            answers=await self._answers(member.unit_code, period, form),
            last_answers=dict(last.answers) if last is not None else {},
            last_code=last_code,
        )
        content = await asyncio.to_thread(build_workbook, data)
        name = f"bao-cao-cchc-{period.code}-{member.unit_code}.xlsx"
        return WorkbookFile(content, name, period)

    async def recognise(self, content: bytes) -> FilledTemplate | None:
        """The file as one of our templates, or None (it takes another path)."""
        return await asyncio.to_thread(read_template, content)

    async def import_template(self, member: Membership, filled: FilledTemplate) -> Outcome:
        """A filled template sent back: refused unless it is the unit's own template of
        a period open for it, on this year's form; otherwise checked and stored."""
        found = filled.identity
        if not found.intact:
            return Refused("tampered")
        if found.unit_code != member.unit_code:
            return Refused("unit", found.unit_code, (member.unit_code,))
        open_periods = await self._periods.open_for_submission(member.unit_code)
        codes = tuple(p.code for p in open_periods)
        period = next((p for p in open_periods if p.code == found.period_code), None)
        if period is None:
            return Refused("period" if codes else "closed", found.period_code, codes)
        form = await self._reporting.form(period, member.unit_code)
        if found.form_version != form.version:
            return Refused("version", found.form_version, (form.version,))
        return await self._apply(member, period, form, filled.entries)

    async def import_lines(self, member: Membership, entries: Sequence[Entry]) -> Outcome | None:
        """Answers pasted as numbered lines, in the report conversation or outside any
        conversation (pasting is the whole path: the answers, then the signed file); None
        when the person is in another conversation (the message is that one's)."""
        if not await self._may_paste(member):
            return None
        session = await self._reporting.start(member)  # resumes: where the person is
        if not isinstance(session, rs.Ask | rs.Summary):
            return Imported(0, session)
        form = await self._reporting.form(session.period, member.unit_code)
        outcome = await self._apply(member, session.period, form, entries)
        if isinstance(outcome, Rejected) and isinstance(session, rs.Ask):
            at_text = session.field.type == "text"
            return Rejected(outcome.errors, at_text_question=at_text)
        return outcome

    # -- internals ---------------------------------------------------------------------

    async def _apply(
        self, member: Membership, period: Period, form: FormSpec, entries: Sequence[Entry]
    ) -> Outcome:
        answers = await self._answers(member.unit_code, period, form)
        checked = check_entries(form, entries, answers)
        if checked.errors:
            return Rejected(tuple(checked.errors))
        # Into the report conversation at this period (the draft is materialised), then
        # the answers in one transaction, checked again against the draft as it is now.
        started = await self._reporting.start(member, period.code)
        if not isinstance(started, rs.Ask | rs.Summary):
            return Imported(0, started)
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            draft = await reports.get_draft(conn, member.unit_code, period.code)
            current = dict(draft.answers) if draft is not None else dict(answers)
            changed = {
                k: v for k, v in checked.values.items() if k not in current or current[k] != v
            }
            late = rule_errors(form, {**current, **checked.values}, checked.rows)
            if late:  # another member changed the draft meanwhile
                return Rejected(tuple(late))
            await reports.save_draft(
                conn,
                member.unit_code,
                period.code,
                {**current, **changed},
                member.telegram_id,
                now,
            )
            await rs.record_answers(
                conn,
                member,
                period.code,
                now,
                [(k, current.get(k), v) for k, v in changed.items()],
            )
        summary = await self._reporting.summary(member)
        if not isinstance(summary, rs.Summary):
            return Imported(len(changed), summary if summary is not None else started)
        missing = missing_required(form, summary.answers)
        # By the number the chat shows (only the questions asked are counted).
        shown = form.numbers(summary.answers)
        then = await self._reporting.edit(member, shown[missing[0].key]) if missing else None
        return Imported(len(changed), summary, then)

    async def _open_period(self, member: Membership, code: str) -> Period | None:
        for period in await self._periods.open_for_submission(member.unit_code):
            if period.code == code:
                return period
        return None

    async def _answers(self, unit_code: str, period: Period, form: FormSpec) -> Answers:
        """The draft, or the submitted report a reopened draft starts from (as the
        report conversation reads it)."""
        draft = await reports.get_draft(self._db.reader, unit_code, period.code)
        if draft is not None:
            return dict(draft.answers)
        last = await reports.latest_report(self._db.reader, unit_code, period.code)
        if last is None:
            return {}
        return {k: v for k, v in last.answers.items() if k in form.index}

    async def _may_paste(self, member: Membership) -> bool:
        session = await sessions.get(self._db.reader, member.telegram_id)
        return session is None or session.flow == rs.FLOW
