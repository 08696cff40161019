"""/invite names the role in English or in Vietnamese, as the office types it."""

from __future__ import annotations

import unicodedata

import pytest

from handlers import texts
from handlers.office import parse_role


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("head", "head"),
        ("HEAD", "head"),
        ("thủ trưởng", "head"),
        ("Thủ Trưởng", "head"),
        ("thu truong", "head"),
        ("thủ  trưởng  đơn vị", "head"),
        ("reporter", "reporter"),
        ("người báo cáo", "reporter"),
        ("nguoi bao cao", "reporter"),
        ("đầu mối", "reporter"),
        ("Cán bộ đầu mối CCHC", "reporter"),
        ("hiệu phó", None),
        ("", None),
        ("head reporter", None),
    ],
)
def test_roles(typed: str, role: str | None) -> None:
    assert parse_role(typed) == role
    assert parse_role(unicodedata.normalize("NFD", typed)) == role


def test_the_names_the_bot_gives_the_roles_name_them_back() -> None:
    for role, name in texts.ROLE_NAMES.items():
        assert parse_role(name) == role
