"""The audit trail read back: who changed what, when, before and after, in Vietnamese.

Every change is written to ``audit_log`` in the same transaction as the change itself
(see ``storage/audit.py`` and the services that call ``audit.record``). This service
turns those rows into sentences the office can read in chat (``/audit``) or on the
command line (``cchc-bot audit``): people by name, questions by number and label,
values as the unit typed them, periods as "quý I/2025".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import from_iso
from bot.formatting import format_date, format_datetime
from bot.forms.answers import display_value
from bot.forms.schema import FormSpec
from bot.numbers import format_number, parse_whole
from bot.scoring.methodology import Methodology
from bot.services.periods import label_of, parse_period_code
from bot.yearbook import YearBook
from storage import audit, people
from storage.database import Database

DEFAULT_LIMIT = 30
VALUE_LIMIT = 160  # characters of a long text answer shown in the trail
CHANGE_LIMIT = 80  # the same, for each changed answer listed under a submission

ROLE_NAMES = {"head": "Thủ trưởng đơn vị", "reporter": "Cán bộ đầu mối CCHC"}
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
PERIOD_STATUS = {"open": "đang nhận báo cáo", "closed": "đã đóng"}
DEFAULT_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One audit entry, readable."""

    id: int
    at: datetime
    actor: str
    unit_code: str | None
    text: str


