"""The page's handlers without a browser: Page.run, Page.status and Page.discard.

Every capability runs on the bundled samples against a per-test emulator, in both languages, and
the explanation is checked for the scripted answer's real text (see assets/README.md).
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ekyc import Client
from ekyc.capabilities import BY_NAME, CAPABILITIES, get
from ekyc.config import KeyPair
from ekyc.media_formats import kind_of as media_type_of
from ekyc.sandbox import SANDBOX_KEY_C, Emulator
from tests.support import ASSETS, jpeg, settings_for
from webui.handlers import Page, render
from webui.texts import CALL_LIMIT, INTERNAL_ERROR

ID_NUMBER = "990101199001010027"
CARD_NUMBER = "6200000012345678903"
SESSION = "session-1"


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A stand-in for Gradio's upload cache."""
    folder = tmp_path / "gradio"
    folder.mkdir()
    return folder


@pytest.fixture
def sandbox(emu: Emulator) -> Iterator[Client]:
    with Client.sandboxed(settings_for(emu), emulator=emu) as c:
        yield c


@pytest.fixture
def page(sandbox: Client, cache: Path) -> Page:
    return Page(sandbox, cache_dir=cache)


def run(page: Page, name: str, files, options=None, labels=None, lang="en", show=False, **kw):
    cap = BY_NAME[name]
    paths = [None if f is None else str(f) for f in files]
    return page.run(cap, paths, options or {}, labels, lang, show, kw.get("session", SESSION))


def sample(relative: str) -> Path:
    return ASSETS / relative


def business_calls(emu: Emulator) -> int:
    """Calls answered by the PaaS hosts plus actions answered by the API 3.0 side."""
    return emu.count("call") + emu.api3.state.calls


def upstream_code(raw: dict) -> str | None:
    """A PaaS answer's "code"; an API 3.0 answer's failed "Result" or "Error" code, else "0"."""
    if "code" in raw:
        return raw["code"]
    if "Error" in raw:
        return raw["Error"]["Code"]
    result = raw.get("Result")
    return (
        result if result not in (None, "Success", "FailedOperation.CompareLowSimilarity") else "0"
    )


# ---- every capability on its samples, in both languages -----------------------------------

LABEL_OPTIONS = {"type": "image", "do_live": "1", "do_compare": "1"}

