"""/publish, a guided and confirmed decision (handlers/publish.py), and the notice units get."""

__all__ = [
    "ALREADY_PUBLISHED",
    "BTN_PUBLISH_CANCEL",
    "BTN_PUBLISH_CONFIRM",
    "PUBLISHED",
    "PUBLISH_ASK_DATE",
    "PUBLISH_ASK_NUMBER_QUARTER",
    "PUBLISH_ASK_NUMBER_YEAR",
    "PUBLISH_BAD_DATE",
    "PUBLISH_BAD_NUMBER",
    "PUBLISH_BUSY",
    "PUBLISH_CANCELLED",
    "PUBLISH_COVERAGE",
    "PUBLISH_COVERAGE_EVERY",
    "PUBLISH_COVERAGE_RETURNED",
    "PUBLISH_FUTURE_PERIOD",
    "PUBLISH_LABEL",
    "PUBLISH_NOTICE",
    "PUBLISH_NOT_RANKED",
    "PUBLISH_OPEN_PERIOD",
    "PUBLISH_OPEN_UNITS",
    "PUBLISH_OPEN_WARNING",
    "PUBLISH_PRESS_BUTTON",
    "PUBLISH_RESULT",
    "PUBLISH_RETRY_DATE",
    "PUBLISH_RETRY_NUMBER",
    "PUBLISH_STALE",
    "PUBLISH_STALE_SHORT",
    "PUBLISH_SUMMARY",
    "PUBLISH_USAGE",
    "PUBLISH_YTD",
]

