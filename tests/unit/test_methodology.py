"""The methodology as data: the shipped 2025 file, and bad files named to the place."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from bot.forms.schema import FormSpec, load_form
from bot.scoring.methodology import PLAN_ITEMS, Methodology, MethodologyError, load_methodology
from tests.rules import TEST_FORM, TEST_METHODOLOGY

BLOCKS = ("phong_so", "phong_gd", "truc_thuoc", "trung_tam")


# ---------------------------------------------------------------------------
# The shipped file
# ---------------------------------------------------------------------------


def test_shipped_methodology_loads_against_the_shipped_form() -> None:
    methodology = TEST_METHODOLOGY
    assert methodology.year == 2025
    form_keys = set(TEST_FORM.index)
    for criterion in methodology.criteria:
        assert set(criterion.inputs) <= form_keys


def test_shipped_methodology_is_100_points_for_a_directly_affiliated_unit() -> None:
    methodology = TEST_METHODOLOGY
    assert methodology.max_points("truc_thuoc") == Decimal(100)
    # The other blocks are balanced to 100 too, so indices read alike across blocks.
    assert [methodology.max_points(b) for b in BLOCKS] == [Decimal(100)] * 4


def test_shipped_methodology_uses_every_source_and_limits_some_criteria_by_block() -> None:
    methodology = TEST_METHODOLOGY
    assert {c.source for c in methodology.criteria} == {"computed", "appraisal", "self"}
    assert {c.measure for c in methodology.criteria} >= {"rate", "count", "yesno", "percent"}
    assert {c.rule for c in methodology.criteria} == {"linear", "steps"}
    online = methodology.criterion("online_rate")
    assert online.blocks is not None
    assert not online.applies_to("phong_so")
    assert online.applies_to("truc_thuoc")
    assert online.zero_denominator == "not_applicable"
    assert online.target == Decimal("0.9")  # exactly, not the float 0.9
    assert methodology.criterion("assigned_par").blocks == ("phong_so",)
    assert methodology.group_of("online_rate").key == "tthc"
    with pytest.raises(KeyError):
        methodology.criterion("no_such_criterion")


def test_shipped_criteria_name_their_plan_contents_and_basis() -> None:
    # Every criterion says which of the plan's contents a–g it measures and the sentence
    # it rests on; only the office's own inspection rule names no content.
    methodology = TEST_METHODOLOGY
    for criterion in methodology.criteria:
        assert criterion.basis.strip(), criterion.key
        assert set(criterion.plan_items) <= set(PLAN_ITEMS), criterion.key
    assert [c.key for c in methodology.criteria if not c.plan_items] == ["inspection_result"]
    assert methodology.criterion("online_rate").plan_items == ("d", "g")
    # Each of the seven contents is measured by at least one criterion.
    assert {item for c in methodology.criteria for item in c.plan_items} == set(PLAN_ITEMS)


def test_shipped_criteria_leave_no_gap_to_game() -> None:
    # "Data a unit leaves out must never raise its index; criteria only the office can
    # score are pending until scored, not zero." No zero denominator scores full marks:
    # 0 planned tasks is 0 points; 0 feedback received is "không phát sinh".
    methodology = TEST_METHODOLOGY
    policies = {c.key: c.zero_denominator for c in methodology.criteria if c.measure == "rate"}
    assert policies == {
        "task_completion": "zero",
        "online_rate": "not_applicable",
        "on_time_rate": "not_applicable",
        "feedback_rate": "not_applicable",
        "staff_training": "zero",
    }
    # "The office inspects CCHC at half of the affiliated units each year, in two rounds
    # … the others are not penalised for the office's schedule."
    assert [c.key for c in methodology.criteria if c.only_inspected] == ["inspection_result"]
    assert methodology.criterion("inspection_result").source == "appraisal"
    assert [c.key for c in methodology.criteria if c.source == "appraisal"] == [
        "report_quality",
        "assigned_par",
        "inspection_result",
    ]
    # A unit that did not survey, or was given no public investment capital, says so with
    # a required Có/Không question; skipping the rate itself scores 0.
    form = TEST_FORM
    declared = {c.key: c.applies_if for c in methodology.criteria if c.applies_if is not None}
    assert declared == {"satisfaction": "survey_done", "disbursement": "investment_assigned"}
    for question in declared.values():
        assert question is not None
        assert (form.field(question).type, form.field(question).required) == ("yesno", True)


def test_shipped_bands() -> None:
    methodology = TEST_METHODOLOGY
    assert [(b.name, b.min_index) for b in methodology.bands] == [
        ("Xuất sắc", Decimal(90)),
        ("Tốt", Decimal(80)),
        ("Khá", Decimal(65)),
        ("Trung bình", Decimal(50)),
        ("Yếu", Decimal(0)),
    ]


@pytest.mark.parametrize(
    ("index", "band"),
    [
        ("100", "Xuất sắc"),
        ("90.00", "Xuất sắc"),
        ("89.99", "Tốt"),
        ("80", "Tốt"),
        ("79.99", "Khá"),
        ("65", "Khá"),
        ("64.99", "Trung bình"),
        ("50", "Trung bình"),
        ("49.99", "Yếu"),
        ("0", "Yếu"),
    ],
)
def test_band_edges(index: str, band: str) -> None:
    assert TEST_METHODOLOGY.band(Decimal(index)) == band


def test_methodology_is_immutable() -> None:
    methodology = TEST_METHODOLOGY
    with pytest.raises(ValueError, match="frozen"):
        methodology.year = 2026  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Malformed files
# ---------------------------------------------------------------------------

BASE = """
year = 2025
version = "t1"
title = "Bộ tiêu chí thử"
bands = [
  { name = "Đạt", min_index = 50 },
  { name = "Chưa đạt", min_index = 0 },
]