class AuditService:
    def __init__(
        self,
        db: Database,
        rules: YearBook,
        *,
        office_ids: frozenset[int] = frozenset(),
        tz: ZoneInfo = DEFAULT_TZ,
    ) -> None:
        self._db = db
        self._rules = rules
        self._office_ids = office_ids
        self._tz = tz

    async def trail(
        self, *, unit_code: str | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[AuditLine]:
        """The latest entries, newest first; of one unit when ``unit_code`` is given."""
        found = await audit.entries(self._db.reader, unit_code=unit_code, limit=limit)
        names: dict[str, str] = {}
        lines = []
        for entry in found:
            if entry.actor not in names:
                names[entry.actor] = await self._actor(entry.actor)
            lines.append(
                AuditLine(
                    id=entry.id,
                    at=entry.at,
                    actor=names[entry.actor],
                    unit_code=entry.unit_code,
                    text=self.describe(entry.action, entry.detail),
                )
            )
        return lines

    async def _actor(self, actor: str) -> str:
        if actor == "cli":
            return "Quản trị hệ thống (dòng lệnh)"
        if actor == "system":
            return "Hệ thống (tự động)"
        telegram_id = parse_whole(actor[3:]) if actor.startswith("tg:") else None
        if telegram_id is None:
            return actor
        person = await people.get_person(self._db.reader, telegram_id)
        name = person.full_name if person is not None else f"Người dùng Telegram {telegram_id}"
        if telegram_id in self._office_ids:
            return f"{name} (Văn phòng Sở)"
        membership = await people.get_membership(self._db.reader, telegram_id)
        if membership is not None:
            return f"{name} ({ROLE_NAMES.get(membership.role, membership.role)})"
        return name

    # -- sentences ---------------------------------------------------------------------

    def describe(self, action: str, detail: dict[str, Any]) -> str:
        """One entry as a Vietnamese sentence; an action this version does not know is
        shown with its raw details, never hidden."""
        d = detail
        period = _period(d.get("period"))
        match action:
            case "draft.answer":
                return self._answer(d, period, self._form(d))
            case "report.submit":
                return self._submission(d, period, self._form(d))
            case "report.review":
                version = f", lần {d['version']}" if d.get("version") is not None else ""
                if d.get("decision") == "accepted":
                    text = f"Duyệt, chấp nhận báo cáo {period}{version}"
                elif d.get("decision") == "returned":
                    text = f"Trả lại báo cáo {period}{version} để đơn vị hoàn thiện"
                else:
                    text = f"Xem xét báo cáo {period}{version} ({d.get('decision')})"
                return text + _note(d, "comment", ". Nhận xét: ")
            case "period.open":
                text = f"Mở kỳ báo cáo {period}, hạn nộp {self._moment(_after(d, 'due_at'))}"
                before = _before(d, "due_at")
                if before and before != _after(d, "due_at"):
                    text += f" (hạn trước: {self._moment(before)})"
                if _before(d, "status") == "closed":
                    text += "; trước đó kỳ đã đóng"
                return text
            case "period.close":
                return f"Đóng kỳ báo cáo {period}: dừng nhận báo cáo"
            case "period.due":
                return (
                    f"Đổi hạn nộp báo cáo {period}: {self._moment(_before(d, 'due_at'))} → "
                    f"{self._moment(_after(d, 'due_at'))}"
                )
            case "period.reopen_unit":
                reason = REOPEN_REASONS.get(str(d.get("reason")), str(d.get("reason")))
                text = (
                    f"Mở lại kỳ báo cáo {period} cho đơn vị, được gửi đến "
                    f"{self._moment(d.get('after'))} ({reason})"
                )
                if d.get("before"):
                    text += f"; hạn riêng trước đó: {self._moment(d['before'])}"
                return text
            case "member.bind":
                text = f"Đăng ký trên bot với vai trò {_role(d.get('role'))}: {d.get('name')}"
                if d.get("before"):
                    text += f" (trước đó thuộc đơn vị {d['before']})"
                return text
            case "invite.create":
                return f"Tạo mã mời số {d.get('invite_id')} ({_role(d.get('role'))})"
            case "invite.revoke":
                return f"Thu hồi mã mời số {d.get('invite_id')}"
            case "invite.fail":
                reason = INVITE_FAILURES.get(str(d.get("reason")), str(d.get("reason")))
                return f"Nhập mã mời không thành công ({reason})"
            case "appraisal.set":
                return self._appraisal(d, period, self._methodology(d))
            case "explanation.add":
                criterion = _criterion(self._methodology(d), d.get("criterion"))
                return f"Gửi giải trình số {d.get('id')} về tiêu chí {criterion} ({period})"
            case "explanation.close":
                text = f"Xem xét, đóng giải trình số {d.get('id')}"
                return text + _note(d, "response", ": ")
            case "ranking.publish":
                return _publication(d)
            case "roster.import":
                return (
                    f"Nhập danh sách đơn vị từ tệp {d.get('file')}: {d.get('added')} mới, "
                    f"{d.get('updated')} cập nhật, {d.get('unchanged')} không đổi"
                )
            case "unit.update":
                changes = [
                    f"{UNIT_FIELDS.get(key, key)}: {_value(v.get('before'))} → "
                    f"{_value(v.get('after'))}"
                    for key, v in (d.get("changes") or {}).items()
                    if isinstance(v, dict)
                ]
                return "Cập nhật thông tin đơn vị (" + "; ".join(changes) + ")"
            case "inspection.plan":
                if d.get("round") is None:
                    return f"Bỏ đơn vị khỏi kế hoạch kiểm tra CCHC năm {d.get('year')}"
                year, round_ = d.get("year"), d.get("round")
                text = f"Đưa đơn vị vào kế hoạch kiểm tra CCHC năm {year}, đợt {round_}"
                if d.get("before") is not None:
                    text += f" (trước đó: đợt {d['before']})"
                return text
            case "block.add":
                return f"Thêm khối {d.get('code')} – {d.get('name')}"
            case "block.rename":
                return f"Đổi tên khối {d.get('code')}: {d.get('before')} → {d.get('name')}"
            case "award.nominate":
                return (
                    f"Đề cử {d.get('name')} khen thưởng CCHC năm {d.get('year')} "
                    f"(đề cử số {d.get('id')}). Lý do: {_short(d.get('reason'))}"
                )
            case "award.withdraw":
                return f"Rút đề cử khen thưởng số {d.get('id')} (năm {d.get('year')})"
            case "award.confirm":
                return f"Chốt danh sách đề nghị khen thưởng CCHC năm {d.get('year')}"
            case "award.document":
                kind = AWARD_DOCUMENTS.get(str(d.get("kind")), str(d.get("kind")))
                text = f"Nộp {kind} (hồ sơ khen thưởng năm {d.get('year')}): {d.get('file_name')}"
                return text + (" — thay tệp đã nộp trước" if d.get("replaced") else "")
            case "broadcast.queue":
                text = (
                    f"Gửi bản tin số {d.get('id')} tới {d.get('audience')}: "
                    f"{d.get('recipients')} người nhận, {d.get('units')} đơn vị"
                )
                if d.get("scheduled_at"):
                    text += f", hẹn giờ gửi {self._moment(d['scheduled_at'])}"
                return text
            case "practice.add":
                return f"Đưa mô hình hay số {d.get('id')} vào thư viện: {d.get('title')}"
            case "practice.nominate":
                return f"Đề xuất mô hình hay số {d.get('id')}: {d.get('title')}"
            case "practice.decide":
                outcome = PRACTICE_STATUS.get(str(d.get("after")), str(d.get("after")))
                text = f"Xét đề xuất mô hình hay số {d.get('id')}: {outcome}"
                return text + _note(d, "reason", ". Lý do: ")
        return f"{action}: {json.dumps(detail, ensure_ascii=False)}"

    def _form(self, d: dict[str, Any]) -> FormSpec | None:
        """The form of the entry's year; None if that year's is not loaded any more."""
        year = _year(d.get("period"))
        return self._rules.form(year) if year is not None and self._rules.has(year) else None

    def _methodology(self, d: dict[str, Any]) -> Methodology | None:
        year = _year(d.get("period"))
        if year is None or not self._rules.has(year):
            return None
        return self._rules.methodology(year)

    def _answer(self, d: dict[str, Any], period: str, form: FormSpec | None) -> str:
        key = str(d.get("field"))
        return self._change(form, key, d.get("before"), d.get("after"), where=f" ({period})")

    def _change(
        self,
        form: FormSpec | None,
        key: str,
        before: object,
        after: object,
        limit: int = VALUE_LIMIT,
        where: str = "",
    ) -> str:
        """One question's change: "Câu 7 «label»: before → after"."""
        if form is None or key not in form.index:
            return f"Câu [{key}]{where}: {_value(before, limit)} → {_value(after, limit)}"
        spec = form.field(key)
        number = form.index[key] + 1

        def shown(value: object) -> str:
            if value is None:
                return "(chưa có)"
            try:
                return _short(display_value(spec, value), limit)  # type: ignore[arg-type]
            except (InvalidOperation, ValueError, TypeError):
                return _value(value, limit)

        after_text = "(bỏ qua)" if after is None else shown(after)
        label = _short(spec.label, 80)
        return f"Câu {number} «{label}»{where}: {shown(before)} → {after_text}"

    def _submission(self, d: dict[str, Any], period: str, form: FormSpec | None) -> str:
        text = f"Gửi báo cáo {period}, lần {d.get('version')}"
        changes = d.get("changes")
        if not isinstance(changes, dict):
            return text
        if not changes:
            return text + f"; không thay đổi so với lần {d.get('previous')}"
        listed = [
            self._change(form, str(key), v.get("before"), v.get("after"), CHANGE_LIMIT)
            for key, v in changes.items()
            if isinstance(v, dict)
        ]
        return (
            text
            + f"; {len(listed)} câu thay đổi so với lần {d.get('previous')}:\n"
            + "\n".join(f"• {line}" for line in listed)
        )

    def _moment(self, value: object) -> str:
        if not isinstance(value, str):
            return "(chưa có)" if value is None else str(value)
        try:
            return format_datetime(from_iso(value), self._tz)
        except ValueError:
            return value

    def _appraisal(self, d: dict[str, Any], period: str, methodology: Methodology | None) -> str:
        before = d.get("before")
        before_text = (
            f"{_points(before)} điểm (thẩm định trước)"
            if before is not None
            else f"{_points(d.get('reported'))} điểm (theo báo cáo)"
            if d.get("reported") is not None
            else "chưa chấm"
        )
        text = (
            f"Thẩm định tiêu chí {_criterion(methodology, d.get('criterion'))} ({period}): "
            f"{before_text} → {_points(d.get('after'))} điểm"
        )
        return text + _note(d, "reason", ". Lý do: ")


def _criterion(methodology: Methodology | None, key: object) -> str:
    if methodology is not None and isinstance(key, str):
        try:
            return f"«{methodology.criterion(key).title}»"
        except KeyError:
            pass
    return f"[{key}]"


def _year(code: object) -> int | None:
    """The year of a period code ("2026-Q4") or a year ("2026") in an entry."""
    text = str(code or "")
    return int(text[:4]) if text[:4].isdigit() else None


def _period(code: object) -> str:
    return label_of(code) if isinstance(code, str) else str(code or "")


def _publication(d: dict[str, Any]) -> str:
    """ "Công bố Chỉ số CCHC năm 2026 theo Quyết định số … ngày …"; a quarter's results
    are "kết quả theo dõi", published by a document (publications before documents were
    recorded name none)."""
    code = str(d.get("scope") or "")
    what = (
        f"kết quả theo dõi {_scope(code)}"
        if parse_period_code(code)
        else f"Chỉ số CCHC {_scope(code)}"
    )
    number, day = d.get("decision_number"), d.get("decision_date")
    try:
        signed = date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        signed = None
    if not number or signed is None:
        return f"Công bố {what}"
    kind = "văn bản" if parse_period_code(code) else "Quyết định"
    return f"Công bố {what} theo {kind} số {number} ngày {format_date(signed)}"


def _scope(code: object) -> str:
    text = str(code or "")
    if parse_period_code(text):
        return _period(text)
    if text.upper().endswith("-YTD"):
        return f"năm {text[:4]} (lũy kế)"
    return f"năm {text}"


def _role(role: object) -> str:
    return ROLE_NAMES.get(str(role), str(role))


def _points(value: object) -> str:
    try:
        return format_number(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def _before(d: dict[str, Any], key: str) -> object:
    side = d.get("before")
    return side.get(key) if isinstance(side, dict) else None


def _after(d: dict[str, Any], key: str) -> object:
    side = d.get("after")
    return side.get(key) if isinstance(side, dict) else None


def _note(d: dict[str, Any], key: str, lead: str) -> str:
    """``lead`` then the detail's free text at ``key``, shortened; nothing if not given."""
    return f"{lead}{_short(d[key])}" if d.get(key) else ""


def _value(value: object, limit: int = VALUE_LIMIT) -> str:
    if value is None:
        return "(trống)"
    if isinstance(value, dict):
        return str(value.get("file_name") or json.dumps(value, ensure_ascii=False))
    return _short(str(value), limit)


def _short(text: object, limit: int = VALUE_LIMIT) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
