"""The report form as data: the shipped file, the JSON other tools read, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram.constants import InlineKeyboardButtonLimit

from bot.forms.schema import FormError, load_form
from tests.rules import TEST_FORM

CONTENTS = {"a", "b", "c", "d", "dd", "e", "g"}


def test_shipped_form_covers_the_seven_contents_narrative_and_file() -> None:
    form = TEST_FORM
    assert {s.key for s in form.sections} >= CONTENTS
    keys = {f.key for f in form.fields}
    assert {"highlights", "shortcomings", "next_quarter", "requests", "signed_report"} <= keys
    types = {f.type for f in form.fields}
    assert types == {"integer", "decimal", "percent", "yesno", "choice", "text", "file"}


def test_public_json_shape() -> None:
    data = TEST_FORM.as_public_json()
    assert set(data) == {"version", "fields"}
    fields = data["fields"]
    assert isinstance(fields, list)
    for item in fields:
        assert {"key", "label", "type", "required", "min", "max", "section"} <= set(item)
        assert ("choices" in item) == (item["type"] == "choice")


def test_callback_data_budget() -> None:
    # "rp:c:<n>:<choice>" must stay within Telegram's callback data for every field.
    form = TEST_FORM
    longest = max(
        len(f"rp:c:{n}:{c.key}".encode()) for n, f in enumerate(form.fields, 1) for c in f.choices
    )
    assert longest <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("version = ", "TOML không hợp lệ"),
        ('version = "1"\ntitle = "x"\n', "sections: thiếu mục bắt buộc"),
        (
            'version="1"\ntitle="x"\n[[sections]]\nkey="a"\ntitle="A"\n'
            '[[sections.fields]]\nkey="n"\nlabel="N"\ntype="number"\n',
            "sections[1] (a).fields[1] (n).type: giá trị không hợp lệ",
        ),
        (
            'version="1"\ntitle="x"\n[[sections]]\nkey="a"\ntitle="A"\n'
            '[[sections.fields]]\nkey="n"\nlabel="N"\ntype="integer"\n'
            '[[rules]]\nleft=["n"]\nop="<="\nright=["m"]\nmessage="x"\n',
            "'m'",
        ),
        (
            'version="1"\ntitle="x"\n[[sections]]\nkey="a"\ntitle="A"\n'
            '[[sections.fields]]\nkey="c"\nlabel="C"\ntype="choice"\n',
            "cần ít nhất hai lựa chọn",
        ),
    ],
)
def test_malformed_form_names_the_problem(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert str(path) in str(caught.value)
    assert says in str(caught.value)