[[fields]]
key = "chung"
title = "I. Chung"

  [[fields.criteria]]
  key = "report_quality"
  title = "Chất lượng báo cáo"
  basis = "Quy định của Văn phòng Sở về chế độ báo cáo"
  max_points = 5
  source = "appraisal"

[[fields]]
key = "tthc"
title = "II. Thủ tục hành chính"

  [[fields.criteria]]
  key = "iso"
  title = "ISO 9001"
  plan_items = ["đ"]
  basis = "Kế hoạch, mục II.1.đ: đổi mới, cải tiến phương thức làm việc"
  max_points = 5
  source = "computed"
  measure = "yesno"
  report_field = "iso_applied"

  [[fields.criteria]]
  key = "online_rate"
  title = "Tỷ lệ hồ sơ trực tuyến"
  plan_items = ["d", "g"]
  basis = "Kế hoạch, mục II.1.d và II.1.g: dịch vụ công trực tuyến"
  max_points = 10
  blocks = ["truc_thuoc"]
  source = "computed"
  measure = "rate"
  numerator = ["dossiers_online"]
  denominator = ["dossiers_received"]
  target = 0.9
  rule = "steps"
  steps = [{ at_least = 0.5, points = 5 }, { at_least = 0.9, points = 10 }]
  zero_denominator = "not_applicable"
