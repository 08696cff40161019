"""The quarterly report as a conversation, independent of Telegram.

Each call takes what the person did (typed text, pressed a button, sent a file) and
returns the next :class:`Step` to show. The draft and the person's place in the form
are written in one transaction on every step, so a killed bot resumes exactly where
the person was, with every answer kept. A skipped optional field is stored as
``None``, which is how "skipped" differs from "not reached yet".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import aiosqlite

from bot.clock import Clock, to_iso
from bot.domain.models import Membership, Period, Report, Unit
from bot.forms.answers import (
    AnswerError,
    Answers,
    IncomingDocument,
    StoredValue,
    broken_rules,
    choice_answer,
    missing_required,
    parse_document,
    parse_text_answer,
)
from bot.forms.schema import FieldSpec, FormSpec
from bot.numbers import parse_whole
from bot.services.periods import PeriodService
from bot.yearbook import YearBook
from storage import audit, inspections, reports, sessions
from storage.database import Database

FLOW = "report"
_AT_SUMMARY = "Báo cáo đã trả lời đủ các câu. Vui lòng dùng các nút bên dưới để sửa hoặc gửi."


@dataclass(frozen=True, slots=True)
class Ask:
    """Show one question."""

    period: Period
    field: FieldSpec
    number: int  # 1-based position in the form
    total: int
    current: Any  # the stored answer, if the field was answered before
    answered: bool
    error: str | None = None
    notice: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """All answers, ready to submit (or with what still blocks submission)."""

    period: Period
    form: FormSpec
    answers: Answers
    problems: list[str] = field(default_factory=list)
    last_report: Report | None = None
    notice: str | None = None


@dataclass(frozen=True, slots=True)
class ChoosePeriod:
    periods: list[Period]


@dataclass(frozen=True, slots=True)
class EditMenu:
    form: FormSpec
    answers: Answers


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
        state = _State(period.code, _first_gap(form, answers))
        await self._save(member, period, state)
        return await self._show(member, period, state)

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
        return Saved(period, sum(1 for f in form.fields if f.key in answers), len(form.fields))

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
            return await self._show(member, period, state, notice=_AT_SUMMARY)
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
        if number is not None and number != state.cursor + 1:
            return Stale(await self._show(member, period, state))
        if state.cursor >= total:
            return await self._show(member, period, state, notice=_AT_SUMMARY)
        spec = form.fields[state.cursor]
        if parse is None:
            if spec.required:
                return await self._show(
                    member, period, state, error="Câu này bắt buộc, không thể bỏ qua."
                )
            value = None
        else:
            try:
                value = parse(spec)
            except AnswerError as exc:
                return await self._show(member, period, state, error=exc.message)
        candidate = {**answers, spec.key: value}
        # Skipping is checked too: skipping the last alternative of a requirement rule
        # (no evidence, no explanation for claimed points) is refused.
        broken = broken_rules(form, candidate, touching=spec.key)
        if broken:
            return await self._show(member, period, state, error=" ".join(broken))
        state.cursor = total if state.back_to_summary else _next_gap(form, candidate, state.cursor)
        if state.cursor >= total:
            state.back_to_summary = False
        await self._save(member, period, state, (spec.key, value))
        return await self._show(member, period, state)

    # -- moving around -----------------------------------------------------------------

    async def back(self, member: Membership) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, state, _ = loaded
        if state.cursor == 0:
            return await self._show(member, period, state, notice="Đây là câu hỏi đầu tiên.")
        state.cursor -= 1
        state.back_to_summary = False
        await self._save(member, period, state)
        return await self._show(member, period, state)

    async def edit_menu(self, member: Membership) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, _, answers = loaded
        return EditMenu(await self.form(period, member.unit_code), answers)

    async def edit(self, member: Membership, number: int) -> Step | None:
        loaded = await self._load(member)
        if loaded is None:
            return None
        period, state, _ = loaded
        if not 1 <= number <= len((await self.form(period, member.unit_code)).fields):
            return await self._show(member, period, state, notice="Không có câu hỏi số này.")
        state.cursor = number - 1
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
            names = ", ".join(f"câu {form.index[f.key] + 1}" for f in missing[:10])
            return await self._show(
                member, period, state, error=f"Báo cáo còn thiếu câu bắt buộc: {names}."
            )
        if broken_rules(form, answers):
            # The summary lists each broken rule, once, under "Cần hoàn thiện trước khi gửi".
            state.cursor = len(form.fields)
            state.back_to_summary = False
            await self._save(member, period, state)
            return await self._show(member, period, state)
        clean = {f.key: answers.get(f.key) for f in form.fields}
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
        state.cursor = max(
            0, min(state.cursor, len((await self.form(period, member.unit_code)).fields))
        )
        return period, state, await self._answers(member.unit_code, period)

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
            await audit.record(
                conn,
                at=now,
                actor=f"tg:{member.telegram_id}",
                action="draft.answer",
                unit_code=member.unit_code,
                detail={"period": period.code, "field": key, "before": before, "after": value},
            )

    async def _show(
        self,
        member: Membership,
        period: Period,
        state: _State,
        *,
        error: str | None = None,
        notice: str | None = None,
    ) -> Ask | Summary:
        answers = await self._answers(member.unit_code, period)
        form = await self.form(period, member.unit_code)
        if state.cursor >= len(form.fields):
            problems = [
                f"Câu {form.index[f.key] + 1} ({f.label}) chưa được trả lời."
                for f in missing_required(form, answers)
            ]
            problems += broken_rules(form, {k: v for k, v in answers.items() if v is not None})
            if error:
                problems.insert(0, error)
            last = await reports.latest_report(self._db.reader, member.unit_code, period.code)
            return Summary(period, form, answers, problems, last, notice)
        spec = form.fields[state.cursor]
        return Ask(
            period=period,
            field=spec,
            number=state.cursor + 1,
            total=len(form.fields),
            current=answers.get(spec.key),
            answered=spec.key in answers,
            error=error,
            notice=notice,
        )


def _first_gap(form: FormSpec, answers: Answers) -> int:
    for i, spec in enumerate(form.fields):
        if spec.key not in answers:
            return i
    return len(form.fields)


def _next_gap(form: FormSpec, answers: Answers, after: int) -> int:
    for i in range(after + 1, len(form.fields)):
        if form.fields[i].key not in answers:
            return i
    # Everything after is answered: go back to any earlier gap, else the summary.
    return _first_gap(form, answers)


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
        return str(value.get("file_name") or "tệp")
    return value
