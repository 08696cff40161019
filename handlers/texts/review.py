"""The office reviews submitted reports (handlers/review.py): /review, accept or return, and
what the unit is told.
"""

__all__ = [
    "BTN_ACCEPT",
    "BTN_RETURN",
    "BTN_REVIEW",
    "DESK_STATUS_NAMES",
    "REVIEW_ACCEPTED",
    "REVIEW_ASK_COMMENT",
    "REVIEW_CANCELLED",
    "REVIEW_COMMENT_EMPTY",
    "REVIEW_CRITERION_ITEM",
    "REVIEW_DECIDED",
    "REVIEW_DECIDED_COMMENT",
    "REVIEW_DECISION_NAMES",
    "REVIEW_DECLINED",
    "REVIEW_HEADER",
    "REVIEW_NOTHING",
    "REVIEW_NOTHING_PERIOD",
    "REVIEW_PENDING",
    "REVIEW_PENDING_ITEM",
    "REVIEW_RETURNED",
    "REVIEW_RETURNED_REOPENED",
    "REVIEW_STALE",
    "REVIEW_UNKNOWN_REPORT",
    "REVIEW_USAGE",
    "UNIT_ACCEPTED",
    "UNIT_RETURNED",
]

REVIEW_UNKNOWN_REPORT = "Không tìm thấy báo cáo này. Anh/chị dùng /review MÃ_ĐƠN_VỊ để xem."
REVIEW_USAGE = (
    "Cú pháp: <code>/review MÃ_ĐƠN_VỊ [kỳ]</code>, ví dụ <code>/review THPT-QH 2025-Q1</code> "
    "(kỳ mặc định: kỳ gần nhất đơn vị đã gửi báo cáo)."
)
REVIEW_NOTHING = "{unit} chưa nộp báo cáo CCHC nào để xem xét."
REVIEW_NOTHING_PERIOD = "{unit} chưa nộp báo cáo CCHC {label}."
REVIEW_HEADER = (
    "<b>Xem xét báo cáo CCHC {label}</b>\nĐơn vị: <b>{unit}</b> ({code})\n"
    "Lần gửi: {version} · {at}\nSố tiếp nhận: <code>{reference}</code>\n"
    "Tình trạng: <b>{status}</b>"
)
REVIEW_DECIDED = "{decision} lúc {at}{comment}"
REVIEW_DECLINED = (
    "⚠️ Tiêu chí không tính theo số liệu đơn vị khai (không phát sinh, không áp dụng): "
    "{criteria}. Các tiêu chí này ({points} điểm) ra khỏi điểm tối đa: chỉ số {index} tính "
    "trên {max} điểm; nếu tính 0 điểm cho chúng, chỉ số là {counted}. Đề nghị đối chiếu "
    "số liệu; Văn phòng Sở có thể thẩm định lại bằng /appraise."
)
REVIEW_CRITERION_ITEM = "{title} ({max} điểm; {detail})"
REVIEW_PENDING = "⏳ Chờ Văn phòng Sở chấm (chưa tính vào chỉ số tạm tính): {criteria}."
REVIEW_PENDING_ITEM = "{title} [{key}], {max} điểm"
REVIEW_DECIDED_COMMENT = ". Ý kiến: “{comment}”"
REVIEW_DECISION_NAMES = {"accepted": "Đã chấp nhận", "returned": "Đã trả lại"}
DESK_STATUS_NAMES = {
    "accepted": "đã chấp nhận",
    "submitted": "đã gửi, chờ xem xét",
    "returned": "đã trả lại, chờ đơn vị gửi lại",
    "draft": "đang soạn",
    "none": "chưa nộp",
    "late": "quá hạn chưa nộp",
}
BTN_ACCEPT = "✅ Chấp nhận"
BTN_RETURN = "↩️ Trả lại kèm ý kiến"
BTN_REVIEW = "🔎 Xem xét"
REVIEW_ASK_COMMENT = (
    "Vui lòng nhập ý kiến của Văn phòng Sở gửi <b>{unit}</b> (nội dung cần chỉnh sửa, bổ "
    "sung) trong một tin nhắn. Dùng /cancel để huỷ."
)
REVIEW_COMMENT_EMPTY = (
    "Ý kiến không được để trống. Vui lòng nhập nội dung cần đơn vị chỉnh sửa, bổ sung."
)
REVIEW_CANCELLED = "Đã huỷ việc trả lại báo cáo."
REVIEW_ACCEPTED = (
    "✅ Đã chấp nhận báo cáo {label} của <b>{unit}</b> (lần {version}). Đơn vị đã được thông báo."
)
REVIEW_RETURNED = (
    "↩️ Đã trả lại báo cáo {label} của <b>{unit}</b> (lần {version}). Đơn vị được gửi lại "
    "đến {due}{reopened}. Đơn vị đã được thông báo."
)
REVIEW_RETURNED_REOPENED = " (kỳ báo cáo đã được mở lại cho đơn vị)"
REVIEW_STALE = (
    "{unit} vừa gửi phiên bản báo cáo mới hơn; vui lòng xem lại: "
    "<code>/review {code} {period}</code>."
)
UNIT_ACCEPTED = (
    "✅ Báo cáo CCHC {label} của <b>{unit}</b> (lần gửi {version}, số <code>{reference}</code>) "
    "đã được Văn phòng Sở chấp nhận."
)
UNIT_RETURNED = (
    "↩️ <b>Báo cáo CCHC {label} của {unit} được trả lại để hoàn thiện</b>\n"
    "Lần gửi: {version}, số <code>{reference}</code>\n"
    "Ý kiến của Văn phòng Sở: <i>{comment}</i>\n\n"
    "Anh/chị vui lòng dùng /report để chỉnh sửa (các câu trả lời đã gửi được giữ nguyên) "
    "và gửi lại trước <b>{due}</b>."
)
