"""What `cchc-bot doctor` prints (bot/cli_doctor.py): one line per check, after its mark.

Plain constants only: the parser is built from these at every start.
Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

HELP_DOCTOR = "kiểm tra cài đặt: cấu hình, token, cơ sở dữ liệu, Văn phòng Sở, mẫu báo cáo"
DESCRIPTION_DOCTOR = (
    "Kiểm tra bot đã sẵn sàng chạy chưa, mỗi mục một dòng (✓ đạt, ✗ lỗi, ⚠ cần lưu "
    "ý, – bỏ qua). Không thay đổi gì: cơ sở dữ liệu chỉ được mở để đọc. Mã thoát 0 "
    "khi không có lỗi, 1 khi có."
)

# -- settings ---------------------------------------------------------------------------

SETTINGS_BAD = "Cấu hình: {error}"
SETTINGS_OK = "Cấu hình: đọc được (cơ sở dữ liệu {db}, múi giờ {timezone})"
RESULT_OK = "Kết quả: mọi mục đều đạt."
RESULT_FAILED = "Kết quả: {count} mục lỗi (✗) cần xử lý."

# -- the token --------------------------------------------------------------------------

GETME_UNSET = (
    "Token: chưa đặt CCHC_BOT_TOKEN nên chưa kiểm tra với Telegram (cần cho `cchc-bot run`)."
)
GETME_REFUSED = "Token: Telegram ({where}) từ chối CCHC_BOT_TOKEN; kiểm tra lại."
GETME_NO_NETWORK = "Token: không kết nối được tới {where} ({error})."
GETME_FAILED = "Token: getMe không thành công ({error})."
GETME_OTHER_BOT = (
    "Token: là của bot @{name}, nhưng CCHC_BOT_USERNAME là @{configured}: liên kết "
    "mời sẽ mở nhầm bot; sửa CCHC_BOT_USERNAME (hoặc bỏ trống để hỏi Telegram)."
)
GETME_OK = "Token: bot @{name} (số {bot_id}) trả lời getMe."

# -- the database -----------------------------------------------------------------------

DB_MISSING = (
    "Cơ sở dữ liệu: chưa có tệp {path}; kiểm tra CCHC_DB_PATH, hoặc tạo bằng cách "
    "nhập danh sách đơn vị: cchc-bot units import FILE."
)
DB_UNREADABLE = "Cơ sở dữ liệu: không đọc được {path} ({error})."
DB_CORRUPT = (
    "Cơ sở dữ liệu: {path} bị hỏng (integrity_check: {problems}); khôi phục từ bản "
    "sao lưu: cchc-bot restore TỆP_SAO_LƯU."
)
DB_UNITS = "{count} đơn vị"
DB_EMPTY = "chưa có dữ liệu"
DB_TOO_NEW = (
    "Cơ sở dữ liệu: {path} ở phiên bản cấu trúc {applied}, mới hơn bản cài đặt này "
    "({latest}); cài bản bot mới hơn hoặc khôi phục bản sao lưu phù hợp."
)
DB_PENDING = (
    "Cơ sở dữ liệu: {path} toàn vẹn ({held}); còn {count} bản cập nhật cấu "
    "trúc chưa áp dụng ({names}), bot tự áp dụng khi khởi động."
)
DB_OK = (
    "Cơ sở dữ liệu: {path} toàn vẹn ({held}); đã áp dụng đủ {count} bản "
    "cập nhật cấu trúc (phiên bản {applied})."
)

# -- the office -------------------------------------------------------------------------

OFFICE_UNSET = (
    "Văn phòng Sở: chưa đặt CCHC_OFFICE_IDS (số Telegram của cán bộ Văn phòng Sở, "
    "cách nhau bởi dấu phẩy): không ai dùng được các lệnh của Văn phòng Sở."
)
OFFICE_OK = "Văn phòng Sở: {count} tài khoản Telegram ({ids})."

# -- the form and methodology of each year ----------------------------------------------

RULES_BAD = "Mẫu báo cáo và bộ tiêu chí: {error}"
RULES_YEARS = "Mẫu báo cáo và bộ tiêu chí: đọc được các năm {years}."
RULES_OF_YEAR = "    {year}: mẫu báo cáo {form}; bộ tiêu chí {methodology}"
THIS_YEAR = "năm nay ({year})"
NEXT_QUARTER_YEAR = "năm {year} (quý tới, {quarter})"
RULES_PRESENT = "Mẫu báo cáo và bộ tiêu chí của {name}: có."
RULES_ABSENT = (
    "Mẫu báo cáo và bộ tiêu chí của {name}: chưa có ({files}); chưa lập được báo cáo "
    "của năm này. Đặt hai tệp vào thư mục CCHC_RULES_DIR."
)
