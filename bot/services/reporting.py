"""The quarterly report as a conversation, independent of Telegram.

Each call takes what the person did (typed text, pressed a button, sent a file) and
returns the next :class:`Step` to show. The draft and the person's place in the form
are written in one transaction on every step, so a killed bot resumes exactly where
the person was, with every answer kept. A skipped optional field is stored as
``None``, which is how "skipped" differs from "not reached yet".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.models import Membership, Period, Report, Unit
from bot.forms.answers import (
    AnswerError,
    AnswerProblem,
    Answers,
    Bound,
    IncomingDocument,
    StoredValue,
    broken_rules,
    choice_answer,
    display_value,
    missing_required,
    parse_document,
    parse_text_answer,
    required_now,
    rule_bound,
)
from bot.forms.schema import FieldSpec, FormSpec
from bot.numbers import parse_whole
from bot.services.periods import PeriodService, period_code, shift_quarter
from bot.texts import answers as words
from bot.yearbook import YearBook
from storage import audit, inspections, reports, sessions
from storage.database import Database

FLOW = "report"

# What the conversation tells the person besides the question (the handler words it):
# typed text at the summary, Back at the first question, a number no question has.
NoticeCode = Literal["at_summary", "first_question", "no_such_question"]
# A step refused by the conversation rather than by the answer's own checks: skipping
# a required question, "Giữ nguyên" with no answer, "Như quý trước" with nothing.
StepErrorCode = Literal["required", "nothing_to_keep", "no_previous"]


@dataclass(frozen=True, slots=True)
class StepError:
    code: StepErrorCode


@dataclass(frozen=True, slots=True)
class BrokenRules:
    """Cross-field rules the answers break, each by its own sentence (from the form's
    data file)."""

    messages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MissingRequired:
    """Submission refused: the numbers of required questions without an answer (the
    first ten)."""

    numbers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Unanswered:
    """On the summary: a required question not answered yet."""

    number: int
    label: str


# Why the answer or the step was refused (Ask.error); a summary lists Problems.
Refusal = AnswerProblem | StepError | BrokenRules | MissingRequired
Problem = Refusal | Unanswered


class _Refused(Exception):
    """Raised inside a step's parse: the step cannot be taken (a StepError)."""

    def __init__(self, code: StepErrorCode) -> None:
        super().__init__(code)
        self.error = StepError(code)


@dataclass(frozen=True, slots=True)
class Recorded:
    """The answer just taken, echoed as understood ("Đã ghi câu 7: 85,5%")."""

    number: int
    field: FieldSpec
    value: StoredValue | None  # None: skipped


@dataclass(frozen=True, slots=True)
class Ask:
    """Show one question."""

    period: Period
    field: FieldSpec
    number: int  # 1-based position among the questions this unit is asked now
    total: int
    current: Any  # the stored answer, if the field was answered before
    answered: bool
    error: Refusal | None = None
    notice: NoticeCode | None = None
    # Must be answered now (required, or the last alternative of a requirement left):
    # no "(không bắt buộc)", no Bỏ qua.
    required: bool = True
    # Last quarter's answer for a question the form carries over ("Như quý trước").
    previous: StoredValue | None = None
    # After a cross-field refusal: what the other answers allow for this one.
    bound: Bound | None = None
    bound_from: tuple[int, ...] = ()  # the numbers of the questions the bound comes from
    recorded: Recorded | None = None
    prefilled: int = 0  # answers filled in from last quarter as the draft began


@dataclass(frozen=True, slots=True)
class Summary:
    """All answers, ready to submit (or with what still blocks submission)."""

    period: Period
    form: FormSpec
    answers: Answers
    problems: list[Problem] = field(default_factory=list)
    last_report: Report | None = None
    notice: NoticeCode | None = None
    recorded: Recorded | None = None


@dataclass(frozen=True, slots=True)
class ChoosePeriod:
    periods: list[Period]


@dataclass(frozen=True, slots=True)
class EditMenu:
    """The sections with how many of their questions are answered; with ``section``
    (its position in the form), that section's questions by number and short label."""

    form: FormSpec
    answers: Answers
    section: int | None = None


