"""The shipped form and methodology of the year the test clock starts in.

tests/clock.py starts on 20/02/2025, so a test that does not move the clock reports
on a 2025 quarter with the 2025 form. A test of another year takes that year's from
``BOOK``.
"""

from __future__ import annotations

from bot.forms.schema import FormSpec
from bot.scoring.methodology import Methodology
from bot.yearbook import YearBook, load_yearbook

YEAR = 2025
BOOK: YearBook = load_yearbook(None)
TEST_FORM: FormSpec = BOOK.form(YEAR)
TEST_METHODOLOGY: Methodology = BOOK.methodology(YEAR)
