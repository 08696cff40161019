"""What invites say outside the chat: the role names on the CSV for mail merge and on the
printed pages, and the text of each page (bot/invite_sheets.py).

Plain constants only (python-docx is loaded by the page maker, never by these words).
Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

ROLE_NAMES: dict[str, str] = {"head": "Thủ trưởng đơn vị", "reporter": "Cán bộ đầu mối CCHC"}

# -- the printed page (one per unit) -----------------------------------------------------

DOCUMENT_TITLE = "Mã mời sử dụng bot Telegram theo dõi thi đua CCHC"
DOCUMENT_LANGUAGE = "vi-VN"
SHEET_TITLE = "MÃ MỜI SỬ DỤNG BOT TELEGRAM"
SHEET_SUBTITLE = "theo dõi phong trào thi đua đẩy mạnh cải cách hành chính (CCHC)"
FIELD_UNIT = "Đơn vị: "
FIELD_UNIT_VALUE = "{name} (mã {code})"
FIELD_ROLE = "Dành cho: "
FIELD_EXPIRES = "Hiệu lực đến: "
HOW_TO_START = "Cách bắt đầu:"
STEPS = (
    "1. Cài ứng dụng Telegram trên điện thoại (hoặc máy tính) và đăng nhập.",
    "2. Dùng camera điện thoại quét mã QR ở trên, hoặc mở liên kết ở trên.",
    "3. Telegram mở cuộc trò chuyện với bot @{bot}; bấm nút “Bắt đầu” (Start).",
    "4. Bot xác nhận đơn vị và vai trò; từ đó Quý đơn vị gửi báo cáo CCHC hằng quý, "
    "nhận nhắc hạn và xem kết quả ngay trong Telegram.",
)
IF_LINK_FAILS = (
    "Nếu không mở được liên kết: tìm @{bot} trong Telegram và gửi tin nhắn /start {code}"
)
NOTE = (
    "Lưu ý: mã mời chỉ dùng được một lần và hết hiệu lực lúc {expires}; người "
    "dùng mã đầu tiên được đăng ký cho đơn vị với vai trò ghi trên. Vui lòng giữ kín "
    "trang này. Nếu mã đã hết hạn hoặc đã được dùng, xin liên hệ Văn phòng "
    "{department} để được cấp mã mới."
)
