"""The bundled samples offered on each tab (pure data): captions in both languages and a row of
input values (paths relative to assets/, then labels for labeling, then option values)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    en: str
    zh: str
    row: tuple[object, ...]


DONE_URL = "https://example.com/done"  # where a phone returns after a sample verification

EXAMPLES: dict[str, list[Sample]] = {
    "face_compare": [
        Sample("Same person", "同一人", ("faces/person_a_1.jpg", "faces/person_a_2.jpg", "2")),
        Sample("Different people", "不同人", ("faces/person_a_1.jpg", "faces/person_b.jpg", "2")),
        Sample(
            "No face (error)", "无人脸（报错）", ("faces/no_face.jpg", "faces/person_a_1.jpg", "2")
        ),
        Sample(
            "Two faces (error)",
            "多张人脸（报错）",
            ("faces/two_faces.jpg", "faces/person_a_1.jpg", "2"),
        ),
    ],
    "photo_liveness_detect": [
        Sample("Live photo", "真人照片", ("faces/person_a_1.jpg",)),
        Sample("Re-shot screen", "翻拍屏幕", ("faces/screen_replay.jpg",)),
        Sample("No face (error)", "无人脸（报错）", ("faces/no_face.jpg",)),
        Sample("Two faces (error)", "多张人脸（报错）", ("faces/two_faces.jpg",)),
    ],
    "video_liveness_detect": [Sample("Face video", "人脸视频", ("video/face_pan.mp4",))],
    "id_card_ocr": [
        Sample("Portrait side", "人像面", ("docs/id_card_front.jpg", "0")),
        Sample("Emblem side", "国徽面", ("docs/id_card_back.jpg", "1")),
    ],
    "bank_card_ocr": [Sample("Bank card", "银行卡", ("docs/bank_card.jpg",))],
    "driver_license_ocr": [
        Sample("Main page", "主页", ("docs/driver_license_main.jpg",)),
        Sample(
            "Supplementary page (error)", "副页（报错）", ("docs/driver_license_supplementary.jpg",)
        ),
    ],
    "vehicle_license_ocr": [
        Sample("Main page", "主页", ("docs/vehicle_license_main.jpg", "1")),
        Sample("Supplementary page", "副页", ("docs/vehicle_license_supplementary.jpg", "2")),
    ],
    "media_labeling": [
        Sample(
            "Hat in a car",
            "车内戴帽",
            ("labels/hat_in_car.jpg", ("A14", "B03", "A02", "A06"), "image", "1", "1"),
        ),
        Sample("Face video", "人脸视频", ("video/face_pan.mp4", ("A02", "B02"), "video", "1", "1")),
    ],
    "compare_face_liveness": [
        Sample(
            "Same person",
            "同一人",
            ("faces/person_a_1.jpg", "video/face_pan.mp4", "silent", "none"),
        ),
        Sample(
            "Different person",
            "不同人",
            ("faces/person_b.jpg", "video/face_pan.mp4", "silent", "none"),
        ),
        Sample(
            "Video too short",
            "视频太短",
            ("faces/person_a_1.jpg", "video/face_short.mp4", "silent", "none"),
        ),
        Sample(
            "Replayed screen",
            "翻拍屏幕",
            ("faces/person_a_2.jpg", "video/screen_replay.mp4", "silent", "none"),
        ),
        Sample(
            "No face in photo",
            "照片无人脸",
            ("faces/no_face.jpg", "video/face_pan.mp4", "silent", "none"),
        ),
        Sample(
            "Action mode: no action shown",
            "动作模式：未做动作",
            ("faces/person_a_1.jpg", "video/face_pan.mp4", "action", "4,2"),
        ),
    ],
    "liveness_compare": [
        Sample(
            "Same person", "同一人", ("faces/person_a_1.jpg", "video/face_pan.mp4", "silent", "")
        ),
        Sample(
            "Different person", "不同人", ("faces/person_b.jpg", "video/face_pan.mp4", "silent", "")
        ),
        Sample(
            "Video too short",
            "视频太短",
            ("faces/person_a_1.jpg", "video/face_short.mp4", "silent", ""),
        ),
        Sample(
            "No face in video",
            "视频无人脸",
            ("faces/person_a_1.jpg", "video/no_face.mp4", "silent", ""),
        ),
    ],
    "get_live_code": [Sample("Get a code", "获取验证码", ())],
    "web_verification_start": [
        Sample("Person A", "人物 A", ("faces/person_a_1.jpg", DONE_URL, "3", "en", "")),
        Sample(
            "No face (fails)", "无人脸（不通过）", ("faces/no_face.jpg", DONE_URL, "3", "en", "")
        ),
    ],
    # the sandbox's sample BizToken: a finished verification with a scripted result
    "web_verification_result": [
        Sample("Sample token", "示例 BizToken", ("CE661F1A-0F1E-45BD-BE13-34C05CEA7681",))
    ],
}
