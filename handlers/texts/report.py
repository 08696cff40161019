"""The report conversation (handlers/report.py): one question per message, the summary and
the edit menu, the receipt, and the notices a submission sends to the unit and the office.
"""

__all__ = [
    "ASK_CURRENT",
    "ASK_ERROR",
    "ASK_FILE_HINT",
    "ASK_HEADER",
    "ASK_OPTIONAL",
    "ASK_PREVIOUS",
    "ASK_SKIPPED_BEFORE",
    "BOUND_EQUAL",
    "BOUND_MAX",
    "BOUND_MIN",
    "BOUND_NONE",
    "BOUND_SOURCE",
    "BTN_BACK",
    "BTN_EDIT",
    "BTN_KEEP",
    "BTN_MY_STATUS",
    "BTN_NO",
    "BTN_PREVIOUS",
    "BTN_REVIEW_UNIT",
    "BTN_SAVE",
    "BTN_SECTIONS",
    "BTN_SKIP",
    "BTN_SUBMIT",
    "BTN_SUMMARY",
    "BTN_YES",
    "CANCEL_NOTHING",
    "CHOOSE_PERIOD",
    "CHOSEN",
    "CLOSED",
    "CLOSED_BY_OFFICE",
    "CLOSED_DRAFT_KEPT",
    "CLOSED_NONE",
    "EDIT_MENU",
    "EDIT_QUESTION_BUTTON",
    "EDIT_SECTION",
    "EDIT_SECTION_BUTTON",
    "NOT_ANSWERED",
    "NOT_APPLICABLE",
    "NOT_IN_REPORT",
    "OFFICE_NOTICE",
    "OFFICE_NOTICE_BATCH",
    "OFFICE_NOTICE_BATCH_FOOTER",
    "OFFICE_NOTICE_BATCH_LINE",
    "PAUSED",
    "PERIOD_BUTTON",
    "PREFILLED",
    "RECEIPT",
    "RECORDED",
    "RECORDED_SKIPPED",
    "REPORT_MISSING_NAME",
    "REPORT_MISSING_REQUIRED",
    "REPORT_NOTICES",
    "REPORT_STEP_ERRORS",
    "REPORT_UNANSWERED",
    "SAVED",
    "SKIPPED",
    "STALE_BUTTON",
    "SUMMARY_HEADER",
    "SUMMARY_LAST",
    "SUMMARY_PROBLEMS",
    "SUMMARY_READY",
    "UNIT_NOTICE",
]

BTN_BACK = "⬅️ Quay lại"
BTN_SKIP = "Bỏ qua"
BTN_SAVE = "💾 Lưu nháp"
BTN_EDIT = "✏️ Sửa"
BTN_SUBMIT = "✅ Gửi báo cáo"
BTN_YES = "Có"
BTN_NO = "Không"
BTN_SUMMARY = "📋 Xem tóm tắt"

ASK_HEADER = "<b>Báo cáo CCHC {period}</b> · Câu {number}/{total}\n<i>{section}</i>"
ASK_OPTIONAL = " <i>(không bắt buộc)</i>"
ASK_CURRENT = (
    "Đã trả lời: <b>{value}</b>. Anh/chị bấm “Giữ nguyên” hoặc gửi câu trả lời mới để thay đổi."
)
ASK_SKIPPED_BEFORE = "Câu này đã được bỏ qua. Anh/chị có thể trả lời ngay hoặc bỏ qua tiếp."
ASK_PREVIOUS = "Quý trước đơn vị đã báo cáo: <b>{value}</b>."
# The answer just taken, as the bot understood it.
PREFILLED = (
    "📋 Đã điền sẵn {count} câu theo báo cáo quý trước (những số liệu ít thay đổi như biên "
    "chế, mức tự chủ, số hồ sơ chuyển sang). Bot chỉ hỏi các câu còn lại; anh/chị xem và "
    "sửa các câu đã điền sẵn ở bản tóm tắt."
)
RECORDED = "✅ Đã ghi câu {number}: <b>{value}</b>"
RECORDED_SKIPPED = "⏭ Đã bỏ qua câu {number}."
BTN_KEEP = "✔️ Giữ nguyên: {value}"
BTN_PREVIOUS = "↩️ Như quý trước: {value}"
# After a cross-field refusal: the bound the other answers set, with where it comes from.
BOUND_MAX = "Vui lòng nhập số không lớn hơn {value} (theo số đã nhập ở {sources})."
BOUND_MIN = "Vui lòng nhập số không nhỏ hơn {value} (theo số đã nhập ở {sources})."
BOUND_EQUAL = "Theo số đã nhập ở {sources}, câu này phải là {value}."
BOUND_NONE = (
    "Theo số đã nhập ở {sources}, không có số nào phù hợp; anh/chị vui lòng bấm "
    "⬅️ Quay lại để kiểm tra các câu đó."
)
BOUND_SOURCE = "Câu {number}"
ASK_FILE_HINT = "Anh/chị vui lòng gửi tệp bằng biểu tượng 📎 → Tệp."
ASK_ERROR = "⚠️ {error}\n{hint}"
STALE_BUTTON = "Nút này thuộc câu hỏi trước; bot xin hiển thị lại câu hỏi hiện tại."
CHOSEN = "Đã chọn: {value}"