@dataclass(frozen=True, slots=True)
class Saved:
    period: Period
    answered: int
    total: int


@dataclass(frozen=True, slots=True)
class Submitted:
    report: Report
    unit: Unit
    period: Period


@dataclass(frozen=True, slots=True)
class Closed:
    """No period accepts submissions now (or the chosen one is past its deadline).

    ``draft_kept``: a submission was refused, and what the person answered stays in the
    draft (the office may reopen the period for the unit)."""

    period: Period | None
    draft_kept: bool = False


@dataclass(frozen=True, slots=True)
class Stale:
    """A button from an earlier question was pressed; the current one is shown again."""

    step: Ask | Summary


Step = Ask | Summary | ChoosePeriod | EditMenu | Saved | Submitted | Closed | Stale


@dataclass(slots=True)
class _State:
    period: str
    cursor: int  # index of the field being asked; == total means the summary
    back_to_summary: bool = False

    def dump(self) -> dict[str, Any]:
        return {"period": self.period, "cursor": self.cursor, "summary": self.back_to_summary}

    @classmethod
    def load(cls, data: dict[str, Any]) -> _State:
        return cls(str(data["period"]), int(data["cursor"]), bool(data.get("summary", False)))


class SubmissionNotices(Protocol):
    """Who writes what a submission tells others (the broadcasts' outbox)."""

    async def write_submission_notices(
        self, conn: aiosqlite.Connection, *, report: Report, unit: Unit, submitter: int
    ) -> None: ...

    def wake(self) -> None: ...