# (id, capability, sample files, options, labels, expected upstream code,
#  texts expected in English, texts expected in Chinese)
CASES = [
    (
        "face same person",
        "face_compare",
        ["faces/person_a_1.jpg", "faces/person_a_2.jpg"],
        {"source_photo_type": "2"},
        None,
        "0",
        ["✅ **Same person, high confidence**", "similarity 92.5", "92.5 out of 100"],
        ["✅ **高置信度为同一人**", "相似度 92.5", "92.5（满分 100）"],
    ),
    (
        "face different people",
        "face_compare",
        ["faces/person_a_1.jpg", "faces/person_b.jpg"],
        {"source_photo_type": "1"},
        None,
        "0",
        ["❌ **Not the same person**", "31.2"],
        ["❌ **不是同一人**", "31.2"],
    ),
    (
        "face no face",
        "face_compare",
        ["faces/no_face.jpg", "faces/person_a_1.jpg"],
        {},
        None,
        "66660078",
        ["❌ **Face comparison did not complete: no face found**", "`66660078`"],
        ["❌ **人脸比对未完成：未检测到人脸**", "`66660078`"],
    ),
    (
        "photo liveness live",
        "photo_liveness_detect",
        ["faces/person_a_1.jpg"],
        {},
        None,
        "0",
        ["✅ **Photo liveness: no attack risk**", "Risk level 1", "can be accepted"],
        ["✅ **照片活体检测：无攻击风险**", "风险等级 1", "可以通过"],
    ),
    (
        "photo liveness replay",
        "photo_liveness_detect",
        ["faces/screen_replay.jpg"],
        {},
        None,
        "0",
        ["❌ **Photo liveness: high suspicion", "Risk level 3", "Risk tag 03", "replay"],
        ["❌ **照片活体检测：高度疑似攻击", "风险等级 3", "风险标签 03", "翻拍"],
    ),
    (
        "photo liveness two faces",
        "photo_liveness_detect",
        ["faces/two_faces.jpg"],
        {},
        None,
        "66660037",
        ["❌ **Photo liveness did not complete", "`66660037`"],
        ["❌ **照片活体检测未完成", "`66660037`"],
    ),
    (
        "video liveness",
        "video_liveness_detect",
        ["video/face_pan.mp4"],
        {},
        None,
        "0",
        ["✅ **Video liveness: no attack risk**", "Risk level 1", "No risk tag"],
        ["✅ **视频活体检测：无攻击风险**", "风险等级 1", "无风险标签"],
    ),
    (
        "id card portrait side",
        "id_card_ocr",
        ["docs/id_card_front.jpg"],
        {"side": "0"},
        None,
        "0",
        ["✅ **ID card OCR: 6 fields recognised**", "**ID number**: `9901**********0027`"],
        ["✅ **身份证识别：识别出 6 个字段**", "**身份证号**：`9901**********0027`"],
    ),
    (
        "id card emblem side",
        "id_card_ocr",
        ["docs/id_card_back.jpg"],
        {"side": "1"},
        None,
        "0",
        ["**Issuing authority**: `测试市公安局样本分局`", "`2020.01.01-2040.01.01`"],
        ["**签发机关**：`测试市公安局样本分局`", "**有效期限**：`2020.01.01-2040.01.01`"],
    ),
    (
        "bank card",
        "bank_card_ocr",
        ["docs/bank_card.jpg"],
        {},
        None,
        "0",
        ["**Card number**: `6200***********8903`", "**Expiry date**: `12/30`"],
        ["**卡号**：`6200***********8903`", "**有效期**：`12/30`"],
    ),
    (
        "driver license main page",
        "driver_license_ocr",
        ["docs/driver_license_main.jpg"],
        {},
        None,
        "0",
        ["✅ **Driver license OCR: 10 fields recognised**", "**Permitted vehicle class**: `C1`"],
        ["✅ **驾驶证识别：识别出 10 个字段**", "**准驾车型**：`C1`"],
    ),
    (
        "driver license supplementary page",
        "driver_license_ocr",
        ["docs/driver_license_supplementary.jpg"],
        {},
        None,
        "-9005",
        ["❌ **Driver license OCR did not complete", "main page only", "`-9005`"],
        ["❌ **驾驶证识别未完成", "驾驶证仅支持主页", "`-9005`"],
    ),
    (
        "vehicle license main page",
        "vehicle_license_ocr",
        ["docs/vehicle_license_main.jpg"],
        {"side": "1"},
        None,
        "0",
        ["**Make and model**: `样本牌SAMPLE001`", "**VIN**: `LSAM*********0001`"],
        ["**品牌型号**：`样本牌SAMPLE001`", "**车辆识别代号**：`LSAM*********0001`"],
    ),
    (
        "vehicle license supplementary page",
        "vehicle_license_ocr",
        ["docs/vehicle_license_supplementary.jpg"],
        {"side": "2"},
        None,
        "0",
        ["**Curb weight**: `1420kg`", "**Gross mass**: `1850kg`"],
        ["**整备质量**：`1420kg`", "**总质量**：`1850kg`"],
    ),
    (
        "labeling photo",
        "media_labeling",
        ["labels/hat_in_car.jpg"],
        LABEL_OPTIONS,
        ["A14", "B03", "A02"],
        "0",
        [
            "✅ **Labeling done: 2 present, 1 absent**",
            "✅ A14 wearing a hat: present",
            "✅ B03 inside a passenger car: present",
            "❌ A02 medical mask covering face: absent",
        ],
        ["✅ **标签识别完成：2 个有，1 个无**", "✅ A14 戴帽子：有", "❌ A02 口罩遮脸：无"],
    ),
    (
        "labeling video",
        "media_labeling",
        ["video/face_pan.mp4"],
        {**LABEL_OPTIONS, "type": "video"},
        "A02,B02",
        "0",
        # the face in the video wears no mask and is alone
        ["❌ A02 medical mask covering face: absent", "❌ B02 multiple people: absent"],
        ["❌ A02 口罩遮脸：无", "❌ B02 多人：无", "活体检测：真人"],
    ),
    (
        "international liveness + comparison",
        "compare_face_liveness",
        ["faces/person_b.jpg", "video/face_pan.mp4"],
        {},
        None,
        "0",
        ["❌ **Live, but not the same person** (31.2)", "this call is billed"],
        ["❌ **活体检测通过，但不是同一人**（31.2）", "此次调用计费"],
    ),
    (
        "video liveness + comparison, too short",
        "liveness_compare",
        ["faces/person_a_1.jpg", "video/face_short.mp4"],
        {"liveness_type": "silent"},
        None,
        "FailedOperation.SilentTooShort",
        ["❌ ", "The video is too short (2 s or more needed)"],
        ["❌ ", "视频太短（需 2 秒以上）"],
    ),
    (
        "lip code",
        "get_live_code",
        [],
        {},
        None,
        "0",
        ["✅ **Code to read aloud:"],
        ["✅ **数字验证码："],
    ),
    (
        "HTML5 verification start",
        "web_verification_start",
        ["faces/person_a_1.jpg"],
        {"redirect_url": "https://app.example/done"},
        None,
        "0",
        ["✅ **Verification link ready**"],
        ["✅ **验证链接已生成**"],
    ),
    (
        "HTML5 verification result, unknown token",
        "web_verification_result",
        [],
        {"biz_token": "00000000-0000"},
        None,
        "InvalidParameterValue",
        ["❌ ", "A parameter's value is not allowed"],
        ["❌ ", "参数取值错误"],
    ),
]


