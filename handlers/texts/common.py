"""Words several journeys share: who may use what, an unknown unit, period or year, the
replies to a person with nothing in progress, the apology for an error, the names of the roles.

Said by handlers/common.py, buttons.py, dialog.py, guard.py and errors.py, and by every
journey that looks up a unit or a period. A sentence only one journey says belongs in that
journey's module, not here.
"""

from bot.texts import invites as core_invites

__all__ = [
    "BAD_PERIOD",
    "BUTTON_EXPIRED",
    "EDITED_IGNORED",
    "ERROR",
    "IDLE_BOUND",
    "IDLE_OFFICE",
    "NEED_REGISTERED",
    "NO_RULES_FOR_YEAR",
    "NO_RULES_FOR_YEAR_OFFICE",
    "OFFICE_ONLY",
    "PERIOD_OUTSIDE_CAMPAIGN",
    "PERIOD_UNKNOWN",
    "ROLE_NAMES",
    "UNIT_ONLY",
    "UNKNOWN_COMMAND",
    "UNKNOWN_UNIT",
    "YEAR_OUTSIDE_CAMPAIGN",
]

# One copy of the role names: the core's (invite sheets and the audit trail use it too).
ROLE_NAMES = core_invites.ROLE_NAMES

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
# A period whose year has no report form and methodology (bot/yearbook.py).
NO_RULES_FOR_YEAR = (
    "Năm {year} chưa có mẫu báo cáo và bộ tiêu chí chấm điểm, nên chưa thể báo cáo, "
    "xem hay chấm kết quả của năm này. Văn phòng Sở đang cập nhật; anh/chị vui lòng "
    "thử lại sau."
)
NO_RULES_FOR_YEAR_OFFICE = (
    "Năm {year} chưa có mẫu báo cáo và bộ tiêu chí chấm điểm. Cần thêm tệp "
    "<code>{form_file}</code> và <code>{methodology_file}</code> vào thư mục "
    "CCHC_RULES_DIR rồi khởi động lại bot (các năm đã có: {years})."
)
ERROR = (
    "Xin lỗi, đã có lỗi xảy ra khi xử lý yêu cầu của anh/chị. Dữ liệu đã nhập vẫn được "
    "giữ nguyên; anh/chị vui lòng thử lại sau ít phút."
)

BUTTON_EXPIRED = (
    "Nút này không còn hiệu lực. Anh/chị vui lòng dùng lệnh hoặc tin nhắn mới nhất của bot."
)

PERIOD_UNKNOWN = "Kỳ báo cáo {code} chưa được thiết lập. Anh/chị dùng /period để xem các kỳ."
PERIOD_OUTSIDE_CAMPAIGN = (
    "Kỳ {text} nằm ngoài thời gian của phong trào ({first}–{last}). Anh/chị vui lòng kiểm tra "
    "lại năm."
)
BAD_PERIOD = (
    "Kỳ báo cáo không hợp lệ: “{text}”. Vui lòng ghi kỳ như <code>quý I/2025</code> "
    "hoặc <code>2025-Q1</code>."
)
UNKNOWN_UNIT = "Không tìm thấy đơn vị có mã “{code}”. Dùng /status để xem danh sách mã đơn vị."

NEED_REGISTERED = "Chức năng này dành cho các đơn vị đã đăng ký và Văn phòng Sở."

YEAR_OUTSIDE_CAMPAIGN = (
    "Năm {year} nằm ngoài thời gian của phong trào ({first}–{last}). Anh/chị vui lòng kiểm tra "
    "lại năm."
)