class ReportingService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        rules: YearBook,
        periods: PeriodService,
        *,
        notices: SubmissionNotices | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules
        self._views: dict[tuple[int, bool], FormSpec] = {}
        self._periods = periods
        self._notices = notices

    async def form(self, period: Period, unit_code: str) -> FormSpec:
        """The form of the period's year as the unit is asked it (without the questions
        for inspected units if it is not in the year's inspection plan); raises
        NoRulesForYear for a year without one."""
        inspected = unit_code in await inspections.inspected(self._db.reader, period.year)
        key = (period.year, inspected)
        found = self._views.get(key)
        if found is None:
            found = self._rules.form(period.year).for_unit(inspected=inspected)
            self._views[key] = found
        return found

    # -- entering and leaving ---------------------------------------------------------

    async def start(self, member: Membership, period_code: str | None = None) -> Step:
        """/report: resume the person's place, or open the draft at its first gap."""
        if period_code is None:
            session = await sessions.get(self._db.reader, member.telegram_id)
            if session is not None and session.flow == FLOW:
                state = _State.load(session.state)
                period = await self._period(member, state.period)
                if period is not None and period.accepts_submissions(self._clock()):
                    return await self._show(member, period, state)
            open_periods = await self._periods.open_for_submission(member.unit_code)
            if not open_periods:
                return Closed(await self._periods.current())
            if len(open_periods) > 1:
                return ChoosePeriod(open_periods)
            period = open_periods[0]
        else:
            found = await self._period(member, period_code)
            if found is None or not found.accepts_submissions(self._clock()):
                return Closed(found)
            period = found
        form = await self.form(period, member.unit_code)
        answers = await self._answers(member.unit_code, period)
        prefilled = 0
        if (
            not answers
            and await reports.get_draft(self._db.reader, member.unit_code, period.code) is None
        ):
            # A new quarter: what carries over is filled in from last quarter's report.
            seed = _carried(form, await self._carries(member.unit_code, period, form))
            prefilled = await self._seed(member, period, seed)
            answers = seed
        state = _State(period.code, _first_gap(form, answers))
        await self._save(member, period, state)
        return await self._show(member, period, state, prefilled=prefilled)

    async def _seed(self, member: Membership, period: Period, seed: Answers) -> int:
        """Start the draft with ``seed``, each answer audited as given (from last
        quarter); returns how many."""
        if not seed:
            return 0
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            if await reports.get_draft(conn, member.unit_code, period.code) is not None:
                return 0  # another member of the unit began it meanwhile
            await reports.save_draft(
                conn, member.unit_code, period.code, dict(seed), member.telegram_id, now
            )
            await record_answers(
                conn, member, period.code, now, [(k, None, v) for k, v in seed.items()]
            )
        return len(seed)

    async def leave(self, member: Membership) -> Saved | None:
        """/cancel or "Lưu nháp": end the conversation; the draft stays as it is."""
        session = await sessions.get(self._db.reader, member.telegram_id)
        if session is None or session.flow != FLOW:
            return None
        state = _State.load(session.state)
        async with self._db.write() as conn:
            await sessions.clear(conn, member.telegram_id)
        period = await self._period(member, state.period)
        assert period is not None
        form = await self.form(period, member.unit_code)
        answers = await self._answers(member.unit_code, period)
        asked = form.visible(answers)
        return Saved(period, sum(1 for f in asked if f.key in answers), len(asked))

    # -- answering ---------------------------------------------------------------------

    async def answer_text(self, member: Membership, text: str) -> Step | None:
        loaded = await self._load(member)
        if loaded is not None and loaded[1].cursor >= len(
            (await self.form(loaded[0], member.unit_code)).fields
        ):
            # At the summary a typed number opens that question, as the edit menu says;
            # one that is no question's number says so.
            typed = text.strip()
            if typed.isascii() and typed.isdigit():
                return await self.edit(member, parse_whole(typed) or 0)
            period, state, _ = loaded
            return await self._show(member, period, state, notice="at_summary")
        return await self._answer(member, None, lambda f: parse_text_answer(f, text))

    async def answer_choice(self, member: Membership, number: int, choice: str) -> Step | None:
        return await self._answer(member, number, lambda f: choice_answer(f, choice))

    async def answer_document(self, member: Membership, doc: IncomingDocument) -> Step | None:
        return await self._answer(member, None, lambda f: parse_document(f, doc))

    async def skip(self, member: Membership, number: int) -> Step | None:
        return await self._answer(member, number, None)

    async def _answer(self, member: Membership, number: int | None, parse: Any) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, state, answers = loaded
        form = await self.form(period, member.unit_code)
        total = len(form.fields)
        if number is not None and number != _number(form, answers, state.cursor):
            return Stale(await self._show(member, period, state))
        if state.cursor >= total:
            return await self._show(member, period, state, notice="at_summary")
        spec = form.fields[state.cursor]
        if parse is None:
            if spec.required:
                return await self._show(member, period, state, error=StepError("required"))
            value = None
        else:
            try:
                value = parse(spec)
            except AnswerError as exc:
                return await self._show(member, period, state, error=exc.problem)
            except _Refused as exc:
                return await self._show(member, period, state, error=exc.error)
        candidate = {**answers, spec.key: value}
        # Skipping is checked too: skipping the last alternative of a requirement rule
        # (no evidence, no explanation for claimed points) is refused.
        broken = broken_rules(form, candidate, touching=spec.key)
        if broken:
            bound = rule_bound(form, candidate, spec.key)
            refusal = BrokenRules(tuple(broken))
            return await self._show(member, period, state, error=refusal, bound=bound)
        recorded = Recorded(_number(form, candidate, state.cursor), spec, value)
        unchanged = spec.key in answers and answers[spec.key] == value
        state.cursor = total if state.back_to_summary else _next_gap(form, candidate, state.cursor)
        if state.cursor >= total:
            state.back_to_summary = False
        await self._save(member, period, state, None if unchanged else (spec.key, value))
        return await self._show(member, period, state, recorded=recorded)

    async def keep(self, member: Membership, number: int) -> Step | None:
        """ "Giữ nguyên": the answer already given stands; on to the next question."""
        loaded = await self._load(member)
        if loaded is None:
            return None
        _, _, answers = loaded

        def kept(spec: FieldSpec) -> StoredValue:
            value = answers.get(spec.key)
            if value is None:
                raise _Refused("nothing_to_keep")
            return value

        return await self._answer(member, number, kept)

    async def take_previous(self, member: Membership, number: int) -> Step | None:
        """ "Như quý trước": last quarter's answer, checked as if typed now (this year's
        bounds and rules may differ from last year's)."""
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, _, _ = loaded
        form = await self.form(period, member.unit_code)
        previous = await self._carries(member.unit_code, period, form)

        def parse(spec: FieldSpec) -> StoredValue:
            value = previous.get(spec.key)
            if value is None or spec.type == "file":
                raise _Refused("no_previous")
            return parse_text_answer(spec, display_value(spec, value))

        return await self._answer(member, number, parse)

    # -- moving around -----------------------------------------------------------------

    async def back(self, member: Membership) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, state, answers = loaded
        form = await self.form(period, member.unit_code)
        earlier = [
            form.index[f.key] for f in form.visible(answers) if form.index[f.key] < state.cursor
        ]
        if not earlier:
            return await self._show(member, period, state, notice="first_question")
        state.cursor = earlier[-1]
        state.back_to_summary = False
        await self._save(member, period, state)
        return await self._show(member, period, state)

    async def edit_menu(self, member: Membership, section: int | None = None) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, _, answers = loaded
        form = await self.form(period, member.unit_code)
        if section is not None and not 0 <= section < len(form.sections):
            section = None  # a section this form does not have: the list of sections
        return EditMenu(form, answers, section)

    async def edit(self, member: Membership, number: int) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, state, answers = loaded
        form = await self.form(period, member.unit_code)
        asked = form.visible(answers)
        if not 1 <= number <= len(asked):
            return await self._show(member, period, state, notice="no_such_question")
        state.cursor = form.index[asked[number - 1].key]
        state.back_to_summary = True
        await self._save(member, period, state)
        return await self._show(member, period, state)

    async def summary(self, member: Membership) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, state, _ = loaded
        state.cursor = len((await self.form(period, member.unit_code)).fields)
        state.back_to_summary = False
        await self._save(member, period, state)
        return await self._show(member, period, state)

    # -- submitting --------------------------------------------------------------------

    async def submit(self, member: Membership, unit: Unit) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, state, answers = loaded
        now = self._clock()
        if not period.accepts_submissions(now):
            return Closed(period, draft_kept=True)
        form = await self.form(period, member.unit_code)
        missing = missing_required(form, answers)
        if missing:
            state.cursor = form.index[missing[0].key]
            state.back_to_summary = False
            await self._save(member, period, state)
            numbers = tuple(_shown(form, answers, f) for f in missing[:10])
            return await self._show(member, period, state, error=MissingRequired(numbers))
        if broken_rules(form, answers):
            # The summary lists each broken rule, once, under "Cần hoàn thiện trước khi gửi".
            state.cursor = len(form.fields)
            state.back_to_summary = False
            await self._save(member, period, state)
            return await self._show(member, period, state)
        # Only the questions asked count: one an earlier answer made not applicable is
        # not submitted, even if it was answered before that answer changed.
        clean = {f.key: answers.get(f.key) for f in form.visible(answers)}
        async with self._db.write() as conn:
            previous = await reports.latest_report(conn, unit.code, period.code)
            version = await reports.next_version(conn, unit.code, period.code)
            await reports.insert_report(
                conn,
                unit_code=unit.code,
                period_code=period.code,
                version=version,
                reference=f"CCHC-{period.code}-{unit.code}-{version:02d}",
                form_version=form.version,
                answers=clean,
                submitted_by=member.telegram_id,
                submitted_at=to_iso(now),
            )
            await sessions.clear(conn, member.telegram_id)
            await audit.record(
                conn,
                at=to_iso(now),
                actor=f"tg:{member.telegram_id}",
                action="report.submit",
                unit_code=unit.code,
                detail={"period": period.code, "version": version}
                | _changes(form, previous, clean),
            )
            report = await reports.latest_report(conn, unit.code, period.code)
            assert report is not None
            if self._notices is not None:
                # In the same transaction: the office and the unit's other members are
                # told of exactly the submissions that happened, crash or not.
                await self._notices.write_submission_notices(
                    conn, report=report, unit=unit, submitter=member.telegram_id
                )
        if self._notices is not None:
            self._notices.wake()
        return Submitted(report, unit, period)

    # -- internals ---------------------------------------------------------------------

    async def _period(self, member: Membership, code: str) -> Period | None:
        """The period as it applies to the member's unit (reopened for it, say)."""
        found = await self._periods.get(code)
        return None if found is None else await self._periods.for_unit(member.unit_code, found)

    async def _answers(self, unit_code: str, period: Period) -> Answers:
        draft = await reports.get_draft(self._db.reader, unit_code, period.code)
        if draft is not None:
            return dict(draft.answers)
        # A unit that reopens a submitted report starts from what it submitted.
        last = await reports.latest_report(self._db.reader, unit_code, period.code)
        if last is not None:
            index = (await self.form(period, unit_code)).index
            return {k: v for k, v in last.answers.items() if k in index}
        return {}

    async def _load(self, member: Membership) -> tuple[Period, _State, Answers] | None:
        session = await sessions.get(self._db.reader, member.telegram_id)
        if session is None or session.flow != FLOW:
            return None
        state = _State.load(session.state)
        period = await self._period(member, state.period)
        if period is None:
            return None
        form = await self.form(period, member.unit_code)
        answers = await self._answers(member.unit_code, period)
        state.cursor = max(0, min(state.cursor, len(form.fields)))
        if state.cursor < len(form.fields) and form.fields[state.cursor] not in form.visible(
            answers
        ):
            # An earlier answer changed and this question no longer applies.
            state.cursor = _next_gap(form, answers, state.cursor)
        return period, state, answers

    async def _save(
        self,
        member: Membership,
        period: Period,
        state: _State,
        change: tuple[str, StoredValue] | None = None,
    ) -> None:
        """Write the person's place and, if given, one changed answer, in one transaction.

        The answer is merged into the draft as it is inside the transaction, so two
        members of a unit filling different questions never overwrite each other.
        """
        now = to_iso(self._clock())
        async with self._db.write() as conn:
            await sessions.put(conn, member.telegram_id, FLOW, state.dump(), now)
            draft = await reports.get_draft(conn, member.unit_code, period.code)
            if draft is not None:
                answers = dict(draft.answers)
            else:
                # Materialise the draft (seeded from the last submission, if any).
                answers = await self._answers(member.unit_code, period)
            if change is None:
                if draft is None:
                    await reports.save_draft(
                        conn, member.unit_code, period.code, answers, member.telegram_id, now
                    )
                return
            key, value = change
            before = answers.get(key)
            answers[key] = value
            await reports.save_draft(
                conn, member.unit_code, period.code, answers, member.telegram_id, now
            )
            await record_answers(conn, member, period.code, now, [(key, before, value)])

    async def _show(
        self,
        member: Membership,
        period: Period,
        state: _State,
        *,
        error: Refusal | None = None,
        notice: NoticeCode | None = None,
        bound: Bound | None = None,
        recorded: Recorded | None = None,
        prefilled: int = 0,
    ) -> Ask | Summary:
        answers = await self._answers(member.unit_code, period)
        form = await self.form(period, member.unit_code)
        if state.cursor >= len(form.fields):
            problems: list[Problem] = [
                Unanswered(_shown(form, answers, f), f.label)
                for f in missing_required(form, answers)
            ]
            given: Answers = {k: v for k, v in answers.items() if v is not None}
            problems += [BrokenRules((m,)) for m in broken_rules(form, given)]
            if error:
                problems.insert(0, error)
            last = await reports.latest_report(self._db.reader, member.unit_code, period.code)
            return Summary(period, form, answers, problems, last, notice, recorded)
        spec = form.fields[state.cursor]
        asked = form.visible(answers)
        previous = None
        if spec.carried_from is not None:
            previous = (await self._carries(member.unit_code, period, form)).get(spec.key)
        return Ask(
            period=period,
            field=spec,
            number=_number(form, answers, state.cursor),
            total=len(asked),
            current=answers.get(spec.key),
            answered=spec.key in answers,
            error=error,
            notice=notice,
            required=required_now(form, answers, spec.key),
            previous=previous,
            bound=bound,
            bound_from=tuple(
                _shown(form, answers, form.field(k)) for k in (bound.sources if bound else ())
            ),
            recorded=recorded,
            prefilled=prefilled,
        )

    async def _carries(self, unit_code: str, period: Period, form: FormSpec) -> dict[str, Any]:
        """What carries into each question of ``form`` (by its key) from the answers of
        the unit's latest submission for the quarter before."""
        year, quarter = shift_quarter(period.year, period.quarter, -1)
        last = await reports.latest_report(self._db.reader, unit_code, period_code(year, quarter))
        if last is None:
            return {}
        found: dict[str, Any] = {}
        for spec in form.fields:
            source = spec.carried_into(period.year, year)
            if source is not None and last.answers.get(source) is not None:
                found[spec.key] = last.answers[source]
        return found


