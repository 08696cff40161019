"""Broadcasts: composing, the audience, preview, schedule and /broadcasts
(handlers/broadcast.py); what recipients see, "👍 Đã đọc" and the delivery report
(handlers/broadcast_delivery.py).
"""

__all__ = [
    "ACK_AGAIN",
    "ACK_THANKS",
    "ACK_UNKNOWN",
    "AUD_ALL",
    "AUD_BLOCK",
    "AUD_CODES",
    "AUD_DISTRICT",
    "AUD_HEADS",
    "AUD_LATE",
    "AUD_MEMBERS",
    "BROADCASTS_HEADER",
    "BROADCASTS_LINE",
    "BROADCASTS_NONE",
    "BROADCAST_ALBUM_ACK",
    "BROADCAST_ASK_CODES",
    "BROADCAST_ASK_CONTENT",
    "BROADCAST_ASK_TIME",
    "BROADCAST_BAD_CONTENT",
    "BROADCAST_BAD_TIME",
    "BROADCAST_CANCELLED",
    "BROADCAST_CHOOSE_BLOCK",
    "BROADCAST_CHOOSE_DISTRICT",
    "BROADCAST_CHOOSE_ROLE",
    "BROADCAST_CONFIRM",
    "BROADCAST_DETAIL",
    "BROADCAST_DETAIL_ACKED",
    "BROADCAST_DETAIL_LINE",
    "BROADCAST_DETAIL_NONE",
    "BROADCAST_DETAIL_NOT_ACKED",
    "BROADCAST_DONE",
    "BROADCAST_EXPIRED",
    "BROADCAST_GOT_CONTENT",
    "BROADCAST_NO_RECIPIENTS",
    "BROADCAST_PREVIEW_ACK",
    "BROADCAST_PREVIEW_HEADER",
    "BROADCAST_PROGRESS",
    "BROADCAST_REASON",
    "BROADCAST_SCHEDULED",
    "BROADCAST_SKIPPED",
    "BROADCAST_STATUS",
    "BROADCAST_TIME_PAST",
    "BROADCAST_UNKNOWN",
    "BROADCAST_UNKNOWN_CODES",
    "BROADCAST_USE_BUTTONS",
    "BTN_ACK",
    "BTN_AUD_ALL",
    "BTN_AUD_BLOCK",
    "BTN_AUD_CODES",
    "BTN_AUD_DISTRICT",
    "BTN_AUD_LATE",
    "BTN_BROADCAST_DETAIL",
    "BTN_BROADCAST_NUMBER",
    "BTN_CANCEL",
    "BTN_ROLE_ALL",
    "BTN_ROLE_HEADS",
    "BTN_SAVE_PRACTICE",
    "BTN_SCHEDULE",
    "BTN_SEND_NOW",
    "CONTENT_NAMES",
    "REASON_REFUSED",
    "REASON_TIMEOUT",
    "REASON_TRANSIENT",
]