def test_the_cases_cover_every_capability():
    assert {case[1] for case in CASES} == {cap.name for cap in CAPABILITIES}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("name", "files", "options", "labels", "code", "english", "chinese"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_every_capability_on_its_samples(
    page, emu, lang, name, files, options, labels, code, english, chinese
):
    text, raw = run(page, name, [sample(f) for f in files], options, labels, lang)

    for expected in english if lang == "en" else chinese:
        assert expected in text
    assert text.lstrip()[0] in "✅❌⚠"  # the verdict comes first
    sandbox_notice = "Sandbox: simulated answer" if lang == "en" else "沙箱模式"
    assert sandbox_notice in text
    assert upstream_code(raw) == code
    assert business_calls(emu) == 1
    assert page.calls(SESSION) == 1


def test_a_refusal_does_not_use_up_a_call(page, emu):
    text, raw = run(page, "id_card_ocr", [sample("docs/id_card_front.jpg")], {"side": None})
    assert "Please choose the card side first" in text
    assert raw is None
    assert page.calls(SESSION) == 0
    assert business_calls(emu) == 0


# ---- errors: always a friendly sentence, never a request that cannot succeed ---------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "❌ **The input was refused** (nothing was sent): Please add the photo to check first.",
        ),
        ("zh", "❌ **输入未通过检查**（未发送任何请求）：请先添加待核验照片。"),
    ],
)
def test_no_file_given(page, emu, lang, expected):
    text, raw = run(page, "face_compare", [None, sample("faces/person_a_1.jpg")], lang=lang)
    assert text == expected
    assert raw is None
    assert emu.requests == []


def test_both_files_missing_are_named(page):
    text, _ = run(page, "face_compare", [None, None])
    assert "Please add the photo to check and the reference photo first." in text


@pytest.mark.parametrize(
    ("name", "image", "lang", "expected"),
    [
        (
            "id_card_ocr",
            "docs/id_card_front.jpg",
            "en",
            "Please choose the card side first (portrait side or emblem side).",
        ),
        ("id_card_ocr", "docs/id_card_front.jpg", "zh", "请先选择证件面（人像面或国徽面）。"),
        (
            "vehicle_license_ocr",
            "docs/vehicle_license_main.jpg",
            "en",
            "Please choose the license page first (main page or supplementary page).",
        ),
        ("vehicle_license_ocr", "docs/vehicle_license_main.jpg", "zh", "请先选择行驶证页"),
    ],
)
def test_side_not_chosen(page, emu, name, image, lang, expected):
    text, raw = run(page, name, [sample(image)], {"side": None}, lang=lang)
    refused = (
        "❌ **The input was refused** (nothing was sent)" if lang == "en" else "❌ **输入未通过"
    )
    assert text.startswith(refused)
    assert expected in text
    assert raw is None
    assert business_calls(emu) == 0


