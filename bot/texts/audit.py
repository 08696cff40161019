"""The audit trail's sentences: who changed what, when, before and after, in Vietnamese.

``bot.services.audit`` returns the entries as data (action codes, values as typed,
period codes, questions by number and label); this module words them, once, for the
chat (``/audit``), the command line (``cchc-bot audit``) and anything else that shows
the trail. People by name and role, values shortened to a readable length, periods as
"quý I/2025", moments as "08:30 ngày 21/02/2025" in the office's time zone.

Every action code in ``bot.services.audit.ACTIONS`` has a sentence here
(``SENTENCES``); an action this version does not know is shown with its raw details,
never hidden.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.clock import from_iso
from bot.formatting import format_date, format_datetime
from bot.numbers import format_number
from bot.services.periods import label_of, parse_period_code
from bot.texts.invites import ROLE_NAMES

if TYPE_CHECKING:
    from bot.services.audit import Actor, AnswerChange, Change, CriterionRef

VALUE_LIMIT = 160  # characters of a long text answer shown in the trail
CHANGE_LIMIT = 80  # the same, for each changed answer listed under a submission
LABEL_LIMIT = 80  # characters of a question's label

# -- codes stored in the entries, by name ----------------------------------------------

INVITE_FAILURES = {
    "unknown": "mã không đúng",
    "expired": "mã đã hết hạn",
    "used": "mã đã được dùng",
    "revoked": "mã đã bị thu hồi",
    "throttled": "nhập sai quá nhiều lần, tạm khoá",
}
AWARD_DOCUMENTS = {
    "proposal": "tờ trình đề nghị khen thưởng",
    "minutes": "biên bản họp Hội đồng thi đua – khen thưởng",
    "achievements": "báo cáo thành tích",
}
PRACTICE_STATUS = {"published": "duyệt, đưa vào thư viện", "rejected": "không duyệt"}
UNIT_FIELDS = {"name": "tên", "block": "khối", "district": "địa bàn"}
REOPEN_REASONS = {
    "reopen": "Văn phòng Sở mở lại",
    "return": "báo cáo bị trả lại để hoàn thiện",
}

# -- who ---------------------------------------------------------------------------------

ACTOR_CLI = "Quản trị hệ thống (dòng lệnh)"
ACTOR_SYSTEM = "Hệ thống (tự động)"
ACTOR_UNKNOWN_PERSON = "Người dùng Telegram {telegram_id}"
ACTOR_OFFICE = "{name} (Văn phòng Sở)"
ACTOR_WITH_ROLE = "{name} ({role})"

# -- when --------------------------------------------------------------------------------

AT = "{time} ngày {date}"  # to the second, as the chat's /audit heads each entry
MISSING = "(chưa có)"  # a moment not recorded; an answer not given before

# -- what: the values ------------------------------------------------------------------

QUESTION = "Câu {number} «{label}»"
QUESTION_UNKNOWN = "Câu [{key}]"  # the form of that year is not loaded any more
ANSWER_SKIPPED = "(bỏ qua)"
EMPTY = "(trống)"
CRITERION = "«{title}»"
CRITERION_UNKNOWN = "[{key}]"
PERIOD_YEAR = "năm {year}"
PERIOD_YEAR_TO_DATE = "năm {year} (lũy kế)"

# -- what: the sentences, by action ------------------------------------------------------

ANSWER = "{question} ({period}): {before} → {after}"
SUBMIT = "Gửi báo cáo {period}, lần {version}"
SUBMIT_UNCHANGED = "; không thay đổi so với lần {previous}"
SUBMIT_CHANGED = "; {n} câu thay đổi so với lần {previous}:"
SUBMIT_CHANGE = "• {question}: {before} → {after}"
REVIEW = "Xem xét báo cáo {period}{version} ({decision})"
REVIEW_ACCEPTED = "Duyệt, chấp nhận báo cáo {period}{version}"
REVIEW_RETURNED = "Trả lại báo cáo {period}{version} để đơn vị hoàn thiện"
REVIEW_VERSION = ", lần {version}"
REVIEW_COMMENT = ". Nhận xét: {text}"
PERIOD_OPEN = "Mở kỳ báo cáo {period}, hạn nộp {due}"
PERIOD_OPEN_DUE_BEFORE = " (hạn trước: {due})"
PERIOD_OPEN_WAS_CLOSED = "; trước đó kỳ đã đóng"
PERIOD_CLOSE = "Đóng kỳ báo cáo {period}: dừng nhận báo cáo"
PERIOD_DUE = "Đổi hạn nộp báo cáo {period}: {before} → {after}"
PERIOD_REOPEN_UNIT = "Mở lại kỳ báo cáo {period} cho đơn vị, được gửi đến {until} ({reason})"
PERIOD_REOPEN_UNIT_BEFORE = "; hạn riêng trước đó: {until}"
MEMBER_BIND = "Đăng ký trên bot với vai trò {role}: {name}"
MEMBER_BIND_MOVED = " (trước đó thuộc đơn vị {unit})"
INVITE_CREATE = "Tạo mã mời số {invite_id} ({role})"
INVITE_REVOKE = "Thu hồi mã mời số {invite_id}"
INVITE_FAIL = "Nhập mã mời không thành công ({reason})"
APPRAISAL = "Thẩm định tiêu chí {criterion} ({period}): {before} → {after} điểm"
APPRAISAL_BEFORE = "{points} điểm (thẩm định trước)"
APPRAISAL_REPORTED = "{points} điểm (theo báo cáo)"
APPRAISAL_NONE = "chưa chấm"
REASON = ". Lý do: {text}"
EXPLANATION_ADD = "Gửi giải trình số {id} về tiêu chí {criterion} ({period})"
EXPLANATION_CLOSE = "Xem xét, đóng giải trình số {id}"
EXPLANATION_RESPONSE = ": {text}"
PUBLISH = "Công bố {what}"
PUBLISH_BY = "Công bố {what} theo {kind} số {number} ngày {date}"
PUBLISH_QUARTER = "kết quả theo dõi {scope}"
PUBLISH_YEAR = "Chỉ số CCHC {scope}"
PUBLISH_QUARTER_DOCUMENT = "văn bản"
PUBLISH_YEAR_DOCUMENT = "Quyết định"
ROSTER_IMPORT = (
    "Nhập danh sách đơn vị từ tệp {file}: {added} mới, {updated} cập nhật, {unchanged} không đổi"
)
UNIT_UPDATE = "Cập nhật thông tin đơn vị ({changes})"
UNIT_UPDATE_FIELD = "{field}: {before} → {after}"
UNIT_UPDATE_SEPARATOR = "; "
INSPECTION_PLAN = "Đưa đơn vị vào kế hoạch kiểm tra CCHC năm {year}, đợt {round}"
INSPECTION_PLAN_BEFORE = " (trước đó: đợt {round})"
INSPECTION_UNPLAN = "Bỏ đơn vị khỏi kế hoạch kiểm tra CCHC năm {year}"
BLOCK_ADD = "Thêm khối {code} – {name}"
BLOCK_RENAME = "Đổi tên khối {code}: {before} → {name}"
AWARD_NOMINATE = "Đề cử {name} khen thưởng CCHC năm {year} (đề cử số {id}). Lý do: {reason}"
AWARD_WITHDRAW = "Rút đề cử khen thưởng số {id} (năm {year})"
AWARD_CONFIRM = "Chốt danh sách đề nghị khen thưởng CCHC năm {year}"
AWARD_DOCUMENT = "Nộp {kind} (hồ sơ khen thưởng năm {year}): {file_name}"
AWARD_DOCUMENT_REPLACED = " — thay tệp đã nộp trước"
BROADCAST = "Gửi bản tin số {id} tới {audience}: {recipients} người nhận, {units} đơn vị"
BROADCAST_SCHEDULED = ", hẹn giờ gửi {at}"
PRACTICE_ADD = "Đưa mô hình hay số {id} vào thư viện: {title}"
PRACTICE_NOMINATE = "Đề xuất mô hình hay số {id}: {title}"
PRACTICE_DECIDE = "Xét đề xuất mô hình hay số {id}: {outcome}"
UNKNOWN_ACTION = "{action}: {detail}"

# -- the command line (`cchc-bot audit`) ---------------------------------------------------

CLI_UNKNOWN_UNIT = 'Không có đơn vị mã "{code}" trong danh sách.'
CLI_HEADER = "Nhật ký thay đổi của đơn vị {code} – {name}:"
CLI_NONE = "Chưa có thay đổi nào được ghi nhận."
CLI_FOOTER = "({n} mục, mới nhất trước.)"


# -- rendering ---------------------------------------------------------------------------


def actor_name(actor: Actor) -> str:
    """Who acted, as the office reads it: a person by name and what they are."""
    if actor.kind == "cli":
        return ACTOR_CLI
    if actor.kind == "system":
        return ACTOR_SYSTEM
    if actor.kind == "other" or actor.telegram_id is None:
        return actor.name or ""
    name = actor.name or ACTOR_UNKNOWN_PERSON.format(telegram_id=actor.telegram_id)
    if actor.role == "office":
        return ACTOR_OFFICE.format(name=name)
    if actor.role is not None:
        return ACTOR_WITH_ROLE.format(name=name, role=role_name(actor.role))
    return name


def at_second(at: datetime, tz: ZoneInfo) -> str:
    """ "14:05:09 ngày 20/02/2025": when an entry was recorded, in the office's zone."""
    local = at.astimezone(tz)
    return AT.format(time=f"{local:%H:%M:%S}", date=format_date(local))


