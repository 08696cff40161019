"""The office's periods (handlers/desk_periods.py): /period (list, open, close, deadline) and
/reopen for one unit.
"""

__all__ = [
    "BTN_PERIOD_CLOSE",
    "BTN_PERIOD_DUE",
    "BTN_PERIOD_OPEN",
    "NO_MEMBERS_NOTE",
    "PERIODS_HEADER",
    "PERIODS_LINE",
    "PERIOD_ACTIONS",
    "PERIOD_BAD_DATE",
    "PERIOD_CARD",
    "PERIOD_CLOSED_DONE",
    "PERIOD_DUE_ASK",
    "PERIOD_DUE_BEFORE_CUTOFF",
    "PERIOD_DUE_CANCELLED",
    "PERIOD_DUE_LABEL",
    "PERIOD_DUE_NOTICE",
    "PERIOD_DUE_PAST",
    "PERIOD_DUE_SECOND_WORDS",
    "PERIOD_DUE_SET",
    "PERIOD_DUE_TOLD",
    "PERIOD_DUE_TOLD_NONE",
    "PERIOD_DUE_UNTOLD",
    "PERIOD_EXTENDED",
    "PERIOD_OPENED",
    "PERIOD_OPENED_PAST",
    "PERIOD_STATUS_CLOSED",
    "PERIOD_STATUS_OPEN",
    "PERIOD_STATUS_PAST",
    "PERIOD_USAGE",
    "REOPEN_DONE",
    "REOPEN_NOT_NEEDED",
    "REOPEN_NO_PERIOD",
    "REOPEN_UNIT_NOTICE",
    "REOPEN_USAGE",
    "YEAR_REPORT_NOTE",
]

