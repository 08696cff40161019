"""A unit's own /status, and a returned report opened with /report (handlers/unit_status.py)."""

__all__ = [
    "REPORT_RETURNED",
    "UNIT_STATE_ACCEPTED",
    "UNIT_STATE_RECEIVED",
    "UNIT_STATE_RETURNED",
    "UNIT_STATE_SUPERSEDED",
    "UNIT_STATUS_CLOSED",
    "UNIT_STATUS_COMMENT",
    "UNIT_STATUS_DRAFT",
    "UNIT_STATUS_DRAFT_ONLY",
    "UNIT_STATUS_FOOTER",
    "UNIT_STATUS_HEADER",
    "UNIT_STATUS_NONE",
    "UNIT_STATUS_NOT_SUBMITTED",
    "UNIT_STATUS_PERIOD",
    "UNIT_STATUS_REOPENED",
    "UNIT_STATUS_RESUBMIT",
    "UNIT_STATUS_USAGE",
    "UNIT_STATUS_VERSION",
]

UNIT_STATUS_USAGE = (
    "Cú pháp: <code>/status [năm]</code>, ví dụ <code>/status 2025</code> — tình hình các báo "
    "cáo CCHC đơn vị đã nộp trong năm (mặc định: năm nay)."
)
UNIT_STATUS_HEADER = "<b>Tình hình báo cáo CCHC năm {year}</b>\nĐơn vị: <b>{unit}</b>"
UNIT_STATUS_NONE = "Chưa có kỳ báo cáo nào của năm {year}."
UNIT_STATUS_PERIOD = "<b>{label}</b> · hạn nộp {due}"
UNIT_STATUS_CLOSED = " · kỳ đã đóng"
UNIT_STATUS_VERSION = "• Lần {version} — nộp lúc {at}, số <code>{reference}</code>: {state}"
UNIT_STATE_RECEIVED = "📨 Văn phòng Sở đã nhận, đang chờ xem xét"
UNIT_STATE_ACCEPTED = "✅ được Văn phòng Sở chấp nhận lúc {at}"
UNIT_STATE_RETURNED = "↩️ được Văn phòng Sở trả lại lúc {at} để hoàn thiện"
UNIT_STATE_SUPERSEDED = "được thay bằng lần nộp sau"
UNIT_STATUS_COMMENT = "   Ý kiến của Văn phòng Sở: <i>{comment}</i>"
UNIT_STATUS_RESUBMIT = "   Đơn vị sửa và nộp lại trước <b>{due}</b> (dùng /report)."
UNIT_STATUS_NOT_SUBMITTED = {
    "none": "⏳ Chưa nộp.",
    "draft": "📝 Đang soạn, chưa nộp.",
    "late": "⛔ Quá hạn, chưa nộp.",
}
UNIT_STATUS_DRAFT = "📝 Bản nháp sửa lúc {at} chưa được nộp."
UNIT_STATUS_DRAFT_ONLY = "   Bản nháp lưu lúc {at}."
UNIT_STATUS_REOPENED = "🔓 Văn phòng Sở đã mở lại kỳ báo cáo cho đơn vị đến <b>{due}</b>."
UNIT_STATUS_FOOTER = (
    "Dùng /report để lập, sửa và nộp báo cáo; /standing để xem kết quả Văn phòng Sở đã công bố."
)
REPORT_RETURNED = (
    "↩️ <b>Báo cáo CCHC {label} (lần {version}) đã được Văn phòng Sở trả lại</b> lúc {at} "
    "để hoàn thiện.\n"
    "Ý kiến của Văn phòng Sở: <i>{comment}</i>\n"
    "Anh/chị sửa các câu cần thiết rồi nộp lại trước <b>{due}</b>; các câu trả lời đã nộp "
    "được giữ nguyên."
)
