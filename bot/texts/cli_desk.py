"""What the office's desk commands print: `export`, `audit` (its help; the entries are
worded by bot/texts/audit.py), `backup`, `restore` (bot/cli_desk.py) and `period`
(bot/cli_desk_periods.py).

Plain constants only: the parser is built from these at every start.
Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

# -- export -----------------------------------------------------------------------------

HELP_EXPORT = "xuất báo cáo của một kỳ (csv, xlsx, docx)"
DESCRIPTION_EXPORT = (
    "Xuất báo cáo của một kỳ: csv (dữ liệu), xlsx (bảng tổng hợp theo khối, "
    "có chỉ số, xếp hạng) hoặc docx (dự thảo báo cáo CCHC quý của Sở)."
)
HELP_EXPORT_PERIOD = "ví dụ 2025-Q1 (mặc định: quý hiện tại)"
HELP_EXPORT_OUTPUT = (
    "tệp ghi ra (csv mặc định ra stdout; xlsx, docx mặc định cchc-KỲ.xlsx, "
    "bao-cao-cchc-KỲ.docx trong thư mục hiện tại)"
)
HELP_EXPORT_BOM = "csv: thêm BOM UTF-8 để Excel hiển thị đúng tiếng Việt"
BAD_PERIOD = 'Kỳ báo cáo "{period}" không hợp lệ; vui lòng ghi dạng NĂM-QQUÝ, ví dụ 2025-Q1.'
DOCX_NO_PROVINCE = (
    "Lưu ý: chưa đặt CCHC_PROVINCE (tên tỉnh) nên bản dự thảo không có dòng tên Ủy ban nhân "
    "dân tỉnh ở phần đầu và địa danh trước ngày tháng; vui lòng đặt CCHC_PROVINCE hoặc bổ "
    "sung khi rà soát văn bản."
)
EXPORTED = (
    "Đã xuất báo cáo {period} của {units} đơn vị ({submitted} đơn vị đã gửi) vào tệp {path}."
)

# -- audit (the command line; the entries themselves: bot/texts/audit.py) ----------------

HELP_AUDIT = "nhật ký thay đổi (ai, lúc nào, trước/sau)"
HELP_AUDIT_UNIT = "chỉ các thay đổi của một đơn vị"
HELP_AUDIT_LIMIT = "số mục mới nhất (mặc định 50)"
NOT_POSITIVE = "phải là số nguyên dương"
OUT_OF_RANGE = "phải từ 1 đến 100000"

# -- backup and restore -----------------------------------------------------------------

HELP_BACKUP = "sao lưu cơ sở dữ liệu (chạy được khi bot đang chạy)"
DESCRIPTION_BACKUP = (
    "Sao lưu cơ sở dữ liệu bằng cơ chế sao lưu trực tuyến của SQLite; bot "
    "vẫn chạy bình thường trong lúc sao lưu."
)
METAVAR_BACKUP_DEST = "ĐÍCH"
HELP_BACKUP_DEST = "tệp sao lưu, hoặc thư mục để đặt tên tự động"
HELP_RESTORE = "khôi phục cơ sở dữ liệu từ bản sao lưu (cần dừng bot trước)"
DESCRIPTION_RESTORE = (
    "Thay cơ sở dữ liệu bằng một bản sao lưu. Bot phải được dừng trước; "
    "cơ sở dữ liệu đang có được giữ lại thành tệp *.before-restore-*.db bên cạnh."
)
METAVAR_BACKUP_FILE = "TỆP_SAO_LƯU"
TABLE_NAMES = {
    "units": "đơn vị",
    "blocks": "khối",
    "people": "người dùng",
    "memberships": "người đã đăng ký",
    "reports": "báo cáo đã gửi",
    "drafts": "bản nháp",
    "audit_log": "mục nhật ký",
}
BACKED_UP = "Đã sao lưu cơ sở dữ liệu {db} vào tệp {path}."
RESTORED = "Đã khôi phục cơ sở dữ liệu {db} từ tệp {path}."
RESTORE_KEPT = "Cơ sở dữ liệu trước khi khôi phục được giữ tại {path}."
RESTART = "Khởi động lại bot bằng: cchc-bot run"
SUMMARY_SIZE = "{size}; "
SUMMARY = "({size}phiên bản cơ sở dữ liệu {version}; {counts}.)"

# -- period -----------------------------------------------------------------------------

HELP_PERIOD = "kỳ báo cáo: liệt kê, mở, đóng, đặt hạn nộp, mở lại cho một đơn vị"
DESCRIPTION_PERIOD = (
    "Kỳ báo cáo theo quý (ví dụ 2025-Q1). Mặc định theo Nghị định 09/2019/NĐ-CP: số "
    "liệu từ ngày 15 tháng trước quý đến ngày 14 tháng cuối quý; hạn nộp ngày "
    "CCHC_DUE_DAY tháng cuối quý. Kỳ quý IV đồng thời là báo cáo năm."
)
HELP_PERIOD_LIST = "các kỳ báo cáo gần đây"
HELP_PERIOD_OPEN = "mở kỳ (nhận báo cáo), kèm hạn nộp mới nếu cần"
HELP_PERIOD_CLOSE = "đóng kỳ: dừng nhận báo cáo"
HELP_PERIOD_DUE = "đặt hạn nộp (không ghi giờ: 23:59 của ngày đó)"
HELP_PERIOD_REOPEN = "mở lại kỳ cho một đơn vị sau hạn nộp"
HELP_PERIOD_DAYS = "đến hết ngày thứ N kể từ hôm nay (mặc định CCHC_REOPEN_DAYS)"

PERIOD_ALSO_YEAR = " (đồng thời là báo cáo năm {year})"
PERIOD_CLOSED = "đã đóng"
PERIOD_PAST_DUE = "đã hết hạn nộp"
PERIOD_OPEN = "đang nhận báo cáo"
PERIOD_LINE = "{code}  {title}: số liệu {data_from}–{data_to}, hạn nộp {due}, {status}"
PERIOD_BAD_CODE = (
    "Kỳ báo cáo không hợp lệ: {text} (ví dụ 2025-Q1; năm trong thời gian của phong trào, "
    "{first}–{last})"
)
DEADLINE_UNREADABLE = "Không đọc được hạn nộp: {text} (dd/mm/yyyy [hh:mm])"
PERIOD_OPENED = "Đã mở kỳ: {period}"
PERIOD_OPENED_PAST_DUE = "Lưu ý: hạn nộp đã qua; đặt hạn mới bằng `cchc-bot period due`."
PERIOD_CLOSED_NOW = "Đã đóng kỳ: {period}"
PERIOD_DUE_SET = "Đã đặt hạn nộp: {period}"
UNITS_NOT_TOLD = (
    "Lưu ý: {count} đơn vị chưa nộp báo cáo CHƯA được báo hạn nộp mới qua bot "
    "(dòng lệnh không gửi tin nhắn). Lịch nhắc hạn tự động của bot sẽ theo hạn mới; "
    "để báo ngay, dùng `/period {code} due …` hoặc /late → 🔔 Nhắc ngay trong "
    "Telegram."
)
REOPEN_DAYS_RANGE = "Số ngày phải từ 1 đến 60."
REOPEN_UNKNOWN_UNIT = "Không tìm thấy đơn vị có mã {unit}."
REOPEN_NOT_NEEDED = "Đơn vị {unit} vẫn đang được gửi báo cáo {code} đến {due}; không cần mở lại."
REOPENED = (
    "Đã mở lại kỳ {code} cho đơn vị {unit} đến {due}. Đơn vị chưa được thông báo "
    "qua bot; dùng /reopen trong Telegram nếu muốn bot báo cho đơn vị."
)
DEADLINE_BEFORE_CUTOFF = "Hạn nộp phải sau ngày chốt số liệu của kỳ ({cutoff})."
DEADLINE_IN_PAST = "Hạn nộp phải ở tương lai; để dừng nhận báo cáo, dùng `cchc-bot period close`."
