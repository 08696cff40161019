"""Awards (handlers/awards.py): /awards, /nominate_person, the award dossier and its
reminders.
"""

__all__ = [
    "AWARDS_BAD_YEAR",
    "AWARDS_CONFIRMED",
    "AWARDS_CONFIRMED_RELEASED",
    "AWARDS_CONFIRMED_STATE",
    "AWARDS_CONFIRM_HINT",
    "AWARDS_CONFIRM_UNPUBLISHED",
    "AWARDS_CONFIRM_WAITS",
    "AWARDS_DIVISIONS_MEASURE",
    "AWARDS_DIVISIONS_TITLE",
    "AWARDS_DIVISION_LINE",
    "AWARDS_DOSSIER_EMPTY",
    "AWARDS_DOSSIER_MISSING",
    "AWARDS_DOSSIER_NOT_ASKED",
    "AWARDS_DOSSIER_STATUS",
    "AWARDS_FEWER_UNITS",
    "AWARDS_HEADER",
    "AWARDS_HEADS_TITLE",
    "AWARDS_HEAD_LINE",
    "AWARDS_HEAD_UNKNOWN",
    "AWARDS_KHOI",
    "AWARDS_KHOI_EMPTY",
    "AWARDS_KHOI_UNKNOWN",
    "AWARDS_MORE_PERSONS",
    "AWARDS_NOTHING_TO_CONFIRM",
    "AWARDS_NO_DIVISIONS",
    "AWARDS_NO_HEADS",
    "AWARDS_NO_MEMBERS",
    "AWARDS_NO_PERSONS",
    "AWARDS_NO_UNITS",
    "AWARDS_PASSED_LINE",
    "AWARDS_PASSED_TITLE",
    "AWARDS_PERSONS_TITLE",
    "AWARDS_PERSON_LINE",
    "AWARDS_PLAN_QUOTE",
    "AWARDS_PROVISIONAL",
    "AWARDS_REASON_BAND",
    "AWARDS_REASON_NO_DATA",
    "AWARDS_REASON_NO_PROCEDURES",
    "AWARDS_REASON_ONLINE",
    "AWARDS_RELEASED_LINE",
    "AWARDS_RELEASED_TITLE",
    "AWARDS_TIED",
    "AWARDS_TIE_NOTE",
    "AWARDS_UNITS_TITLE",
    "AWARDS_UNIT_LINE",
    "AWARDS_USAGE",
    "AWARDS_YEAR_OPEN",
    "AWARD_COMPLETE_NOTICE",
    "AWARD_DAYS_LEFT",
    "AWARD_DOC_CAPTION",
    "AWARD_DOC_DONE",
    "AWARD_DOC_MISSING",
    "AWARD_DOSSIER_COMPLETE",
    "AWARD_DOSSIER_HEADER",
    "AWARD_DOSSIER_HOWTO",
    "AWARD_DOSSIER_OFFICE_USAGE",
    "AWARD_DOSSIER_RELEASED",
    "AWARD_DUE_TODAY",
    "AWARD_GROUND_DIVISION",
    "AWARD_GROUND_HEAD",
    "AWARD_GROUND_LINE",
    "AWARD_GROUND_PERSON",
    "AWARD_GROUND_UNIT",
    "AWARD_MISSING_LINE",
    "AWARD_NOMINATED",
    "AWARD_NOMINATE_BAD_NAME",
    "AWARD_NOMINATE_BAD_REASON",
    "AWARD_NOMINATE_NOT_DIVISION",
    "AWARD_NOMINATE_USAGE",
    "AWARD_NOMINATIONS_HEADER",
    "AWARD_NOMINATIONS_NONE",
    "AWARD_NOMINATION_LINE",
    "AWARD_NO_DOSSIER",
    "AWARD_NO_DOSSIER_YEAR",
    "AWARD_OVERDUE",
    "AWARD_REMINDER",
    "AWARD_REMINDER_DAYS",
    "AWARD_REMINDER_TODAY",
    "AWARD_REQUEST_NOTICE",
    "AWARD_UNIT_NO_DOSSIER",
    "AWARD_UPLOADED",
    "AWARD_UPLOAD_CANCELLED",
    "AWARD_UPLOAD_GONE",
    "AWARD_UPLOAD_LATE",
    "AWARD_UPLOAD_NEED_FILE",
    "AWARD_UPLOAD_PROMPT",
    "AWARD_UPLOAD_REFUSED",
    "AWARD_UPLOAD_REPLACED",
    "AWARD_WITHDRAWN",
    "AWARD_WITHDRAW_GONE",
    "BTN_AWARDS_CONFIRM",
    "BTN_AWARD_CANCEL",
    "BTN_AWARD_DOC",
    "BTN_AWARD_WITHDRAW",
    "IN_YEAR",
]

AWARDS_USAGE = (
    "Cú pháp: <code>/awards NĂM</code>, ví dụ <code>/awards 2025</code> — danh sách đề xuất "
    "khen thưởng hằng năm theo mục III {plan}."
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

IN_YEAR = " năm {year}"
