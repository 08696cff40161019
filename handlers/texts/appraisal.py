"""Appraisal and explanations (handlers/appraisal.py): /appraise, the notice a unit gets,
/explain, /explanations and /close_explanation.
"""

__all__ = [
    "APPRAISE_BEFORE",
    "APPRAISE_DONE",
    "APPRAISE_NOTICE",
    "APPRAISE_REFUSED",
    "APPRAISE_SHEET_APPRAISED",
    "APPRAISE_SHEET_FOOTER",
    "APPRAISE_SHEET_GROUP",
    "APPRAISE_SHEET_HEADER",
    "APPRAISE_SHEET_LINE",
    "APPRAISE_SHEET_NA",
    "APPRAISE_SHEET_NO_REPORT",
    "APPRAISE_USAGE",
    "BTN_CLOSE_EXPLANATION",
    "BTN_EXPLAIN",
    "CLOSED_MARK",
    "CLOSED_NOTICE",
    "CLOSED_RESPONSE",
    "CLOSE_REFUSED",
    "CLOSE_USAGE",
    "EXPLAIN_ASK",
    "EXPLAIN_BUSY_REPORT",
    "EXPLAIN_CANCELLED",
    "EXPLAIN_LIST_HEADER",
    "EXPLAIN_LIST_LINE",
    "EXPLAIN_NONE",
    "EXPLAIN_OFFICE_NOTICE",
    "EXPLAIN_REFUSED",
    "EXPLAIN_SENT",
    "EXPLAIN_TEXT_ONLY",
    "EXPLANATIONS_HEADER",
    "EXPLANATIONS_MORE",
    "EXPLANATIONS_NONE",
    "EXPLANATION_CLOSED",
    "NO_POINTS",
]

APPRAISE_USAGE = (
    "Cú pháp:\n"
    "• <code>/appraise MÃ_ĐƠN_VỊ [KỲ]</code> — xem điểm từng tiêu chí của đơn vị;\n"
    "• <code>/appraise MÃ_ĐƠN_VỊ [KỲ] TIÊU_CHÍ ĐIỂM LÝ DO</code> — nhập điểm thẩm định, "
    "ví dụ <code>/appraise THPT-QH 2025-Q1 report_quality 4,5 Báo cáo gửi chậm 2 ngày</code>.\n"
    "Nếu không ghi kỳ, bot hiểu là quý hiện tại."
)
APPRAISE_SHEET_HEADER = (
    "<b>Bảng điểm {period} — {unit}</b>\nĐiểm theo báo cáo: {reported} · Sau thẩm định: {final}"
)
APPRAISE_SHEET_NO_REPORT = "<i>Đơn vị chưa nộp báo cáo {period}.</i>"
APPRAISE_SHEET_GROUP = "\n<b>{title}</b>"
APPRAISE_SHEET_LINE = "<code>{key}</code> {title}: {reported}/{max}{appraised}"
APPRAISE_SHEET_APPRAISED = " → ✍️ <b>{points}</b> ({reason})"
APPRAISE_SHEET_NA = "<code>{key}</code> {title}: không áp dụng"
APPRAISE_SHEET_FOOTER = (
    "\nNhập điểm thẩm định: <code>/appraise {unit} {period} TIÊU_CHÍ ĐIỂM LÝ DO</code>"
)
NO_POINTS = "—"
APPRAISE_REFUSED = "Không ghi được điểm thẩm định: {reason}."
APPRAISE_DONE = (
    "✅ Đã thẩm định tiêu chí “{title}” của {unit} ({period}): <b>{points}/{max}</b> điểm"
    "{before}. Đã báo cho {sent} thành viên của đơn vị."
)
APPRAISE_BEFORE = " (trước đó {points})"

APPRAISE_NOTICE = (
    "✍️ <b>Văn phòng Sở đã thẩm định điểm của đơn vị {period}</b>\n"
    "Tiêu chí: {title}\n"
    "Điểm theo báo cáo của đơn vị: {reported} · Điểm thẩm định: <b>{points}/{max}</b>\n"
    "Lý do: {reason}\n\n"
    "Nếu chưa thống nhất, anh/chị bấm “Giải trình” để gửi ý kiến cho Văn phòng Sở."
)
BTN_EXPLAIN = "✍️ Giải trình"
BTN_CLOSE_EXPLANATION = "✅ Đã xem xét, đóng"
EXPLAIN_NONE = (
    "Đơn vị chưa có tiêu chí nào được Văn phòng Sở điều chỉnh điểm trong các quý gần đây."
)
EXPLAIN_LIST_HEADER = (
    "<b>Các tiêu chí được điều chỉnh khi thẩm định {period}</b>\n"
    "Điểm theo báo cáo → điểm thẩm định. Bấm vào tiêu chí để gửi giải trình."
)
EXPLAIN_LIST_LINE = "• {title}: {reported} → <b>{points}</b>/{max} ({reason})"
EXPLAIN_ASK = (
    "Anh/chị vui lòng gửi nội dung giải trình cho tiêu chí “{title}” ({period}) trong "
    "một tin nhắn, tối đa {limit} ký tự. Dùng /cancel để huỷ."
)
EXPLAIN_BUSY_REPORT = (
    "Anh/chị đang lập báo cáo. Vui lòng dùng /cancel để tạm dừng (bản nháp được giữ) rồi "
    "bấm lại nút “Giải trình”."
)
EXPLAIN_TEXT_ONLY = "Vui lòng gửi nội dung giải trình bằng văn bản (một tin nhắn)."
EXPLAIN_REFUSED = "Chưa gửi được giải trình: {reason}. Anh/chị vui lòng gửi lại."
EXPLAIN_SENT = (
    "✅ Đã gửi giải trình số {id} về tiêu chí “{title}” ({period}) tới Văn phòng Sở. "
    "Anh/chị sẽ nhận được thông báo khi Văn phòng Sở xem xét xong."
)
EXPLAIN_CANCELLED = "Đã huỷ việc gửi giải trình."
EXPLAIN_OFFICE_NOTICE = (
    "📝 <b>Giải trình số {id}</b> của {unit} ({period})\n"
    "Tiêu chí: {title}\nĐiểm theo báo cáo: {reported} · Điểm thẩm định: {points}/{max}\n"
    "Nội dung: {text}\n\n"
    "Đóng kèm phản hồi: <code>/close_explanation {id} nội dung phản hồi</code>"
)
EXPLANATIONS_NONE = "Không có giải trình nào đang chờ xem xét."
EXPLANATIONS_HEADER = "<b>Giải trình đang chờ xem xét: {count}</b>"
EXPLANATIONS_MORE = (
    "… và {count} giải trình khác. Anh/chị vui lòng đóng các giải trình đã xem xét rồi dùng "
    "lại /explanations."
)
CLOSE_USAGE = (
    "Cú pháp: <code>/close_explanation SỐ [nội dung phản hồi]</code>, ví dụ "
    "<code>/close_explanation 12 Đã điều chỉnh lại điểm</code>."
)
CLOSE_REFUSED = "Không đóng được giải trình: {reason}."
EXPLANATION_CLOSED = "✅ Đã đóng giải trình số {id} của {unit}."
CLOSED_MARK = "\n\n✅ <i>Đã đóng.</i>"
CLOSED_NOTICE = (
    "📬 Văn phòng Sở đã xem xét giải trình số {id} về tiêu chí “{title}” ({period}).{response}"
    "\nDùng /standing để xem kết quả hiện tại."
)
CLOSED_RESPONSE = "\nPhản hồi: {response}"
