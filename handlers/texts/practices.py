"""The practice library (handlers/practices.py): /practices, saving a broadcast into it,
/nominate and the office's /nominations.
"""

__all__ = [
    "BTN_ALL_TAGS",
    "BTN_APPROVE",
    "BTN_APPROVE_BROADCAST",
    "BTN_NEXT",
    "BTN_PRACTICE_DONE",
    "BTN_PRACTICE_OPEN",
    "BTN_PRACTICE_SKIP",
    "BTN_PREV",
    "BTN_REJECT",
    "NOMINATE_ASK_DESCRIPTION",
    "NOMINATE_ASK_FILE",
    "NOMINATE_ASK_TAGS",
    "NOMINATE_ASK_TITLE",
    "NOMINATE_CANCELLED",
    "NOMINATE_DESCRIPTION_BAD",
    "NOMINATE_FILE_ONLY",
    "NOMINATE_SENT",
    "NOMINATE_TEXT_ONLY",
    "NOMINATIONS_MORE",
    "NOMINATIONS_NONE",
    "NOMINATION_APPROVED",
    "NOMINATION_APPROVED_BROADCAST",
    "NOMINATION_ASK_REASON",
    "NOMINATION_DECIDED",
    "NOMINATION_OFFICE_NOTICE",
    "NOMINATION_REASON_LONG",
    "NOMINATION_REJECTED",
    "NOMINATION_TOLD_APPROVED",
    "NOMINATION_TOLD_REJECTED",
    "NOMINATION_VIEW",
    "PRACTICES_EMPTY",
    "PRACTICES_FILTER_TAG",
    "PRACTICES_FILTER_WORDS",
    "PRACTICES_HEADER",
    "PRACTICES_HINT",
    "PRACTICES_PAGE",
    "PRACTICE_ASK_TAGS",
    "PRACTICE_ASK_TITLE",
    "PRACTICE_ASK_UNIT",
    "PRACTICE_LINE",
    "PRACTICE_LINE_TAGS",
    "PRACTICE_LINE_UNIT",
    "PRACTICE_SAVED",
    "PRACTICE_TITLE_BAD",
    "PRACTICE_UNKNOWN",
    "PRACTICE_VIEW",
]

