"""Escaping and splitting: every part fits and parses as Telegram HTML."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.standin.html_check import html_to_text
from handlers.telegram_text import MESSAGE_LIMIT, esc, split_html, utf16_len


def test_escape() -> None:
    assert esc("Trường <A> & B") == "Trường &lt;A&gt; &amp; B"


def test_short_text_is_one_part() -> None:
    assert split_html("<b>xin chào</b>") == ["<b>xin chào</b>"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "b", "i", "code"]),
            st.text(alphabet="aăâđêôơư áàảãạ<&>😀\n", min_size=0, max_size=900),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_parts_fit_and_parse(chunks: list[tuple[str, str]]) -> None:
    html = "\n".join(f"<{t}>{esc(s)}</{t}>" if t else esc(s) for t, s in chunks)
    parts = split_html(html)
    for part in parts:
        assert utf16_len(part) <= MESSAGE_LIMIT
        html_to_text(part)  # raises if Telegram would refuse it
    plain = "".join(html_to_text(p) for p in parts)
    original = html_to_text(html)
    # Nothing but whitespace at the cuts may be lost.
    assert plain.replace("\n", "").replace(" ", "") == original.replace("\n", "").replace(" ", "")


def test_one_enormous_line_is_cut() -> None:
    parts = split_html("<b>" + "ạ" * 10_000 + "</b>")
    assert len(parts) == 3
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