BTN_ACK = "👍 Đã đọc"
ACK_THANKS = "Cảm ơn anh/chị đã xác nhận đã đọc."
ACK_AGAIN = "Anh/chị đã xác nhận đã đọc bản tin này."
ACK_UNKNOWN = "Không ghi nhận: bản tin này không được gửi tới anh/chị."
BROADCAST_ALBUM_ACK = (
    "📢 Văn phòng Sở gửi đơn vị bản tin trên. Anh/chị vui lòng bấm “👍 Đã đọc” sau khi xem."
)
BROADCAST_ASK_CONTENT = (
    "📢 <b>Soạn bản tin gửi các đơn vị</b>\n"
    "Anh/chị vui lòng gửi nội dung bản tin: một tin nhắn văn bản (giữ nguyên định dạng), "
    "một ảnh kèm chú thích, một tệp văn bản hoặc một album ảnh.\n"
    "Dùng /cancel để huỷ."
)
BROADCAST_BAD_CONTENT = (
    "Bot chỉ gửi được văn bản, ảnh, tệp văn bản hoặc album ảnh/tệp. "
    "Anh/chị vui lòng gửi lại nội dung, hoặc dùng /cancel để huỷ."
)
BROADCAST_GOT_CONTENT = "Đã nhận nội dung ({what}). Anh/chị chọn <b>đơn vị nhận</b> bản tin:"
CONTENT_NAMES = {
    "text": "văn bản",
    "photo": "ảnh",
    "document": "tệp",
    "album": "album {n} mục",
}
BTN_AUD_ALL = "Tất cả đơn vị"
BTN_AUD_BLOCK = "Theo khối"
BTN_AUD_DISTRICT = "Theo huyện, thị xã, thành phố"
BTN_AUD_LATE = "Đơn vị chưa nộp báo cáo {period}"
BTN_AUD_CODES = "Nhập danh sách mã đơn vị"
BTN_CANCEL = "✖️ Huỷ"
BROADCAST_CHOOSE_BLOCK = "Anh/chị chọn khối nhận bản tin:"
BROADCAST_CHOOSE_DISTRICT = "Anh/chị chọn địa bàn nhận bản tin:"
BROADCAST_ASK_CODES = (
    "Anh/chị vui lòng gửi danh sách mã đơn vị, cách nhau bởi dấu phẩy hoặc dấu cách, "
    "ví dụ: <code>THPT-QH, PGD-QN</code>."
)
BROADCAST_UNKNOWN_CODES = "Không có đơn vị mang mã: {codes}. Anh/chị vui lòng gửi lại danh sách."
BROADCAST_CHOOSE_ROLE = (
    "Bản tin gửi tới: <b>{audience}</b>.\nAnh/chị chọn người nhận trong mỗi đơn vị:"
)
BTN_ROLE_HEADS = "Chỉ thủ trưởng đơn vị"
BTN_ROLE_ALL = "Tất cả thành viên đã đăng ký"
AUD_ALL = "tất cả đơn vị"
AUD_BLOCK = "{block}"
AUD_DISTRICT = "các đơn vị tại {district}"
AUD_LATE = "các đơn vị chưa nộp báo cáo {period}"
AUD_CODES = "các đơn vị: {codes}"
AUD_HEADS = "thủ trưởng đơn vị"
AUD_MEMBERS = "tất cả thành viên"
BROADCAST_PREVIEW_HEADER = "👁 <b>Bản xem trước</b> — các đơn vị sẽ nhận đúng như dưới đây:"
BROADCAST_CONFIRM = (
    "📢 Bản tin sẽ gửi tới <b>{count}</b> người nhận ({units} đơn vị) — {audience}, "
    "{roles}.{skipped}\nAnh/chị xác nhận gửi?"
)
BROADCAST_SKIPPED = "\nKhông gửi tới {n} người đã chặn bot."
BROADCAST_NO_RECIPIENTS = (
    "Không có người nhận nào trong phạm vi đã chọn (chưa có thành viên đăng ký hoặc đã chặn "
    "bot). Anh/chị vui lòng chọn lại đơn vị nhận."
)
BTN_SEND_NOW = "✅ Gửi ngay"
BTN_SCHEDULE = "🕒 Hẹn giờ gửi"
BROADCAST_ASK_TIME = (
    "Anh/chị vui lòng gửi thời điểm gửi bản tin theo dạng <code>dd/mm/yyyy hh:mm</code>, "
    "ví dụ <code>{example}</code> (giờ Việt Nam)."
)
BROADCAST_BAD_TIME = (
    "“{text}” chưa đúng dạng <code>dd/mm/yyyy hh:mm</code> hoặc không phải ngày giờ có thật. "
    "Bản tin vẫn được giữ nguyên; anh/chị vui lòng gửi lại thời điểm, ví dụ "
    "<code>{example}</code>, hoặc dùng /cancel để huỷ."
)
BROADCAST_TIME_PAST = (
    "Thời điểm {at} đã qua (bây giờ là {now}). Bản tin vẫn được giữ nguyên; anh/chị vui lòng "
    "gửi một thời điểm sau thời điểm hiện tại, hoặc dùng /cancel để huỷ."
)
BROADCAST_SCHEDULED = (
    "🕒 <b>Bản tin số {id}</b> sẽ được gửi lúc {at} tới {count} người nhận ({audience})."
)
BROADCAST_CANCELLED = "Đã huỷ soạn bản tin."
BROADCAST_EXPIRED = "Phiên soạn bản tin đã kết thúc. Anh/chị dùng /broadcast để soạn lại."
BROADCAST_PROGRESS = (
    "📢 <b>Bản tin số {id}</b> — {audience}\nĐang gửi {done}/{total} … {percent} %"
)
BROADCAST_DONE = (
    "✅ <b>Bản tin số {id}</b> — {audience}\n"
    "Đã gửi xong lúc {at}.\n"
    "• Đã nhận: <b>{sent}</b>/{total}\n"
    "• Đã chặn bot: {blocked}\n"
    "• Không gửi được: {failed}"
)
BROADCAST_REASON = "\n   – {reason}: {n}"
BTN_BROADCAST_DETAIL = "📋 Ai đã đọc"
BTN_SAVE_PRACTICE = "💾 Lưu vào thư viện điển hình"
BROADCASTS_NONE = "Chưa có bản tin nào."
BROADCASTS_HEADER = "<b>Các bản tin gần đây</b>"
BROADCASTS_LINE = (
    "\n<b>Số {id}</b> · {at} · {audience}\n"
    "   {status} · đã nhận {sent}/{total} · chặn bot {blocked} · lỗi {failed} · đã đọc {acks}"
)
BROADCAST_STATUS = {
    "scheduled": "🕒 hẹn gửi {at}",
    "sending": "⏳ đang gửi",
    "done": "✅ đã gửi xong",
    "cancelled": "✖️ đã huỷ",
}
BTN_BROADCAST_NUMBER = "Số {id}"
BROADCAST_DETAIL = (
    "📋 <b>Bản tin số {id}</b> — {audience}\nĐã đọc: <b>{acked}</b>/{delivered} người đã nhận."
)
BROADCAST_DETAIL_ACKED = "\n<b>Đã xác nhận đọc:</b>"
BROADCAST_DETAIL_NOT_ACKED = "\n<b>Chưa xác nhận đọc:</b>"
BROADCAST_DETAIL_LINE = "• {unit} — {name}"
BROADCAST_DETAIL_NONE = "• (không có)"
BROADCAST_UNKNOWN = "Không tìm thấy bản tin số {id}."
REASON_TRANSIENT = "Máy chủ Telegram lỗi hoặc mất kết nối (đã thử {n} lần)"
REASON_TIMEOUT = "Quá thời gian chờ phản hồi"
REASON_REFUSED = "Telegram từ chối: {detail}"

BROADCAST_PREVIEW_ACK = "Đây là bản xem trước; các đơn vị sẽ bấm nút này để xác nhận đã đọc."
BROADCAST_USE_BUTTONS = (
    "Anh/chị vui lòng chọn bằng các nút ở tin nhắn trên, hoặc dùng /cancel để huỷ."
)