PRACTICE_ASK_TITLE = (
    "💾 Lưu bản tin số {id} vào thư viện điển hình.\n"
    "Anh/chị vui lòng gửi <b>tên mô hình, điển hình</b>:"
)
PRACTICE_ASK_UNIT = (
    "Anh/chị vui lòng gửi <b>mã đơn vị</b> được nêu gương (ví dụ <code>THPT-QH</code>), "
    "hoặc bấm “Bỏ qua”."
)
PRACTICE_ASK_TAGS = "Anh/chị chọn <b>lĩnh vực</b> (có thể chọn nhiều), rồi bấm “Xong”:"
BTN_PRACTICE_DONE = "✅ Xong"
BTN_PRACTICE_SKIP = "Bỏ qua"
PRACTICE_SAVED = "✅ Đã lưu vào thư viện điển hình: <b>{title}</b> (số {id})."
PRACTICE_UNKNOWN = "Mô hình này không có (hoặc không còn) trong thư viện điển hình."
PRACTICE_TITLE_BAD = "Tên mô hình cần từ 3 đến 200 ký tự. Anh/chị vui lòng gửi lại."
PRACTICES_HEADER = "📚 <b>Thư viện điển hình tiên tiến, mô hình hay</b>"
PRACTICES_FILTER_TAG = "Lĩnh vực: <b>{tag}</b>"
PRACTICES_FILTER_WORDS = "Tìm: <b>{words}</b>"
PRACTICES_EMPTY = "Chưa có mô hình nào phù hợp."
PRACTICES_PAGE = "Trang {page}/{pages} · {total} mô hình"
PRACTICES_HINT = (
    "Chọn lĩnh vực bên dưới, hoặc tìm theo từ khoá: <code>/practices chuyển đổi số</code> "
    "(gõ có dấu hoặc không dấu đều được)."
)
PRACTICE_LINE = "\n<b>{n}. {title}</b>{unit}{tags}"
PRACTICE_LINE_UNIT = "\n   Đơn vị: {unit}"
PRACTICE_LINE_TAGS = "\n   Lĩnh vực: {tags}"
BTN_PREV = "◀️ Trước"
BTN_NEXT = "Sau ▶️"
BTN_ALL_TAGS = "Tất cả"
BTN_PRACTICE_OPEN = "Xem số {n}"
PRACTICE_VIEW = "📌 <b>{title}</b>{unit}{tags}\n\n{description}"
NOMINATE_ASK_TITLE = (
    "🌟 <b>Đề xuất mô hình hay, điển hình tiên tiến</b>\n"
    "Anh/chị vui lòng gửi <b>tên mô hình</b> (3–200 ký tự). Dùng /cancel để huỷ."
)
NOMINATE_ASK_DESCRIPTION = (
    "Anh/chị vui lòng gửi <b>nội dung mô tả</b> mô hình: cách làm, kết quả đạt được "
    "(một tin nhắn, tối đa {max} ký tự)."
)
NOMINATE_ASK_FILE = (
    "Anh/chị có thể gửi kèm <b>một ảnh hoặc một tệp</b> minh hoạ, hoặc bấm “Bỏ qua”."
)
NOMINATE_ASK_TAGS = PRACTICE_ASK_TAGS
NOMINATE_TEXT_ONLY = "Vui lòng gửi nội dung bằng văn bản."
NOMINATE_FILE_ONLY = "Vui lòng gửi một ảnh hoặc một tệp, hoặc bấm “Bỏ qua”."
NOMINATE_SENT = (
    "✅ Đã gửi đề xuất số {id} “{title}” tới Văn phòng Sở. Anh/chị sẽ nhận được thông báo "
    "khi Văn phòng Sở xem xét xong."
)
NOMINATE_CANCELLED = "Đã huỷ đề xuất."
NOMINATION_OFFICE_NOTICE = (
    "🌟 <b>Đề xuất mô hình hay số {id}</b> của {unit}: “{title}”.\nDùng /nominations để xem xét."
)
NOMINATIONS_NONE = "Không có đề xuất nào đang chờ duyệt."
NOMINATION_VIEW = (
    "🌟 <b>Đề xuất số {id}</b> — {unit}\n"
    "Gửi lúc {at}\n"
    "Tên mô hình: <b>{title}</b>\nLĩnh vực: {tags}\n\n{description}"
)
NOMINATIONS_MORE = "Còn {n} đề xuất khác đang chờ duyệt."
BTN_APPROVE = "✅ Duyệt, đưa vào thư viện"
BTN_APPROVE_BROADCAST = "📢 Duyệt và gửi tới tất cả đơn vị"
BTN_REJECT = "✖️ Không duyệt"
NOMINATION_ASK_REASON = (
    "Anh/chị vui lòng gửi <b>lý do</b> không duyệt đề xuất số {id} (một tin nhắn):"
)
NOMINATION_APPROVED = "✅ Đã duyệt đề xuất số {id}, đưa vào thư viện điển hình."
NOMINATION_APPROVED_BROADCAST = (
    "✅ Đã duyệt đề xuất số {id} và gửi tới {count} người nhận (bản tin số {broadcast})."
)
NOMINATION_REJECTED = "Đã trả lời đơn vị: đề xuất số {id} không được duyệt."
NOMINATION_DECIDED = "Đề xuất số {id} đã được xem xét trước đó."
NOMINATION_TOLD_APPROVED = (
    "🎉 Đề xuất mô hình “{title}” (số {id}) của đơn vị đã được Văn phòng Sở duyệt và đưa vào "
    "thư viện điển hình. Xem tại /practices."
)
NOMINATION_TOLD_REJECTED = (
    "Đề xuất mô hình “{title}” (số {id}) của đơn vị chưa được Văn phòng Sở duyệt.\nLý do: {reason}"
)
NOMINATION_REASON_LONG = (
    "Lý do dài {n} ký tự, vượt giới hạn {max} ký tự. Anh/chị vui lòng gửi lý do ngắn gọn hơn."
)
NOMINATE_DESCRIPTION_BAD = "Nội dung mô tả cần từ 3 đến {max} ký tự. Anh/chị vui lòng gửi lại."