async def record_answers(
    conn: aiosqlite.Connection,
    member: Membership,
    period_code: str,
    now: str,
    changes: Iterable[tuple[str, StoredValue | None, StoredValue | None]],
) -> None:
    """One audit line per answer changed in a draft, (key, before, after), in the
    caller's transaction: the chat, the prefilled quarter and the Excel import alike."""
    for key, before, after in changes:
        await audit.record(
            conn,
            at=now,
            actor=f"tg:{member.telegram_id}",
            action="draft.answer",
            unit_code=member.unit_code,
            detail={"period": period_code, "field": key, "before": before, "after": after},
        )


def _carried(form: FormSpec, carries: Mapping[str, Any]) -> Answers:
    """Last quarter's answers to the questions the form carries over (``carries``, by
    question), each checked as if typed now (a value this year's form refuses is asked
    instead)."""
    found: Answers = {}
    for spec in form.fields:
        value = carries.get(spec.key)
        if value is None or spec.type == "file":
            continue
        try:
            found[spec.key] = parse_text_answer(spec, display_value(spec, value))
        except AnswerError:
            continue
    return form.effective(found)


def _first_gap(form: FormSpec, answers: Answers) -> int:
    """The first question asked and not answered (its index in the form), else the
    summary (the form's length)."""
    for spec in form.visible(answers):
        if spec.key not in answers:
            return form.index[spec.key]
    return len(form.fields)