PUBLISH_USAGE = (
    "Cú pháp: <code>/publish KỲ</code> — <code>/publish 2025-Q4</code> công bố kết quả "
    "theo dõi quý IV/2025, <code>/publish 2025</code> công bố Chỉ số CCHC năm 2025. Bot sẽ "
    "hỏi số, ngày văn bản và xin xác nhận trước khi công bố."
)
PUBLISH_YTD = (
    "Kết quả lũy kế năm ({scope}) chỉ để Văn phòng Sở theo dõi, không được công bố. "
    "Anh/chị công bố kết quả theo dõi quý (ví dụ <code>/publish {year}-Q4</code>) hoặc Chỉ số "
    "CCHC năm (ví dụ <code>/publish {year}</code>)."
)
PUBLISH_BUSY = (
    "Anh/chị đang làm dở một thao tác khác. Vui lòng hoàn tất hoặc gửi /cancel rồi dùng lại "
    "<code>/publish</code>."
)
ALREADY_PUBLISHED = "{result} đã được công bố trước đó, {how}."
PUBLISH_COVERAGE = (
    "📋 <b>Công bố {result}</b>\n"
    "<i>Hiện là kết quả tạm tính, chưa công bố.</i>\n\n"
    "<b>Tình hình số liệu:</b>\n"
    "• Đơn vị trong danh sách: {units}\n"
    "• Đơn vị đã gửi báo cáo: {reported}/{units}{every}\n"
    "• Báo cáo đã được Văn phòng Sở duyệt: {accepted}/{reports}\n"
    "• Đơn vị đã được thẩm định đủ các tiêu chí do Văn phòng Sở chấm: {appraised}/{reported}\n"
    "• Đơn vị còn có thể gửi, sửa báo cáo: {open}{returned}"
)
PUBLISH_COVERAGE_EVERY = " (đủ cả {quarters} quý: {every})"
PUBLISH_COVERAGE_RETURNED = " (trong đó {returned} có báo cáo bị trả lại, chưa nộp lại)"
PUBLISH_OPEN_UNITS = "\n  {units}"
PUBLISH_OPEN_PERIOD = "\n⚠️ {period} vẫn đang nhận báo cáo (hạn nộp {due})."
PUBLISH_FUTURE_PERIOD = "\n⚠️ {period} chưa đến kỳ báo cáo (số liệu tính từ ngày {start})."
PUBLISH_OPEN_WARNING = (
    "\n⚠️ Kết quả còn có thể thay đổi sau khi công bố nếu các đơn vị trên gửi, sửa báo cáo."
)
PUBLISH_ASK_NUMBER_YEAR = (
    "\n\n<b>Bước 1/2.</b> Anh/chị vui lòng gửi <b>số Quyết định</b> công bố Chỉ số CCHC năm "
    "{year}, ví dụ <code>998/QĐ-SGDĐT</code> (gửi /cancel để huỷ)."
)
PUBLISH_ASK_NUMBER_QUARTER = (
    "\n\n<b>Bước 1/2.</b> Anh/chị vui lòng gửi <b>số văn bản</b> công bố {result}, ví dụ "
    "<code>125/SGDĐT-VP</code> (gửi /cancel để huỷ)."
)
PUBLISH_BAD_NUMBER = {
    "empty": "Anh/chị chưa ghi số văn bản.",
    "too_long": "Số văn bản dài quá {max} ký tự.",
    "no_digit": "Số văn bản phải có chữ số, ví dụ <code>998/QĐ-SGDĐT</code>.",
}
PUBLISH_RETRY_NUMBER = " Vui lòng gửi lại số văn bản (hoặc /cancel để huỷ)."
PUBLISH_ASK_DATE = (
    "Số văn bản: <b>{number}</b>.\n<b>Bước 2/2.</b> Anh/chị vui lòng gửi <b>ngày ký</b> "
    "văn bản theo dạng ngày/tháng/năm, ví dụ <code>{example}</code>."
)
PUBLISH_BAD_DATE = {
    "format": "Ngày không hợp lệ: “{text}”. Vui lòng ghi theo dạng ngày/tháng/năm, ví dụ "
    "<code>{example}</code>.",
    "future": "Ngày {date} chưa đến: văn bản công bố phải được ký trước khi công bố.",
    "too_early": "Ngày {date} trước {first}, ngày đầu của kỳ được công bố.",
}
PUBLISH_RETRY_DATE = " Số văn bản <b>{number}</b> vẫn được giữ; vui lòng gửi lại ngày ký."
PUBLISH_SUMMARY = (
    "📢 <b>Xác nhận công bố</b>\n"
    "Kết quả: <b>{result}</b>\n"
    "Căn cứ: {document}\n"
    "Đơn vị đã báo cáo: {reported}/{units}; còn có thể gửi, sửa báo cáo: {open}.\n\n"
    "Sau khi công bố, các đơn vị xem được kết quả và {people} người nhận thông báo. Việc công "
    "bố không thể hoàn tác. Anh/chị bấm <b>✅ Công bố</b> để công bố."
)
BTN_PUBLISH_CONFIRM = "✅ Công bố"
BTN_PUBLISH_CANCEL = "✖️ Huỷ"
PUBLISH_CANCELLED = "Đã huỷ việc công bố {result}. Chưa có gì được công bố."
PUBLISH_PRESS_BUTTON = (
    "Anh/chị vui lòng bấm <b>✅ Công bố</b> hoặc <b>✖️ Huỷ</b> ở tin nhắn xác nhận phía trên "
    "(gửi /cancel để huỷ)."
)
PUBLISH_STALE_SHORT = "Nút này không còn hiệu lực; không có gì được công bố."
PUBLISH_STALE = (
    "Nút này không còn hiệu lực (đã huỷ hoặc đã có bản xác nhận mới). Không có gì được "
    "công bố; anh/chị dùng <code>/publish KỲ</code> để bắt đầu lại."
)
PUBLISHED = "✅ Đã công bố {result} {how}. Đang gửi thông báo tới {sent} người."
PUBLISH_LABEL = "Thông báo công bố {result}"
PUBLISH_NOTICE = (
    "📢 <b>Sở GDĐT đã công bố {result}</b> theo {document}.\n"
    "{unit}: {result_line}\nDùng <code>/standing {scope}</code> để xem chi tiết."
)
PUBLISH_RESULT = "xếp hạng {rank}/{total} trong khối, chỉ số {index} điểm ({band})"
PUBLISH_NOT_RANKED = "chưa nộp báo cáo nên xếp cuối khối, không có thứ hạng"
