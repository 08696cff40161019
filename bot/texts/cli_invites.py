"""What `cchc-bot invite` prints (bot/cli_invites.py). The role names and the printed
pages are in bot/texts/invites.py.

Plain constants only: the parser is built from these at every start.
Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

HELP_INVITE = "tạo, thu hồi, liệt kê mã mời"
DESCRIPTION_INVITE = (
    "Tạo mã mời cho một đơn vị (UNIT_CODE), hoặc cho nhiều đơn vị một lần (--all, "
    "ghi ra tệp CSV để trộn thư hoặc DOCX để in, mỗi đơn vị một trang có mã QR); "
    "hoặc --revoke, --list."
)
HELP_REVOKE = "thu hồi mã mời"
HELP_LIST = "liệt kê mã mời (của UNIT_CODE nếu có)"
HELP_ALL = "tạo mã mời cho mọi đơn vị (hoặc một khối: --block)"
HELP_BLOCK = "với --all: chỉ các đơn vị của khối"
HELP_OUTPUT = "với --all: tệp .csv (trộn thư) hay .docx (in)"
HELP_FORCE = "với --all --role head: tạo cả cho đơn vị đã có Thủ trưởng đăng ký"

# -- usage errors -----------------------------------------------------------------------

ONLY_WITH_ALL = "--block, --output và --force chỉ dùng cùng --all."
UNIT_NEEDED = (
    "Cần mã đơn vị: cchc-bot invite UNIT_CODE [--role head|reporter] "
    "(hoặc --all --output FILE, --revoke CODE_OR_ID, --list [UNIT_CODE])."
)
ALL_WITH_UNIT = (
    "--all tạo mã mời cho mọi đơn vị: không ghi kèm UNIT_CODE "
    "(chọn một khối bằng --block MÃ_KHỐI)."
)
OUTPUT_NEEDED = "Cần tệp ghi ra: cchc-bot invite --all --output FILE.csv|FILE.docx"
OUTPUT_KIND = "Tệp ghi ra phải có đuôi .csv (để trộn thư) hoặc .docx (để in): {name}"
NO_FOLDER = "Không ghi được tệp {path}: thư mục {folder} không tồn tại."
FORCE_HEAD_ONLY = "--force chỉ dùng với --role head."

# -- one unit ---------------------------------------------------------------------------

LINK_PLACEHOLDER = "<tên_bot>"
UNKNOWN_UNIT = (
    'Không có đơn vị mã "{unit}" trong danh sách. Xem danh sách bằng: cchc-bot units list'
)
CREATED = "Đã tạo mã mời cho đơn vị {code} – {name}."
CREATED_ROLE = "Vai trò: {role}"
CREATED_CODE = "Mã mời: {code}"
CREATED_EXPIRES = "Hết hạn: {expires}"
CREATED_LINK = "Liên kết: {link}"
CREATED_SINGLE_USE = (
    "Mã chỉ dùng được một lần. Vui lòng gửi liên kết (hoặc mã) cho người nhận qua kênh tin cậy."
)
NO_BOT_NAME = (
    "Lưu ý: chưa xác định được tên bot nên liên kết còn chỗ trống {placeholder}; "
    "vui lòng đặt CCHC_BOT_USERNAME (ví dụ CCHC_BOT_USERNAME=cchc_so_gddt_bot)."
)
NOT_REVOKABLE = (
    'Không có mã mời "{code}" còn hiệu lực để thu hồi '
    "(mã không tồn tại, đã được dùng hoặc đã thu hồi)."
)
REVOKED = "Đã thu hồi mã mời số {id} của đơn vị {unit} ({role})."
NO_INVITES = "Chưa có mã mời nào."
LIST_COLUMNS = ("Số", "Đơn vị", "Vai trò", "Tạo lúc", "Hết hạn", "Trạng thái")
STATUS_REVOKED = "đã thu hồi"
STATUS_USED = "đã dùng"
STATUS_EXPIRED = "hết hạn"
STATUS_LIVE = "còn hiệu lực"

# -- many units -------------------------------------------------------------------------

NO_BOT_NAME_ALL = (
    "Chưa xác định được tên bot nên chưa tạo được liên kết mời; chưa tạo mã nào. "
    "Vui lòng đặt CCHC_BOT_USERNAME (ví dụ CCHC_BOT_USERNAME=cchc_so_gddt_bot) "
    "hoặc kiểm tra CCHC_BOT_TOKEN và kết nối tới Telegram (cchc-bot doctor)."
)
NO_BLOCKS = "chưa có khối nào"
UNKNOWN_BLOCK = 'Không có khối mã "{block}". Các khối: {names}.'
ALL_BOUND = (
    "Không tạo mã mời nào: cả {count} đơn vị đã có Thủ trưởng đăng ký (dùng --force để vẫn tạo)."
)
WRITE_FAILED_REVOKED = (
    "Không ghi được tệp {path}: {reason}. Các mã vừa tạo đã được thu hồi; chưa có mã mời mới nào."
)
OF_BLOCK = " của khối {block}"
BATCH_MADE = "Đã tạo {count} mã mời ({role}) cho {count} đơn vị{where} và ghi vào tệp {path}."
BATCH_SKIPPED = "Bỏ qua {count} đơn vị đã có Thủ trưởng đăng ký (dùng --force để vẫn tạo)."
BATCH_SINGLE_USE = "Mỗi mã chỉ dùng được một lần, đến {expires}."
BATCH_PENDING = (
    "Lưu ý: {count} đơn vị đã có mã mời còn hiệu lực từ trước; mã cũ vẫn dùng "
    "được đến khi hết hạn (xem: cchc-bot invite --list, thu hồi: cchc-bot invite "
    "--revoke SỐ)."
)
BATCH_KEEP_SAFE = (
    "Tệp chứa mã mời còn hiệu lực (chỉ chủ tệp đọc được): vui lòng chỉ gửi cho đơn vị "
    "qua kênh tin cậy và xóa tệp sau khi đã gửi."
)