def _next_gap(form: FormSpec, answers: Answers, after: int) -> int:
    for spec in form.visible(answers):
        if form.index[spec.key] > after and spec.key not in answers:
            return form.index[spec.key]
    # Everything after is answered: go back to any earlier gap, else the summary.
    return _first_gap(form, answers)


def _number(form: FormSpec, answers: Answers, index: int) -> int:
    """The number the unit sees for the question at ``index``; 0 for one not asked."""
    if index >= len(form.fields):
        return 0
    return form.numbers(answers).get(form.fields[index].key, 0)


def _shown(form: FormSpec, answers: Answers, spec: FieldSpec) -> int:
    return form.numbers(answers).get(spec.key, 0)


def _changes(form: FormSpec, previous: Report | None, answers: Answers) -> dict[str, Any]:
    """For the audit: which answers differ from the previous version, before and
    after; a file by its name (Telegram's ids mean nothing to a reader)."""
    if previous is None:
        return {}
    changes: dict[str, Any] = {}
    for spec in form.fields:
        before, after = previous.answers.get(spec.key), answers.get(spec.key)
        if before != after:
            changes[spec.key] = {"before": _audit_value(before), "after": _audit_value(after)}
    return {"previous": previous.version, "changes": changes}


def _audit_value(value: StoredValue | None) -> StoredValue | None:
    if isinstance(value, dict):
        return str(value.get("file_name") or words.A_FILE)
    return value