def test_pdf_renamed_jpg(page, emu, tmp_path):
    fake = tmp_path / "scan.jpg"
    fake.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    text, raw = run(page, "bank_card_ocr", [fake])
    assert text.startswith("❌ **The input was refused** (nothing was sent)")
    assert "PDF" in text
    assert raw is None
    assert business_calls(emu) == 0


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "the uploaded file has been removed from the server (privacy: files are kept"),
        ("zh", "上传的文件已从服务器删除（隐私保护：文件最多保留 10 分钟），请重新添加文件。"),
    ],
)
def test_uploaded_file_gone(page, emu, cache, lang, expected):
    text, raw = run(page, "bank_card_ocr", [cache / "0123abcd" / "card.jpg"], lang=lang)
    assert expected in text
    assert raw is None
    assert emu.requests == []
    assert page.calls(SESSION) == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_missing_key_b_names_what_to_set(emu, cache, lang):
    with Client(settings_for(emu, key_b=None)) as live:
        page = Page(live, cache_dir=cache)
        text, raw = run(
            page,
            "media_labeling",
            [sample("labels/hat_in_car.jpg")],
            LABEL_OPTIONS,
            ["A14"],
            lang,
        )
    if lang == "en":
        assert "(nothing was sent): Key B is not configured: set LABEL_APPID and" in text
    else:
        assert "（未发送任何请求）：未配置密钥 B：" in text
    assert "LABEL_APPID" in text
    assert "LABEL_SECRET" in text
    assert raw is None
    assert emu.requests == []


def test_missing_key_b_leaves_key_a_capabilities_working(emu, cache):
    with Client(settings_for(emu, key_b=None)) as live:
        page = Page(live, cache_dir=cache)
        text, raw = run(page, "bank_card_ocr", [sample("docs/bank_card.jpg")])
    assert "`6200***********8903`" in text
    # a live client, but the answer came from the emulator: it still says it is simulated
    assert "Sandbox: simulated answer, not recognition" in text
    assert raw["code"] == "0"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_call_limit(sandbox, emu, cache, lang):
    page = Page(sandbox, call_limit=2, cache_dir=cache)
    photo = [sample("faces/person_a_1.jpg")]
    for _ in range(2):
        text, _ = run(page, "photo_liveness_detect", photo, lang=lang)
        assert text.startswith("✅")
    sent = business_calls(emu)
    assert sent == 2

    text, raw = run(page, "photo_liveness_detect", photo, lang=lang)

    assert text == CALL_LIMIT["session"][lang].format(limit=2)
    assert ("this session may make 2 calls" if lang == "en" else "最多 2 次调用") in text
    assert raw is None
    assert business_calls(emu) == sent
    assert page.calls(SESSION) == 2
    # another session has its own allowance
    text, _ = run(page, "photo_liveness_detect", photo, lang=lang, session="session-2")
    assert text.startswith("✅")


