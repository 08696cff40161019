"""Every sentence the bot says, in one place, so the language can be reviewed in one read.

Strings are HTML (parse mode HTML); every ``{placeholder}`` that carries user or
roster text must be filled with an escaped value (``handlers.telegram_text.esc``).
"""

from __future__ import annotations

ROLE_NAMES = {"head": "Thủ trưởng đơn vị", "reporter": "Cán bộ đầu mối CCHC"}

# -- registration ---------------------------------------------------------------------

WELCOME_BOUND = (
    "Kính chào {name}!\n"
    "Anh/chị đã được xác nhận là <b>{role}</b> của <b>{unit}</b>.\n\n"
    "Dùng lệnh /report để lập báo cáo kết quả CCHC hằng quý, /help để xem các chức năng."
)
WELCOME_BACK = (
    "Kính chào {name}! Anh/chị đang là <b>{role}</b> của <b>{unit}</b>.\n"
    "Dùng /report để lập báo cáo CCHC, /help để xem các chức năng."
)
WELCOME_OFFICE = (
    "Kính chào {name}! Anh/chị đang sử dụng bot với vai trò <b>Văn phòng Sở</b>.\n"
    "Dùng /help để xem các chức năng dành cho Văn phòng."
)
NEED_INVITE = (
    "Kính chào anh/chị! Bot này phục vụ phong trào thi đua cải cách hành chính của "
    "ngành Giáo dục và Đào tạo và chỉ dành cho các đơn vị đã được mời.\n\n"
    "Để sử dụng, anh/chị vui lòng liên hệ Văn phòng Sở (bộ phận CCHC) để nhận "
    "<b>mã mời</b> của đơn vị mình, sau đó mở đường liên kết được gửi kèm hoặc gửi lệnh "
    "<code>/start MÃ_MỜI</code>."
)
INVITE_UNKNOWN = (
    "Mã mời không đúng. Anh/chị vui lòng kiểm tra lại mã (phân biệt chữ hoa, chữ thường) "
    "hoặc liên hệ Văn phòng Sở để được cấp mã mới."
)
INVITE_EXPIRED = "Mã mời đã hết hạn. Anh/chị vui lòng liên hệ Văn phòng Sở để được cấp mã mới."
INVITE_USED = (
    "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần; anh/chị vui lòng liên hệ "
    "Văn phòng Sở để được cấp mã mới."
)
INVITE_REVOKED = "Mã mời này đã bị thu hồi. Anh/chị vui lòng liên hệ Văn phòng Sở."
INVITE_THROTTLED = "Anh/chị đã nhập sai mã mời quá nhiều lần. Vui lòng thử lại sau {time}."

# -- help -----------------------------------------------------------------------------

HELP_UNIT = (
    "<b>Các chức năng dành cho đơn vị</b>\n"
    "/report — lập, sửa và gửi báo cáo kết quả CCHC hằng quý\n"
    "/cancel — tạm dừng khi đang lập báo cáo (bản nháp được giữ nguyên)\n"
    "/help — xem hướng dẫn này\n\n"
    "Khi lập báo cáo, mỗi câu trả lời được lưu ngay; anh/chị có thể dừng bất cứ lúc nào và "
    "tiếp tục sau bằng /report. Đơn vị được gửi lại báo cáo đến hạn nộp; mỗi lần gửi là một "
    "phiên bản mới."
)
HELP_OFFICE = (
    "<b>Các chức năng dành cho Văn phòng Sở</b>\n"
    "/status [kỳ] — tình hình gửi báo cáo theo khối, ví dụ <code>/status 2025-Q1</code>\n"
    "/view MÃ_ĐƠN_VỊ [kỳ] — xem báo cáo mới nhất của một đơn vị\n"
    "/invite MÃ_ĐƠN_VỊ [head|reporter] — tạo mã mời cho đơn vị\n"
    "/help — xem hướng dẫn này"
)
UNKNOWN_COMMAND = "Bot chưa hỗ trợ lệnh này. Anh/chị dùng /help để xem các lệnh hiện có."
IDLE_BOUND = (
    "Anh/chị đang không lập báo cáo. Dùng /report để lập hoặc tiếp tục báo cáo CCHC, "
    "/help để xem các chức năng."
)
IDLE_OFFICE = "Anh/chị dùng /help để xem các chức năng dành cho Văn phòng Sở."
EDITED_IGNORED = (
    "Bot không xử lý tin nhắn đã sửa. Nếu cần thay đổi câu trả lời, anh/chị vui lòng gửi "
    "tin nhắn mới (hoặc dùng nút ⬅️ Quay lại / ✏️ Sửa)."
)
OFFICE_ONLY = "Xin lỗi, chức năng này chỉ dành cho Văn phòng Sở."
UNIT_ONLY = (
    "Chức năng này dành cho đơn vị đã đăng ký. Anh/chị cần mã mời của đơn vị do Văn phòng Sở cấp."
)
ERROR = (
    "Xin lỗi, đã có lỗi xảy ra khi xử lý yêu cầu của anh/chị. Dữ liệu đã nhập vẫn được "
    "giữ nguyên; anh/chị vui lòng thử lại sau ít phút."
)

