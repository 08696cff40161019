"""What `cchc-bot demo` prints around the conversation (bot/demo.py): the help of its own
`:` commands, who says what, and the set-up it does. What the bot says is the bot's own
wording (handlers/texts), shown as it would appear in Telegram.

Templates are filled with ``str.format`` by their named fields.
"""

from __future__ import annotations

# -- the two people the demo plays ------------------------------------------------------

HEAD_NAME = "Trần Thị Hương"
HEAD_TITLE = "Thủ trưởng đơn vị"
OFFICE_NAME = "Nguyễn Văn Phòng"
OFFICE_TITLE = "Văn phòng Sở"

# -- help -------------------------------------------------------------------------------

HELP = (
    "Các lệnh của bản chạy thử:\n"
    "  (gõ nội dung bất kỳ)  gửi tin nhắn cho bot, ví dụ /report, /help, 12\n"
    "  :1, :2, …            bấm nút số 1, 2, … của tin nhắn gần nhất có nút\n"
    "  :file ĐƯỜNG_DẪN      gửi một tệp (PDF, DOCX, …) như đính kèm trên Telegram\n"
    "  :file                gửi tệp PDF mẫu {sample}\n"
    "  :as office           đổi sang vai {office_title} ({office_name})\n"
    "  :as head             đổi sang vai {head_title} ({head_name})\n"
    "  :help                xem lại hướng dẫn này\n"
    "  :quit                thoát (hoặc Ctrl-D, Ctrl-C)"
)
SHORT_HELP = (
    "Gõ tin nhắn để gửi cho bot; :1, :2… để bấm nút; :file ĐƯỜNG_DẪN để gửi tệp; "
    ":as {other} để đổi vai; :help để xem hướng dẫn; :quit để thoát."
)

# -- files sent with :file --------------------------------------------------------------

FILE_NOT_FOUND = "Không tìm thấy tệp {path}."
FILE_UNREADABLE = "Không đọc được tệp {path}: {reason}."

# -- what the bot sent ------------------------------------------------------------------

SOMEONE = "người dùng {chat_id}"
BOT_TO = "🤖 Bot → {name}"
BOT_EDITED = "✏️ Bot sửa tin nhắn đã gửi cho {name}"
A_FILE = "tệp"
FILE_SENT = "📎 Tệp: {name} ({size})"
PHOTO = "🖼️ Ảnh"
PHOTO_FILE_NAME = "anh.png"
SAFE_FILE_NAME = "tep"
SWITCH_TO_PRESS = "(đổi vai bằng :as {role} để bấm nút)"
SAVED = "💾 Đã lưu: {path}"

# -- starting and stopping --------------------------------------------------------------

STOPPED = "\nĐã dừng bản chạy thử."
TALKING_AS = "Anh/chị đang trò chuyện với bot trong vai {person}."
INTRO = "Bot CCHC — bản chạy thử trong terminal (không cần Telegram, không cần mạng)."
DB_CHOSEN = "Cơ sở dữ liệu: {path} (theo CCHC_DB_PATH hoặc --db)."
DB_OWN = (
    "Cơ sở dữ liệu chạy thử: {path}\n"
    "Dữ liệu được giữ lại giữa các lần chạy; xoá tệp này để bắt đầu lại từ đầu."
)
ROSTER_FAILED = "Không nạp được danh sách đơn vị mẫu:"
ROSTER_LOADED = "Đã nạp danh sách mẫu {count} đơn vị (bot/data/roster_example.csv)."
PERIOD_EXTENDED = (
    "Kỳ báo cáo {period} đã hết hạn nộp; "
    "bản chạy thử gia hạn đến {due} để anh/chị thử lập báo cáo."
)
OPENS_BOT = "👤 {name} ({title}) mở bot: /start"
RETURNS = "👤 {name} quay lại bot: /start"
INVITED = (
    "Văn phòng Sở tạo mã mời cho đơn vị {code} – {unit}; {name} mở liên kết mời: /start {invite}"
)
PERSON = "{title} — {name}"

# -- the loop ---------------------------------------------------------------------------

END_OF_INPUT = "\nHết dữ liệu vào; kết thúc bản chạy thử."
SAYS = "👤 {name}: {text}"
GOODBYE = "Tạm biệt!"
UNKNOWN_COMMAND = "Không có lệnh “:{command}”. Gõ :help để xem các lệnh."
BAD_ROLE = "Vai không hợp lệ; dùng :as head hoặc :as office."
NOW_AS = "Bây giờ anh/chị trong vai {person}."
NO_BUTTONS = "Chưa có tin nhắn nào có nút để bấm."
BUTTON_RANGE = "Tin nhắn gần nhất có nút chỉ có {count} nút (:1 đến :{count})."
PRESSES = "👆 {name} bấm nút “{text}”"
BUTTON_DEAD = "Nút này không bấm được trong bản chạy thử."
SENDS_SAMPLE = "👤 {name} gửi tệp {file} (tệp mẫu)"
SENDS_FILE = "👤 {name} gửi tệp {file} ({size})"