def test_unexpected_exception_is_a_friendly_sentence(page, cache, monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError(f"boom at /srv/secret/path with {ID_NUMBER}")

    monkeypatch.setattr(page.client, "call", explode)
    upload = jpeg(_upload_dir(cache) / "photo.jpg")
    with caplog.at_level(logging.DEBUG, logger="webui"):
        text, raw = run(page, "photo_liveness_detect", [upload])
        zh, _ = run(page, "photo_liveness_detect", [sample("faces/person_a_1.jpg")], lang="zh")

    assert text == INTERNAL_ERROR["en"]
    assert zh == INTERNAL_ERROR["zh"]
    assert raw is None
    for shown in (text, zh):
        assert "Traceback" not in shown
        assert "RuntimeError" not in shown
        assert "boom" not in shown
    # the log names the failure but quotes nothing from it
    assert "RuntimeError" in caplog.text
    assert "boom" not in caplog.text
    assert ID_NUMBER not in caplog.text
    assert not upload.exists()  # discarded even when the call blew up


# ---- masking -------------------------------------------------------------------------------

MASKED_CASES = [
    ("id_card_ocr", "docs/id_card_front.jpg", {"side": "0"}, ID_NUMBER, "9901**********0027"),
    ("bank_card_ocr", "docs/bank_card.jpg", {}, CARD_NUMBER, "6200***********8903"),
    ("driver_license_ocr", "docs/driver_license_main.jpg", {}, ID_NUMBER, "9901**********0027"),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "image", "options", "full", "masked"), MASKED_CASES)
def test_sensitive_numbers_masked_by_default(page, lang, name, image, options, full, masked):
    text, raw = run(page, name, [sample(image)], options, lang=lang, show=False)
    dumped = json.dumps(raw, ensure_ascii=False)
    assert full not in text
    assert full not in dumped
    assert full not in json.dumps(raw)
    assert masked in text
    assert masked in dumped
    assert "样本测试" not in dumped  # names are masked too
    assert ("Sensitive fields are masked" if lang == "en" else "敏感字段已打码") in text


@pytest.mark.parametrize(("name", "image", "options", "full", "masked"), MASKED_CASES)
def test_sensitive_numbers_shown_on_request(page, name, image, options, full, masked):
    text, raw = run(page, name, [sample(image)], options, show=True)
    assert f"`{full}`" in text
    assert full in json.dumps(raw)
    assert masked not in text
    assert "Sensitive fields are masked" not in text


# ---- discard: uploads leave Gradio's cache right after use ----------------------------------


def _upload_dir(cache: Path, name: str = "5f1e2d3c4b5a") -> Path:
    folder = cache / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_an_upload_is_deleted_after_the_run(page, cache, emu):
    upload = jpeg(_upload_dir(cache) / "my_card.jpg")
    text, raw = run(page, "bank_card_ocr", [upload])
    assert text.startswith("ℹ️")  # not a sample: the sandbox's example answer, no verdict
    assert raw["code"] == "0"
    assert not upload.exists()
    assert not upload.parent.exists()  # its now empty folder goes too
    assert cache.is_dir()


def test_an_upload_is_kept_when_the_form_is_incomplete(page, cache, emu):
    """A photo added, the other forgotten: the first one must survive the refusal."""
    upload = jpeg(_upload_dir(cache) / "selfie.jpg")
    text, _ = run(page, "face_compare", [upload, None])
    assert "Please add the reference photo first." in text
    assert upload.is_file()
    text, raw = run(page, "face_compare", [upload, sample("faces/person_a_1.jpg")])
    assert "does not recognise this file" in text  # the sandbox's example answer
    assert raw["code"] == "0"
    assert not upload.exists()  # sent, so gone


def test_an_upload_is_kept_when_the_side_is_missing(page, cache):
    upload = jpeg(_upload_dir(cache) / "my_id.jpg")
    text, _ = run(page, "id_card_ocr", [upload], {"side": None})
    assert "Please choose the card side first" in text
    assert upload.is_file()
    text, _ = run(page, "id_card_ocr", [upload], {"side": "0"})
    assert text.startswith("ℹ️ **ID card OCR: the sandbox does not recognise this file")
    assert not upload.exists()


