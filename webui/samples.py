"""The example rows of each tab: bundled samples from assets/, error scenarios included.

Columns follow the tab's inputs: files, then labels (labeling only), then options.
"""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "assets"

# capability -> [(caption, [relative paths and option values ...])]
EXAMPLES: dict[str, list[tuple[str, list[object]]]] = {
    "face_compare": [
        ("Same person / 同一人", ["faces/person_a_1.jpg", "faces/person_a_2.jpg", "2"]),
        ("Different people / 不同人", ["faces/person_a_1.jpg", "faces/person_b.jpg", "2"]),
        ("No face (error) / 无人脸", ["faces/no_face.jpg", "faces/person_a_1.jpg", "2"]),
        ("Two faces (error) / 多张人脸", ["faces/two_faces.jpg", "faces/person_a_1.jpg", "2"]),
    ],
    "photo_liveness_detect": [
        ("Live photo / 真人照片", ["faces/person_a_1.jpg"]),
        ("Re-shot screen / 翻拍屏幕", ["faces/screen_replay.jpg"]),
        ("No face (error) / 无人脸", ["faces/no_face.jpg"]),
        ("Two faces (error) / 多张人脸", ["faces/two_faces.jpg"]),
    ],
    "video_liveness_detect": [("Face video / 人脸视频", ["video/face_pan.mp4"])],
    "id_card_ocr": [
        ("Portrait side / 人像面", ["docs/id_card_front.jpg", "0"]),
        ("Emblem side / 国徽面", ["docs/id_card_back.jpg", "1"]),
    ],
    "bank_card_ocr": [("Bank card / 银行卡", ["docs/bank_card.jpg"])],
    "driver_license_ocr": [
        ("Main page / 主页", ["docs/driver_license_main.jpg"]),
        ("Supplementary page (error) / 副页", ["docs/driver_license_supplementary.jpg"]),
    ],
    "vehicle_license_ocr": [
        ("Main page / 主页", ["docs/vehicle_license_main.jpg", "1"]),
        ("Supplementary page / 副页", ["docs/vehicle_license_supplementary.jpg", "2"]),
    ],
    "media_labeling": [
        (
            "Hat in a car / 车内戴帽",
            ["labels/hat_in_car.jpg", ["A14", "B03", "A02", "A06"], "image", "1", "1"],
        ),
        ("Face video / 人脸视频", ["video/face_pan.mp4", ["A02", "B02"], "video", "1", "1"]),
    ],
}


def rows(capability: str, file_count: int) -> tuple[list[list[object]], list[str]]:
    """Example rows with absolute paths, and their captions; rows missing a file are left out."""
    examples, captions = [], []
    for caption, row in EXAMPLES.get(capability, []):
        files = [ASSETS / str(p) for p in row[:file_count]]
        if all(f.is_file() for f in files):
            examples.append([str(f) for f in files] + list(row[file_count:]))
            captions.append(caption)
    return examples, captions