YEAR_REPORT_NOTE = " — đồng thời là báo cáo năm {year}"
PERIOD_USAGE = (
    "Cú pháp:\n"
    "<code>/period</code> — các kỳ báo cáo gần đây\n"
    "<code>/period quý II/2025</code> — xem một kỳ, kèm nút mở, đóng, đổi hạn nộp\n"
    "<code>/period quý II/2025 mở [dd/mm/yyyy [hh:mm]]</code> — mở kỳ (kèm hạn nộp mới nếu "
    "cần)\n"
    "<code>/period quý II/2025 đóng</code> — đóng kỳ, dừng nhận báo cáo\n"
    "<code>/period quý II/2025 hạn dd/mm/yyyy [hh:mm]</code> — đặt hạn nộp "
    "(nếu không ghi giờ, hạn nộp là 23:59 của ngày đó)\n"
    "Kỳ cũng ghi được như <code>2025-Q2</code>; lệnh cũng nhận <code>open</code>, "
    "<code>close</code>, <code>due</code>."
)
PERIODS_HEADER = "<b>Các kỳ báo cáo CCHC</b> (chọn một kỳ để mở, đóng hoặc đổi hạn nộp)"
PERIODS_LINE = "• <b>{label}</b> (<code>{code}</code>) — hạn nộp {due}, {status}"
PERIOD_CARD = (
    "<b>Kỳ báo cáo {label}</b>{year_note}\n"
    "Mã kỳ: <code>{code}</code>\n"
    "Số liệu từ ngày {data_from} đến ngày {data_to}\n"
    "Hạn nộp: <b>{due}</b>\n"
    "Trạng thái: {status}\n"
    "Đã gửi: {reported}/{total} đơn vị"
)
PERIOD_STATUS_OPEN = "đang nhận báo cáo"
PERIOD_STATUS_PAST = "đã hết hạn nộp"
PERIOD_STATUS_CLOSED = "đã đóng"
PERIOD_EXTENDED = "Mở lại cho {n} đơn vị: {units}"
BTN_PERIOD_OPEN = "🔓 Mở kỳ"
BTN_PERIOD_CLOSE = "🔒 Đóng kỳ"
BTN_PERIOD_DUE = "📅 Đổi hạn nộp"
PERIOD_OPENED = "🔓 Đã mở kỳ báo cáo {label}. Hạn nộp: {due}."
PERIOD_OPENED_PAST = (
    "🔓 Đã mở kỳ báo cáo {label}, nhưng hạn nộp ({due}) đã qua nên đơn vị chưa nộp được. "
    "Vui lòng đặt hạn nộp mới."
)
PERIOD_CLOSED_DONE = (
    "🔒 Đã đóng kỳ báo cáo {label}: các đơn vị không gửi được báo cáo kỳ này nữa, trừ đơn vị "
    "được mở lại bằng /reopen."
)
PERIOD_DUE_SET = (
    "📅 Đã đặt hạn nộp kỳ báo cáo {label}: <b>{due}</b>. Lịch nhắc hạn được lập lại theo hạn mới."
)
PERIOD_DUE_NOTICE = (
    "📅 Văn phòng Sở đã đổi hạn nộp báo cáo CCHC {label}: hạn mới là <b>{due}</b> "
    "(trước đây: {before}).\nĐơn vị <b>{unit}</b> chưa hoàn thành báo cáo kỳ này; anh/chị "
    "dùng /report để lập, hoàn thiện và gửi báo cáo."
)
PERIOD_DUE_TOLD = (
    "📣 Đang gửi thông báo hạn nộp mới tới {people} người của {units} đơn vị chưa nộp báo cáo."
)
PERIOD_DUE_LABEL = "Thông báo hạn nộp mới kỳ báo cáo {label}"
PERIOD_DUE_TOLD_NONE = "Không có đơn vị chưa nộp báo cáo nào cần thông báo hạn nộp mới."
PERIOD_DUE_UNTOLD = (
    "\nLưu ý: {n} đơn vị chưa nộp báo cáo chưa có ai đăng ký dùng bot; vui lòng thông báo "
    "cho các đơn vị này bằng cách khác: {units}."
)
PERIOD_DUE_ASK = (
    "Vui lòng nhập hạn nộp mới cho kỳ báo cáo {label} theo dạng <code>dd/mm/yyyy</code> hoặc "
    "<code>dd/mm/yyyy hh:mm</code> (hiện tại: {due}). Dùng /cancel để huỷ."
)
PERIOD_BAD_DATE = (
    "Không đọc được ngày giờ “{text}”. Vui lòng ghi theo dạng <code>dd/mm/yyyy</code> hoặc "
    "<code>dd/mm/yyyy hh:mm</code>, ví dụ <code>20/06/2025</code>."
)
PERIOD_DUE_BEFORE_CUTOFF = (
    "Hạn nộp phải sau ngày chốt số liệu của kỳ ({data_to}). Vui lòng nhập lại."
)
PERIOD_DUE_PAST = (
    "Thời điểm này đã qua. Vui lòng nhập một hạn nộp trong tương lai; để dừng nhận báo cáo, "
    "dùng <code>/period {code} close</code>."
)
PERIOD_DUE_CANCELLED = "Đã huỷ việc đổi hạn nộp."
REOPEN_USAGE = (
    "Cú pháp: <code>/reopen MÃ_ĐƠN_VỊ [số ngày] [kỳ]</code>, ví dụ "
    "<code>/reopen THPT-QH 3 2025-Q1</code>: đơn vị được gửi báo cáo đến hết ngày thứ N "
    "kể từ hôm nay (mặc định {days} ngày; kỳ mặc định: kỳ gần nhất đã hết hạn nộp)."
)
REOPEN_NO_PERIOD = "Không có kỳ báo cáo nào đã hết hạn nộp để mở lại. Vui lòng ghi rõ kỳ."
REOPEN_DONE = (
    "🔓 Đã mở lại kỳ báo cáo {label} cho <b>{unit}</b> ({code}) đến <b>{due}</b>. "
    "Đơn vị đã được thông báo."
)
REOPEN_NOT_NEEDED = (
    "<b>{unit}</b> ({code}) vẫn đang được gửi báo cáo {label} đến {due}; không cần mở lại."
)
REOPEN_UNIT_NOTICE = (
    "🔓 Văn phòng Sở đã mở lại kỳ báo cáo CCHC {label} cho <b>{unit}</b>. Đơn vị có thể gửi "
    "báo cáo đến <b>{due}</b>.\nAnh/chị dùng /report để lập hoặc hoàn thiện báo cáo."
)
NO_MEMBERS_NOTE = (
    "\nLưu ý: đơn vị chưa có ai đăng ký sử dụng bot; vui lòng thông báo cho đơn vị bằng cách khác."
)

# /period's actions in English and in Vietnamese, with or without diacritics.
PERIOD_ACTIONS = {
    "show": "show",
    "xem": "show",
    "open": "open",
    "mở": "open",
    "mo": "open",
    "close": "close",
    "đóng": "close",
    "dong": "close",
    "due": "due",
    "hạn": "due",
    "han": "due",
    "deadline": "due",
}
# "hạn nộp 20/06/2025": the second word when the deadline is named in two.
PERIOD_DUE_SECOND_WORDS = {"nộp", "nop"}