def test_the_pages_form_keeps_its_files_until_the_visitor_leaves(page, cache, emu):
    photo = jpeg(_upload_dir(cache) / "my_photo.jpg")
    card = jpeg(_upload_dir(cache, "0a1b2c") / "my_card.jpg", color="red")
    text, _, _ = page.execute(
        get("photo_liveness_detect"), [str(photo)], {}, None, "en", False, "visitor", None, True
    )
    assert text.startswith("ℹ️")
    assert photo.is_file()  # the form still shows it: run again with another option
    page.execute(get("bank_card_ocr"), [str(card)], {}, None, "en", False, "visitor", None, True)
    page.execute(get("bank_card_ocr"), [str(card)], {}, None, "en", False, "visitor", None, True)
    assert card.is_file()
    assert page.calls("visitor") == 3
    page.end_session("someone else")
    assert photo.is_file() and card.is_file()
    page.execute(get("bank_card_ocr"), [str(card)], {}, None, "en", False, "another", None, True)
    page.end_session("visitor")  # the same card is still in another visitor's form
    assert not photo.exists() and card.is_file()
    page.end_session("another")
    assert not card.exists()


def test_uploads_are_deleted_when_the_call_limit_is_reached(sandbox, cache):
    page = Page(sandbox, call_limit=0, cache_dir=cache)
    upload = jpeg(_upload_dir(cache) / "photo.jpg")
    text, _ = run(page, "photo_liveness_detect", [upload])
    assert text == CALL_LIMIT["session"]["en"].format(limit=0)
    assert not upload.exists()


def test_a_cached_copy_of_a_bundled_sample_is_kept(page, cache):
    copy = _upload_dir(cache) / "bank_card.jpg"
    shutil.copyfile(sample("docs/bank_card.jpg"), copy)
    text, _ = run(page, "bank_card_ocr", [copy])
    assert "`6200***********8903`" in text  # recognised as the sample
    assert copy.is_file()


