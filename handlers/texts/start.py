"""/start and /help (handlers/start.py): the welcome, the invite code refused, the help for
units and for the office.
"""

__all__ = [
    "HELP_OFFICE",
    "HELP_UNIT",
    "INVITE_EXPIRED",
    "INVITE_REVOKED",
    "INVITE_THROTTLED",
    "INVITE_UNKNOWN",
    "INVITE_USED",
    "NEED_INVITE",
    "WELCOME_BACK",
    "WELCOME_BOUND",
    "WELCOME_OFFICE",
]

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
