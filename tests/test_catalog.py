"""The catalogue against the protocol: every §7 code, the §6 labels, levels and tags."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ekyc import capabilities, catalog

PROTOCOL = Path(os.environ.get("EKYC_PROTOCOL_MD", "/work/shared/PROTOCOL.md"))

# Used only when PROTOCOL.md is not on this machine: a verbatim copy of its §7 list, so the parser
# and the table are still checked against the protocol's own wording (re-wrapped to 100 columns).
SECTION_7_COPY = """
- All capabilities: 1101/1102 credentials misconfigured (check .env); 1103 IP not whitelisted;
  1104 signature expired or invalid (refresh ticket, retry once); 1106 invalid request; 1107 invalid
  parameters; 1502 version must be 1.0.0; 1503 checksum error, retry upload; 1505 appid not
  authorised; 1506/1507 too many requests, wait 10 s; 1601 body too large; 1602 body parameter
  error; 999999/999998/999997 network busy (auto-retried).
- Face and liveness (1-3): 66660016 abnormal image/video file; 66660023/66660048 no proper face,
  face the camera; 66660037 multiple faces; 66660041 face occluded or eyes closed; 66660078 no face;
  1603 invalid video; 1606 response decryption failed, retry; 1607 result not found, order expired;
  FailedOperation.CoveredFace / IncompleteFace / PoorImageQuality / ImageDecodeFailed /
  VideoDecodeFailed / VideoDurationExceeded (max 20 s) / DetectEngineSystemError / UnKnown.
- OCR (4-7): -1102 image decode failed; -1300 empty image; -1301 missing parameter; -1304 parameter
  too long; -9001 invalid side/type; -9002 recognition failed, retake in good light; -9005 invalid
  or unsupported image (driver license: main page only); -9006 preprocessing failed; 66661001 not an
  ID card or unclear; 66661013/66661005 adjust the angle, whole document in frame.
- Media labeling (8): 66660000 invalid orderNo; 66660001 invalid appId; 66660002 request expired;
  66660003 trial quota exceeded; 66660004 concurrency limit; 66660013 invalid parameters; 66660016
  abnormal file; 66661014 result not found, resubmit; 66661015 still processing (poll again);
  66661016 more than 5 labels; 66661018 unknown label code; 66661019 no label; 66661020 malformed
  label code (format A01); 66661021 appId not authorised for labeling; 66661022 processing failed,
  resubmit; 66661023 image pre-check failed; 400101 missing parameter; 400103 invalid value; 400105
  appid does not match the credential set (Key A vs Key B); 400106 signature verification failed;
  400501 upload failed; 400502 unsupported format (JPG, PNG, MP4); 400505 processing timeout, use a
  smaller file; 400506 empty or corrupt file; 400601 service unavailable; 400602 quota exceeded.
