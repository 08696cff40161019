"""The words a chart draws, and the school-name abbreviations it uses to fit a name on
one line. charts/ is pure (data in, PNG out) and may not import ``handlers``; callers
pass titles and quarter labels, the picture's own few words are here.
"""

from __future__ import annotations

from collections.abc import Sequence

EMPTY = "Chưa có dữ liệu"
MEDIAN = "Trung vị {value}"
NO_VALUE = "—"  # a value that is not a number (NaN, infinity) is drawn as a dash
TREND_SERIES = "Đơn vị"
TREND_MEDIAN = "Trung vị của khối"

ABBREVIATIONS: Sequence[tuple[str, str]] = (
    # (regular expression of the long form, the short form), tried in this order: the
    # longer forms first, so "Phổ thông Dân tộc Nội trú" is not cut to "Phổ thông DTNT".
    # These are the abbreviations Vietnamese schools themselves use on signboards and in
    # official lists, so the short form reads as naturally as the long one.
    (r"Giáo dục nghề nghiệp\s*-\s*Giáo dục thường xuyên", "GDNN-GDTX"),
    ("Giáo dục thường xuyên", "GDTX"),
    ("Giáo dục và Đào tạo", "GD&ĐT"),
    ("Trung học phổ thông", "THPT"),
    ("Trung học cơ sở", "THCS"),
    ("Phổ thông Dân tộc Nội trú", "PTDTNT"),
    ("Phổ thông Dân tộc Bán trú", "PTDTBT"),
    ("Dân tộc Nội trú", "DTNT"),
    ("Dân tộc Bán trú", "DTBT"),
    ("Tiểu học", "TH"),
    ("Mầm non", "MN"),
    ("Trung tâm", "TT"),
)
SCHOOL = "Trường"  # every school's name starts with it, so it is the first word to drop