"""

ONLINE = "fields[2] (tthc).criteria[2] (online_rate)"


def _load(tmp_path: Path, text: str, *, with_form: bool = True) -> Methodology:
    path = tmp_path / "tieu_chi.toml"
    path.write_text(text, encoding="utf-8")
    return load_methodology(path, form=TEST_FORM if with_form else None)


def _error(tmp_path: Path, text: str, *, with_form: bool = True) -> str:
    with pytest.raises(MethodologyError) as info:
        _load(tmp_path, text, with_form=with_form)
    message = str(info.value)
    assert message.startswith(str(tmp_path / "tieu_chi.toml")), message
    return message


def _edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_base_file_is_valid(tmp_path: Path) -> None:
    methodology = _load(tmp_path, BASE)
    assert [c.key for c in methodology.criteria] == ["report_quality", "iso", "online_rate"]
    assert methodology.max_points("truc_thuoc") == Decimal(20)
    assert methodology.max_points("phong_so") == Decimal(10)


def test_bad_toml(tmp_path: Path) -> None:
    message = _error(tmp_path, BASE + "\nkey = = 1\n")
    assert "TOML không hợp lệ" in message


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "khong_co.toml"
    with pytest.raises(MethodologyError, match="không đọc được tệp"):
        load_methodology(missing)


def test_unknown_source(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('source = "appraisal"', 'source = "survey"'))
    assert "fields[1] (chung).criteria[1] (report_quality).source" in message
    assert message.endswith(
        "source: giá trị không hợp lệ, phải là một trong: 'computed', 'appraisal' hoặc 'self'"
    )


def test_unknown_report_field_key(tmp_path: Path) -> None:
    text = _edit('numerator = ["dossiers_online"]', 'numerator = ["dossiers_onlin"]')
    message = _error(tmp_path, text)
    assert message.endswith(
        f"{ONLINE}.numerator[1]: mẫu báo cáo 2025.1 không có trường 'dossiers_onlin'"
    )


def test_report_fields_are_checked_only_against_a_given_form(tmp_path: Path) -> None:
    text = _edit('numerator = ["dossiers_online"]', 'numerator = ["dossiers_onlin"]')
    assert _load(tmp_path, text, with_form=False).criterion("online_rate").numerator == (
        "dossiers_onlin",
    )


def test_report_field_of_the_wrong_type(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('report_field = "iso_applied"', 'report_field = "articles"'))
    assert "fields[2] (tthc).criteria[1] (iso).report_field:" in message
    assert "'articles'" in message
    assert "yesno" in message


def test_rate_cannot_sum_a_percent_field(tmp_path: Path) -> None:
    text = _edit('denominator = ["dossiers_received"]', 'denominator = ["sipas_rate"]')
    message = _error(tmp_path, text)
    assert f"{ONLINE}.denominator[1]: trường 'sipas_rate' của mẫu báo cáo có kiểu percent" in (
        message
    )
    assert "số nguyên" in message


def test_steps_above_max_points(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit("points = 10 }", "points = 12 }"))
    assert message.endswith(f"{ONLINE}.steps[2].points: 12 lớn hơn max_points của tiêu chí (10)")


def test_steps_out_of_order(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit("at_least = 0.9, points = 10", "at_least = 0.4, points = 10"))
    assert message.endswith(f"{ONLINE}.steps[2].at_least: các bậc phải xếp theo at_least tăng dần")


def test_rate_step_above_one(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit("at_least = 0.9, points = 10", "at_least = 90, points = 10"))
    assert f"{ONLINE}.steps[2].at_least: với phép đo rate, phải là tỷ lệ từ 0 đến 1" in message


def test_rate_target_must_be_a_ratio(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit("target = 0.9", "target = 90"))
    assert f"{ONLINE}.target: với phép đo rate, phải là tỷ lệ từ 0 đến 1, ví dụ 0.9" in message


def test_rate_needs_a_zero_denominator_policy(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('zero_denominator = "not_applicable"\n', ""))
    assert f"{ONLINE}.zero_denominator: phép đo rate cần zero_denominator" in message


def test_linear_rule_needs_a_target(tmp_path: Path) -> None:
    text = _edit('rule = "steps"\n  steps = [', 'rule = "linear"\n  ignored = [')
    text = text.replace("  target = 0.9\n", "").replace("  ignored = [", "  # [")
    message = _error(tmp_path, text)
    assert f"{ONLINE}.target: quy tắc linear cần target" in message


def test_appraisal_criterion_cannot_be_computed(tmp_path: Path) -> None:
    text = _edit('source = "appraisal"', 'source = "appraisal"\n  measure = "count"')
    message = _error(tmp_path, text)
    assert "fields[1] (chung).criteria[1] (report_quality).measure: " in message
    assert "source = appraisal không dùng measure" in message


def test_misspelt_setting(tmp_path: Path) -> None:
    text = _edit('max_points = 5\n  source = "appraisal"', 'max_point = 5\n  source = "appraisal"')
    message = _error(tmp_path, text)
    assert "fields[1] (chung).criteria[1] (report_quality).max_point" in message
    assert "thiếu mục bắt buộc" in message or "không được hỗ trợ" in message


def test_max_points_must_be_positive(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit("max_points = 10", "max_points = 0"))
    assert f"{ONLINE}.max_points: phải lớn hơn 0" in message


def test_bad_criterion_key(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('key = "iso"', 'key = "ISO 9001"'))
    assert "fields[2] (tthc).criteria[1] (ISO 9001).key" in message
    assert "chữ thường không dấu" in message


def test_duplicate_criterion_keys(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('key = "iso"', 'key = "report_quality"'))
    assert message.endswith(
        "fields[2] (tthc).criteria[1] (report_quality).key: "
        "khoá tiêu chí bị trùng với fields[1] (chung).criteria[1] (report_quality)"
    )


def test_bands_must_cover_zero(tmp_path: Path) -> None:
    message = _error(
        tmp_path,
        _edit('{ name = "Chưa đạt", min_index = 0 }', '{ name = "Chưa đạt", min_index = 1 }'),
    )
    assert "bands[2] (Chưa đạt).min_index: mức xếp loại cuối phải có min_index = 0" in message


def test_bands_must_descend(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit("min_index = 50 }", "min_index = 0 }"))
    assert "bands[2] (Chưa đạt).min_index: các mức xếp loại phải xếp theo min_index giảm dần" in (
        message
    )


def test_bands_cannot_be_empty(tmp_path: Path) -> None:
    start = BASE.index("bands = [")
    end = BASE.index("]\n", start) + 2
    message = _error(tmp_path, BASE[:start] + "bands = []\n" + BASE[end:])
    assert "bands: không được để trống" in message


def test_duplicate_band_names(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('name = "Chưa đạt"', 'name = "Đạt"'))
    assert "bands[2] (Đạt).name: tên mức xếp loại bị trùng" in message


def test_duplicate_field_keys(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('key = "tthc"', 'key = "chung"'))
    assert "fields[2] (chung).key: khoá lĩnh vực bị trùng với fields[1]" in message


def test_count_measure_needs_a_report_field(tmp_path: Path) -> None:
    text = _edit(
        'measure = "yesno"\n  report_field = "iso_applied"',
        'measure = "count"\n  target = 2',
    )
    message = _error(tmp_path, text)
    assert "fields[2] (tthc).criteria[1] (iso).report_field: phép đo count cần report_field" in (
        message
    )


def test_yesno_takes_no_target(tmp_path: Path) -> None:
    text = _edit('report_field = "iso_applied"', 'report_field = "iso_applied"\n  target = 1')
    message = _error(tmp_path, text)
    assert "fields[2] (tthc).criteria[1] (iso).target: phép đo yesno không dùng target" in message


def test_empty_blocks_list_is_refused(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('blocks = ["truc_thuoc"]', "blocks = []"))
    assert f"{ONLINE}.blocks" in message


# ---------------------------------------------------------------------------
# Retired settings: each let a unit raise its index by leaving something out
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["zero", "not_applicable"])
def test_missing_setting_is_refused_with_the_reason(tmp_path: Path, value: str) -> None:
    # Whatever it said, "missing" is gone: a skipped question always scores 0.
    text = _edit(
        'zero_denominator = "not_applicable"\n',
        f'zero_denominator = "not_applicable"\n  missing = "{value}"\n',
    )
    message = _error(tmp_path, text)
    assert f"{ONLINE}.missing: không còn dùng missing: câu bị bỏ qua luôn tính 0 điểm" in message
    assert "applies_if" in message  # what to use instead


def test_missing_setting_is_refused_even_without_a_form(tmp_path: Path) -> None:
    text = _edit(
        'report_field = "iso_applied"', 'report_field = "iso_applied"\n  missing = "zero"'
    )
    message = _error(tmp_path, text, with_form=False)
    assert "fields[2] (tthc).criteria[1] (iso).missing: không còn dùng missing" in message


def test_full_marks_for_a_zero_denominator_is_refused(tmp_path: Path) -> None:
    text = _edit('zero_denominator = "not_applicable"', 'zero_denominator = "full"')
    message = _error(tmp_path, text)
    assert f"{ONLINE}.zero_denominator: không còn dùng full:" in message
    assert "dùng zero hoặc not_applicable" in message


def test_zero_denominator_takes_only_the_two_policies(tmp_path: Path) -> None:
    text = _edit('zero_denominator = "not_applicable"', 'zero_denominator = "max"')
    message = _error(tmp_path, text)
    assert f"{ONLINE}.zero_denominator: giá trị không hợp lệ" in message
    assert "'zero' hoặc 'not_applicable'" in message


# ---------------------------------------------------------------------------
# basis and plan_items
# ---------------------------------------------------------------------------

REPORT_QUALITY = "fields[1] (chung).criteria[1] (report_quality)"


def test_basis_is_required(tmp_path: Path) -> None:
    text = _edit('  basis = "Quy định của Văn phòng Sở về chế độ báo cáo"\n', "")
    message = _error(tmp_path, text, with_form=False)
    assert message.endswith(f"{REPORT_QUALITY}.basis: thiếu mục bắt buộc")


def test_basis_cannot_be_empty(tmp_path: Path) -> None:
    text = _edit('basis = "Quy định của Văn phòng Sở về chế độ báo cáo"', 'basis = ""')
    assert _error(tmp_path, text).endswith(f"{REPORT_QUALITY}.basis: không được để trống")


def test_basis_has_a_length_limit(tmp_path: Path) -> None:
    old = 'basis = "Quy định của Văn phòng Sở về chế độ báo cáo"'
    assert _load(tmp_path, _edit(old, f'basis = "{"x" * 600}"')).criteria[0].basis == "x" * 600
    message = _error(tmp_path, _edit(old, f'basis = "{"x" * 601}"'))
    assert message.endswith(f"{REPORT_QUALITY}.basis: quá dài")


def test_plan_items_may_be_empty_or_left_out(tmp_path: Path) -> None:
    methodology = _load(tmp_path, _edit('plan_items = ["đ"]', "plan_items = []"))
    assert methodology.criterion("iso").plan_items == ()
    assert methodology.criterion("report_quality").plan_items == ()  # not written at all
    assert methodology.criterion("online_rate").plan_items == ("d", "g")


def test_plan_items_are_the_plans_seven_contents(tmp_path: Path) -> None:
    every = "[" + ", ".join(f'"{item}"' for item in ("a", "b", "c", "d", "đ", "e", "g")) + "]"
    methodology = _load(tmp_path, _edit('plan_items = ["đ"]', f"plan_items = {every}"))
    assert methodology.criterion("iso").plan_items == ("a", "b", "c", "d", "đ", "e", "g")
    # "h" is no content of the plan; a plain "d" (for "đ") is another content, so "dd" is refused.
    for bad in ('["h"]', '["dd"]', '["A"]'):
        message = _error(tmp_path, _edit('plan_items = ["đ"]', f"plan_items = {bad}"))
        assert "fields[2] (tthc).criteria[1] (iso).plan_items[1]: giá trị không hợp lệ" in message
        assert "'đ', 'e' hoặc 'g'" in message


def test_plan_items_cannot_repeat(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('plan_items = ["d", "g"]', 'plan_items = ["d", "g", "d"]'))
    assert message.endswith(f"{ONLINE}.plan_items: plan_items bị trùng mục")


def test_plan_items_is_a_list(tmp_path: Path) -> None:
    message = _error(tmp_path, _edit('plan_items = ["đ"]', 'plan_items = "đ"'))
    assert "fields[2] (tthc).criteria[1] (iso).plan_items: phải là một danh sách" in message


# ---------------------------------------------------------------------------
# only_inspected and applies_if
# ---------------------------------------------------------------------------


def test_only_inspected_defaults_to_false(tmp_path: Path) -> None:
    methodology = _load(
        tmp_path, _edit('source = "appraisal"', 'only_inspected = true\n  source = "appraisal"')
    )
    assert methodology.criterion("report_quality").only_inspected is True
    assert methodology.criterion("iso").only_inspected is False


def _with_applies_if(question: str, *, where: str = 'zero_denominator = "not_applicable"') -> str:
    return _edit(where, f'{where}\n  applies_if = "{question}"')


def _form_with_optional_iso(tmp_path: Path) -> FormSpec:
    text = (
        resources.files("bot.forms").joinpath("report_form_2025.toml").read_text(encoding="utf-8")
    )
    old = '  key = "iso_applied"\n'
    assert text.count(old) == 1
    path = tmp_path / "mau.toml"
    path.write_text(text.replace(old, old + "  required = false\n"), "utf-8")
    form = load_form(path)
    assert not form.field("iso_applied").required
    return form


def test_applies_if_names_a_required_yes_no_question(tmp_path: Path) -> None:
    # iso_applied is the shipped form's required Có/Không question.
    methodology = _load(tmp_path, _with_applies_if("iso_applied"))
    assert methodology.criterion("online_rate").applies_if == "iso_applied"
    assert methodology.criterion("iso").applies_if is None


def test_applies_if_question_must_exist_in_the_form(tmp_path: Path) -> None:
    message = _error(tmp_path, _with_applies_if("khong_ap_dung"))
    assert message.endswith(
        f"{ONLINE}.applies_if: mẫu báo cáo 2025.1 không có trường 'khong_ap_dung'"
    )


@pytest.mark.parametrize("question", ["articles", "sipas_rate", "highlights", "autonomy_level"])
def test_applies_if_question_must_be_yes_no(tmp_path: Path, question: str) -> None:
    message = _error(tmp_path, _with_applies_if(question))
    assert message.endswith(
        f"{ONLINE}.applies_if: trường {question!r} phải là câu Có/Không bắt buộc "
        "(type = yesno, required)"
    )


def test_applies_if_question_must_be_required(tmp_path: Path) -> None:
    # Were the question optional, a skip would have to mean something, and no reading of
    # a skip may help the unit.
    form = _form_with_optional_iso(tmp_path)
    path = tmp_path / "tieu_chi.toml"
    path.write_text(_with_applies_if("iso_applied"), encoding="utf-8")
    with pytest.raises(MethodologyError) as info:
        load_methodology(path, form=form)
    assert str(info.value).endswith(
        f"{ONLINE}.applies_if: trường 'iso_applied' phải là câu Có/Không bắt buộc "
        "(type = yesno, required)"
    )


def test_applies_if_is_checked_only_against_a_given_form(tmp_path: Path) -> None:
    methodology = _load(tmp_path, _with_applies_if("khong_ap_dung"), with_form=False)
    assert methodology.criterion("online_rate").applies_if == "khong_ap_dung"


@pytest.mark.parametrize("with_form", [True, False])
def test_an_appraisal_criterion_cannot_be_declared_not_applicable(
    tmp_path: Path, with_form: bool
) -> None:
    # Only the office scores it, so only the office can leave it out.
    text = _with_applies_if("iso_applied", where='source = "appraisal"')
    message = _error(tmp_path, text, with_form=with_form)
    assert message.endswith(
        f"{REPORT_QUALITY}.applies_if: tiêu chí source = appraisal không dùng applies_if "
        "(chỉ tiêu chí computed mới tính từ báo cáo)"
    )


def test_a_criterion_cannot_be_declared_inapplicable_by_its_own_input(tmp_path: Path) -> None:
    """A "Không" to the criterion's own yes/no input scores 0; were it also the
    declaration question, the same answer would take the criterion out of the maximum."""
    text = (
        resources.files("bot.scoring")
        .joinpath("methodology_2025.toml")
        .read_text(encoding="utf-8")
    )
    own = text.replace(
        'report_field = "iso_applied"',
        'report_field = "iso_applied"\n  applies_if = "iso_applied"',
    )
    assert own != text
    with pytest.raises(MethodologyError, match="câu khai báo không áp dụng phải là"):
        _load(tmp_path, own)
