"""Which check answers with which upstream code (PROTOCOL §7): the emulator's refusal table.

The first failing check answers. Auth endpoints run rows 3-9 in order. Calls and polls run the
body (10-11), field presence and types (12-14), then version (15), appid (6-7), orderNo (16),
nonce (17), timestamp (18), sign (19), replay (20), quota (21), option values and labels (22-23),
files (24-25) and jobs (26-29). "A" = kyc1 and mini (Key A), "B" = kyc2 (Key B, media labeling).
Face = calls 1-3, OCR = calls 4-7. Every refusal is HTTP 200 with a JSON envelope unless the row
says otherwise; its msg names the failing field, never its value.

| #  | check                                                     | kyc1/mini (A)   | kyc2 (B) |
|----|-----------------------------------------------------------|-----------------|----------|
| 1  | unknown path (HTTP 404)                                   | 1106            | 1106     |
| 2  | wrong method, e.g. GET on a call (HTTP 405)               | 1106            | 1106     |
| 3  | auth: missing query parameter                             | 1107            | 400101   |
| 4  | auth: version is not 1.0.0                                | 1502            | -        |
| 5  | auth: grant_type not client_credential, type not SIGN     | 1107            | -        |
| 6  | auth/call: appid unknown (a Key B appid on kyc1/mini too) | 1101            | 66660001 |
| 7  | auth/call: a Key A appid on kyc2                          | -               | 400105   |
| 8  | auth: wrong secret                                        | 1102            | 1102     |
| 9  | ticket: access_token unknown, expired, other host/appid   | 1104            | -        |
| 10 | body over 32 MiB                                          | 1601            | 1601     |
| 11 | body not a JSON object, or Content-Type not JSON          | 1602            | 1602     |
| 12 | missing body field: the appid field named by the table,   | 1107, OCR -1301 | 400101   |
|    | orderNo, nonce, sign, version, unixTimeStamp (B), file    |                 |          |
|    | fields, options without a default, faceInputType          |                 |          |
| 13 | faceInputType not the JSON number 1 or 2                  | 1107            | -        |
| 14 | a protocol string field that is not a JSON string         | 1107            | 400103   |
| 15 | version is not "1.0.0"                                    | 1502            | 1502     |
| 16 | orderNo not 1-32 letters/digits, or the query's orderNo   | 1107            | 66660000 |
|    | differs (checked where the table says order_in_query)     |                 |          |
| 17 | nonce not 32 letters/digits                               | 1107            | 400103   |
| 18 | unixTimeStamp not digits or over 300 s off the clock      | -               | 66660002 |
| 19 | sign is not SHA1 over a valid ticket of this host+appid   | 1104            | 400106   |
|    | (unknown, expired, other-host ticket; SHA-256; lower case)|                 |          |
| 20 | nonce already used on this host (replay)                  | 1106            | 66660002 |
| 21 | per-appid quota used up (business calls; not auth, polls) | 400602          | 66660003 |
| 22 | option value: cardType, vehicleLicenseSide                | -9001           | -        |
|    | sourcePhotoType                                           | 1107            | -        |
|    | fileType, doLive, doCompare                               | -               | 400103   |
| 23 | labelList absent or empty                                 | -               | 66661019 |
|    | more than 5 labels                                        | -               | 66661016 |
|    | a code not shaped [A-Z][0-9]{2}                           | -               | 66661020 |
|    | a code not among the 15 of PROTOCOL §6                    | -               | 66661018 |
| 24 | file field empty: face 66660016, OCR -1300                | see left        | 400506   |
| 25 | file not strict base64 (data: prefix, line breaks):       | see left        | 400506   |
|    | face 66660016, OCR -1102                                  |                 |          |
| 26 | labeling: orderNo of an earlier job reused                | -               | 66660000 |
| 27 | labeling: a job of this appid still processing            | -               | 66660004 |
| 28 | poll: orderNo unknown, of another appid, or expired (1 h) | -               | 66661014 |
| 29 | poll: still processing                                    | -               | 66661015 |

Scripted recognition outcomes (not refusals; they count against the quota like a success):
66660078 no face, 66660037 several faces, 66660016 sample video sent as a photo (or the reverse),
-9005 driver license supplementary page, -9001 an ID/vehicle sample of the other side,
66661001 / -9002 / -9005 another known sample sent to ID / bank or vehicle / driver OCR.

Choices where the public record is silent: the token check answers 1104 (as an expired ticket
does); a wrong Key B secret answers 1102 (the client explains it as misconfigured credentials);
the Key A quota code is 400602 (quota exceeded, one code for the whole catalogue); a replay is
1106 (invalid request) on Key A hosts and 66660002 (request expired: nonce and timestamp are the
replay guard) on kyc2. The quota is counted only for calls that passed every request check
(rows 1-27), i.e. calls upstream would have billed; a faulted request (faults.py) spends
neither quota nor nonce.
"""

from __future__ import annotations

from typing import Final

from ..result import EXAMPLE_MARK, SIMULATED_MARK

