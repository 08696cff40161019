"""What a result is called and whether it is published (bot/services/standings.py):
every message, caption and export that shows a result says both, in plain text (the
handlers escape it for HTML, as a document's number is typed by the office). Also the
words of the results' charts and of the numbers the office types when publishing.
Templates are ``str.format`` strings.
"""

from __future__ import annotations

# A scope's label: a quarter's is bot.formatting.period_label's ("quý IV/2026").
SCOPE_YEAR = "năm {year}"
SCOPE_YTD = "năm {year} (lũy kế đến quý {quarter})"

RESULT_QUARTER = "Kết quả theo dõi {period}"
RESULT_YEAR = "Chỉ số CCHC năm {year}"
RESULT_YTD = "Kết quả theo dõi lũy kế năm {year} (đến quý {quarter})"
STATUS_PROVISIONAL = "tạm tính, chưa công bố"
STATUS_YTD = "tạm tính; kết quả lũy kế năm không được công bố"
STATUS_PUBLISHED = "đã công bố {how}"
PUBLISHED_BY = "theo {document}"
PUBLISHED_ON = "ngày {date}"
DOCUMENT_YEAR = "Quyết định số {number} ngày {date}"
DOCUMENT_QUARTER = "văn bản số {number} ngày {date}"

# A document number as the office may type it, "số 12/QĐ-SGDĐT": the word is dropped.
LEADING_NUMBER_WORD = r"^(?:số|so)\s*[:.]?\s+"

# A trend chart's points start with a capital: "Quý IV/2026".
QUARTER_WORD = "quý"
QUARTER_WORD_CAPITAL = "Quý"
# Every capital letter of Vietnamese with its marks: a throwaway chart drawn with them
# loads the font's glyphs before the first real chart is asked for.
CAPITALS = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