def test_a_file_outside_the_cache_is_never_touched(page, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    photo = jpeg(outside / "photo.jpg")
    run(page, "photo_liveness_detect", [photo])
    page.discard([str(photo), None, ""])
    assert photo.is_file()
    for path in ASSETS.rglob("*.jpg"):
        page.discard([str(path)])
    assert sample("docs/bank_card.jpg").is_file()


def test_discard_keeps_a_folder_that_still_holds_files(page, cache):
    folder = _upload_dir(cache)
    first, second = jpeg(folder / "a.jpg"), jpeg(folder / "b.jpg", color="red")
    page.discard([str(first)])
    assert not first.exists()
    assert second.is_file()
    page.discard([str(second), str(second)])  # twice: the second time is a no-op
    assert not folder.exists()


# ---- status --------------------------------------------------------------------------------


def test_status_in_sandbox(page):
    status = page.status(SESSION, "en")
    assert status.startswith("🧪 **Sandbox mode**")
    assert "**Mode:** sandbox · **Calls this session:** 0" in status
    assert (
        "- Key A (face, liveness, OCR): 🧪 simulated; for the real service set `KYC_APPID`"
        in status
    )
    assert (
        "- Key B (media labeling): 🧪 simulated; for the real service set `LABEL_APPID`" in status
    )


def test_status_counts_calls_per_session(sandbox, cache):
    page = Page(sandbox, call_limit=5, cache_dir=cache)
    run(page, "photo_liveness_detect", [sample("faces/person_a_1.jpg")])
    run(page, "bank_card_ocr", [sample("docs/bank_card.jpg")])
    assert "**Calls this session:** 2 / 5" in page.status(SESSION, "en")
    assert "**Calls this session:** 0 / 5" in page.status("someone-else", "en")
    zh = page.status(SESSION, "zh")
    assert zh.startswith("🧪 **沙箱模式**")
    assert "沙箱" in zh
    assert "- 密钥 A（人脸、活体、证件识别）：🧪 模拟中；调用真实服务请设置 `KYC_APPID`" in zh
    assert "**本会话调用次数：** 2 / 5" in zh


def test_status_unknown_language_falls_back_to_english(page):
    assert "**Mode:** sandbox" in page.status(SESSION, "fr")


def test_status_live_with_only_key_a(emu, cache):
    with Client(settings_for(emu, key_b=None, key_c=None)) as live:
        page = Page(live, cache_dir=cache)
        en = page.status(SESSION, "en")
        zh = page.status(SESSION, "zh")
    assert "Sandbox" not in en
    assert "**Mode:** live" in en
    assert "- Key A (face, liveness, OCR): ✅ configured" in en
    key_b = next(line for line in en.splitlines() if line.startswith("- Key B"))
    assert "⚠️ missing" in key_b
    assert "`LABEL_APPID`" in key_b
    assert "`LABEL_SECRET`" in key_b
    assert "沙箱" not in zh
    assert "**模式：** 线上" in zh
    key_b_zh = next(line for line in zh.splitlines() if line.startswith("- 密钥 B"))
    assert "未配置" in key_b_zh
    assert "`LABEL_APPID`" in key_b_zh
    assert "`LABEL_SECRET`" in key_b_zh
    key_c = next(line for line in en.splitlines() if line.startswith("- Key C (API 3.0"))
    assert "⚠️ missing" in key_c and "`TENCENTCLOUD_SECRET_ID`" in key_c


def test_status_live_with_only_key_c(emu, cache):
    settings = settings_for(
        emu, key_a=None, key_b=None, key_c=KeyPair(*SANDBOX_KEY_C), base_urls=emu.base_urls
    )
    with Client(settings) as live:
        en = Page(live, cache_dir=cache).status(SESSION, "en")
    assert "**Mode:** live" in en
    assert "- Key C (API 3.0: international liveness + comparison, HTML5 verification): ✅" in en
    key_a = next(line for line in en.splitlines() if line.startswith("- Key A"))
    assert "⚠️ missing" in key_a


def test_labeling_reports_progress(page):
    """Stages and elapsed seconds; no fraction, since upstream says nothing about how far."""
    steps: list[tuple[float | None, str]] = []
    text, _ = page.run(
        BY_NAME["media_labeling"],
        [str(sample("labels/hat_in_car.jpg"))],
        LABEL_OPTIONS,
        ["A14"],
        "en",
        False,
        SESSION,
        lambda fraction, what: steps.append((fraction, what)),
    )
    assert "✅ A14 wearing a hat: present" in text
    assert steps[0] == (None, "Step 1 of 2: sending the file…")
    assert steps[-1][1].startswith("Done in ") and steps[-1][1].endswith(" s")
    assert all(fraction is None for fraction, _ in steps)
    waited = [
        int(what.split(", ")[1].split(" s")[0]) for _, what in steps if what.startswith("Step 2")
    ]
    assert waited and waited == sorted(waited)
    assert not any("%" in what for _, what in steps)


# ---- re-rendering and the labeling type switch ---------------------------------------------


def test_execute_returns_the_result_for_re_rendering(page):
    text, _, result = page.execute(
        BY_NAME["id_card_ocr"],
        [sample("docs/id_card_front.jpg")],
        {"side": "0"},
        None,
        "en",
        False,
        SESSION,
    )
    assert "9901**********0027" in text and result is not None
    shown, shown_raw = render(result, "zh", True)
    assert "990101199001010027" in shown and "身份证号" in shown
    assert "990101199001010027" in json.dumps(shown_raw, ensure_ascii=False)
    assert page.calls(SESSION) == 1  # re-rendering is not a call


def test_media_type_is_sniffed_for_the_type_switch(tmp_path):
    assert media_type_of(sample("video/face_pan.mp4")) == "video"
    assert media_type_of(sample("labels/hat_in_car.jpg")) == "image"
    assert media_type_of(str(tmp_path / "missing.mp4")) is None
    (tmp_path / "notes.jpg").write_text("not an image")
    assert media_type_of(str(tmp_path / "notes.jpg")) is None
    assert media_type_of(None) is None


def test_total_limit_holds_across_sessions(sandbox, emu, cache):
    page = Page(sandbox, total_limit=2, cache_dir=cache)
    photo = [sample("faces/person_a_1.jpg")]
    before = emu.count("call")
    assert run(page, "photo_liveness_detect", photo, session="a")[0].startswith("✅")
    assert run(page, "photo_liveness_detect", photo, session="b")[0].startswith("✅")
    text, raw = run(page, "photo_liveness_detect", photo, session="c")  # a new session
    assert text == CALL_LIMIT["total"]["en"].format(limit=2) and raw is None
    assert emu.count("call") == before + 2
