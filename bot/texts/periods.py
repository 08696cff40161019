"""The words of a period as people type them (bot/services/periods.py): what the bot
itself writes ("quý IV/2025", with "(báo cáo năm 2025)" after a fourth quarter) and how
people retype it ("quý 4/2025", "quy IV/2025", "Q4/2025"), matched on the NFC,
case-folded text. Group 1 is the quarter (Roman or Arabic), 2 the year, 3 the year of a
year report's note.
"""

from __future__ import annotations

PERIOD_LABEL_PATTERN = (
    r"^(?:quý|quy|q)?\s*(iv|iii|ii|i|[1-4])\s*/\s*(\d{4})"
    r"(?:\s*\(\s*báo\s+cáo\s+năm\s+(\d{4})\s*\))?$"
)
