"""The desk's schedule (handlers/reminders.py): deadline reminders, /late and the late list's
buttons, the daily digest.
"""

__all__ = [
    "BTN_REMIND_NOW",
    "BTN_REOPEN_LATE",
    "DIGEST_BLOCK",
    "DIGEST_FOOTER",
    "DIGEST_HEADER",
    "DIGEST_LATE",
    "DIGEST_LEFT_DAYS",
    "DIGEST_LEFT_TODAY",
    "DIGEST_NEW",
    "DIGEST_NEW_NONE",
    "DIGEST_NEW_UNIT",
    "LATE_AUTO",
    "LATE_BLOCK",
    "LATE_HEADER",
    "LATE_HEADER_OPEN",
    "LATE_NONE",
    "LATE_NOTE_DRAFT",
    "LATE_NOTE_EXTENDED",
    "LATE_NOTE_REMINDED",
    "LATE_NOTE_RETURNED",
    "LATE_UNIT",
    "REMINDER",
    "REMINDER_LATE",
    "REMINDER_LEFT_DAYS",
    "REMINDER_LEFT_TODAY",
    "REMINDER_STATE_DRAFT",
    "REMINDER_STATE_NONE",
    "REMINDER_STATE_RETURNED",
    "REMIND_NOW_DONE",
    "REMIND_NOW_MORE",
    "REMIND_NOW_NONE_SENT",
    "REMIND_NOW_NOTHING",
    "REMIND_NOW_QUEUED",
    "REMIND_NOW_RECENT",
    "REMIND_NOW_SKIPPED",
    "REMIND_NOW_UNBOUND",
    "REOPEN_LATE_DONE",
    "YEAR_REPORT_SUFFIX",
]

YEAR_REPORT_SUFFIX = " (báo cáo năm {year})"

REMINDER = (
    "🔔 <b>Nhắc hạn nộp báo cáo CCHC {label}</b>\n"
    "Đơn vị: <b>{unit}</b>\n"
    "Hạn nộp: <b>{due}</b> ({left}).\n"
    "{state}\n\n"
    "Anh/chị vui lòng dùng /report để hoàn thiện và gửi báo cáo."
)
REMINDER_LEFT_DAYS = "còn {n} ngày"
REMINDER_LEFT_TODAY = "hạn cuối là hôm nay"
REMINDER_STATE_NONE = "Đơn vị chưa lập báo cáo kỳ này."
REMINDER_STATE_DRAFT = "Đơn vị đã lưu bản nháp nhưng chưa nộp báo cáo."
REMINDER_STATE_RETURNED = (
    "Báo cáo của đơn vị đã được Văn phòng Sở trả lại để hoàn thiện và chưa được nộp lại."
)
REMINDER_LATE = (
    "🔔 <b>Báo cáo CCHC {label} của đơn vị đã quá hạn</b>\n"
    "Đơn vị: <b>{unit}</b>\nHạn nộp: {due}.\n"
    "Đề nghị đơn vị liên hệ Văn phòng Sở để được mở lại kỳ báo cáo và hoàn thành báo cáo "
    "trong thời gian sớm nhất."
)
LATE_AUTO = "⏰ Kỳ báo cáo {label} đã hết hạn nộp lúc {due}.\n\n"
LATE_HEADER = (
    "<b>Đơn vị quá hạn chưa nộp báo cáo CCHC {label}</b>\n"
    "Hạn nộp: {due}\nĐã gửi: {reported}/{total} · Quá hạn: <b>{late}</b>"
)
LATE_HEADER_OPEN = (
    "<b>Đơn vị chưa nộp báo cáo CCHC {label}</b>\n"
    "Hạn nộp: {due} ({left})\nĐã gửi: {reported}/{total} · Chưa nộp: <b>{pending}</b>"
)
LATE_BLOCK = "\n<b>{block}</b> ({n}):"
LATE_UNIT = "• {code} — {name}{note}"
LATE_NOTE_DRAFT = " (đang soạn)"
LATE_NOTE_RETURNED = " (bị trả lại, chưa nộp lại)"
LATE_NOTE_EXTENDED = " (được gửi đến {due})"
LATE_NOTE_REMINDED = " · đã nhắc lúc {at}"
LATE_NONE = "✅ Tất cả {total} đơn vị đã gửi báo cáo CCHC {label}."
BTN_REMIND_NOW = "🔔 Nhắc ngay"
BTN_REOPEN_LATE = "🔓 Mở lại {days} ngày và nhắc"
REMIND_NOW_DONE = "🔔 Đã gửi lời nhắc tới {people} người của {units} đơn vị."
REMIND_NOW_QUEUED = (
    "🌙 Đang trong khung giờ không gửi tin ({start}–{end}); lời nhắc tới {people} người của "
    "{units} đơn vị sẽ được gửi lúc {at}."
)
REMIND_NOW_NONE_SENT = "🔔 Chưa gửi lời nhắc nào."
REMIND_NOW_SKIPPED = "\nKhông nhắc {n} đơn vị chưa nộp báo cáo:"
REMIND_NOW_RECENT = "\n• {n} đơn vị vừa được nhắc trong vòng một giờ qua;"
REMIND_NOW_UNBOUND = (
    "\n• {n} đơn vị chưa có ai đăng ký sử dụng bot, cần thông báo bằng cách khác: {units}."
)
REMIND_NOW_MORE = " và {n} đơn vị khác (xem /late)"
REMIND_NOW_NOTHING = "✅ Không có đơn vị nào chưa nộp báo cáo {label}, không cần nhắc."
REOPEN_LATE_DONE = "🔓 Đã mở lại kỳ báo cáo {label} cho {n} đơn vị quá hạn đến {due}."

DIGEST_HEADER = (
    "📊 <b>Tình hình báo cáo CCHC {label}, ngày {day}</b>\n"
    "Hạn nộp: {due}{left}\nĐã gửi: <b>{reported}/{total}</b> đơn vị"
)
DIGEST_LEFT_DAYS = " (còn {n} ngày)"
DIGEST_LEFT_TODAY = " (hạn cuối là hôm nay)"
DIGEST_BLOCK = "• {block}: {reported}/{total}"
DIGEST_NEW = "\n<b>Gửi mới từ {since}</b> ({n}):"
DIGEST_NEW_UNIT = "• {code} — {name} (lần {version}, {at})"
DIGEST_NEW_NONE = "\nKhông có báo cáo mới từ {since}."
DIGEST_LATE = "\n<b>Quá hạn chưa nộp</b> ({n}):"
DIGEST_FOOTER = (
    "\nChi tiết: <code>/status {code}</code> · Đơn vị chưa nộp: <code>/late {code}</code>"
)