def role_name(role: object) -> str:
    return ROLE_NAMES.get(str(role), str(role))


def sentence(change: Change, tz: ZoneInfo) -> str:
    """One entry as a Vietnamese sentence (a submission's changed answers on the lines
    after it); an action this version does not know with its raw details."""
    words = SENTENCES.get(change.action)
    if words is None:
        detail = json.dumps(dict(change.detail), ensure_ascii=False)
        return UNKNOWN_ACTION.format(action=change.action, detail=detail)
    return words(change, tz)


def _moment(value: object, tz: ZoneInfo) -> str:
    """An ISO moment of an entry's details in the office's zone; a value that is not
    one as stored."""
    if not isinstance(value, str):
        return MISSING if value is None else str(value)
    try:
        return format_datetime(from_iso(value), tz)
    except ValueError:
        return value


def _answer(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    answer = change.answers[0] if change.answers else None
    if answer is None:  # not produced by the service; the details alone
        question = QUESTION_UNKNOWN.format(key=d.get("field"))
        before, after = _value(d.get("before")), _value(d.get("after"))
    else:
        question, before, after = _answer_parts(answer, VALUE_LIMIT)
    return ANSWER.format(
        question=question, period=_period(d.get("period")), before=before, after=after
    )


def _answer_parts(answer: AnswerChange, limit: int) -> tuple[str, str, str]:
    """The question, the value before and the value after, as the trail shows them."""
    q = answer.question
    if q.number is None or q.label is None:
        return (
            QUESTION_UNKNOWN.format(key=q.key),
            _value(answer.before, limit),
            _value(answer.after, limit),
        )
    question = QUESTION.format(number=q.number, label=_short(q.label, LABEL_LIMIT))
    before = MISSING if answer.before is None else _short(answer.before, limit)
    after = ANSWER_SKIPPED if answer.after is None else _short(answer.after, limit)
    return question, before, after


def _submission(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    text = SUBMIT.format(period=_period(d.get("period")), version=d.get("version"))
    changes = d.get("changes")
    if not isinstance(changes, dict):
        return text
    if not changes:
        return text + SUBMIT_UNCHANGED.format(previous=d.get("previous"))
    listed = [
        SUBMIT_CHANGE.format(question=q, before=b, after=a)
        for q, b, a in (_answer_parts(answer, CHANGE_LIMIT) for answer in change.answers)
    ]
    head = SUBMIT_CHANGED.format(n=len(listed), previous=d.get("previous"))
    return "\n".join([text + head, *listed])


def _review(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    version = REVIEW_VERSION.format(version=d["version"]) if d.get("version") is not None else ""
    template = {"accepted": REVIEW_ACCEPTED, "returned": REVIEW_RETURNED}.get(
        str(d.get("decision")), REVIEW
    )
    text = template.format(
        period=_period(d.get("period")), version=version, decision=d.get("decision")
    )
    return text + _note(d, "comment", REVIEW_COMMENT)


def _period_open(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    due = _side(d, "after", "due_at")
    text = PERIOD_OPEN.format(period=_period(d.get("period")), due=_moment(due, tz))
    before = _side(d, "before", "due_at")
    if before and before != due:
        text += PERIOD_OPEN_DUE_BEFORE.format(due=_moment(before, tz))
    if _side(d, "before", "status") == "closed":
        text += PERIOD_OPEN_WAS_CLOSED
    return text


def _period_close(change: Change, tz: ZoneInfo) -> str:
    return PERIOD_CLOSE.format(period=_period(change.detail.get("period")))


def _period_due(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return PERIOD_DUE.format(
        period=_period(d.get("period")),
        before=_moment(_side(d, "before", "due_at"), tz),
        after=_moment(_side(d, "after", "due_at"), tz),
    )


def _period_reopen_unit(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    text = PERIOD_REOPEN_UNIT.format(
        period=_period(d.get("period")),
        until=_moment(d.get("after"), tz),
        reason=_named(REOPEN_REASONS, d.get("reason")),
    )
    if d.get("before"):
        text += PERIOD_REOPEN_UNIT_BEFORE.format(until=_moment(d["before"], tz))
    return text


def _member_bind(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    text = MEMBER_BIND.format(role=role_name(d.get("role")), name=d.get("name"))
    if d.get("before"):
        text += MEMBER_BIND_MOVED.format(unit=d["before"])
    return text


def _invite_create(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return INVITE_CREATE.format(invite_id=d.get("invite_id"), role=role_name(d.get("role")))


def _invite_revoke(change: Change, tz: ZoneInfo) -> str:
    return INVITE_REVOKE.format(invite_id=change.detail.get("invite_id"))


def _invite_fail(change: Change, tz: ZoneInfo) -> str:
    return INVITE_FAIL.format(reason=_named(INVITE_FAILURES, change.detail.get("reason")))


def _appraisal(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    if d.get("before") is not None:
        before = APPRAISAL_BEFORE.format(points=_points(d["before"]))
    elif d.get("reported") is not None:
        before = APPRAISAL_REPORTED.format(points=_points(d["reported"]))
    else:
        before = APPRAISAL_NONE
    text = APPRAISAL.format(
        criterion=_criterion(change.criterion, d.get("criterion")),
        period=_period(d.get("period")),
        before=before,
        after=_points(d.get("after")),
    )
    return text + _note(d, "reason", REASON)


def _explanation_add(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return EXPLANATION_ADD.format(
        id=d.get("id"),
        criterion=_criterion(change.criterion, d.get("criterion")),
        period=_period(d.get("period")),
    )


def _explanation_close(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return EXPLANATION_CLOSE.format(id=d.get("id")) + _note(d, "response", EXPLANATION_RESPONSE)


def _publication(change: Change, tz: ZoneInfo) -> str:
    """ "Công bố Chỉ số CCHC năm 2026 theo Quyết định số … ngày …"; a quarter's results
    are "kết quả theo dõi", published by a document (publications before documents were
    recorded name none)."""
    d = change.detail
    code = str(d.get("scope") or "")
    quarter = parse_period_code(code) is not None
    what = (PUBLISH_QUARTER if quarter else PUBLISH_YEAR).format(scope=_scope(code))
    number, day = d.get("decision_number"), d.get("decision_date")
    try:
        signed = date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        signed = None
    if not number or signed is None:
        return PUBLISH.format(what=what)
    kind = PUBLISH_QUARTER_DOCUMENT if quarter else PUBLISH_YEAR_DOCUMENT
    return PUBLISH_BY.format(what=what, kind=kind, number=number, date=format_date(signed))


def _roster_import(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return ROSTER_IMPORT.format(
        file=d.get("file"),
        added=d.get("added"),
        updated=d.get("updated"),
        unchanged=d.get("unchanged"),
    )


def _unit_update(change: Change, tz: ZoneInfo) -> str:
    fields = change.detail.get("changes")
    changes = [
        UNIT_UPDATE_FIELD.format(
            field=_named(UNIT_FIELDS, key),
            before=_value(v.get("before")),
            after=_value(v.get("after")),
        )
        for key, v in (fields if isinstance(fields, dict) else {}).items()
        if isinstance(v, dict)
    ]
    return UNIT_UPDATE.format(changes=UNIT_UPDATE_SEPARATOR.join(changes))


def _inspection_plan(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    if d.get("round") is None:
        return INSPECTION_UNPLAN.format(year=d.get("year"))
    text = INSPECTION_PLAN.format(year=d.get("year"), round=d.get("round"))
    if d.get("before") is not None:
        text += INSPECTION_PLAN_BEFORE.format(round=d["before"])
    return text


def _block_add(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return BLOCK_ADD.format(code=d.get("code"), name=d.get("name"))


def _block_rename(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return BLOCK_RENAME.format(code=d.get("code"), before=d.get("before"), name=d.get("name"))


def _award_nominate(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return AWARD_NOMINATE.format(
        name=d.get("name"), year=d.get("year"), id=d.get("id"), reason=_short(d.get("reason"))
    )


def _award_withdraw(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return AWARD_WITHDRAW.format(id=d.get("id"), year=d.get("year"))


def _award_confirm(change: Change, tz: ZoneInfo) -> str:
    return AWARD_CONFIRM.format(year=change.detail.get("year"))


def _award_document(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    text = AWARD_DOCUMENT.format(
        kind=_named(AWARD_DOCUMENTS, d.get("kind")),
        year=d.get("year"),
        file_name=d.get("file_name"),
    )
    return text + (AWARD_DOCUMENT_REPLACED if d.get("replaced") else "")


def _broadcast(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    text = BROADCAST.format(
        id=d.get("id"),
        audience=d.get("audience"),
        recipients=d.get("recipients"),
        units=d.get("units"),
    )
    if d.get("scheduled_at"):
        text += BROADCAST_SCHEDULED.format(at=_moment(d["scheduled_at"], tz))
    return text


def _practice_add(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return PRACTICE_ADD.format(id=d.get("id"), title=d.get("title"))


def _practice_nominate(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    return PRACTICE_NOMINATE.format(id=d.get("id"), title=d.get("title"))


def _practice_decide(change: Change, tz: ZoneInfo) -> str:
    d = change.detail
    text = PRACTICE_DECIDE.format(id=d.get("id"), outcome=_named(PRACTICE_STATUS, d.get("after")))
    return text + _note(d, "reason", REASON)


# The sentence of each action code (bot.services.audit.ACTIONS; a test checks none is
# missing).
SENTENCES: Mapping[str, Callable[[Change, ZoneInfo], str]] = {
    "draft.answer": _answer,
    "report.submit": _submission,
    "report.review": _review,
    "period.open": _period_open,
    "period.close": _period_close,
    "period.due": _period_due,
    "period.reopen_unit": _period_reopen_unit,
    "member.bind": _member_bind,
    "invite.create": _invite_create,
    "invite.revoke": _invite_revoke,
    "invite.fail": _invite_fail,
    "appraisal.set": _appraisal,
    "explanation.add": _explanation_add,
    "explanation.close": _explanation_close,
    "ranking.publish": _publication,
    "roster.import": _roster_import,
    "unit.update": _unit_update,
    "inspection.plan": _inspection_plan,
    "block.add": _block_add,
    "block.rename": _block_rename,
    "award.nominate": _award_nominate,
    "award.withdraw": _award_withdraw,
    "award.confirm": _award_confirm,
    "award.document": _award_document,
    "broadcast.queue": _broadcast,
    "practice.add": _practice_add,
    "practice.nominate": _practice_nominate,
    "practice.decide": _practice_decide,
}


# -- pieces --------------------------------------------------------------------------------


def _period(code: object) -> str:
    return label_of(code) if isinstance(code, str) else str(code or "")


def _scope(code: str) -> str:
    if parse_period_code(code):
        return _period(code)
    if code.upper().endswith("-YTD"):
        return PERIOD_YEAR_TO_DATE.format(year=code[:4])
    return PERIOD_YEAR.format(year=code)


def _criterion(ref: CriterionRef | None, key: object) -> str:
    if ref is not None and ref.title is not None:
        return CRITERION.format(title=ref.title)
    return CRITERION_UNKNOWN.format(key=ref.key if ref is not None else key)


def _named(names: Mapping[str, str], code: object) -> str:
    """A stored code by its name; a code this version has no name for as stored."""
    return names.get(str(code), str(code))


def _points(value: object) -> str:
    try:
        return format_number(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def _side(d: Mapping[str, Any], side: str, key: str) -> object:
    """``d[side][key]`` of a before/after detail; None when it is not there."""
    values = d.get(side)
    return values.get(key) if isinstance(values, dict) else None


def _note(d: Mapping[str, Any], key: str, template: str) -> str:
    """The detail's free text at ``key``, shortened, in ``template``; nothing if not given."""
    return template.format(text=_short(d[key])) if d.get(key) else ""


def _value(value: object, limit: int = VALUE_LIMIT) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, dict):
        return str(value.get("file_name") or json.dumps(value, ensure_ascii=False))
    return _short(str(value), limit)


def _short(text: object, limit: int = VALUE_LIMIT) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
