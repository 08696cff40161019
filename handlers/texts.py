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
    "Dùng /help để xem các chức năng dành cho Văn phòng Sở."
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
INVITE_REVOKED = (
    "Mã mời này đã bị thu hồi. Anh/chị vui lòng liên hệ Văn phòng Sở để được cấp mã mới."
)
INVITE_THROTTLED = "Anh/chị đã nhập sai mã mời quá nhiều lần. Vui lòng thử lại sau {time}."

# -- help -----------------------------------------------------------------------------

HELP_UNIT = (
    "<b>Các chức năng dành cho đơn vị</b>\n"
    "/report — lập, sửa và gửi báo cáo kết quả CCHC hằng quý\n"
    "/status [năm] — các báo cáo đơn vị đã nộp trong năm: đã nhận, được chấp nhận hay trả "
    "lại (kèm ý kiến của Văn phòng Sở)\n"
    "/standing [kỳ] — kết quả đã công bố (kết quả theo dõi quý, Chỉ số CCHC năm): xếp hạng "
    "trong khối, các tiêu chí cần cải thiện\n"
    "/trend — diễn biến kết quả theo dõi các quý của đơn vị\n"
    "/ranking [kỳ] — bảng xếp hạng của khối (khi Sở đã công bố)\n"
    "/explain — xem điểm được thẩm định điều chỉnh và gửi giải trình\n"
    "/practices [từ khoá] — thư viện điển hình tiên tiến, mô hình hay\n"
    "/nominate — đề xuất mô hình hay của đơn vị\n"
    "/award_dossier — nộp hồ sơ đề nghị khen thưởng CCHC (khi được Văn phòng Sở đề nghị)\n"
    "/cancel — tạm dừng khi đang lập báo cáo (bản nháp được giữ); huỷ thao tác khác "
    "đang làm dở\n"
    "/help — xem hướng dẫn này\n\n"
    "Khi lập báo cáo, mỗi câu trả lời được lưu ngay; anh/chị có thể dừng bất cứ lúc nào và "
    "tiếp tục sau bằng /report. Đơn vị được gửi lại báo cáo đến hạn nộp; mỗi lần gửi là một "
    "phiên bản mới."
)
HELP_OFFICE = (
    "<b>Các chức năng dành cho Văn phòng Sở</b>\n"
    "/status [kỳ] — tình hình gửi báo cáo theo khối, ví dụ <code>/status 2025-Q1</code>\n"
    "/view MÃ_ĐƠN_VỊ [kỳ] — xem báo cáo mới nhất của một đơn vị\n"
    "/review MÃ_ĐƠN_VỊ [kỳ] — xem xét báo cáo: chấp nhận hoặc trả lại kèm ý kiến\n"
    "/late [kỳ] — đơn vị chưa nộp, quá hạn; nút nhắc ngay\n"
    "/period [kỳ] — kỳ báo cáo: mở, đóng, đặt hạn nộp, ví dụ "
    "<code>/period quý II/2025 hạn 20/06/2025</code>\n"
    "/reopen MÃ_ĐƠN_VỊ [số ngày] [kỳ] — mở lại kỳ báo cáo cho một đơn vị sau hạn nộp\n"
    "/invite MÃ_ĐƠN_VỊ [thủ trưởng|người báo cáo] — tạo mã mời cho đơn vị\n"
    "/ranking [khối] [kỳ] — bảng xếp hạng (tạm tính trước khi công bố)\n"
    "/standing MÃ_ĐƠN_VỊ [kỳ], /trend MÃ_ĐƠN_VỊ — kết quả, diễn biến của một đơn vị\n"
    "/appraise MÃ_ĐƠN_VỊ [kỳ] [TIÊU_CHÍ ĐIỂM LÝ DO] — xem, nhập điểm thẩm định\n"
    "/explanations — giải trình đang chờ; /close_explanation SỐ [phản hồi] — đóng giải trình\n"
    "/publish KỲ — công bố kết quả theo dõi quý (2025-Q4) hoặc Chỉ số CCHC năm (2025), "
    "kèm số, ngày văn bản\n"
    "/broadcast — soạn và gửi bản tin điển hình tiên tiến tới các đơn vị\n"
    "/broadcasts — các bản tin đã gửi, số người đã nhận, đã đọc\n"
    "/nominations — các mô hình hay do đơn vị đề xuất, chờ duyệt\n"
    "/practices [từ khoá] — thư viện điển hình tiên tiến\n"
    "/awards NĂM — đề xuất khen thưởng theo Kế hoạch: chốt danh sách, theo dõi hồ sơ\n"
    "/nominate_person NĂM MÃ_PHÒNG | Họ và tên | Lý do — đề cử công chức\n"
    "/award_dossier MÃ_ĐƠN_VỊ [NĂM] — hồ sơ khen thưởng của một đơn vị\n"
    "/export KỲ [xlsx|docx|csv] — xuất bảng tổng hợp (xlsx), dự thảo báo cáo quý (docx)\n"
    "/audit MÃ_ĐƠN_VỊ [số mục] — nhật ký thay đổi của một đơn vị\n"
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

# -- command menus (Telegram's / menu; office members also see the unit commands) --

UNIT_COMMAND_MENU = {
    "report": "Lập, sửa và gửi báo cáo CCHC hằng quý",
    "status": "Tình hình các báo cáo đơn vị đã nộp",
    "standing": "Kết quả đã công bố và xếp hạng của đơn vị",
    "trend": "Diễn biến kết quả theo dõi các quý",
    "ranking": "Bảng xếp hạng của khối",
    "explain": "Giải trình về điểm thẩm định",
    "cancel": "Tạm dừng lập báo cáo (giữ bản nháp)",
    "practices": "Thư viện điển hình tiên tiến, mô hình hay",
    "nominate": "Đề xuất mô hình hay của đơn vị",
    "award_dossier": "Hồ sơ đề nghị khen thưởng CCHC của đơn vị",
    "help": "Hướng dẫn sử dụng",
}
OFFICE_COMMAND_MENU = {
    "status": "Tình hình gửi báo cáo theo khối",
    "view": "Xem báo cáo của một đơn vị",
    "review": "Xem xét, chấp nhận hoặc trả lại báo cáo",
    "late": "Đơn vị chưa nộp, quá hạn; nhắc ngay",
    "period": "Kỳ báo cáo: mở, đóng, hạn nộp",
    "reopen": "Mở lại kỳ báo cáo cho một đơn vị",
    "invite": "Tạo mã mời cho đơn vị",
    "broadcast": "Soạn và gửi bản tin điển hình tiên tiến",
    "broadcasts": "Các bản tin đã gửi, đã nhận, đã đọc",
    "nominations": "Đề xuất mô hình hay chờ duyệt",
    "appraise": "Thẩm định điểm của đơn vị",
    "explanations": "Giải trình của đơn vị đang chờ xem xét",
    "publish": "Công bố kết quả theo dõi quý, Chỉ số CCHC năm",
    "awards": "Đề xuất khen thưởng CCHC hằng năm",
    "nominate_person": "Đề cử công chức được khen thưởng CCHC",
    "export": "Xuất bảng tổng hợp, dự thảo báo cáo CCHC quý",
    "audit": "Nhật ký thay đổi của một đơn vị",
}

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
ASK_CURRENT = (
    "Đã trả lời: <b>{value}</b>. Anh/chị bấm “Giữ nguyên” hoặc gửi câu trả lời mới để thay đổi."
)
ASK_SKIPPED_BEFORE = "Câu này đã được bỏ qua. Anh/chị có thể trả lời ngay hoặc bỏ qua tiếp."
ASK_PREVIOUS = "Quý trước đơn vị đã báo cáo: <b>{value}</b>."
# The answer just taken, as the bot understood it.
PREFILLED = (
    "📋 Đã điền sẵn {count} câu theo báo cáo quý trước (những số liệu ít thay đổi như biên "
    "chế, mức tự chủ, số hồ sơ chuyển sang). Bot chỉ hỏi các câu còn lại; anh/chị xem và "
    "sửa các câu đã điền sẵn ở bản tóm tắt."
)
RECORDED = "✅ Đã ghi câu {number}: <b>{value}</b>"
RECORDED_SKIPPED = "⏭ Đã bỏ qua câu {number}."
BTN_KEEP = "✔️ Giữ nguyên: {value}"
BTN_PREVIOUS = "↩️ Như quý trước: {value}"
# After a cross-field refusal: the bound the other answers set, with where it comes from.
BOUND_MAX = "Vui lòng nhập số không lớn hơn {value} (theo số đã nhập ở {sources})."
BOUND_MIN = "Vui lòng nhập số không nhỏ hơn {value} (theo số đã nhập ở {sources})."
BOUND_EQUAL = "Theo số đã nhập ở {sources}, câu này phải là {value}."
BOUND_NONE = (
    "Theo số đã nhập ở {sources}, không có số nào phù hợp; anh/chị vui lòng bấm "
    "⬅️ Quay lại để kiểm tra các câu đó."
)
BOUND_SOURCE = "Câu {number}"
ASK_FILE_HINT = "Anh/chị vui lòng gửi tệp bằng biểu tượng 📎 → Tệp."
ASK_ERROR = "⚠️ {error}\n{hint}"
BUTTON_EXPIRED = (
    "Nút này không còn hiệu lực. Anh/chị vui lòng dùng lệnh hoặc tin nhắn mới nhất của bot."
)
STALE_BUTTON = "Nút này thuộc câu hỏi trước; bot xin hiển thị lại câu hỏi hiện tại."
CHOSEN = "Đã chọn: {value}"

CHOOSE_PERIOD = "Hiện có nhiều kỳ báo cáo đang mở. Anh/chị chọn kỳ cần báo cáo:"
PERIOD_BUTTON = "{label} (hạn {due})"
CLOSED = (
    "Kỳ báo cáo {period} đã hết hạn nộp lúc {due}. Nếu cần gửi bổ sung, anh/chị vui lòng "
    "liên hệ Văn phòng Sở."
)
CLOSED_DRAFT_KEPT = (
    "\nBáo cáo chưa được nộp; các câu trả lời, kể cả phần vừa sửa, vẫn được giữ trong bản "
    "nháp. Khi Văn phòng Sở mở lại kỳ báo cáo cho đơn vị, anh/chị dùng /report để nộp."
)
CLOSED_NONE = "Hiện chưa có kỳ báo cáo nào đang mở. Anh/chị vui lòng liên hệ Văn phòng Sở."
SAVED = (
    "💾 Đã lưu bản nháp báo cáo {period} ({answered}/{total} câu đã trả lời). "
    "Anh/chị dùng /report để tiếp tục bất cứ lúc nào trước hạn {due}."
)
PAUSED = (
    "⏸ Tạm dừng — bản nháp được giữ: báo cáo {period} ({answered}/{total} câu đã trả lời). "
    "Anh/chị dùng /report để tiếp tục bất cứ lúc nào trước hạn {due}."
)
NOT_IN_REPORT = "Anh/chị đang không lập báo cáo. Dùng /report để bắt đầu."
CANCEL_NOTHING = "Không có thao tác nào đang làm dở để huỷ."

SUMMARY_HEADER = "<b>📋 Tóm tắt báo cáo CCHC {period}</b>\nĐơn vị: <b>{unit}</b>\nHạn nộp: {due}"
SUMMARY_LAST = "Đã gửi lần {version} lúc {at} (số tiếp nhận <code>{reference}</code>)."
SUMMARY_PROBLEMS = "<b>⚠️ Cần hoàn thiện trước khi gửi:</b>"
SUMMARY_READY = (
    "Anh/chị vui lòng kiểm tra lại các câu trả lời. Bấm <b>✏️ Sửa</b> để sửa một câu, "
    "<b>✅ Gửi báo cáo</b> để gửi chính thức."
)
EDIT_MENU = "Anh/chị chọn phần cần sửa (hoặc gửi số câu):"
EDIT_SECTION_BUTTON = "{title} ({answered}/{total})"
EDIT_SECTION = "<b>{title}</b>\nAnh/chị chọn câu cần sửa (hoặc gửi số câu):"
EDIT_QUESTION_BUTTON = "{number}. {label}"
BTN_SECTIONS = "⬅️ Các phần"
NOT_ANSWERED = "(chưa trả lời)"
SKIPPED = "Đã bỏ qua"
NOT_APPLICABLE = "không áp dụng"

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
OFFICE_NOTICE_BATCH = "📥 <b>{n} đơn vị vừa gửi báo cáo CCHC:</b>"
OFFICE_NOTICE_BATCH_LINE = (
    "• <b>{unit}</b> ({code}) — {period}, lần {version}, lúc {at}, số <code>{reference}</code>"
)
OFFICE_NOTICE_BATCH_FOOTER = "Bấm 🔎 để xem xét báo cáo của từng đơn vị."
BTN_REVIEW_UNIT = "🔎 {code}"

# -- the report as an Excel workbook, or pasted as numbered lines --------------------------

BTN_EXCEL = "📥 Tải mẫu Excel"
EXCEL_CAPTION = (
    "📥 Mẫu báo cáo CCHC {period} của {unit} ({count} câu), đã điền sẵn bản nháp hiện có. "
    "Anh/chị điền cột “Trả lời” (ô để trống: giữ nguyên câu trả lời đã có), rồi gửi lại "
    "chính tệp này cho bot dưới dạng tài liệu (📎 → Tệp). Câu cần tệp đính kèm vẫn gửi "
    "qua Telegram."
)
EXCEL_CLOSED = "Kỳ báo cáo {period} hiện không nhận báo cáo của đơn vị, nên không có mẫu để tải."
EXCEL_REFUSED_UNIT = (
    "⚠️ Tệp này là mẫu báo cáo của <b>{found}</b>, không phải của đơn vị anh/chị "
    "(<b>{expected}</b>). Bot không ghi câu trả lời nào. Anh/chị vui lòng tải mẫu của "
    "đơn vị mình bằng nút “📥 Tải mẫu Excel” trong /report."
)
EXCEL_REFUSED_PERIOD = (
    "⚠️ Tệp này là mẫu báo cáo <b>{found}</b>; kỳ đang nhận báo cáo của đơn vị là "
    "<b>{expected}</b>. Bot không ghi câu trả lời nào. Anh/chị vui lòng tải mẫu của kỳ "
    "này bằng nút “📥 Tải mẫu Excel” trong /report."
)
EXCEL_REFUSED_CLOSED = (
    "⚠️ Tệp này là mẫu báo cáo <b>{found}</b>; hiện không có kỳ báo cáo nào đang nhận "
    "báo cáo của đơn vị. Bot không ghi câu trả lời nào."
)
EXCEL_REFUSED_VERSION = (
    "⚠️ Tệp này được tạo theo mẫu báo cáo phiên bản <b>{found}</b>; mẫu báo cáo hiện hành "
    "là phiên bản <b>{expected}</b> (câu hỏi có thể đã thay đổi). Bot không ghi câu trả lời "
    "nào. Anh/chị vui lòng tải mẫu mới bằng nút “📥 Tải mẫu Excel” trong /report."
)
EXCEL_REFUSED_TAMPERED = (
    "⚠️ Phần nhận diện ẩn của tệp mẫu đã bị sửa, nên bot không xác định được tệp thuộc "
    "đơn vị, kỳ báo cáo nào. Bot không ghi câu trả lời nào. Anh/chị vui lòng tải mẫu mới "
    "bằng nút “📥 Tải mẫu Excel” trong /report."
)
IMPORT_ERRORS_FILE = (
    "⚠️ <b>Tệp có {n} lỗi cần sửa.</b> Bot chưa ghi câu trả lời nào trong tệp; anh/chị "
    "vui lòng sửa các ô dưới đây rồi gửi lại tệp:"
)
IMPORT_ERRORS_LINES = (
    "⚠️ <b>Tin nhắn có {n} lỗi cần sửa.</b> Bot chưa ghi câu trả lời nào trong "
    "tin nhắn; anh/chị vui lòng sửa rồi gửi lại:"
)
IMPORT_ERROR_LINE = "• Dòng {row} — Câu {number} ({label}): {message}"
IMPORT_ERROR_LINE_UNKNOWN = "• Dòng {row}{label}: {message}"
IMPORT_LIST_HINT = (
    "\nNếu anh/chị muốn trả lời câu đang hỏi bằng một danh sách đánh số, vui lòng đánh số "
    "kiểu khác (ví dụ “1-” hoặc “a.”): tin nhắn mà mọi dòng đều bắt đầu bằng “số.” được "
    "hiểu là trả lời nhiều câu cùng lúc."
)
IMPORT_DONE_FILE = "📥 Đã ghi {n} câu trả lời từ tệp Excel vào bản nháp."
IMPORT_DONE_LINES = "📥 Đã ghi {n} câu trả lời từ tin nhắn vào bản nháp."
IMPORT_NOTHING_NEW = "📥 Tệp không thay đổi câu trả lời nào của bản nháp."
IMPORT_NOTHING_NEW_LINES = "📥 Tin nhắn không thay đổi câu trả lời nào của bản nháp."

# -- office ------------------------------------------------------------------------------

STATUS_HEADER = (
    "<b>Tình hình báo cáo CCHC {period}</b>\nHạn nộp: {due}\n"
    "Đã gửi: <b>{submitted}/{total}</b> · Đang soạn: {draft} · Chưa nộp: {none}"
)
STATUS_BLOCK = "<b>{block}</b> — đã gửi {submitted}/{total}"
STATUS_SUBMITTED = "✅ Đã gửi ({n}):"
STATUS_DRAFT = "📝 Đang soạn ({n}):"
STATUS_NONE = "⏳ Chưa nộp ({n}):"
STATUS_UNIT = "• {code} — {name}"
STATUS_UNIT_SUBMITTED = "• {code} — {name} (lần {version}, {at})"
PERIOD_UNKNOWN = "Kỳ báo cáo {code} chưa được thiết lập. Anh/chị dùng /period để xem các kỳ."
PERIOD_OUTSIDE_CAMPAIGN = (
    "Kỳ {text} nằm ngoài thời gian của phong trào ({first}–{last}). Anh/chị vui lòng kiểm tra "
    "lại năm."
)
BAD_PERIOD = (
    "Kỳ báo cáo không hợp lệ: “{text}”. Vui lòng ghi kỳ như <code>quý I/2025</code> "
    "hoặc <code>2025-Q1</code>."
)
VIEW_USAGE = (
    "Cú pháp: <code>/view MÃ_ĐƠN_VỊ [kỳ]</code>, ví dụ <code>/view THPT-QN1 2025-Q1</code>."
)
UNKNOWN_UNIT = "Không tìm thấy đơn vị có mã “{code}”. Dùng /status để xem danh sách mã đơn vị."
VIEW_NOTHING = "{unit} chưa nộp báo cáo CCHC {period}."
VIEW_HEADER = (
    "<b>Báo cáo CCHC {period}</b>\nĐơn vị: <b>{unit}</b> ({code})\n"
    "Lần gửi: {version} · {at}\nSố tiếp nhận: <code>{reference}</code>"
)
VIEW_VERSIONS = "Các lần gửi: {versions}"
VIEW_VERSION_ITEM = "lần {version} ({at})"
VIEW_FILE_CAPTION = "{label}\n{unit} — {period}, lần {version}"
INVITE_USAGE = (
    "Cú pháp: <code>/invite MÃ_ĐƠN_VỊ [thủ trưởng|người báo cáo]</code> (mặc định: thủ "
    "trưởng; cũng nhận <code>head</code>, <code>reporter</code>)."
)
INVITE_CREATED = (
    "Đã tạo mã mời cho <b>{unit}</b> ({code}), vai trò <b>{role}</b>.\n"
    "Mã: <code>{invite}</code>\nHiệu lực đến: {expires}\n"
    "Đường liên kết để gửi cho đơn vị (dùng một lần):\n{link}"
)

# -- a unit's own /status, and a returned report opened with /report ---------------------

UNIT_STATUS_USAGE = (
    "Cú pháp: <code>/status [năm]</code>, ví dụ <code>/status 2025</code> — tình hình các báo "
    "cáo CCHC đơn vị đã nộp trong năm (mặc định: năm nay)."
)
UNIT_STATUS_HEADER = "<b>Tình hình báo cáo CCHC năm {year}</b>\nĐơn vị: <b>{unit}</b>"
UNIT_STATUS_NONE = "Chưa có kỳ báo cáo nào của năm {year}."
UNIT_STATUS_PERIOD = "<b>{label}</b> · hạn nộp {due}"
UNIT_STATUS_CLOSED = " · kỳ đã đóng"
UNIT_STATUS_VERSION = "• Lần {version} — nộp lúc {at}, số <code>{reference}</code>: {state}"
UNIT_STATE_RECEIVED = "📨 Văn phòng Sở đã nhận, đang chờ xem xét"
UNIT_STATE_ACCEPTED = "✅ được Văn phòng Sở chấp nhận lúc {at}"
UNIT_STATE_RETURNED = "↩️ được Văn phòng Sở trả lại lúc {at} để hoàn thiện"
UNIT_STATE_SUPERSEDED = "được thay bằng lần nộp sau"
UNIT_STATUS_COMMENT = "   Ý kiến của Văn phòng Sở: <i>{comment}</i>"
UNIT_STATUS_RESUBMIT = "   Đơn vị sửa và nộp lại trước <b>{due}</b> (dùng /report)."
UNIT_STATUS_NOT_SUBMITTED = {
    "none": "⏳ Chưa nộp.",
    "draft": "📝 Đang soạn, chưa nộp.",
    "late": "⛔ Quá hạn, chưa nộp.",
}
UNIT_STATUS_DRAFT = "📝 Bản nháp sửa lúc {at} chưa được nộp."
UNIT_STATUS_DRAFT_ONLY = "   Bản nháp lưu lúc {at}."
UNIT_STATUS_REOPENED = "🔓 Văn phòng Sở đã mở lại kỳ báo cáo cho đơn vị đến <b>{due}</b>."
UNIT_STATUS_FOOTER = (
    "Dùng /report để lập, sửa và nộp báo cáo; /standing để xem kết quả Văn phòng Sở đã công bố."
)
REPORT_RETURNED = (
    "↩️ <b>Báo cáo CCHC {label} (lần {version}) đã được Văn phòng Sở trả lại</b> lúc {at} "
    "để hoàn thiện.\n"
    "Ý kiến của Văn phòng Sở: <i>{comment}</i>\n"
    "Anh/chị sửa các câu cần thiết rồi nộp lại trước <b>{due}</b>; các câu trả lời đã nộp "
    "được giữ nguyên."
)

# -- standings ---------------------------------------------------------------------------

STANDING_HEADER = "<b>{result}</b> <i>({status})</i>\nĐơn vị: <b>{unit}</b>\n{block}"
STANDING_RANK = "Xếp hạng trong khối: <b>{rank}/{total}</b>{tied}"
STANDING_TIED = " (đồng hạng)"
STANDING_SCORED_SO_FAR = (
    "Chỉ số tạm tính trên {scored}/{full} điểm: {pending} điểm của các tiêu chí do Văn phòng "
    "Sở chấm chưa có điểm, chưa tính."
)
STANDING_SCORED_PART = (
    "Chỉ số tính trên {scored}/{full} điểm đã chấm; {pending} điểm của các tiêu chí do Văn "
    "phòng Sở chấm không có điểm khi công bố."
)
STANDING_SILENT = "{silent}/{total} đơn vị của khối chưa nộp báo cáo, xếp cuối khối."
STANDING_INDEX = "Chỉ số: <b>{index}</b> điểm — xếp loại <b>{band}</b>{unreviewed}"
UNREVIEWED = " (chưa duyệt)"
STANDING_UNREVIEWED_NOTE = (
    "<i>Báo cáo được tính chưa được Văn phòng Sở duyệt: kết quả là tạm tính, có thể thay "
    "đổi sau khi xem xét.</i>"
)
STANDING_NOT_REPORTED = (
    "Đơn vị chưa nộp báo cáo {scope} nên xếp cuối khối, không có thứ hạng "
    "({reported}/{total} đơn vị của khối đã nộp báo cáo)."
)
STANDING_NOT_REPORTED_YEAR = (
    "Đơn vị chưa nộp báo cáo quý nào của năm {year} nên xếp cuối khối, không có thứ hạng "
    "({reported}/{total} đơn vị của khối đã nộp báo cáo)."
)
STANDING_CHANGE_UP = "So với {previous}: ▲ tăng {delta} điểm"
STANDING_CHANGE_DOWN = "So với {previous}: ▼ giảm {delta} điểm"
STANDING_CHANGE_SAME = "So với {previous}: không thay đổi"
STANDING_TO_NEXT = "Cần thêm <b>{points}</b> điểm để lên hạng {rank}."
STANDING_TOP = "🏆 Đơn vị đang dẫn đầu khối."
STANDING_WEAKEST = "<b>Các tiêu chí mất nhiều điểm nhất so với trung vị của khối:</b>"
STANDING_WEAK_LINE = "{n}. {title}: {points}/{max} điểm ({gap})"
STANDING_WEAK_BELOW = "mất nhiều hơn trung vị khối {gap} điểm"
STANDING_WEAK_LEVEL = "mất bằng trung vị khối"
STANDING_WEAK_ABOVE = "mất ít hơn trung vị khối {gap} điểm"
STANDING_MEDIAN = "Trung vị của khối: {median} điểm."
STANDING_APPRAISED = (
    "Chỉ số theo báo cáo của đơn vị: {reported} · sau thẩm định: <b>{final}</b> "
    "({count} tiêu chí được Văn phòng Sở điều chỉnh; xem và giải trình: /explain)."
)
STANDING_NONE_PUBLISHED = (
    "Văn phòng Sở chưa công bố kết quả nào (kết quả theo dõi quý hoặc Chỉ số CCHC năm)."
)
STANDING_WHEN_REPORTED = (
    "\nBáo cáo {label} của đơn vị đã được nộp (lần {version}, lúc {at}). Kết quả theo dõi "
    "{label} được hiển thị tại đây sau khi Văn phòng Sở tổng hợp báo cáo của các đơn vị "
    "(hạn nộp {due}) và công bố; khi công bố, bot sẽ gửi thông báo tới đơn vị. Tình hình "
    "báo cáo của đơn vị: /status."
)
STANDING_WHEN_NOT_REPORTED = (
    "\nKết quả theo dõi {label} được hiển thị tại đây sau khi các đơn vị nộp báo cáo (hạn "
    "nộp {due}) và Văn phòng Sở công bố; khi công bố, bot sẽ gửi thông báo tới đơn vị. "
    "Đơn vị chưa nộp báo cáo {label}: dùng /report để lập và nộp."
)
STANDING_UNPUBLISHED = "{result} chưa được công bố."
STANDING_SHOWN_AFTER_DUE = (
    " Kết quả được hiển thị sau khi Văn phòng Sở tổng hợp báo cáo {label} của các đơn vị "
    "(hạn nộp {due}) và công bố; khi công bố, bot sẽ gửi thông báo tới đơn vị."
)
STANDING_SHOWN_AFTER = (
    " Kết quả được hiển thị sau khi Văn phòng Sở công bố; khi công bố, bot sẽ gửi thông báo "
    "tới đơn vị."
)
STANDING_YTD_UNITS = (
    "Kết quả lũy kế năm chỉ để Văn phòng Sở theo dõi, không được công bố. Anh/chị xem kết "
    "quả theo dõi quý (ví dụ <code>/standing {year}-Q1</code>) hoặc Chỉ số CCHC năm (ví dụ "
    "<code>/standing {year}</code>) khi đã công bố."
)
STANDING_OFFICE_USAGE = (
    "Cú pháp dành cho Văn phòng Sở: <code>/standing MÃ_ĐƠN_VỊ [kỳ]</code>, ví dụ "
    "<code>/standing THPT-QH 2025-Q1</code>; kỳ có thể là quý (2025-Q1: kết quả theo dõi), "
    "năm (2025: Chỉ số CCHC năm) hoặc lũy kế năm (2025-YTD: chỉ để theo dõi)."
)
BAD_SCOPE = (
    "Kỳ xếp hạng không hợp lệ: “{text}”. Ví dụ hợp lệ: <code>2025-Q1</code> (kết quả theo dõi "
    "quý), <code>2025</code> (Chỉ số CCHC năm), <code>2025-YTD</code> (lũy kế năm)."
)
CHART_TITLE = "{result} ({status})"
CHART_CAPTION = "{result} — {block}\n<i>({status})</i>"
TREND_TITLE = "Diễn biến kết quả theo dõi quý — {unit}"
TREND_HEADER = "<b>Diễn biến kết quả theo dõi quý</b>\nĐơn vị: <b>{unit}</b>"
TREND_LINE = "{scope}: {index}{median}{status}"
TREND_MEDIAN = " (trung vị khối {median})"
TREND_NO_DATA = "chưa có"
TREND_NONE_UNITS = (
    "<b>Diễn biến kết quả theo dõi quý</b>\nĐơn vị: <b>{unit}</b>\n"
    "Chưa có kết quả theo dõi quý nào của đơn vị được Văn phòng Sở công bố nên chưa có biểu "
    "đồ. Khi Văn phòng Sở công bố, bot sẽ gửi thông báo tới đơn vị và /trend sẽ hiển thị "
    "diễn biến qua các quý."
)
TREND_NONE_OFFICE = (
    "<b>Diễn biến kết quả theo dõi quý</b>\nĐơn vị: <b>{unit}</b>\n"
    "Đơn vị chưa có kết quả theo dõi nào trong {n} quý gần đây (chưa nộp báo cáo) nên chưa "
    "có biểu đồ."
)
TREND_UNPUBLISHED = "chưa công bố"
TREND_PROVISIONAL = " — tạm tính, chưa công bố"
TREND_NOTE_UNITS = "<i>Chỉ hiện các quý Văn phòng Sở đã công bố.</i>"
TREND_NOTE_OFFICE = "<i>Quý ghi “tạm tính, chưa công bố” chưa được công bố cho các đơn vị.</i>"
TREND_CAPTION_UNITS = "{title}\n<i>(các quý đã công bố)</i>"
TREND_CAPTION_OFFICE = "{title}\n<i>(gồm kết quả tạm tính, chưa công bố)</i>"
RANKING_HEADER = (
    "<b>Bảng xếp hạng — {result}</b> <i>({status})</i>\n{block}\n"
    "Đã báo cáo: {reported}/{total} đơn vị"
)
RANKING_LINE = "{rank}. {name} — <b>{index}</b> ({band}){unreviewed}"
RANKING_LINE_OWN = "<u>{rank}. {name} — <b>{index}</b> ({band}){unreviewed}</u>"
RANKING_UNREVIEWED_NOTE = (
    "\n<i>(chưa duyệt): báo cáo chưa được Văn phòng Sở duyệt, kết quả là tạm tính.</i>"
)
RANKING_NOT_REPORTED = "— {name}: chưa nộp báo cáo"
RANKING_NOT_REPORTED_OWN = "<u>— {name}: chưa nộp báo cáo</u>"
RANKING_OWN_ONLY = (
    "Theo quy định của Sở, đơn vị chỉ xem được kết quả của đơn vị mình. "
    "Anh/chị dùng /standing để xem."
)
RANKING_BLOCK_ONLY = "Đơn vị chỉ xem được bảng xếp hạng của khối mình."
UNKNOWN_BLOCK = "Không có khối “{code}”. Các khối: {blocks}."

# -- /publish: a guided, confirmed decision ---------------------------------------------

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
PUBLISH_DOCUMENT_YEAR = "Quyết định số {number} ngày {date}"
PUBLISH_DOCUMENT_QUARTER = "văn bản số {number} ngày {date}"
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
APPRAISE_USAGE = (
    "Cú pháp:\n"
    "• <code>/appraise MÃ_ĐƠN_VỊ [KỲ]</code> — xem điểm từng tiêu chí của đơn vị;\n"
    "• <code>/appraise MÃ_ĐƠN_VỊ [KỲ] TIÊU_CHÍ ĐIỂM LÝ DO</code> — nhập điểm thẩm định, "
    "ví dụ <code>/appraise THPT-QH 2025-Q1 report_quality 4,5 Báo cáo gửi chậm 2 ngày</code>.\n"
    "Nếu không ghi kỳ, bot hiểu là quý hiện tại."
)
APPRAISE_SHEET_HEADER = (
    "<b>Bảng điểm {period} — {unit}</b>\nĐiểm theo báo cáo: {reported} · Sau thẩm định: {final}"
)
APPRAISE_SHEET_NO_REPORT = "<i>Đơn vị chưa nộp báo cáo {period}.</i>"
APPRAISE_SHEET_GROUP = "\n<b>{title}</b>"
APPRAISE_SHEET_LINE = "<code>{key}</code> {title}: {reported}/{max}{appraised}"
APPRAISE_SHEET_APPRAISED = " → ✍️ <b>{points}</b> ({reason})"
APPRAISE_SHEET_NA = "<code>{key}</code> {title}: không áp dụng"
APPRAISE_SHEET_FOOTER = (
    "\nNhập điểm thẩm định: <code>/appraise {unit} {period} TIÊU_CHÍ ĐIỂM LÝ DO</code>"
)
NO_POINTS = "—"
APPRAISE_REFUSED = "Không ghi được điểm thẩm định: {reason}."
APPRAISE_DONE = (
    "✅ Đã thẩm định tiêu chí “{title}” của {unit} ({period}): <b>{points}/{max}</b> điểm"
    "{before}. Đã báo cho {sent} thành viên của đơn vị."
)
APPRAISE_BEFORE = " (trước đó {points})"

# -- appraisal notices and explanations ------------------------------------------------

APPRAISE_NOTICE = (
    "✍️ <b>Văn phòng Sở đã thẩm định điểm của đơn vị {period}</b>\n"
    "Tiêu chí: {title}\n"
    "Điểm theo báo cáo của đơn vị: {reported} · Điểm thẩm định: <b>{points}/{max}</b>\n"
    "Lý do: {reason}\n\n"
    "Nếu chưa thống nhất, anh/chị bấm “Giải trình” để gửi ý kiến cho Văn phòng Sở."
)
BTN_EXPLAIN = "✍️ Giải trình"
BTN_CLOSE_EXPLANATION = "✅ Đã xem xét, đóng"
EXPLAIN_NONE = (
    "Đơn vị chưa có tiêu chí nào được Văn phòng Sở điều chỉnh điểm trong các quý gần đây."
)
EXPLAIN_LIST_HEADER = (
    "<b>Các tiêu chí được điều chỉnh khi thẩm định {period}</b>\n"
    "Điểm theo báo cáo → điểm thẩm định. Bấm vào tiêu chí để gửi giải trình."
)
EXPLAIN_LIST_LINE = "• {title}: {reported} → <b>{points}</b>/{max} ({reason})"
EXPLAIN_ASK = (
    "Anh/chị vui lòng gửi nội dung giải trình cho tiêu chí “{title}” ({period}) trong "
    "một tin nhắn, tối đa {limit} ký tự. Dùng /cancel để huỷ."
)
EXPLAIN_BUSY_REPORT = (
    "Anh/chị đang lập báo cáo. Vui lòng dùng /cancel để tạm dừng (bản nháp được giữ) rồi "
    "bấm lại nút “Giải trình”."
)
EXPLAIN_TEXT_ONLY = "Vui lòng gửi nội dung giải trình bằng văn bản (một tin nhắn)."
EXPLAIN_REFUSED = "Chưa gửi được giải trình: {reason}. Anh/chị vui lòng gửi lại."
EXPLAIN_SENT = (
    "✅ Đã gửi giải trình số {id} về tiêu chí “{title}” ({period}) tới Văn phòng Sở. "
    "Anh/chị sẽ nhận được thông báo khi Văn phòng Sở xem xét xong."
)
EXPLAIN_CANCELLED = "Đã huỷ việc gửi giải trình."
EXPLAIN_OFFICE_NOTICE = (
    "📝 <b>Giải trình số {id}</b> của {unit} ({period})\n"
    "Tiêu chí: {title}\nĐiểm theo báo cáo: {reported} · Điểm thẩm định: {points}/{max}\n"
    "Nội dung: {text}\n\n"
    "Đóng kèm phản hồi: <code>/close_explanation {id} nội dung phản hồi</code>"
)
EXPLANATIONS_NONE = "Không có giải trình nào đang chờ xem xét."
EXPLANATIONS_HEADER = "<b>Giải trình đang chờ xem xét: {count}</b>"
EXPLANATIONS_MORE = (
    "… và {count} giải trình khác. Anh/chị vui lòng đóng các giải trình đã xem xét rồi dùng "
    "lại /explanations."
)
CLOSE_USAGE = (
    "Cú pháp: <code>/close_explanation SỐ [nội dung phản hồi]</code>, ví dụ "
    "<code>/close_explanation 12 Đã điều chỉnh lại điểm</code>."
)
CLOSE_REFUSED = "Không đóng được giải trình: {reason}."
EXPLANATION_CLOSED = "✅ Đã đóng giải trình số {id} của {unit}."
CLOSED_MARK = "\n\n✅ <i>Đã đóng.</i>"
CLOSED_NOTICE = (
    "📬 Văn phòng Sở đã xem xét giải trình số {id} về tiêu chí “{title}” ({period}).{response}"
    "\nDùng /standing để xem kết quả hiện tại."
)
CLOSED_RESPONSE = "\nPhản hồi: {response}"

# -- broadcasts --------------------------------------------------------------------------

BTN_ACK = "👍 Đã đọc"
ACK_THANKS = "Cảm ơn anh/chị đã xác nhận đã đọc."
ACK_AGAIN = "Anh/chị đã xác nhận đã đọc bản tin này."
ACK_UNKNOWN = "Không ghi nhận: bản tin này không được gửi tới anh/chị."
BROADCAST_ALBUM_ACK = (
    "📢 Văn phòng Sở gửi đơn vị bản tin trên. Anh/chị vui lòng bấm “👍 Đã đọc” sau khi xem."
)
BROADCAST_ASK_CONTENT = (
    "📢 <b>Soạn bản tin gửi các đơn vị</b>\n"
    "Anh/chị vui lòng gửi nội dung bản tin: một tin nhắn văn bản (giữ nguyên định dạng), "
    "một ảnh kèm chú thích, một tệp văn bản hoặc một album ảnh.\n"
    "Dùng /cancel để huỷ."
)
BROADCAST_BAD_CONTENT = (
    "Bot chỉ gửi được văn bản, ảnh, tệp văn bản hoặc album ảnh/tệp. "
    "Anh/chị vui lòng gửi lại nội dung, hoặc dùng /cancel để huỷ."
)
BROADCAST_GOT_CONTENT = "Đã nhận nội dung ({what}). Anh/chị chọn <b>đơn vị nhận</b> bản tin:"
CONTENT_NAMES = {
    "text": "văn bản",
    "photo": "ảnh",
    "document": "tệp",
    "album": "album {n} mục",
}
BTN_AUD_ALL = "Tất cả đơn vị"
BTN_AUD_BLOCK = "Theo khối"
BTN_AUD_DISTRICT = "Theo huyện, thị xã, thành phố"
BTN_AUD_LATE = "Đơn vị chưa nộp báo cáo {period}"
BTN_AUD_CODES = "Nhập danh sách mã đơn vị"
BTN_CANCEL = "✖️ Huỷ"
BROADCAST_CHOOSE_BLOCK = "Anh/chị chọn khối nhận bản tin:"
BROADCAST_CHOOSE_DISTRICT = "Anh/chị chọn địa bàn nhận bản tin:"
BROADCAST_ASK_CODES = (
    "Anh/chị vui lòng gửi danh sách mã đơn vị, cách nhau bởi dấu phẩy hoặc dấu cách, "
    "ví dụ: <code>THPT-QH, PGD-QN</code>."
)
BROADCAST_UNKNOWN_CODES = "Không có đơn vị mang mã: {codes}. Anh/chị vui lòng gửi lại danh sách."
BROADCAST_CHOOSE_ROLE = (
    "Bản tin gửi tới: <b>{audience}</b>.\nAnh/chị chọn người nhận trong mỗi đơn vị:"
)
BTN_ROLE_HEADS = "Chỉ thủ trưởng đơn vị"
BTN_ROLE_ALL = "Tất cả thành viên đã đăng ký"
AUD_ALL = "tất cả đơn vị"
AUD_BLOCK = "{block}"
AUD_DISTRICT = "các đơn vị tại {district}"
AUD_LATE = "các đơn vị chưa nộp báo cáo {period}"
AUD_CODES = "các đơn vị: {codes}"
AUD_HEADS = "thủ trưởng đơn vị"
AUD_MEMBERS = "tất cả thành viên"
BROADCAST_PREVIEW_HEADER = "👁 <b>Bản xem trước</b> — các đơn vị sẽ nhận đúng như dưới đây:"
BROADCAST_CONFIRM = (
    "📢 Bản tin sẽ gửi tới <b>{count}</b> người nhận ({units} đơn vị) — {audience}, "
    "{roles}.{skipped}\nAnh/chị xác nhận gửi?"
)
BROADCAST_SKIPPED = "\nKhông gửi tới {n} người đã chặn bot."
BROADCAST_NO_RECIPIENTS = (
    "Không có người nhận nào trong phạm vi đã chọn (chưa có thành viên đăng ký hoặc đã chặn "
    "bot). Anh/chị vui lòng chọn lại đơn vị nhận."
)
BTN_SEND_NOW = "✅ Gửi ngay"
BTN_SCHEDULE = "🕒 Hẹn giờ gửi"
BROADCAST_ASK_TIME = (
    "Anh/chị vui lòng gửi thời điểm gửi bản tin theo dạng <code>dd/mm/yyyy hh:mm</code>, "
    "ví dụ <code>{example}</code> (giờ Việt Nam)."
)
BROADCAST_BAD_TIME = (
    "“{text}” chưa đúng dạng <code>dd/mm/yyyy hh:mm</code> hoặc không phải ngày giờ có thật. "
    "Bản tin vẫn được giữ nguyên; anh/chị vui lòng gửi lại thời điểm, ví dụ "
    "<code>{example}</code>, hoặc dùng /cancel để huỷ."
)
BROADCAST_TIME_PAST = (
    "Thời điểm {at} đã qua (bây giờ là {now}). Bản tin vẫn được giữ nguyên; anh/chị vui lòng "
    "gửi một thời điểm sau thời điểm hiện tại, hoặc dùng /cancel để huỷ."
)
BROADCAST_SCHEDULED = (
    "🕒 <b>Bản tin số {id}</b> sẽ được gửi lúc {at} tới {count} người nhận ({audience})."
)
BROADCAST_CANCELLED = "Đã huỷ soạn bản tin."
BROADCAST_EXPIRED = "Phiên soạn bản tin đã kết thúc. Anh/chị dùng /broadcast để soạn lại."
BROADCAST_PROGRESS = (
    "📢 <b>Bản tin số {id}</b> — {audience}\nĐang gửi {done}/{total} … {percent} %"
)
BROADCAST_DONE = (
    "✅ <b>Bản tin số {id}</b> — {audience}\n"
    "Đã gửi xong lúc {at}.\n"
    "• Đã nhận: <b>{sent}</b>/{total}\n"
    "• Đã chặn bot: {blocked}\n"
    "• Không gửi được: {failed}"
)
BROADCAST_REASON = "\n   – {reason}: {n}"
BTN_BROADCAST_DETAIL = "📋 Ai đã đọc"
BTN_SAVE_PRACTICE = "💾 Lưu vào thư viện điển hình"
BROADCASTS_NONE = "Chưa có bản tin nào."
BROADCASTS_HEADER = "<b>Các bản tin gần đây</b>"
BROADCASTS_LINE = (
    "\n<b>Số {id}</b> · {at} · {audience}\n"
    "   {status} · đã nhận {sent}/{total} · chặn bot {blocked} · lỗi {failed} · đã đọc {acks}"
)
BROADCAST_STATUS = {
    "scheduled": "🕒 hẹn gửi {at}",
    "sending": "⏳ đang gửi",
    "done": "✅ đã gửi xong",
    "cancelled": "✖️ đã huỷ",
}
BTN_BROADCAST_NUMBER = "Số {id}"
BROADCAST_DETAIL = (
    "📋 <b>Bản tin số {id}</b> — {audience}\nĐã đọc: <b>{acked}</b>/{delivered} người đã nhận."
)
BROADCAST_DETAIL_ACKED = "\n<b>Đã xác nhận đọc:</b>"
BROADCAST_DETAIL_NOT_ACKED = "\n<b>Chưa xác nhận đọc:</b>"
BROADCAST_DETAIL_LINE = "• {unit} — {name}"
BROADCAST_DETAIL_NONE = "• (không có)"
BROADCAST_UNKNOWN = "Không tìm thấy bản tin số {id}."
REASON_TRANSIENT = "Máy chủ Telegram lỗi hoặc mất kết nối (đã thử {n} lần)"
REASON_TIMEOUT = "Quá thời gian chờ phản hồi"
REASON_REFUSED = "Telegram từ chối: {detail}"
REASON_BLOCKED = "Người nhận đã chặn bot"
# -- practices ----------------------------------------------------------------------------

PRACTICE_ASK_TITLE = (
    "💾 Lưu bản tin số {id} vào thư viện điển hình.\n"
    "Anh/chị vui lòng gửi <b>tên mô hình, điển hình</b>:"
)
PRACTICE_ASK_UNIT = (
    "Anh/chị vui lòng gửi <b>mã đơn vị</b> được nêu gương (ví dụ <code>THPT-QH</code>), "
    "hoặc bấm “Bỏ qua”."
)
PRACTICE_ASK_TAGS = "Anh/chị chọn <b>lĩnh vực</b> (có thể chọn nhiều), rồi bấm “Xong”:"
BTN_PRACTICE_DONE = "✅ Xong"
BTN_PRACTICE_SKIP = "Bỏ qua"
PRACTICE_SAVED = "✅ Đã lưu vào thư viện điển hình: <b>{title}</b> (số {id})."
PRACTICE_UNKNOWN = "Mô hình này không có (hoặc không còn) trong thư viện điển hình."
PRACTICE_TITLE_BAD = "Tên mô hình cần từ 3 đến 200 ký tự. Anh/chị vui lòng gửi lại."
PRACTICES_HEADER = "📚 <b>Thư viện điển hình tiên tiến, mô hình hay</b>"
PRACTICES_FILTER_TAG = "Lĩnh vực: <b>{tag}</b>"
PRACTICES_FILTER_WORDS = "Tìm: <b>{words}</b>"
PRACTICES_EMPTY = "Chưa có mô hình nào phù hợp."
PRACTICES_PAGE = "Trang {page}/{pages} · {total} mô hình"
PRACTICES_HINT = (
    "Chọn lĩnh vực bên dưới, hoặc tìm theo từ khoá: <code>/practices chuyển đổi số</code> "
    "(gõ có dấu hoặc không dấu đều được)."
)
PRACTICE_LINE = "\n<b>{n}. {title}</b>{unit}{tags}"
PRACTICE_LINE_UNIT = "\n   Đơn vị: {unit}"
PRACTICE_LINE_TAGS = "\n   Lĩnh vực: {tags}"
BTN_PREV = "◀️ Trước"
BTN_NEXT = "Sau ▶️"
BTN_ALL_TAGS = "Tất cả"
BTN_PRACTICE_OPEN = "Xem số {n}"
PRACTICE_VIEW = "📌 <b>{title}</b>{unit}{tags}\n\n{description}"
NEED_REGISTERED = "Chức năng này dành cho các đơn vị đã đăng ký và Văn phòng Sở."
NOMINATE_ASK_TITLE = (
    "🌟 <b>Đề xuất mô hình hay, điển hình tiên tiến</b>\n"
    "Anh/chị vui lòng gửi <b>tên mô hình</b> (3–200 ký tự). Dùng /cancel để huỷ."
)
NOMINATE_ASK_DESCRIPTION = (
    "Anh/chị vui lòng gửi <b>nội dung mô tả</b> mô hình: cách làm, kết quả đạt được "
    "(một tin nhắn, tối đa {max} ký tự)."
)
NOMINATE_ASK_FILE = (
    "Anh/chị có thể gửi kèm <b>một ảnh hoặc một tệp</b> minh hoạ, hoặc bấm “Bỏ qua”."
)
NOMINATE_ASK_TAGS = PRACTICE_ASK_TAGS
NOMINATE_TEXT_ONLY = "Vui lòng gửi nội dung bằng văn bản."
NOMINATE_FILE_ONLY = "Vui lòng gửi một ảnh hoặc một tệp, hoặc bấm “Bỏ qua”."
NOMINATE_SENT = (
    "✅ Đã gửi đề xuất số {id} “{title}” tới Văn phòng Sở. Anh/chị sẽ nhận được thông báo "
    "khi Văn phòng Sở xem xét xong."
)
NOMINATE_CANCELLED = "Đã huỷ đề xuất."
NOMINATION_OFFICE_NOTICE = (
    "🌟 <b>Đề xuất mô hình hay số {id}</b> của {unit}: “{title}”.\nDùng /nominations để xem xét."
)
NOMINATIONS_NONE = "Không có đề xuất nào đang chờ duyệt."
NOMINATION_VIEW = (
    "🌟 <b>Đề xuất số {id}</b> — {unit}\n"
    "Gửi lúc {at}\n"
    "Tên mô hình: <b>{title}</b>\nLĩnh vực: {tags}\n\n{description}"
)
NOMINATIONS_MORE = "Còn {n} đề xuất khác đang chờ duyệt."
BTN_APPROVE = "✅ Duyệt, đưa vào thư viện"
BTN_APPROVE_BROADCAST = "📢 Duyệt và gửi tới tất cả đơn vị"
BTN_REJECT = "✖️ Không duyệt"
NOMINATION_ASK_REASON = (
    "Anh/chị vui lòng gửi <b>lý do</b> không duyệt đề xuất số {id} (một tin nhắn):"
)
NOMINATION_APPROVED = "✅ Đã duyệt đề xuất số {id}, đưa vào thư viện điển hình."
NOMINATION_APPROVED_BROADCAST = (
    "✅ Đã duyệt đề xuất số {id} và gửi tới {count} người nhận (bản tin số {broadcast})."
)
NOMINATION_REJECTED = "Đã trả lời đơn vị: đề xuất số {id} không được duyệt."
NOMINATION_DECIDED = "Đề xuất số {id} đã được xem xét trước đó."
NOMINATION_TOLD_APPROVED = (
    "🎉 Đề xuất mô hình “{title}” (số {id}) của đơn vị đã được Văn phòng Sở duyệt và đưa vào "
    "thư viện điển hình. Xem tại /practices."
)
NOMINATION_TOLD_REJECTED = (
    "Đề xuất mô hình “{title}” (số {id}) của đơn vị chưa được Văn phòng Sở duyệt.\nLý do: {reason}"
)
BROADCAST_PREVIEW_ACK = "Đây là bản xem trước; các đơn vị sẽ bấm nút này để xác nhận đã đọc."
BROADCAST_USE_BUTTONS = (
    "Anh/chị vui lòng chọn bằng các nút ở tin nhắn trên, hoặc dùng /cancel để huỷ."
)
NOMINATION_REASON_LONG = (
    "Lý do dài {n} ký tự, vượt giới hạn {max} ký tự. Anh/chị vui lòng gửi lý do ngắn gọn hơn."
)
NOMINATE_DESCRIPTION_BAD = "Nội dung mô tả cần từ 3 đến {max} ký tự. Anh/chị vui lòng gửi lại."

# -- awards --

AWARDS_USAGE = (
    "Cú pháp: <code>/awards NĂM</code>, ví dụ <code>/awards 2025</code> — danh sách đề xuất "
    "khen thưởng hằng năm theo mục III {plan}."
)
YEAR_OUTSIDE_CAMPAIGN = (
    "Năm {year} nằm ngoài thời gian của phong trào ({first}–{last}). Anh/chị vui lòng kiểm tra "
    "lại năm."
)
AWARDS_BAD_YEAR = "Năm không hợp lệ: “{text}”. Vui lòng ghi năm bằng 4 chữ số, ví dụ 2025."
AWARDS_HEADER = (
    "🏅 <b>Đề xuất khen thưởng phong trào thi đua CCHC năm {year}</b>\n"
    "Theo mục III.1 {plan}.\n"
    "Căn cứ: Chỉ số CCHC năm {year} (bình quân 4 quý; quý không nộp báo cáo tính 0 điểm) và tỷ "
    "lệ hồ sơ thủ tục hành chính đơn vị trình Sở giải quyết theo hình thức trực tuyến "
    "(cộng dồn các báo cáo quý trong năm).\n"
    "Hạn nộp hồ sơ đề nghị khen thưởng về Sở: <b>{due}</b>."
)
AWARDS_PROVISIONAL = "⚠️ Kết quả Chỉ số CCHC năm {year} chưa được công bố; danh sách là tạm tính."
AWARDS_YEAR_OPEN = "⚠️ Năm {year} chưa kết thúc; số liệu còn thay đổi."
AWARDS_UNITS_TITLE = "<b>1. Giấy khen cho 04 đơn vị trực thuộc</b>"
AWARDS_PLAN_QUOTE = "Kế hoạch: <i>“{sentence}”</i>"
AWARDS_KHOI = (
    "Khối các đơn vị trực thuộc gồm: {blocks} (xếp hạng chung). Điều kiện: Chỉ số CCHC năm "
    "xếp loại {min_band} trở lên; trên 90% hồ sơ thủ tục hành chính đơn vị trình Sở giải "
    "quyết theo hình thức trực tuyến (đúng 90% là chưa đạt)."
)
AWARDS_KHOI_UNKNOWN = (
    "⚠️ Danh sách đơn vị chưa có khối {codes} (cấu hình CCHC_AWARD_BLOCKS); các khối này "
    "không được xét."
)
AWARDS_KHOI_EMPTY = "chưa có khối nào (kiểm tra cấu hình CCHC_AWARD_BLOCKS)"
AWARDS_UNIT_LINE = (
    "{position}) <b>{name}</b> ({code}){tied}\n"
    "   Chỉ số năm {index} điểm ({band}), hạng {rank}/{ranked} trong Khối; hồ sơ trình Sở "
    "trực tuyến {online}/{submitted} = {rate}% ({quarters}/4 quý có báo cáo)"
)
AWARDS_TIED = " — <i>đồng hạng</i>"
AWARDS_NO_UNITS = "Chưa có đơn vị nào đủ điều kiện."
AWARDS_FEWER_UNITS = "Chỉ có {n} đơn vị đủ điều kiện (Kế hoạch xét tặng 04 đơn vị)."
AWARDS_TIE_NOTE = (
    "Có đơn vị đồng hạng ở vị trí cuối nên danh sách nhiều hơn số lượng của Kế hoạch; "
    "Hội đồng Thi đua – Khen thưởng xem xét, lựa chọn."
)
AWARDS_PASSED_TITLE = "Đơn vị xếp hạng cao trong Khối nhưng chưa đủ điều kiện:"
AWARDS_PASSED_LINE = "• {name} ({code}) — hạng {rank}, chỉ số {index} điểm: {reasons}"
AWARDS_REASON_BAND = "xếp loại {band}, dưới mức tối thiểu {min_band}"
AWARDS_REASON_ONLINE = (
    "tỷ lệ hồ sơ trình Sở trực tuyến {rate}% ({online}/{submitted}) — không trên 90%"
)
AWARDS_REASON_NO_PROCEDURES = (
    "không có hồ sơ trình Sở trong năm nên chưa xác định được tỷ lệ trực tuyến"
)
AWARDS_REASON_NO_DATA = (
    "chưa có số liệu hồ sơ trình Sở (báo cáo quý {quarters} lập theo mẫu cũ, chưa có câu "
    "hỏi này; Văn phòng Sở có thể mở lại kỳ để đơn vị bổ sung)"
)
AWARDS_HEADS_TITLE = (
    "<b>2. Giấy khen cho Thủ trưởng 02 đơn vị trực thuộc</b> (cùng điều kiện như mục 1; "
    "hai vị trí đầu)"
)
AWARDS_HEAD_LINE = (
    "{position}) Thủ trưởng {name} ({code}): {heads}{tied}\n"
    "   Chỉ số năm {index} điểm ({band}); hồ sơ trình Sở trực tuyến {rate}%"
)
AWARDS_HEAD_UNKNOWN = "<i>chưa có Thủ trưởng đăng ký trên bot</i>"
AWARDS_NO_HEADS = "Chưa có đơn vị nào đủ điều kiện."
AWARDS_DIVISIONS_TITLE = (
    "<b>3. Giấy khen cho 02 phòng chuyên môn, nghiệp vụ thuộc Sở</b> có Chỉ số CCHC năm "
    "đạt loại {bands}"
)
AWARDS_DIVISIONS_MEASURE = (
    "Bot dùng Chỉ số CCHC năm của phòng (chưa có kết quả đánh giá các chỉ số CCHC của tỉnh)."
)
AWARDS_DIVISION_LINE = (
    "{position}) <b>{name}</b> ({code}){tied}\n"
    "   Chỉ số năm {index} điểm ({band}), hạng {rank}/{ranked} trong khối"
)
AWARDS_NO_DIVISIONS = "Chưa có phòng nào đạt loại {bands}."
AWARDS_PERSONS_TITLE = "<b>4. Giấy khen cho 02 công chức</b> (do Văn phòng Sở đề cử)"
AWARDS_PERSON_LINE = "#{id} <b>{name}</b> — {unit}\n   Lý do: {reason}"
AWARDS_NO_PERSONS = (
    "Chưa có đề cử nào. Để đề cử, dùng "
    "<code>/nominate_person {year} MÃ_PHÒNG | Họ và tên | Lý do</code>."
)
AWARDS_MORE_PERSONS = (
    "Có {n} đề cử (Kế hoạch xét tặng 02 công chức); Hội đồng Thi đua – Khen thưởng xem xét, "
    "lựa chọn."
)
AWARDS_DOSSIER_STATUS = "   Hồ sơ: {done}/3 văn bản{missing}"
AWARDS_DOSSIER_MISSING = " — còn thiếu: {kinds}"
AWARDS_DOSSIER_EMPTY = "   Hồ sơ: đơn vị chưa nộp văn bản nào (0/3)"
AWARDS_DOSSIER_NOT_ASKED = "   Hồ sơ: chưa đề nghị đơn vị lập"
AWARDS_RELEASED_TITLE = "Đơn vị đã được đề nghị lập hồ sơ nhưng không còn trong danh sách:"
AWARDS_RELEASED_LINE = "• {name} ({code}) — hồ sơ {done}/3 văn bản"
AWARDS_CONFIRM_HINT = (
    "Bấm nút bên dưới để chốt danh sách: các đơn vị trong danh sách nhận đề nghị lập hồ sơ "
    "kèm danh mục văn bản và hạn nộp, và được nhắc hạn trước 7, 3, 1 ngày."
)
AWARDS_CONFIRM_WAITS = (
    "Danh sách là tạm tính nên chưa chốt được. Sau khi công bố Chỉ số CCHC năm {year} "
    "(<code>/publish {year}</code>), gõ lại <code>/awards {year}</code> để chốt danh sách, "
    "đề nghị các đơn vị lập hồ sơ."
)
AWARDS_CONFIRM_UNPUBLISHED = (
    "Chưa chốt được danh sách: Chỉ số CCHC năm {year} chưa được công bố. Vui lòng công bố "
    "(<code>/publish {year}</code>) rồi gõ lại <code>/awards {year}</code>."
)
AWARDS_CONFIRMED_STATE = (
    "✅ Danh sách đã được chốt; {n} đơn vị đang lập hồ sơ. Xem hồ sơ của một đơn vị: "
    "<code>/award_dossier MÃ_ĐƠN_VỊ {year}</code>."
)
BTN_AWARDS_CONFIRM = "📨 Chốt danh sách, đề nghị lập hồ sơ"
AWARDS_CONFIRMED = (
    "✅ Đã chốt danh sách đề xuất khen thưởng năm {year}: {active} đơn vị lập hồ sơ; "
    "đã gửi đề nghị tới {notified} đơn vị ({sent} người nhận).{released}"
)
AWARDS_CONFIRMED_RELEASED = (
    "\n{n} đơn vị không còn trong danh sách ({units}); bot ngừng nhắc hạn các đơn vị này."
)
AWARDS_NOTHING_TO_CONFIRM = "Danh sách năm {year} không có thay đổi; không có đề nghị mới nào."
AWARDS_NO_MEMBERS = (
    "\nChưa gửi được đề nghị tới các đơn vị sau (chưa có người đăng ký trên bot, hoặc bot "
    "không gửi được tin): {units}. Vui lòng thông báo cho đơn vị bằng kênh khác."
)

AWARD_GROUND_UNIT = (
    "Giấy khen cho tập thể đơn vị (dẫn đầu Khối các đơn vị trực thuộc, trên 90% thủ tục "
    "hành chính được trình Sở giải quyết theo hình thức trực tuyến)"
)
AWARD_GROUND_HEAD = "Giấy khen cho Thủ trưởng đơn vị"
AWARD_GROUND_DIVISION = "Giấy khen cho phòng (Chỉ số CCHC năm đạt loại tốt, xuất sắc)"
AWARD_GROUND_PERSON = "Giấy khen cho công chức {name}"
AWARD_REQUEST_NOTICE = (
    "🏅 <b>Văn phòng Sở đề nghị đơn vị lập hồ sơ đề nghị khen thưởng phong trào thi đua "
    "CCHC năm {year}.</b>"
)
AWARD_DOSSIER_HEADER = (
    "📁 <b>Hồ sơ đề nghị khen thưởng CCHC năm {year}</b>\n"
    "Đơn vị: <b>{unit}</b>\n"
    "Nội dung đề nghị:\n{grounds}\n"
    "Hạn nộp về Sở: <b>{due}</b>{left}."
)
AWARD_GROUND_LINE = "• {ground}"
AWARD_DAYS_LEFT = " (còn {n} ngày)"
AWARD_DUE_TODAY = " (hạn cuối là hôm nay)"
AWARD_OVERDUE = " (đã quá hạn)"
AWARD_DOC_DONE = "✅ {n}. {title}: {file} ({size}), nộp lúc {at}"
AWARD_DOC_MISSING = "⬜ {n}. {title}: chưa nộp"
AWARD_DOSSIER_HOWTO = (
    "Để nộp hoặc thay tệp, anh/chị bấm nút tương ứng rồi gửi tệp PDF, DOC hoặc DOCX (tối đa "
    "20 MB) dưới dạng tài liệu (📎 → Tệp). Nếu có nhiều tập thể, cá nhân được đề nghị, "
    "vui lòng gộp các báo cáo thành tích vào một tệp."
)
AWARD_DOSSIER_COMPLETE = "Hồ sơ đã đủ 3/3 văn bản. Trân trọng cảm ơn đơn vị!"
AWARD_DOSSIER_RELEASED = "Đơn vị không còn trong danh sách đề xuất khen thưởng năm {year}."
BTN_AWARD_DOC = "📎 {title}"
AWARD_NO_DOSSIER = (
    "Đơn vị hiện chưa được Văn phòng Sở đề nghị lập hồ sơ khen thưởng CCHC. Khi có đề nghị, "
    "bot sẽ gửi thông báo kèm danh mục hồ sơ và hạn nộp."
)
AWARD_NO_DOSSIER_YEAR = "Đơn vị chưa được đề nghị lập hồ sơ khen thưởng CCHC năm {year}."
AWARD_DOSSIER_OFFICE_USAGE = (
    "Cú pháp dành cho Văn phòng Sở: <code>/award_dossier MÃ_ĐƠN_VỊ [NĂM]</code>, ví dụ "
    "<code>/award_dossier THPT-QH 2025</code>."
)
AWARD_UNIT_NO_DOSSIER = "{unit} ({code}) chưa được đề nghị lập hồ sơ khen thưởng CCHC{year}."
AWARD_DOC_CAPTION = "{title} — {unit}, hồ sơ khen thưởng CCHC năm {year}"
AWARD_UPLOAD_PROMPT = (
    "Vui lòng gửi tệp <b>{title}</b> (PDF, DOC hoặc DOCX, tối đa 20 MB) dưới dạng tài liệu "
    "(📎 → Tệp)."
)
BTN_AWARD_CANCEL = "✖️ Huỷ"
AWARD_UPLOAD_CANCELLED = "Đã huỷ nộp tệp. Dùng /award_dossier khi cần nộp hồ sơ."
AWARD_UPLOAD_NEED_FILE = (
    "Bot đang chờ tệp <b>{title}</b>. Vui lòng gửi tệp dưới dạng tài liệu (📎 → Tệp), "
    "hoặc bấm “✖️ Huỷ”."
)
AWARD_UPLOAD_REFUSED = "⚠️ {error}\nVui lòng gửi lại tệp <b>{title}</b>, hoặc bấm “✖️ Huỷ”."
AWARD_UPLOADED = "✅ Đã nhận <b>{title}</b>: {file} ({size})."
AWARD_UPLOAD_REPLACED = " Tệp này thay cho tệp nộp trước ({file})."
AWARD_UPLOAD_LATE = " Lưu ý: tệp được nộp sau hạn {due}; Văn phòng Sở sẽ xem xét."
AWARD_UPLOAD_GONE = "Đơn vị không còn được đề nghị lập hồ sơ này; tệp chưa được lưu."
AWARD_COMPLETE_NOTICE = (
    "📁 {unit} ({code}) đã nộp đủ hồ sơ đề nghị khen thưởng CCHC năm {year} (3/3 văn bản). "
    "Xem: <code>/award_dossier {code} {year}</code>"
)
AWARD_REMINDER = (
    "⏰ <b>Nhắc hạn nộp hồ sơ đề nghị khen thưởng CCHC năm {year}</b>\n"
    "{unit}: hạn nộp về Sở là <b>{due}</b> ({left}). Hồ sơ còn thiếu:\n{missing}\n"
    "Anh/chị bấm nút bên dưới hoặc dùng /award_dossier để nộp."
)
AWARD_REMINDER_DAYS = "còn {n} ngày"
AWARD_REMINDER_TODAY = "hạn cuối là hôm nay"
AWARD_MISSING_LINE = "⬜ {title}"

AWARD_NOMINATE_USAGE = (
    "Cú pháp: <code>/nominate_person NĂM MÃ_PHÒNG | Họ và tên | Lý do</code>\n"
    "Ví dụ: <code>/nominate_person 2025 TCCB | Nguyễn Văn An | Trực tiếp thụ lý 320 hồ sơ, "
    "100% đúng hạn; đề xuất quy trình tiếp nhận hồ sơ trực tuyến</code>\n"
    "Gõ <code>/nominate_person 2025</code> để xem và rút các đề cử của năm."
)
AWARD_NOMINATE_NOT_DIVISION = (
    "{unit} ({code}) không thuộc khối các phòng chuyên môn, nghiệp vụ thuộc Sở. Kế hoạch chỉ "
    "xét tặng công chức đang công tác tại các phòng chuyên môn, nghiệp vụ thuộc Sở."
)
AWARD_NOMINATE_BAD_NAME = "Họ và tên người được đề cử cần từ 2 đến 100 ký tự."
AWARD_NOMINATE_BAD_REASON = (
    "Vui lòng ghi lý do đề cử (tối đa 1.000 ký tự): thành tích thụ lý hồ sơ, tham mưu giải "
    "quyết thủ tục hành chính, sáng kiến cải tiến…"
)
AWARD_NOMINATED = (
    "✅ Đã ghi nhận đề cử #{id}: <b>{name}</b> — {unit}, năm {year}.\n"
    "Lý do: {reason}\n"
    "Năm {year} có {n} đề cử. Dùng <code>/awards {year}</code> để xem và chốt danh sách, "
    "đề nghị phòng lập hồ sơ."
)
AWARD_NOMINATIONS_HEADER = "<b>Đề cử công chức năm {year}</b>"
AWARD_NOMINATIONS_NONE = "Chưa có đề cử nào cho năm {year}."
AWARD_NOMINATION_LINE = "#{id} <b>{name}</b> — {unit}\n   Lý do: {reason}\n   Đề cử lúc {at}"
BTN_AWARD_WITHDRAW = "🗑 Rút đề cử #{id}"
AWARD_WITHDRAWN = (
    "Đã rút đề cử #{id}: {name} ({unit}). Nếu danh sách đã được chốt, vui lòng chốt lại "
    "bằng <code>/awards {year}</code>."
)
AWARD_WITHDRAW_GONE = "Đề cử này không còn (đã được rút trước đó)."


# -- exports, audit, backups --

EXPORT_USAGE = (
    "Cú pháp: <code>/export KỲ [xlsx|docx|csv]</code>, ví dụ <code>/export 2025-Q1 docx</code>.\n"
    "• xlsx (mặc định) — bảng tổng hợp theo khối: số liệu, tỷ lệ, Chỉ số CCHC, xếp hạng;\n"
    "• docx — dự thảo Báo cáo kết quả thực hiện công tác CCHC quý của Sở;\n"
    "• csv — dữ liệu thô để xử lý bằng phần mềm khác."
)
EXPORT_KINDS = {
    "xlsx": "Bảng tổng hợp báo cáo CCHC",
    "docx": "Dự thảo báo cáo kết quả thực hiện công tác CCHC",
    "csv": "Dữ liệu báo cáo CCHC",
}
EXPORT_CAPTION = (
    "{kind} {period}: {units} đơn vị, trong đó {submitted} đơn vị đã gửi báo cáo.\nXuất lúc {at}."
)
EXPORT_DOCX_NOTE = (
    "\nĐây là bản dự thảo: vui lòng điền số, ngày văn bản và rà soát trước khi trình ký."
)
EXPORT_DOCX_NO_PROVINCE = (
    "\nChưa đặt tên tỉnh (CCHC_PROVINCE) nên phần đầu văn bản chưa có dòng tên Ủy ban nhân "
    "dân tỉnh và địa danh; vui lòng bổ sung khi rà soát."
)
AUDIT_USAGE = (
    "Cú pháp: <code>/audit MÃ_ĐƠN_VỊ [số mục]</code>, ví dụ <code>/audit THPT-QH 50</code> "
    "(mặc định 30 mục mới nhất, tối đa 200)."
)
AUDIT_HEADER = (
    "<b>Nhật ký thay đổi của {unit}</b> ({code})\n{n} mục mới nhất, mục mới nhất ở trên:"
)
AUDIT_NONE = "Chưa có thay đổi nào được ghi nhận cho {unit} ({code})."
AUDIT_LINE = "\n<b>{at}</b> — {actor}\n{text}"
BACKUP_FAILED = (
    "⚠️ Sao lưu tự động cơ sở dữ liệu lúc {at} không thành công: {reason}\n"
    "Vui lòng kiểm tra máy chủ (dung lượng đĩa, thư mục sao lưu) hoặc sao lưu thủ công bằng "
    "lệnh <code>cchc-bot backup THƯ_MỤC</code>."
)

# -- periods, reminders, review --

YEAR_REPORT_NOTE = " — đồng thời là báo cáo năm {year}"
YEAR_REPORT_SUFFIX = " (báo cáo năm {year})"
IN_YEAR = " năm {year}"
PERIOD_USAGE = (
    "Cú pháp:\n"
    "<code>/period</code> — các kỳ báo cáo gần đây\n"
    "<code>/period quý II/2025</code> — xem một kỳ, kèm nút mở, đóng, đổi hạn nộp\n"
    "<code>/period quý II/2025 mở [dd/mm/yyyy [hh:mm]]</code> — mở kỳ (kèm hạn nộp mới nếu "
    "cần)\n"
    "<code>/period quý II/2025 đóng</code> — đóng kỳ, dừng nhận báo cáo\n"
    "<code>/period quý II/2025 hạn dd/mm/yyyy [hh:mm]</code> — đặt hạn nộp "
    "(nếu không ghi giờ, hạn nộp là 23:59 của ngày đó)\n"
    "Kỳ cũng ghi được như <code>2025-Q2</code>; lệnh cũng nhận <code>open</code>, "
    "<code>close</code>, <code>due</code>."
)
PERIODS_HEADER = "<b>Các kỳ báo cáo CCHC</b> (chọn một kỳ để mở, đóng hoặc đổi hạn nộp)"
PERIODS_LINE = "• <b>{label}</b> (<code>{code}</code>) — hạn nộp {due}, {status}"
PERIOD_CARD = (
    "<b>Kỳ báo cáo {label}</b>{year_note}\n"
    "Mã kỳ: <code>{code}</code>\n"
    "Số liệu từ ngày {data_from} đến ngày {data_to}\n"
    "Hạn nộp: <b>{due}</b>\n"
    "Trạng thái: {status}\n"
    "Đã gửi: {reported}/{total} đơn vị"
)
PERIOD_STATUS_OPEN = "đang nhận báo cáo"
PERIOD_STATUS_PAST = "đã hết hạn nộp"
PERIOD_STATUS_CLOSED = "đã đóng"
PERIOD_EXTENDED = "Mở lại cho {n} đơn vị: {units}"
BTN_PERIOD_OPEN = "🔓 Mở kỳ"
BTN_PERIOD_CLOSE = "🔒 Đóng kỳ"
BTN_PERIOD_DUE = "📅 Đổi hạn nộp"
PERIOD_OPENED = "🔓 Đã mở kỳ báo cáo {label}. Hạn nộp: {due}."
PERIOD_OPENED_PAST = (
    "🔓 Đã mở kỳ báo cáo {label}, nhưng hạn nộp ({due}) đã qua nên đơn vị chưa nộp được. "
    "Vui lòng đặt hạn nộp mới."
)
PERIOD_CLOSED_DONE = (
    "🔒 Đã đóng kỳ báo cáo {label}: các đơn vị không gửi được báo cáo kỳ này nữa, trừ đơn vị "
    "được mở lại bằng /reopen."
)
PERIOD_DUE_SET = (
    "📅 Đã đặt hạn nộp kỳ báo cáo {label}: <b>{due}</b>. Lịch nhắc hạn được lập lại theo hạn mới."
)
PERIOD_DUE_NOTICE = (
    "📅 Văn phòng Sở đã đổi hạn nộp báo cáo CCHC {label}: hạn mới là <b>{due}</b> "
    "(trước đây: {before}).\nĐơn vị <b>{unit}</b> chưa hoàn thành báo cáo kỳ này; anh/chị "
    "dùng /report để lập, hoàn thiện và gửi báo cáo."
)
PERIOD_DUE_TOLD = (
    "📣 Đang gửi thông báo hạn nộp mới tới {people} người của {units} đơn vị chưa nộp báo cáo."
)
PERIOD_DUE_LABEL = "Thông báo hạn nộp mới kỳ báo cáo {label}"
PERIOD_DUE_TOLD_NONE = "Không có đơn vị chưa nộp báo cáo nào cần thông báo hạn nộp mới."
PERIOD_DUE_UNTOLD = (
    "\nLưu ý: {n} đơn vị chưa nộp báo cáo chưa có ai đăng ký dùng bot; vui lòng thông báo "
    "cho các đơn vị này bằng cách khác: {units}."
)
PERIOD_DUE_ASK = (
    "Vui lòng nhập hạn nộp mới cho kỳ báo cáo {label} theo dạng <code>dd/mm/yyyy</code> hoặc "
    "<code>dd/mm/yyyy hh:mm</code> (hiện tại: {due}). Dùng /cancel để huỷ."
)
PERIOD_BAD_DATE = (
    "Không đọc được ngày giờ “{text}”. Vui lòng ghi theo dạng <code>dd/mm/yyyy</code> hoặc "
    "<code>dd/mm/yyyy hh:mm</code>, ví dụ <code>20/06/2025</code>."
)
PERIOD_DUE_BEFORE_CUTOFF = (
    "Hạn nộp phải sau ngày chốt số liệu của kỳ ({data_to}). Vui lòng nhập lại."
)
PERIOD_DUE_PAST = (
    "Thời điểm này đã qua. Vui lòng nhập một hạn nộp trong tương lai; để dừng nhận báo cáo, "
    "dùng <code>/period {code} close</code>."
)
PERIOD_DUE_CANCELLED = "Đã huỷ việc đổi hạn nộp."
CLOSED_BY_OFFICE = (
    "Kỳ báo cáo {period} đã được Văn phòng Sở đóng, không nhận thêm báo cáo. Nếu cần gửi bổ "
    "sung, anh/chị vui lòng liên hệ Văn phòng Sở."
)
REOPEN_USAGE = (
    "Cú pháp: <code>/reopen MÃ_ĐƠN_VỊ [số ngày] [kỳ]</code>, ví dụ "
    "<code>/reopen THPT-QH 3 2025-Q1</code>: đơn vị được gửi báo cáo đến hết ngày thứ N "
    "kể từ hôm nay (mặc định {days} ngày; kỳ mặc định: kỳ gần nhất đã hết hạn nộp)."
)
REOPEN_NO_PERIOD = "Không có kỳ báo cáo nào đã hết hạn nộp để mở lại. Vui lòng ghi rõ kỳ."
REOPEN_DONE = (
    "🔓 Đã mở lại kỳ báo cáo {label} cho <b>{unit}</b> ({code}) đến <b>{due}</b>. "
    "Đơn vị đã được thông báo."
)
REOPEN_NOT_NEEDED = (
    "<b>{unit}</b> ({code}) vẫn đang được gửi báo cáo {label} đến {due}; không cần mở lại."
)
REOPEN_UNIT_NOTICE = (
    "🔓 Văn phòng Sở đã mở lại kỳ báo cáo CCHC {label} cho <b>{unit}</b>. Đơn vị có thể gửi "
    "báo cáo đến <b>{due}</b>.\nAnh/chị dùng /report để lập hoặc hoàn thiện báo cáo."
)
NO_MEMBERS_NOTE = (
    "\nLưu ý: đơn vị chưa có ai đăng ký sử dụng bot; vui lòng thông báo cho đơn vị bằng cách khác."
)

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
LATE_USAGE = "Cú pháp: <code>/late [kỳ]</code>, ví dụ <code>/late 2025-Q1</code>."
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

REVIEW_UNKNOWN_REPORT = "Không tìm thấy báo cáo này. Anh/chị dùng /review MÃ_ĐƠN_VỊ để xem."
REVIEW_USAGE = (
    "Cú pháp: <code>/review MÃ_ĐƠN_VỊ [kỳ]</code>, ví dụ <code>/review THPT-QH 2025-Q1</code> "
    "(kỳ mặc định: kỳ gần nhất đơn vị đã gửi báo cáo)."
)
REVIEW_NOTHING = "{unit} chưa nộp báo cáo CCHC nào để xem xét."
REVIEW_NOTHING_PERIOD = "{unit} chưa nộp báo cáo CCHC {label}."
REVIEW_HEADER = (
    "<b>Xem xét báo cáo CCHC {label}</b>\nĐơn vị: <b>{unit}</b> ({code})\n"
    "Lần gửi: {version} · {at}\nSố tiếp nhận: <code>{reference}</code>\n"
    "Tình trạng: <b>{status}</b>"
)
REVIEW_DECIDED = "{decision} lúc {at}{comment}"
REVIEW_DECLINED = (
    "⚠️ Tiêu chí không tính theo số liệu đơn vị khai (không phát sinh, không áp dụng): "
    "{criteria}. Các tiêu chí này ({points} điểm) ra khỏi điểm tối đa: chỉ số {index} tính "
    "trên {max} điểm; nếu tính 0 điểm cho chúng, chỉ số là {counted}. Đề nghị đối chiếu "
    "số liệu; Văn phòng Sở có thể thẩm định lại bằng /appraise."
)
REVIEW_CRITERION_ITEM = "{title} ({max} điểm; {detail})"
REVIEW_PENDING = "⏳ Chờ Văn phòng Sở chấm (chưa tính vào chỉ số tạm tính): {criteria}."
REVIEW_PENDING_ITEM = "{title} [{key}], {max} điểm"
REVIEW_DECIDED_COMMENT = ". Ý kiến: “{comment}”"
REVIEW_DECISION_NAMES = {"accepted": "Đã chấp nhận", "returned": "Đã trả lại"}
DESK_STATUS_NAMES = {
    "accepted": "đã chấp nhận",
    "submitted": "đã gửi, chờ xem xét",
    "returned": "đã trả lại, chờ đơn vị gửi lại",
    "draft": "đang soạn",
    "none": "chưa nộp",
    "late": "quá hạn chưa nộp",
}
BTN_ACCEPT = "✅ Chấp nhận"
BTN_RETURN = "↩️ Trả lại kèm ý kiến"
BTN_REVIEW = "🔎 Xem xét"
REVIEW_ASK_COMMENT = (
    "Vui lòng nhập ý kiến của Văn phòng Sở gửi <b>{unit}</b> (nội dung cần chỉnh sửa, bổ "
    "sung) trong một tin nhắn. Dùng /cancel để huỷ."
)
REVIEW_COMMENT_EMPTY = (
    "Ý kiến không được để trống. Vui lòng nhập nội dung cần đơn vị chỉnh sửa, bổ sung."
)
REVIEW_CANCELLED = "Đã huỷ việc trả lại báo cáo."
REVIEW_ACCEPTED = (
    "✅ Đã chấp nhận báo cáo {label} của <b>{unit}</b> (lần {version}). Đơn vị đã được thông báo."
)
REVIEW_RETURNED = (
    "↩️ Đã trả lại báo cáo {label} của <b>{unit}</b> (lần {version}). Đơn vị được gửi lại "
    "đến {due}{reopened}. Đơn vị đã được thông báo."
)
REVIEW_RETURNED_REOPENED = " (kỳ báo cáo đã được mở lại cho đơn vị)"
REVIEW_STALE = (
    "{unit} vừa gửi phiên bản báo cáo mới hơn; vui lòng xem lại: "
    "<code>/review {code} {period}</code>."
)
UNIT_ACCEPTED = (
    "✅ Báo cáo CCHC {label} của <b>{unit}</b> (lần gửi {version}, số <code>{reference}</code>) "
    "đã được Văn phòng Sở chấp nhận."
)
UNIT_RETURNED = (
    "↩️ <b>Báo cáo CCHC {label} của {unit} được trả lại để hoàn thiện</b>\n"
    "Lần gửi: {version}, số <code>{reference}</code>\n"
    "Ý kiến của Văn phòng Sở: <i>{comment}</i>\n\n"
    "Anh/chị vui lòng dùng /report để chỉnh sửa (các câu trả lời đã gửi được giữ nguyên) "
    "và gửi lại trước <b>{due}</b>."
)
STATUS_REVIEW_LINE = (
    "Đã chấp nhận: {accepted} · Chờ xem xét: {submitted} · Trả lại: {returned} · Quá hạn: {late}"
)
STATUS_GROUPS = {
    "accepted": "✅ Đã chấp nhận ({n}):",
    "submitted": "📨 Đã gửi, chờ xem xét ({n}):",
    "returned": "↩️ Trả lại, chờ đơn vị gửi lại ({n}):",
    "draft": "📝 Đang soạn ({n}):",
    "none": "⏳ Chưa nộp ({n}):",
    "late": "⛔ Quá hạn chưa nộp ({n}):",
}
STATUS_LATE_MARK = " · nộp sau hạn"
STATUS_EXTENDED_MARK = " · được gửi đến {due}"

# --- h4-service-codes additions ---
# The report conversation's notices and refusals (bot.services.reporting codes).
REPORT_NOTICES = {
    "at_summary": "Báo cáo đã trả lời đủ các câu. Vui lòng dùng các nút bên dưới để sửa hoặc gửi.",
    "first_question": "Đây là câu hỏi đầu tiên.",
    "no_such_question": "Không có câu hỏi số này.",
}
REPORT_STEP_ERRORS = {
    "required": "Câu này bắt buộc, không thể bỏ qua.",
    "nothing_to_keep": "Câu này chưa có câu trả lời để giữ nguyên.",
    "no_previous": "Quý trước đơn vị chưa có số liệu cho câu này.",
}
REPORT_MISSING_REQUIRED = "Báo cáo còn thiếu câu bắt buộc: {names}."
REPORT_MISSING_NAME = "câu {number}"
REPORT_UNANSWERED = "Câu {number} ({label}) chưa được trả lời."
# A refused cell of the Excel template or line of pasted answers (report_workbook codes).
IMPORT_FORMULA = "Ô có công thức; vui lòng nhập giá trị (không dùng công thức)."
IMPORT_FILE_ROW = "Câu này cần tệp đính kèm; vui lòng gửi tệp qua Telegram."
IMPORT_UNKNOWN_KEY = (
    "Câu hỏi này không có trong mẫu báo cáo của đơn vị hiện nay; vui lòng tải mẫu Excel mới."
)
IMPORT_UNKNOWN_NUMBER = "Báo cáo không có câu số {n}."
IMPORT_TWICE = "Câu này được nhập nhiều lần (dòng {rows})."