# -- the report conversation -----------------------------------------------------------

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
ASK_CURRENT = "Đã trả lời: <b>{value}</b>. Gửi câu trả lời mới để thay đổi."
ASK_FILE_HINT = "Gửi tệp bằng biểu tượng 📎 → Tệp."
ASK_ERROR = "⚠️ {error}\n{hint}"
STALE_BUTTON = "Nút này thuộc câu hỏi trước, bot hiển thị lại câu hỏi hiện tại."
CHOSEN = "Đã chọn: {value}"

CHOOSE_PERIOD = "Hiện có nhiều kỳ báo cáo đang mở. Anh/chị chọn kỳ cần báo cáo:"
PERIOD_BUTTON = "{label} (hạn {due})"
CLOSED = (
    "Kỳ báo cáo {period} đã hết hạn nộp lúc {due}. Nếu cần gửi bổ sung, anh/chị vui lòng "
    "liên hệ Văn phòng Sở."
)
CLOSED_NONE = "Hiện chưa có kỳ báo cáo nào đang mở. Anh/chị vui lòng liên hệ Văn phòng Sở."
SAVED = (
    "💾 Đã lưu bản nháp báo cáo {period} ({answered}/{total} câu đã trả lời). "
    "Anh/chị dùng /report để tiếp tục bất cứ lúc nào trước hạn {due}."
)
NOT_IN_REPORT = "Anh/chị đang không lập báo cáo. Dùng /report để bắt đầu."

SUMMARY_HEADER = "<b>📋 Tóm tắt báo cáo CCHC {period}</b>\nĐơn vị: <b>{unit}</b>\nHạn nộp: {due}"
SUMMARY_LAST = "Đã gửi lần {version} lúc {at} (số tiếp nhận <code>{reference}</code>)."
SUMMARY_PROBLEMS = "<b>⚠️ Cần hoàn thiện trước khi gửi:</b>"
SUMMARY_READY = (
    "Anh/chị kiểm tra lại các câu trả lời. Bấm <b>✏️ Sửa</b> để sửa một câu, "
    "<b>✅ Gửi báo cáo</b> để gửi chính thức."
)
EDIT_MENU = "Anh/chị chọn số câu cần sửa (hoặc gửi số câu):"

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

# -- office ------------------------------------------------------------------------------

STATUS_HEADER = (
    "<b>Tình hình báo cáo CCHC {period}</b>\nHạn nộp: {due}\n"
    "Đã gửi: <b>{submitted}/{total}</b> · Đang soạn: {draft} · Chưa báo cáo: {none}"
)
STATUS_BLOCK = "<b>{block}</b> — đã gửi {submitted}/{total}"
STATUS_SUBMITTED = "✅ Đã gửi ({n}):"
STATUS_DRAFT = "📝 Đang soạn ({n}):"
STATUS_NONE = "⏳ Chưa báo cáo ({n}):"
STATUS_UNIT = "• {code} — {name}"
STATUS_UNIT_SUBMITTED = "• {code} — {name} (lần {version}, {at})"
BAD_PERIOD = (
    "Kỳ báo cáo không hợp lệ: “{text}”. Vui lòng ghi theo dạng năm-quý, ví dụ "
    "<code>2025-Q1</code>."
)
VIEW_USAGE = (
    "Cú pháp: <code>/view MÃ_ĐƠN_VỊ [kỳ]</code>, ví dụ <code>/view THPT-QN1 2025-Q1</code>."
)
UNKNOWN_UNIT = "Không tìm thấy đơn vị có mã “{code}”. Dùng /status để xem danh sách mã đơn vị."
VIEW_NOTHING = "{unit} chưa gửi báo cáo CCHC {period}."
VIEW_HEADER = (
    "<b>Báo cáo CCHC {period}</b>\nĐơn vị: <b>{unit}</b> ({code})\n"
    "Lần gửi: {version} · {at}\nSố tiếp nhận: <code>{reference}</code>"
)
VIEW_VERSIONS = "Các lần gửi: {versions}"
VIEW_FILE_CAPTION = "Tệp báo cáo đã ký của {unit} — {period}, lần {version}"
INVITE_USAGE = "Cú pháp: <code>/invite MÃ_ĐƠN_VỊ [head|reporter]</code>"
INVITE_CREATED = (
    "Đã tạo mã mời cho <b>{unit}</b> ({code}), vai trò <b>{role}</b>.\n"
    "Mã: <code>{invite}</code>\nHiệu lực đến: {expires}\n"
    "Đường liên kết để gửi cho đơn vị (dùng một lần):\n{link}"
)