CHOOSE_PERIOD = "Hiện có nhiều kỳ báo cáo đang mở. Anh/chị chọn kỳ cần báo cáo:"
PERIOD_BUTTON = "{label} (hạn {due})"
CLOSED = (
    "Kỳ báo cáo {period} đã hết hạn nộp lúc {due}. Nếu cần gửi bổ sung, anh/chị vui lòng "
    "liên hệ Văn phòng Sở."
)
CLOSED_DRAFT_KEPT = (
    "\nBáo cáo chưa được nộp; các câu trả lời, kể cả phần vừa sửa, vẫn được giữ trong bản "
    "nháp. Khi Văn phòng Sở mở lại kỳ báo cáo cho đơn vị, anh/chị dùng /report để nộp."
)
CLOSED_NONE = "Hiện chưa có kỳ báo cáo nào đang mở. Anh/chị vui lòng liên hệ Văn phòng Sở."
SAVED = (
    "💾 Đã lưu bản nháp báo cáo {period} ({answered}/{total} câu đã trả lời). "
    "Anh/chị dùng /report để tiếp tục bất cứ lúc nào trước hạn {due}."
)
PAUSED = (
    "⏸ Tạm dừng — bản nháp được giữ: báo cáo {period} ({answered}/{total} câu đã trả lời). "
    "Anh/chị dùng /report để tiếp tục bất cứ lúc nào trước hạn {due}."
)
NOT_IN_REPORT = "Anh/chị đang không lập báo cáo. Dùng /report để bắt đầu."
CANCEL_NOTHING = "Không có thao tác nào đang làm dở để huỷ."

SUMMARY_HEADER = "<b>📋 Tóm tắt báo cáo CCHC {period}</b>\nĐơn vị: <b>{unit}</b>\nHạn nộp: {due}"
SUMMARY_LAST = "Đã gửi lần {version} lúc {at} (số tiếp nhận <code>{reference}</code>)."
SUMMARY_PROBLEMS = "<b>⚠️ Cần hoàn thiện trước khi gửi:</b>"
SUMMARY_READY = (
    "Anh/chị vui lòng kiểm tra lại các câu trả lời. Bấm <b>✏️ Sửa</b> để sửa một câu, "
    "<b>✅ Gửi báo cáo</b> để gửi chính thức."
)
EDIT_MENU = "Anh/chị chọn phần cần sửa (hoặc gửi số câu):"
EDIT_SECTION_BUTTON = "{title} ({answered}/{total})"
EDIT_SECTION = "<b>{title}</b>\nAnh/chị chọn câu cần sửa (hoặc gửi số câu):"
EDIT_QUESTION_BUTTON = "{number}. {label}"
BTN_SECTIONS = "⬅️ Các phần"
NOT_ANSWERED = "(chưa trả lời)"
SKIPPED = "Đã bỏ qua"
NOT_APPLICABLE = "không áp dụng"

BTN_MY_STATUS = "📋 Các lần gửi của đơn vị"
RECEIPT = (
    "✅ <b>Văn phòng Sở đã nhận báo cáo CCHC {period}</b> của {unit}.\n"
    "Số tiếp nhận: <code>{reference}</code>\n"
    "Lần gửi: {version}\n"
    "Thời gian: {at}\n\n"
    "Đơn vị có thể sửa và gửi lại đến {due} bằng lệnh /report; mỗi lần gửi là một "
    "phiên bản mới, các phiên bản trước vẫn được lưu."
)
UNIT_NOTICE = (
    "📨 Báo cáo CCHC {period} của đơn vị đã được {name} gửi lúc {at} (lần {version}, "
    "số tiếp nhận <code>{reference}</code>)."
)
OFFICE_NOTICE = (
    "📥 <b>{unit}</b> ({code}) đã gửi báo cáo CCHC {period}, lần {version}, lúc {at}.\n"
    "Số tiếp nhận: <code>{reference}</code>. Xem: <code>/view {code} {period_code}</code>"
)
OFFICE_NOTICE_BATCH = "📥 <b>{n} đơn vị vừa gửi báo cáo CCHC:</b>"
OFFICE_NOTICE_BATCH_LINE = (
    "• <b>{unit}</b> ({code}) — {period}, lần {version}, lúc {at}, số <code>{reference}</code>"
)
OFFICE_NOTICE_BATCH_FOOTER = "Bấm 🔎 để xem xét báo cáo của từng đơn vị."
BTN_REVIEW_UNIT = "🔎 {code}"

CLOSED_BY_OFFICE = (
    "Kỳ báo cáo {period} đã được Văn phòng Sở đóng, không nhận thêm báo cáo. Nếu cần gửi bổ "
    "sung, anh/chị vui lòng liên hệ Văn phòng Sở."
)

# The report conversation's notices and refusals (bot.services.reporting codes).
REPORT_NOTICES = {
    "at_summary": "Báo cáo đã trả lời đủ các câu. Vui lòng dùng các nút bên dưới để sửa hoặc gửi.",
    "first_question": "Đây là câu hỏi đầu tiên.",
    "no_such_question": "Không có câu hỏi số này.",
}
REPORT_STEP_ERRORS = {
    "required": "Câu này bắt buộc, không thể bỏ qua.",
    "nothing_to_keep": "Câu này chưa có câu trả lời để giữ nguyên.",
    "no_previous": "Quý trước đơn vị chưa có số liệu cho câu này.",
}
REPORT_MISSING_REQUIRED = "Báo cáo còn thiếu câu bắt buộc: {names}."
REPORT_MISSING_NAME = "câu {number}"
REPORT_UNANSWERED = "Câu {number} ({label}) chưa được trả lời."
