"""Scripted API 3.0 answers: pure data, read by ``actions.py`` and ``page.py``.

Bundled samples (``assets/``, by relative path; recognised by the SHA-256 of their bytes) get the
answers below. Any other upload gets an answer marked ``EXAMPLE_MARK``: the shape of a real
answer, never a verdict about that file. Messages are the emulator's own, apart from the client's
catalogue on purpose (a shared table would hide a mistake in it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ...result import SIMULATED_MARK

SIMULATED: Final = f"沙箱模拟结果，非真实识别 / {SIMULATED_MARK}"

SERVICE_VERSION: Final = "2018-03-01"
INTL_REGIONS: Final = frozenset(
    {"ap-singapore", "ap-jakarta", "ap-hongkong", "ap-bangkok", "ap-tokyo", "na-siliconvalley"}
)
CHINA_REGIONS: Final = frozenset(
    {"ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-nanjing"}
)

IMAGE_LIMIT: Final = 3 * 1024 * 1024  # base64 characters of ImageBase64
VIDEO_LIMIT: Final = 8 * 1024 * 1024  # base64 characters of VideoBase64
COMPARE_IMAGE_LIMIT: Final = 8 * 1024 * 1024  # CompareImageBase64 of the HTML5 flow
EXTRA_LIMIT: Final = 1000
BODY_LIMIT: Final = 16 * 1024 * 1024  # bytes of one request body


@dataclass(frozen=True)
class Photo:
    """A bundled still photo: who it shows, or the code a photo problem answers with."""

    person: str | None = None
    error: str | None = None  # pure API Result code
    html5_error: int | None = None  # HTML5 flow ErrorCode when it is the reference photo


@dataclass(frozen=True)
class Video:
    """A bundled video: who it shows and, per LivenessType, the failure code (None = passes)."""

    person: str | None = None
    failures: dict[str, str] = field(default_factory=dict)
    best_frame: str | None = None  # the asset sent back as BestFrameBase64 when it passes


PHOTOS: Final[dict[str, Photo]] = {
    "faces/person_a_1.jpg": Photo(person="a"),
    "faces/person_a_2.jpg": Photo(person="a"),
    "faces/person_b.jpg": Photo(person="b"),
    "faces/no_face.jpg": Photo(error="FailedOperation.LifePhotoDetectNoFaces", html5_error=2013),
    "faces/two_faces.jpg": Photo(error="FailedOperation.LifePhotoDetectFaces", html5_error=2010),
    "faces/screen_replay.jpg": Photo(error="FailedOperation.LifePhotoDetectFake", html5_error=2015),
}

VIDEOS: Final[dict[str, Video]] = {
    # A silent clip: passes SILENT; it shows no requested action and has no voice to read a code.
    "video/face_pan.mp4": Video(
        person="a",
        failures={
            "ACTION": "FailedOperation.ActionFirstAction",
            "LIP": "FailedOperation.LipVoiceDetect",
        },
        best_frame="video/face_pan_frame.jpg",
    ),
    "video/face_short.mp4": Video(
        person="a",
        failures={
            "SILENT": "FailedOperation.SilentTooShort",
            "ACTION": "FailedOperation.SilentTooShort",
            "LIP": "FailedOperation.SilentTooShort",
        },
    ),
    "video/screen_replay.mp4": Video(
        person="a",
        failures={
            "SILENT": "FailedOperation.SilentPictureLiveFail",
            "ACTION": "FailedOperation.LivessDetectFake",
            "LIP": "FailedOperation.LivessDetectFake",
        },
    ),
    "video/no_face.mp4": Video(
        failures={
            "SILENT": "FailedOperation.SilentFaceDetectFail",
            "ACTION": "FailedOperation.ActionNodetectFace",
            "LIP": "FailedOperation.LipFaceIncomplete",
        },
    ),
}

#: A bundled sample BizToken (the form the documents show): its result is a scripted, finished
#: verification (passed on the first attempt), for trying GetWebVerificationResultIntl alone.
SAMPLE_TOKEN: Final = "CE661F1A-0F1E-45BD-BE13-34C05CEA7681"
SAMPLE_TOKEN_FRAME: Final = "video/face_pan_frame.jpg"

SIMILARITY: Final[dict[str, float]] = {"same_person": 92.5, "different_people": 31.2}
THRESHOLD: Final = 70.0
#: The example answer about an unknown pair: a real answer's shape, clearly marked.
EXAMPLE_SIMILARITY: Final = 85.0

#: Result code -> (zh, en) Description. The emulator's own words.
DESCRIPTIONS: Final[dict[str, tuple[str, str]]] = {
    "Success": ("成功", "Success"),
    "FailedOperation.CompareLowSimilarity": ("比对相似度未达到通过标准", "Similarity too low"),
    "FailedOperation.LifePhotoDetectNoFaces": ("照片中未检测到完整人脸", "No full face in photo"),
    "FailedOperation.LifePhotoDetectFaces": ("照片中检测到多张人脸", "Several faces in photo"),
    "FailedOperation.LifePhotoDetectFake": ("照片疑似翻拍", "Photo looks like a re-shot"),
    "FailedOperation.ActionFirstAction": ("未检测到第一个动作", "First action not detected"),
    "FailedOperation.LipVoiceDetect": ("未检测到声音", "No voice detected"),
    "FailedOperation.SilentTooShort": ("视频时长过短（需 2 秒以上）", "Video shorter than 2 s"),
    "FailedOperation.SilentPictureLiveFail": ("疑似翻拍视频", "Looks like a replayed video"),
    "FailedOperation.LivessDetectFake": ("疑似非真人录制", "Not a live person"),
    "FailedOperation.SilentFaceDetectFail": ("视频中未检测到人脸", "No face in the video"),
    "FailedOperation.ActionNodetectFace": ("未检测到完整人脸", "No full face detected"),
    "FailedOperation.LipFaceIncomplete": ("脸部未完整露出", "Face not fully visible"),
}

#: HTML5 flow ErrorCode -> (zh, en) ErrorMsg, and which check failed ("liveness" | "compare").
HTML5_CODES: Final[dict[int, tuple[str, str, str]]] = {
    0: ("成功", "Success", ""),
    1001: ("系统错误", "System error", "liveness"),
    1301: ("真人检测未通过", "Real person detection failed", "liveness"),
    1302: ("真人检测未达到通过标准", "Below the passing standard", "liveness"),
    1303: ("视频时长不足 2 秒", "Video shorter than 2 s", "liveness"),
    1401: ("光线活体检测未通过", "Reflection liveness failed", "liveness"),
    2010: ("比对照中有多张人脸", "Multiple faces", "compare"),
    2012: ("未检测到完整人脸", "No full face", "compare"),
    2013: ("比对照中未检测到人脸", "No face", "compare"),
    2015: ("比对失败", "Comparison failed", "compare"),
    2016: ("相似度未达到通过标准", "Similarity below the standard", "compare"),
    -999: ("用户未完成验证", "The verification was not finished", "liveness"),
}
#: What the simulated verification page offers as failures, in this order.
PAGE_FAILURES: Final = (1301, 1302, 1303, 1401, 2012, 2016, 1001)

#: Upstream error code -> the message the emulator answers with (English, as upstream's default).
ERRORS: Final[dict[str, str]] = {
    "InvalidAction": "The action does not exist.",
    "NoSuchVersion": "The API version does not exist.",
    "UnsupportedRegion": "The region is not supported for this action.",
    "UnsupportedOperation": "The operation is not supported.",
    "MissingParameter": "A required parameter is missing.",
    "InvalidParameter": "A parameter is malformed.",
    "InvalidParameterValue": "A parameter's value is not allowed.",
    "UnknownParameter": "The request has a parameter this action does not take.",
    "RequestLimitExceeded": "Too many requests: the rate limit was exceeded.",
    "RequestSizeLimitExceeded": "The request body is too large.",
    "InternalError": "Internal error.",
}
