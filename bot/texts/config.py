"""What the settings say: the errors of a missing or malformed CCHC_* setting (each printed
after the setting's name, on one line), and the default names of the Department and its
plan (bot/identity.py) that documents quote when the office sets none.

Plain constants: bot/config.py is imported by every command that runs.
Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

# -- defaults of the plan's identity (CCHC_DEPARTMENT_NAME, CCHC_PLAN_NAME, CCHC_PLAN_PERIOD)

DEFAULT_DEPARTMENT = "Sở Giáo dục và Đào tạo"
DEFAULT_PLAN_NAME = "Kế hoạch phát động phong trào thi đua đẩy mạnh cải cách hành chính"
DEFAULT_PLAN_PERIOD = "2021–2025"
# How a document cites the plan: "Kế hoạch … giai đoạn 2021–2025".
PLAN_CITED = "{name} giai đoạn {period}"
# CCHC_PROVINCE may be written with its kind; a centrally run city keeps "thành phố".
CITY_PREFIX = "thành phố "
PROVINCE_PREFIX = "tỉnh "
# The line above the Department in a document's header (Decree 30/2020/NĐ-CP).
COMMITTEE_OF_CITY = "UBND THÀNH PHỐ {name}"
COMMITTEE_OF_PROVINCE = "UBND TỈNH {name}"

# -- errors of one setting ---------------------------------------------------------------

OFFICE_IDS_NOT_NUMBERS = "phải là danh sách số nguyên cách nhau bởi dấu phẩy"
OFFSETS_NOT_NUMBERS = "phải là các số ngày cách nhau bởi dấu phẩy, ví dụ 7,3,1,0"
OFFSETS_OUT_OF_RANGE = "mỗi số ngày phải từ 0 đến 60"
BLOCKS_EMPTY = "cần ít nhất một mã khối, ví dụ truc_thuoc,trung_tam"
BLOCK_CODE_BAD = "mã khối không hợp lệ: {code!r}"
TEXT_ELLIPSIS = "không được chứa dấu “…”; vui lòng ghi đầy đủ"
TEXT_EMPTY = "không được để trống"
UNKNOWN_TIMEZONE = "không có múi giờ {name!r}"
URL_NOT_HTTP = "phải bắt đầu bằng http:// hoặc https://"
FOLDER_MISSING = "không tìm thấy thư mục {path}"
CAMPAIGN_YEARS_ORDER = "CCHC_CAMPAIGN_FIRST_YEAR không được sau CCHC_CAMPAIGN_LAST_YEAR"
UNSET_FOR_TELEGRAM = "CCHC_BOT_TOKEN: chưa được đặt (cần cho lệnh này)"
RETIRED_SETTING = (
    "{name}: không còn dùng; mẫu báo cáo và bộ tiêu chí nay theo từng năm: "
    "đặt CCHC_RULES_DIR là thư mục chứa report_form_<năm>.toml và "
    "methodology_<năm>.toml"
)
DB_OPEN_FAILED = "CCHC_DB_PATH: không mở được cơ sở dữ liệu {path} ({error})"

# pydantic's error kinds, said in Vietnamese after the setting's name.
ONE_OF = "phải là một trong: {choices}"
NOT_A_TIME = "phải là giờ dạng HH:MM, ví dụ 08:00"
NOT_AN_INTEGER = "phải là số nguyên"
AT_LEAST = "phải từ {bound} trở lên"
AT_MOST = "không được lớn hơn {bound}"
