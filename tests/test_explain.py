"""explain() in both languages, masking on and off, and that nothing ever crashes it."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ekyc import catalog, explain
from ekyc.answers import normalise
from ekyc.explain import mask_data, mask_raw, mask_value
from ekyc.result import Result
from tests.fuzz import CAPABILITY_NAMES, json_like

ID_NUMBER = "110101199001011234"
CARD_NUMBER = "6222021234567890123"
NOTICE = {"zh": "仅供参考", "en": "For reference only"}
SANDBOX = {"zh": "沙箱模式：这是模拟应答，并非真实识别", "en": "Sandbox: simulated answer"}


def ok(capability, data, **kw):
    return Result(True, "0", "ok", data, capability=capability, **kw)


def first_line(text):
    return text.splitlines()[0]


# ---------------------------------------------------------------------------------------------
# Face compare bands
# ---------------------------------------------------------------------------------------------

BANDS = [
    (69.9, "❌", {"en": "Not the same person", "zh": "不是同一人"}, None),
    (70, "✅", {"en": "Same person", "zh": "同一人"}, {"en": "1 in 1,000", "zh": "千分之一"}),
    (79.9, "✅", {"en": "Same person", "zh": "同一人"}, {"en": "1 in 1,000", "zh": "千分之一"}),
    (
        80,
        "✅",
        {"en": "Same person, high confidence", "zh": "高置信度为同一人"},
        {"en": "1 in 10,000", "zh": "万分之一"},
    ),
    (99.5, "✅", {"en": "high confidence", "zh": "高置信度"}, {"en": "10,000", "zh": "万分之一"}),
    (0, "❌", {"en": "Not the same person", "zh": "不是同一人"}, None),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("score", "icon", "verdict", "rate"), BANDS)
def test_similarity_bands(score, icon, verdict, rate, lang):
    text = explain.explain(ok("face_compare", {"similarity": float(score)}), lang)
    head = first_line(text)
    assert head.startswith(icon)
    assert verdict[lang] in head
    shown = f"{score:g}"
    assert shown in head
    if score >= 70:
        assert ("Not the same" if lang == "en" else "不是同一人") not in head
    if score < 80:
        assert ("high confidence" if lang == "en" else "高置信度") not in head
    if rate:
        assert rate[lang] in text
    else:
        assert ("clearer" if lang == "en" else "更清晰") in text
    assert NOTICE[lang] in text


def test_similarity_just_under_80_is_not_high_confidence():
    head = first_line(explain.explain(ok("face_compare", {"similarity": 79.99999}), "en"))
    assert "high confidence" not in head and "79.99999" in head


def test_similarity_missing_or_raw():
    text = explain.explain(ok("face_compare", {"similarity": None, "similarity_raw": "high"}), "en")
    assert first_line(text).startswith("⚠️") and "`high`" in text
    assert first_line(explain.explain(ok("face_compare", {}), "zh")).startswith("⚠️")


# ---------------------------------------------------------------------------------------------
# Liveness
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("capability", ["photo_liveness_detect", "video_liveness_detect"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("level", ["1", "2", "3"])
def test_every_risk_level(capability, lang, level):
    text = explain.explain(ok(capability, {"riskLevel": level, "riskTag": ""}), lang)
    meaning, advice = catalog.RISK_LEVELS[level][lang]
    head = first_line(text)
    assert head.startswith(catalog.RISK_LEVEL_ICONS[level])
    assert meaning in head and advice in head
    assert ("No risk tag" if lang == "en" else "无风险标签") in text


def test_level_icons_and_words():
    assert catalog.RISK_LEVEL_ICONS == {"1": "✅", "2": "⚠️", "3": "❌"}
    text = explain.explain(ok("photo_liveness_detect", {"riskLevel": "3"}), "en")
    assert "reject" in first_line(text) and "AI-generated" in first_line(text)
    text = explain.explain(ok("photo_liveness_detect", {"riskLevel": "2"}), "en")
    assert "retry with another capture" in first_line(text)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("tag", list(catalog.RISK_TAGS))
def test_every_risk_tag(lang, tag):
    text = explain.explain(ok("video_liveness_detect", {"riskLevel": "3", "riskTag": tag}), lang)
    assert catalog.RISK_TAGS[tag][lang] in text and tag in text


def test_several_tags_and_unknown_ones():
    data = normalise(
        "photo_liveness_detect", {"result": {"livenessInfoLevel": 3, "livenessInfoTag": [3, 4]}}
    )
    text = explain.explain(ok("photo_liveness_detect", data), "en")
    assert "suspected replay" in text and "suspected synthetic face" in text
    text = explain.explain(ok("photo_liveness_detect", {"riskLevel": "7", "riskTag": "99"}), "en")
    assert first_line(text).startswith("⚠️") and "unknown risk level `7`" in text
    assert "`99`" in text and "not in the catalogue" in text


# ---------------------------------------------------------------------------------------------
# OCR and masking
# ---------------------------------------------------------------------------------------------

ID_DATA = {
    "name": "样例测",
    "sex": "男",
    "nation": "汉",
    "birth": "19900101",
    "idcard": ID_NUMBER,
    "address": "北京市东城区东华门街道1号",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_id_card_masked_by_default(lang):
    text = explain.explain(ok("id_card_ocr", ID_DATA), lang)
    assert first_line(text).startswith("✅") and "6" in first_line(text)
    assert ID_NUMBER not in text and "1101**********1234" in text
    assert "样例测" not in text and "样**" in text
    assert "东华门" not in text and "北京市东城区***" in text
    assert "🔒" in text
    assert "19900101" not in text and "`********`" in text  # the birth date too
    label, birth = ("ID number", "Date of birth") if lang == "en" else ("身份证号", "出生日期")
    assert text.index(label) < text.index(birth)  # important fields first


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_id_card_unmasked_on_request(lang):
    text = explain.explain(ok("id_card_ocr", ID_DATA), lang, mask=False)
    assert ID_NUMBER in text and "样例测" in text and "北京市东城区东华门街道1号" in text
    assert "**********" not in text and "🔒" not in text


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "the card prints none"), ("zh", "卡面未印有效期")]
)
def test_bank_card(lang, words):
    data = {"bankcardNo": CARD_NUMBER, "bankcardValidDate": ""}
    text = explain.explain(ok("bank_card_ocr", data), lang)
    assert CARD_NUMBER not in text and "6222***********0123" in text
    assert words in text
    assert CARD_NUMBER in explain.explain(ok("bank_card_ocr", data), lang, mask=False)


def test_vehicle_and_driver_license_masking():
    data = {
        "plateNo": "京A12345",
        "owner": "Sample Tester",
        "vin": "LSVAA4182E2123456",
        "engineNo": "E123456789",
        "model": "Sample X1",
        "curbWeright": "1500kg",
        "curbWeight": "1500kg",
    }
    text = explain.explain(ok("vehicle_license_ocr", data), "en")
    for secret in ("LSVAA4182E2123456", "E123456789", "Sample Tester", "京A12345"):
        assert secret not in text
    assert "LSVA*********3456" in text and "S***** T*****" in text and "Sample X1" in text
    assert text.count("1500kg") == 1 and "Curb weight" in text
    driver = {"licenseNo": ID_NUMBER, "name": "Sample Tester", "driveClass": "C1"}
    text = explain.explain(ok("driver_license_ocr", driver), "zh")
    assert ID_NUMBER not in text and "准驾车型" in text and "C1" in text


def test_no_ocr_fields_is_a_warning():
    text = explain.explain(ok("id_card_ocr", {}), "en")
    assert first_line(text).startswith("⚠️") and "no fields recognised" in text


def test_upstream_values_cannot_inject_markdown():
    data = {"sex": "<script>alert(1)</script>", "nation": "`x` **y**"}
    text = explain.explain(ok("id_card_ocr", data), "en")
    assert "`<script>alert(1)</script>`" in text
    assert "`` `x` **y** ``" in text


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("idcard", ID_NUMBER, "1101**********1234"),
        ("licenseNo", ID_NUMBER, "1101**********1234"),
        ("bankcardNo", "6222021234567890", "6222********7890"),
        ("bankcardNo", "6222 0212 3456 7890", "6222 **** **** 7890"),
        ("vin", "LSVAA4182E2123456", "LSVA*********3456"),
        ("plateNo", "京A12345", "京A***45"),
        ("engineNo", "1234", "1**4"),
        ("fileNumber", "12", "**"),
        ("name", "样例测", "样**"),
        ("name", "张", "*"),
        ("owner", "Sample Tester", "S***** T*****"),
        ("address", "北京市东城区东华门街道1号", "北京市东城区***"),
        ("address", "北京", "北***"),
        ("sex", "男", "男"),
        ("similarity", "92.5", "92.5"),
        ("idcard", "", ""),
    ],
)
def test_mask_value(field, value, expected):
    assert mask_value(field, value) == expected


def test_mask_raw_walks_any_nesting():
    raw = {
        "code": "0",
        "msg": "ok",
        "result": {
            "name": "样例测",
            "idcard": ID_NUMBER,
            "livenessInfoLevel": "1",
            "extra": [{"address": "北京市东城区东华门街道1号"}, {"deeper": {"idcard": ID_NUMBER}}],
            "blob": json.dumps({"idcard": ID_NUMBER}),
        },
        "idcard": 110101199001011234,
    }
    before = copy.deepcopy(raw)
    masked = mask_raw("id_card_ocr", raw)
    assert raw == before  # the input is not modified
    assert ID_NUMBER not in json.dumps(masked, ensure_ascii=False)
    assert masked["result"]["idcard"] == "1101**********1234"
    assert masked["result"]["extra"][1]["deeper"]["idcard"] == "1101**********1234"
    assert masked["result"]["extra"][0]["address"] == "北京市东城区***"
    assert json.loads(masked["result"]["blob"]) == {"idcard": "1101**********1234"}
    assert masked["idcard"] == "1101**********1234"
    assert masked["result"]["livenessInfoLevel"] == "1" and masked["msg"] == "ok"


def test_mask_raw_leaves_capabilities_without_sensitive_fields_alone():
    raw = {"result": {"fileLabel": [{"name": "A14", "value": "1"}], "livenessInfoTag": "03"}}
    assert mask_raw("media_labeling", raw) == raw
    assert mask_raw("photo_liveness_detect", raw) == raw
    assert mask_raw("id_card_ocr", "<html>502</html>") == "<html>502</html>"
    assert mask_raw("", {"owner": "Sample"}) == {"owner": "S*****"}  # unknown: mask them all


def test_mask_data():
    data = {"bankcardNo": CARD_NUMBER, "bankcardValidDate": "12/30"}
    assert mask_data("bank_card_ocr", data) == {
        "bankcardNo": "6222***********0123",
        "bankcardValidDate": "12/30",
    }
    assert data["bankcardNo"] == CARD_NUMBER
    assert mask_data("bank_card_ocr", None) == {}


# ---------------------------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------------------------


def test_labels_present_absent_unrecognised():
    data = {"labels": {"A14": "1", "B03": "0", "A02": ""}, "liveStatus": "1", "compareStatus": "0"}
    text = explain.explain(ok("media_labeling", data), "en")
    assert first_line(text).startswith("⚠️") and "not recognised" in first_line(text)
    assert "- ✅ A14 wearing a hat: present" in text
    assert "- ❌ B03 inside a passenger car: absent" in text
    assert "- ⚠️ A02 medical mask covering face: not recognised – retry" in text
    assert "Liveness: live person" in text and "Face consistency: different faces" in text
    zh = explain.explain(ok("media_labeling", data), "zh")
    assert "- ✅ A14 戴帽子：有" in zh and "- ❌ B03 在乘用车内：无" in zh
    assert "- ⚠️ A02 口罩遮脸：未能识别" in zh and "活体检测：真人" in zh


def test_labels_all_recognised_and_extras():
    data = {"labels": {"A14": "1", "B03": "0", "Z77": "1"}}
    text = explain.explain(ok("media_labeling", data), "en")
    assert first_line(text).startswith("✅") and "2 present, 1 absent" in first_line(text)
    assert "Z77 (not in the label catalogue): present" in text
    assert first_line(explain.explain(ok("media_labeling", {"labels": {}}), "en")).startswith("⚠️")


def test_unparsed_pieces_are_shown():
    data = {"labels": {"A14": ""}, "unparsed": [{"foo": "bar"}, "A14:maybe"]}
    text = explain.explain(ok("media_labeling", data), "en")
    assert "2 part(s)" in text and '`{"foo": "bar"}`' in text and "`A14:maybe`" in text


# ---------------------------------------------------------------------------------------------
# Failures, sandbox, notice
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "code", ["-9005", "66660078", "999999", "NETWORK", "FailedOperation.UnKnown"]
)
def test_failures_show_catalog_message_action_and_code(lang, code):
    result = Result(
        False, code, "whatever", {}, raw={"code": code}, capability="driver_license_ocr"
    )
    text = explain.explain(result, lang)
    message, action = catalog.describe_error(code, lang=lang)
    assert first_line(text).startswith("❌") and message in first_line(text)
    assert action in text and f"`{code}`" in text and NOTICE[lang] in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unknown_failure_code(lang):
    raw = {"code": "31337", "msg": "odd *thing*"}
    text = explain.explain(
        Result(False, "31337", "odd", {}, raw=raw, capability="bank_card_ocr"), lang
    )
    assert "31337" in first_line(text) and "odd \\*thing\\*" in first_line(text)
    assert ("contact support" if lang == "en" else "联系技术支持") in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sandbox_notice_is_prominent(lang):
    text = explain.explain(ok("face_compare", {"similarity": 91.0}, sandbox=True), lang)
    blocks = text.split("\n\n")
    assert SANDBOX[lang] in blocks[1] and blocks[1].startswith("> 🧪 **")
    assert SANDBOX[lang] not in explain.explain(ok("face_compare", {"similarity": 91.0}), lang)
    failed = Result(False, "TIMEOUT", "t", sandbox=True, capability="face_compare")
    assert SANDBOX[lang] in explain.explain(failed, lang)


def test_language_names():
    result = ok("face_compare", {"similarity": 85.0})
    assert explain.explain(result, "zh-CN") == explain.explain(result, "zh")
    assert explain.explain(result, "EN") == explain.explain(result, "en")
    assert "高置信度" in explain.explain(result)  # zh by default


# ---------------------------------------------------------------------------------------------
# Fuzz: explain and mask_raw never raise
# ---------------------------------------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "code",
        "msg",
        "result",
        "similarity",
        "similarity_raw",
        "riskLevel",
        "riskTag",
        "labels",
        "fileLabel",
        "liveStatus",
        "compareStatus",
        "unparsed",
        "A14",
        "name",
        "idcard",
        "vin",
        "bankcardNo",
        "bankcardValidDate",
        "curbWeright",
        "owner",
        "address",
        "livenessInfoTag",
    ]
)
JSON = json_like(_KEYS, ["A14:1", "1", "0", "", "03", "3", "92.5", "`", "<b>", '["A14:1"]'])
_CODES = st.sampled_from(
    ["0", "", "-9005", "999999", "31337", "FailedOperation.UnKnown"]
) | st.text(max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([*CAPABILITY_NAMES, "", "unknown"]),
    JSON,
    st.booleans(),
    _CODES,
    st.booleans(),
    st.sampled_from(["zh", "en"]),
    st.booleans(),
)
def test_explain_never_raises_on_normalised_data(
    capability, answer, ok_, code, sandbox, lang, mask
):
    name = capability if capability in CAPABILITY_NAMES else "face_compare"
    data = normalise(name, answer, ["A14", "B03"])
    result = Result(ok_, code, "m", data, raw=answer, capability=capability, sandbox=sandbox)
    text = explain._explain(result, lang, mask)  # without the last-resort guard
    assert text == explain.explain(result, lang, mask)
    # a verdict icon, or (the HTML5 flow) still waiting, or the link expired
    assert text.splitlines()[0][:1] in ("✅", "⚠", "❌", "⏳", "⌛")
    assert NOTICE[lang] in text
    assert (SANDBOX[lang] in text) == sandbox


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([*CAPABILITY_NAMES, ""]),
    st.dictionaries(st.text(max_size=20), JSON, max_size=8) | JSON,
    st.booleans(),
)
def test_explain_never_raises_on_any_data(capability, data, mask):
    result = Result(True, "0", "", data, capability=capability)
    text = explain._explain(result, "en", mask)
    assert text.splitlines()[0][:1] in ("✅", "⚠", "❌")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([*CAPABILITY_NAMES, ""]), JSON)
def test_mask_raw_never_raises(capability, raw):
    mask_raw(capability, raw)