#: check -> {key: code}; the key tried first is the most specific one (an option's wire name,
#: then the capability family "face" / "ocr" / "label", then the key set "A" / "B").
REFUSALS: Final[dict[str, dict[str, str]]] = {
    "unknown_path": {"A": "1106", "B": "1106"},
    "wrong_method": {"A": "1106", "B": "1106"},
    "missing": {"A": "1107", "ocr": "-1301", "B": "400101"},
    "bad_type": {"A": "1107", "B": "400103"},
    "version": {"A": "1502", "B": "1502"},
    "grant": {"A": "1107"},
    "unknown_appid": {"A": "1101", "B": "66660001"},
    "wrong_key_set": {"A": "1101", "B": "400105"},
    "wrong_secret": {"A": "1102", "B": "1102"},
    "bad_token": {"A": "1104"},
    "too_large": {"A": "1601", "B": "1601"},
    "not_json": {"A": "1602", "B": "1602"},
    "order_no": {"A": "1107", "B": "66660000"},
    "nonce": {"A": "1107", "B": "400103"},
    "timestamp": {"B": "66660002"},
    "sign": {"A": "1104", "B": "400106"},
    "replay": {"A": "1106", "B": "66660002"},
    "quota": {"A": "400602", "B": "66660003"},
    "bad_option": {
        "A": "1107",
        "B": "400103",
        "cardType": "-9001",
        "vehicleLicenseSide": "-9001",
        "sourcePhotoType": "1107",
        "faceInputType": "1107",
    },
    "no_label": {"B": "66661019"},
    "too_many_labels": {"B": "66661016"},
    "malformed_label": {"B": "66661020"},
    "unknown_label": {"B": "66661018"},
    "empty_file": {"face": "66660016", "ocr": "-1300", "label": "400506"},
    "bad_base64": {"face": "66660016", "ocr": "-1102", "label": "400506"},
    "job_order_no": {"B": "66660000"},
    "concurrency": {"B": "66660004"},
    "no_job": {"B": "66661014"},
    "processing": {"B": "66661015"},
}

SIMULATED: Final = f"沙箱模拟结果，非真实识别 / {SIMULATED_MARK}"
OK_MESSAGE: Final = f"请求成功（沙箱模拟结果，非真实识别）/ {SIMULATED_MARK}"
#: The answer about a file that is not a bundled sample: an example of the shape only.
EXAMPLE_MESSAGE: Final = (
    f"请求成功（沙箱不认识此文件，结果仅为示例）/ {SIMULATED_MARK}; {EXAMPLE_MARK}"
)


def ok_message(example: bool) -> str:
    return EXAMPLE_MESSAGE if example else OK_MESSAGE


#: code -> (zh, en) text of the answer's msg; a refusal's msg carries SIMULATED_MARK too.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "1101": ("appid 不存在", "unknown appid"),
    "1102": ("secret 错误", "wrong secret"),
    "1104": ("签名或票据无效或已过期", "signature or ticket invalid or expired"),
    "1106": ("非法请求", "invalid request"),
    "1107": ("参数错误", "invalid parameters"),
    "1502": ("版本号必须为 1.0.0", "version must be 1.0.0"),
    "1601": ("请求体过大", "request body too large"),
    "1602": ("请求体参数错误", "request body parameter error"),
    "-1102": ("图片解码失败", "image decode failed"),
    "-1300": ("图片为空", "empty image"),
    "-1301": ("缺少参数", "missing parameter"),
    "-9001": ("证件面或类型错误", "invalid card side or type"),
    "-9002": ("识别失败", "recognition failed"),
    "-9005": ("图片无效或不支持（驾驶证仅支持主页）", "invalid or unsupported image"),
    "66660000": ("订单号无效", "invalid orderNo"),
    "66660001": ("appId 无效", "invalid appId"),
    "66660002": ("请求已过期", "request expired"),
    "66660003": ("试用次数已用完", "trial quota exceeded"),
    "66660004": ("超过并发限制", "concurrency limit exceeded"),
    "66660016": ("图片或视频文件异常", "abnormal image or video file"),
    "66660037": ("检测到多张人脸", "multiple faces detected"),
    "66660078": ("未检测到人脸", "no face detected"),
    "66661001": ("非身份证或不清晰", "not an ID card or unclear"),
    "66661014": ("结果不存在，请重新提交", "result not found, resubmit"),
    "66661015": ("处理中，请稍后查询", "still processing, poll again"),
    "66661016": ("标签超过 5 个", "more than 5 labels"),
    "66661018": ("未知标签代码", "unknown label code"),
    "66661019": ("未指定标签", "no label given"),
    "66661020": ("标签代码格式错误", "malformed label code"),
    "400101": ("缺少参数", "missing parameter"),
    "400103": ("参数值无效", "invalid parameter value"),
    "400105": ("appid 与凭证类型不匹配", "appid does not match the credential set"),
    "400106": ("签名校验失败", "signature verification failed"),
    "400506": ("文件为空或已损坏", "empty or corrupt file"),
    "400602": ("调用额度已用完", "quota exceeded"),
    "999999": ("网络繁忙", "network busy"),
    "999998": ("网络繁忙", "network busy"),
    "999997": ("网络繁忙", "network busy"),
}


def refusal_code(check: str, *keys: str) -> str:
    """The code of ``check`` for the first of ``keys`` the table has (most specific first)."""
    row = REFUSALS[check]
    for key in keys:
        if key in row:
            return row[key]
    raise KeyError(f"no code for check {check!r} under {keys}")


def message(code: str, detail: str = "") -> str:
    """The answer's ``msg``: bilingual, marked as coming from the sandbox, never echoing input."""
    zh, en = MESSAGES.get(code, ("请求失败", "request failed"))
    tail = f": {detail}" if detail else ""
    return f"{zh}（沙箱）/ {en} ({SIMULATED_MARK}){tail}"
