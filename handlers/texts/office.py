"""The office's /status, /view and /invite (handlers/office.py)."""

__all__ = [
    "INVITE_CREATED",
    "INVITE_USAGE",
    "STATUS_BLOCK",
    "STATUS_EXTENDED_MARK",
    "STATUS_GROUPS",
    "STATUS_HEADER",
    "STATUS_LATE_MARK",
    "STATUS_REVIEW_LINE",
    "STATUS_UNIT",
    "STATUS_UNIT_SUBMITTED",
    "VIEW_FILE_CAPTION",
    "VIEW_HEADER",
    "VIEW_NOTHING",
    "VIEW_USAGE",
    "VIEW_VERSIONS",
    "VIEW_VERSION_ITEM",
]

STATUS_HEADER = (
    "<b>Tình hình báo cáo CCHC {period}</b>\nHạn nộp: {due}\n"
    "Đã gửi: <b>{submitted}/{total}</b> · Đang soạn: {draft} · Chưa nộp: {none}"
)
STATUS_BLOCK = "<b>{block}</b> — đã gửi {submitted}/{total}"
STATUS_UNIT = "• {code} — {name}"
STATUS_UNIT_SUBMITTED = "• {code} — {name} (lần {version}, {at})"
VIEW_USAGE = (
    "Cú pháp: <code>/view MÃ_ĐƠN_VỊ [kỳ]</code>, ví dụ <code>/view THPT-QN1 2025-Q1</code>."
)
VIEW_NOTHING = "{unit} chưa nộp báo cáo CCHC {period}."
VIEW_HEADER = (
    "<b>Báo cáo CCHC {period}</b>\nĐơn vị: <b>{unit}</b> ({code})\n"
    "Lần gửi: {version} · {at}\nSố tiếp nhận: <code>{reference}</code>"
)
VIEW_VERSIONS = "Các lần gửi: {versions}"
VIEW_VERSION_ITEM = "lần {version} ({at})"
VIEW_FILE_CAPTION = "{label}\n{unit} — {period}, lần {version}"
INVITE_USAGE = (
    "Cú pháp: <code>/invite MÃ_ĐƠN_VỊ [thủ trưởng|người báo cáo]</code> (mặc định: thủ "
    "trưởng; cũng nhận <code>head</code>, <code>reporter</code>)."
)
INVITE_CREATED = (
    "Đã tạo mã mời cho <b>{unit}</b> ({code}), vai trò <b>{role}</b>.\n"
    "Mã: <code>{invite}</code>\nHiệu lực đến: {expires}\n"
    "Đường liên kết để gửi cho đơn vị (dùng một lần):\n{link}"
)

# /status by review state: what the office decided, what waits for it.
STATUS_REVIEW_LINE = (
    "Đã chấp nhận: {accepted} · Chờ xem xét: {submitted} · Trả lại: {returned} · Quá hạn: {late}"
)
STATUS_GROUPS = {
    "accepted": "✅ Đã chấp nhận ({n}):",
    "submitted": "📨 Đã gửi, chờ xem xét ({n}):",
    "returned": "↩️ Trả lại, chờ đơn vị gửi lại ({n}):",
    "draft": "📝 Đang soạn ({n}):",
    "none": "⏳ Chưa nộp ({n}):",
    "late": "⛔ Quá hạn chưa nộp ({n}):",
}
STATUS_LATE_MARK = " · nộp sau hạn"
STATUS_EXTENDED_MARK = " · được gửi đến {due}"