"""

CJK = re.compile(r"[\u4e00-\u9fff]")


def _section(text: str, number: int) -> str:
    match = re.search(rf"^## {number}\..*?(?=^## |\Z)", text, re.S | re.M)
    assert match, f"no section {number} in PROTOCOL.md"
    return match.group(0)


def _protocol_section(number: int) -> str | None:
    if PROTOCOL.is_file():
        return _section(PROTOCOL.read_text(encoding="utf-8"), number)
    return None


def parse_codes(section: str) -> list[str]:
    """Numeric codes (``1101``, ``-9005``, ``1101/1102``) and ``FailedOperation.A / B`` lists."""
    codes = re.findall(r"(?<![\w.])-?\d{4,}(?![\w.])", section)
    for run in re.finditer(r"FailedOperation\.(.*?)\.(?:\s|$)", section, re.S):
        for piece in run.group(1).split("/"):
            name = re.match(r"\s*([A-Z][A-Za-z]+)", piece)
            assert name, f"unreadable FailedOperation piece {piece!r}"
            codes.append(f"FailedOperation.{name.group(1)}")
    return list(dict.fromkeys(codes))


def section_7_codes() -> list[str]:
    return parse_codes(_protocol_section(7) or SECTION_7_COPY)


def test_the_section_7_parser_reads_the_whole_list():
    codes = section_7_codes()
    for anchor in (
        "1101",
        "1102",
        "999997",
        "66660016",
        "-1102",
        "-9005",
        "FailedOperation.CoveredFace",
        "FailedOperation.VideoDurationExceeded",
        "FailedOperation.UnKnown",
        "400602",
    ):
        assert anchor in codes
    assert len(codes) == 69  # 66660016 counted once, though §7 lists it twice
    assert "1.0.0" not in codes and "2024" not in codes


@pytest.mark.parametrize("code", section_7_codes())
def test_every_protocol_code_has_a_message_and_action_in_both_languages(code):
    entry = catalog.ERRORS[code]
    for lang in ("zh", "en"):
        message, action = entry[lang]
        assert message.strip() and action.strip()
        assert catalog.describe_error(code, "", lang) == (message, action)
    assert CJK.search(entry["zh"][0]) and CJK.search(entry["zh"][1])
    assert not CJK.search(entry["en"][0]) and not CJK.search(entry["en"][1])


def test_pseudo_codes_have_entries():
    for code in ("NETWORK", "TIMEOUT", "HTTP_ERROR", "BAD_ANSWER", "LABEL_TIMEOUT"):
        assert code in catalog.PSEUDO_CODES
        for lang in ("zh", "en"):
            message, action = catalog.describe_error(code, lang=lang)
            assert message and action
    # busy codes exhausted keep the last upstream code, whose message says what to do
    assert "try again in a few minutes" in " ".join(catalog.describe_error("999999"))


def test_specific_meanings():
    assert "main page" in catalog.describe_error("-9005")[0]
    assert "主页" in catalog.describe_error("-9005", lang="zh")[0]
    assert "20 s" in catalog.describe_error("FailedOperation.VideoDurationExceeded")[0]
    assert "10 seconds" in catalog.describe_error("1506")[1]
    assert catalog.describe_error("1101") == catalog.describe_error("1102")
    assert "image or video" in catalog.describe_error("66660016")[0]


def test_unknown_code_falls_back_with_code_and_message():
    assert catalog.describe_error("12345", "boom") == (
        "unexpected error (12345, boom)",
        "contact support",
    )
    message, action = catalog.describe_error("12345", "boom", lang="zh")
    assert "12345" in message and "boom" in message and "意外错误" in message
    assert "联系技术支持" in action
    message, _ = catalog.describe_error("77", lang="zh-CN")
    assert "77" in message and "无说明" in message
    assert catalog.describe_error(" 1101 ")[0] == catalog.ERRORS["1101"]["en"][0]


def test_risk_levels_and_tags():
    assert tuple(catalog.RISK_LEVELS) == ("1", "2", "3")
    assert tuple(catalog.RISK_TAGS) == tuple(f"{n:02d}" for n in range(1, 13))
    assert catalog.RISK_LEVELS["1"]["en"][0] == "no attack risk"
    assert "another capture" in catalog.RISK_LEVELS["2"]["en"][1]
    assert catalog.RISK_LEVELS["3"]["en"][1] == "reject"
    assert catalog.RISK_TAGS["03"]["en"].startswith("suspected replay")
    for entry in list(catalog.RISK_TAGS.values()) + list(catalog.RISK_LEVELS.values()):
        assert CJK.search(str(entry["zh"])) and not CJK.search(str(entry["en"]))


def test_labels_match_the_protocol_catalogue():
    section = _protocol_section(6)
    if section is None:
        pytest.skip("PROTOCOL.md is not on this machine")
    rows = re.findall(r"^\| ([AB]\d\d) \| (.+?) \| (.+?) \|$", section, re.M)
    assert len(rows) == 15
    assert tuple(code for code, _, _ in rows) == catalog.LABEL_CODES
    for code, zh, en in rows:
        assert catalog.LABELS[code] == {"zh": zh, "en": en}


def test_similarity_bands():
    assert [band["min"] for band in catalog.SIMILARITY_BANDS] == [80.0, 70.0, None]
    assert catalog.SIMILARITY_BANDS[0]["en"][0] == "same person, high confidence"
    assert "10,000" in catalog.SIMILARITY_BANDS[0]["en"][1]
    assert "1,000" in catalog.SIMILARITY_BANDS[1]["en"][1]


def test_every_ocr_field_has_labels_and_key_fields_are_real():
    ocr = [cap for cap in capabilities.CAPABILITIES if cap.kind == "ocr"]
    assert ocr
    for cap in ocr:
        assert cap.key_fields, cap.name
        assert set(cap.key_fields) <= set(cap.answer_fields)
        for name in (*cap.answer_fields, *cap.aliases.values()):
            assert catalog.FIELD_LABELS[name]["zh"] and catalog.FIELD_LABELS[name]["en"]
    assert catalog.FIELD_LABELS["idcard"] == {"zh": "身份证号", "en": "ID number"}


def test_phrases_exist_in_both_languages():
    for key, entry in catalog.PHRASES.items():
        assert set(entry) == {"zh", "en"}, key
        assert entry["zh"] and entry["en"]
