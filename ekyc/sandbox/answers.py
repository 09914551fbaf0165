"""Scripted answers: pure data, read by ``scripted.py``.

The bundled samples (``assets/``, keyed by relative path, recognised by the SHA-256 of their
bytes) get the answers below; document fields come from ``assets/sample_data.json``. Any other
upload gets the fixed ``GENERIC`` answer of its capability: the emulator never looks inside a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

#: The code family of each answer kind (see codes.REFUSALS).
FAMILY: Final[dict[str, str]] = {
    "compare": "face",
    "liveness": "face",
    "ocr": "ocr",
    "labeling": "label",
}

#: Upstream's label catalogue (PROTOCOL §6): the codes kyc2 accepts. Kept apart from
#: ekyc.catalog on purpose: a test double that shared the client's table would let a mistake
#: in it pass unnoticed.
LABEL_CODES: Final[frozenset[str]] = frozenset(
    {"A01", "A02", "A04", "A05", "A06", "A09", "A10", "A11", "A13", "A14", "A15"}
    | {"B02", "B03", "B06", "B07"}
)
MAX_LABELS: Final = 5


@dataclass(frozen=True)
class Script:
    """What one bundled sample answers, per kind of call."""

    media: str = "image"  # what the file is: "image" | "video"
    person: str | None = None  # identity for face comparison
    face_error: str | None = None  # code on face comparison and liveness calls
    liveness: tuple[str, str] | None = None  # (livenessInfoLevel, livenessInfoTag)
    document: tuple[str, str | None] | None = None  # (capability, side) its fields answer
    ocr_error: dict[str, str] = field(default_factory=dict)  # capability -> code
    labels: dict[str, str] | None = None  # label -> "1"/"0"; other requested labels ""
    live_status: str | None = None  # labeling of a video
    compare_status: str | None = None


SCRIPTS: Final[dict[str, Script]] = {
    "faces/person_a_1.jpg": Script(person="a", liveness=("1", "")),
    "faces/person_a_2.jpg": Script(person="a", liveness=("1", "")),
    "faces/person_b.jpg": Script(person="b", liveness=("1", "")),
    "faces/no_face.jpg": Script(face_error="66660078", labels={"B02": "0"}),
    "faces/two_faces.jpg": Script(face_error="66660037", labels={"B02": "1"}),
    # Person A's portrait re-shot from a screen: the same face, but a replay.
    "faces/screen_replay.jpg": Script(person="a", liveness=("3", "03")),
    # One bare face, no mask, hat, glasses, headphones or phone, alone: what the picture shows.
    "video/face_pan.mp4": Script(
        media="video",
        liveness=("1", ""),
        live_status="1",
        compare_status="1",
        labels={c: "0" for c in ("A01", "A02", "A04", "A06", "A11", "A14", "B02")},
    ),
    # The card's portrait is Person A: the onboarding journey compares a selfie with it.
    "docs/id_card_front.jpg": Script(person="a", document=("id_card_ocr", "0")),
    "docs/id_card_back.jpg": Script(document=("id_card_ocr", "1")),
    "docs/bank_card.jpg": Script(face_error="66660078", document=("bank_card_ocr", None)),
    "docs/driver_license_main.jpg": Script(document=("driver_license_ocr", None)),
    "docs/driver_license_supplementary.jpg": Script(ocr_error={"driver_license_ocr": "-9005"}),
    "docs/vehicle_license_main.jpg": Script(document=("vehicle_license_ocr", "1")),
    "docs/vehicle_license_supplementary.jpg": Script(document=("vehicle_license_ocr", "2")),
    "labels/hat_in_car.jpg": Script(labels={"A14": "1", "B03": "1", "A02": "0"}),
}

#: Face comparison similarities (strings, as upstream may send them).
SIMILARITY: Final[dict[str, str]] = {
    "identical_bytes": "99.9",
    "same_person": "92.5",
    "different_people": "31.2",
}
#: A known sample video sent where an image belongs, or the reverse.
WRONG_MEDIA: Final = "66660016"
#: An ID card or vehicle license sample sent with the other side chosen.
WRONG_SIDE: Final = "-9001"
#: Any other known sample sent to an OCR capability it is not a document of.
WRONG_DOCUMENT: Final[dict[str, str]] = {
    "id_card_ocr": "66661001",
    "bank_card_ocr": "-9002",
    "driver_license_ocr": "-9005",
    "vehicle_license_ocr": "-9002",
}
#: Any other known sample sent to an OCR capability the table above does not list.
NOT_THIS_DOCUMENT: Final = "-9002"
#: Field names as upstream spells them (sample_data.json may use the client's spelling).
UPSTREAM_SPELLING: Final[dict[str, str]] = {"curbWeight": "curbWeright"}

_SAMPLE = "样本 SAMPLE"
_LIVE = {"livenessInfoLevel": "1", "livenessInfoTag": ""}

#: capability -> side wire value ("" when the capability has no side) -> answer fields.
GENERIC: Final[dict[str, dict[str, dict[str, str]]]] = {
    "face_compare": {"": {"similarity": "85.0"}},
    "photo_liveness_detect": {"": dict(_LIVE)},
    "video_liveness_detect": {"": dict(_LIVE)},
    "id_card_ocr": {
        "0": {
            "name": _SAMPLE,
            "sex": "男",
            "nation": "汉",
            "birth": "19700101",
            "idcard": "000000197001010000",
            "address": "样本地址 SAMPLE ADDRESS",
        },
        "1": {"authority": "样本签发机关 SAMPLE AUTHORITY", "validDate": "2020.01.01-2040.01.01"},
    },
    "bank_card_ocr": {"": {"bankcardNo": "0000000000000000", "bankcardValidDate": "12/99"}},
    "driver_license_ocr": {
        "": {
            "licenseNo": "000000197001010000",
            "name": _SAMPLE,
            "sex": "男",
            "nationality": "中国",
            "address": "样本地址 SAMPLE ADDRESS",
            "birth": "1970-01-01",
            "fetchDate": "2020-01-01",
            "driveClass": "C1",
            "validDateFrom": "2020-01-01",
            "validDateTo": "2030-01-01",
        }
    },
    "vehicle_license_ocr": {
        "1": {
            "plateNo": "样A00000",
            "vehicleType": "小型轿车",
            "owner": _SAMPLE,
            "useCharacter": "非营运",
            "address": "样本地址 SAMPLE ADDRESS",
            "model": "样本牌 SAMPLE",
            "vin": "SAMPLE00000000000",
            "engineNo": "SAMPLE0",
            "registeDate": "2020-01-01",
            "issueDate": "2020-01-01",
        },
        "2": {
            "plateNo": "样A00000",
            "authorizedCarryCapacity": "5人",
            "authorizedLoadQuality": "--",
            "fileNumber": "000000000000",
            "total": "1500kg",
            "inspectionRecord": "样本 SAMPLE",
            "externalDimensions": "4500x1800x1500mm",
            "curbWeright": "1200kg",
        },
    },
}

#: The plain answer of a capability GENERIC does not list, by its kind.
GENERIC_BY_KIND: Final[dict[str, dict[str, str]]] = {
    "compare": {"similarity": "85.0"},
    "liveness": dict(_LIVE),
}


def generic_for(kind: str, fields: tuple[str, ...]) -> dict[str, str]:
    """A capability's answer when GENERIC does not list it: its kind's, or a sample value in
    each of its answer fields (spelled as upstream spells them)."""
    if kind in GENERIC_BY_KIND:
        return dict(GENERIC_BY_KIND[kind])
    return {UPSTREAM_SPELLING.get(name, name): _SAMPLE for name in fields}


#: Labeling of any other upload: the first requested label "1", the others "0" (by position,
#: never by content); a video's liveStatus and compareStatus "1".
GENERIC_FIRST_LABEL: Final = "1"
GENERIC_OTHER_LABELS: Final = "0"
GENERIC_VIDEO_STATUS: Final = "1"

#: Shapes of ``fileLabel`` (``emu.label_shape``), to exercise the client's parser.
LABEL_SHAPES: Final = ("objects", "map", "maps", "strings")
