"""The library of exemplary practices (bot/services/practices.py): the campaign's topics
as the office names them (seed 000, II.1), shown on buttons and searched like the
practices' own words.
"""

from __future__ import annotations

TAG_LABELS: dict[str, str] = {
    "tthc": "TTHC",
    "tuyen_truyen": "Tuyên truyền",
    "cds": "Chuyển đổi số",
    "tai_chinh": "Tài chính công",
    "to_chuc": "Tổ chức bộ máy",
    "khac": "Khác",
}

# The letters NFD leaves whole, folded by hand for accent-insensitive search (đ → d).
FOLD_LETTERS: dict[str, str] = {"đ": "d", "Đ": "d"}
