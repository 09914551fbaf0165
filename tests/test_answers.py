"""parse_labels and normalise: good inputs read right, bad ones refused, nothing ever crashes."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ekyc import answers, catalog
from ekyc.answers import normalise, parse_labels
from ekyc.errors import InputError, LabelError
from tests.fuzz import CAPABILITY_NAMES, json_like

# ---------------------------------------------------------------------------------------------
# parse_labels
# ---------------------------------------------------------------------------------------------

GOOD_LABELS = [
    ("A14,B03", ["A14", "B03"]),
    ("a14, b03", ["A14", "B03"]),
    ("A14;B03", ["A14", "B03"]),
    ("A14 B03", ["A14", "B03"]),
    ("A14，B03", ["A14", "B03"]),
    ("A14；b03、B06", ["A14", "B03", "B06"]),
    ("  A14 ,, B03 , ", ["A14", "B03"]),
    ("A14\nB03\tB06", ["A14", "B03", "B06"]),
    ("B03,A14", ["B03", "A14"]),
    ("A14,a14, A14", ["A14"]),
    ("Ａ１４", ["A14"]),
    ("A01,A02,A04,A05,A06", ["A01", "A02", "A04", "A05", "A06"]),
    ("A01,A02,A04,A05,A06,A01", ["A01", "A02", "A04", "A05", "A06"]),
    (["A14", "b03"], ["A14", "B03"]),
    ([" A14 ", "", "B03"], ["A14", "B03"]),
    (("B07", "B07", "A15"), ["B07", "A15"]),
]


@pytest.mark.parametrize(("labels", "expected"), GOOD_LABELS)
def test_parse_labels_accepts(labels, expected):
    assert parse_labels(labels) == expected


BAD_LABELS = [
    ("", "at least one"),
    ("   ", "at least one"),
    (",,;", "at least one"),
    ([], "at least one"),
    ((), "at least one"),
    ([" "], "at least one"),
    (None, "NoneType"),
    (14, "int"),
    ({"A14"}, "set"),
    (b"A14", "bytes"),
    ({"A14": 1}, "dict"),
    (["A14", 3], "not 3"),
    (["A14", None], "not None"),
    (["A14", True], "not True"),
    ("A03", "'A03'"),
    ("A14,Z99", "'Z99'"),
    ("A1", "'A1'"),
    ("A144", "'A144'"),
    ("14", "'14'"),
    ("hat", "'hat'"),
    ("A14;rm -rf /", "'rm'"),
    ("A14 && ls", "'&&'"),
    ("$(reboot)", "'$(reboot)'"),
    ("`id`", "'`id`'"),
    ("A14|B03", "'A14|B03'"),
    ("A14>out", "'A14>out'"),
    (["A14,B03"], "'A14,B03'"),
    ("A01,A02,A04,A05,A06,A09", "at most 5"),
    (list(catalog.LABEL_CODES), "got 15"),
]


@pytest.mark.parametrize(("labels", "needle"), BAD_LABELS)
def test_parse_labels_refuses(labels, needle):
    with pytest.raises(LabelError) as caught:
        parse_labels(labels)
    message = str(caught.value)
    assert needle in message
    assert isinstance(caught.value, InputError) and isinstance(caught.value, ValueError)
    if needle.startswith("'") or needle in ("NoneType", "int"):
        assert "A01" in message and "B07" in message  # the valid codes are listed


_CODES_AND_JUNK = st.sampled_from([*catalog.LABEL_CODES, "a14", "b03", "A03", "x", "", "A1"])
_SEPARATOR = st.sampled_from([",", ";", " ", "，", ", ", "\t", ";;"])


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="AB0123456789,; ，-$`|&"),
        st.lists(st.one_of(st.text(max_size=6), st.integers(), st.none(), st.booleans())),
        st.tuples(st.text(max_size=5), st.text(max_size=5)),
        st.integers(),
        st.floats(),
        st.none(),
        st.binary(),
        st.dictionaries(st.text(max_size=3), st.text(max_size=3)),
        st.lists(_CODES_AND_JUNK, max_size=8),
        st.lists(st.tuples(_CODES_AND_JUNK, _SEPARATOR), max_size=8).map(
            lambda parts: "".join(code + sep for code, sep in parts)
        ),
    )
)
def test_parse_labels_fuzz_returns_valid_codes_or_raises_label_error(labels):
    try:
        codes = parse_labels(labels)
    except LabelError as error:
        assert str(error)
        return
    assert 1 <= len(codes) <= 5
    assert len(set(codes)) == len(codes)
    assert set(codes) <= set(catalog.LABEL_CODES)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(catalog.LABEL_CODES), min_size=1, max_size=12), _SEPARATOR)
def test_parse_labels_fuzz_known_codes(codes, separator):
    unique = list(dict.fromkeys(codes))
    joined = separator.join(c.lower() if i % 2 else c for i, c in enumerate(codes))
    if len(unique) <= 5:
        assert parse_labels(joined) == unique
        assert parse_labels(codes) == unique
    else:
        with pytest.raises(LabelError, match="at most 5"):
            parse_labels(joined)


# ---------------------------------------------------------------------------------------------
# normalise: face compare, liveness, OCR
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"code": "0", "result": {"similarity": "92.5"}}, {"similarity": 92.5}),
        ({"code": "0", "similarity": 92.5}, {"similarity": 92.5}),
        ({"code": "0", "result": {"similarity": 80}}, {"similarity": 80.0}),
        ({"result": {"similarity": " 92.5% "}}, {"similarity": 92.5}),
        ({"result": {"similarity": "0"}}, {"similarity": 0.0}),
        ({"similarity": 90, "result": {"similarity": 50}}, {"similarity": 90.0}),
        ({"similarity": "", "result": {"similarity": "71"}}, {"similarity": 71.0}),
        ({"result": {"similarity": "high"}}, {"similarity": None, "similarity_raw": "high"}),
        ({"result": {"similarity": 101}}, {"similarity": None, "similarity_raw": 101}),
        ({"result": {"similarity": True}}, {"similarity": None, "similarity_raw": True}),
        ({"result": {"similarity": "nan"}}, {"similarity": None, "similarity_raw": "nan"}),
        ({"result": {"similarity": "1_0"}}, {"similarity": None, "similarity_raw": "1_0"}),
        ({"code": "0", "result": {}}, {}),
        ('{"code":"0","result":{"similarity":"88"}}', {"similarity": 88.0}),
        ({"code": "0", "result": '{"similarity": 77}'}, {"similarity": 77.0}),
    ],
)
def test_normalise_face_compare(answer, expected):
    data = normalise("face_compare", answer)
    assert data == expected
    if data.get("similarity") is not None:
        assert type(data["similarity"]) is float


@pytest.mark.parametrize("capability", ["photo_liveness_detect", "video_liveness_detect"])
@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            {"code": "0", "result": {"livenessInfoLevel": "3", "livenessInfoTag": "04"}},
            {"riskLevel": "3", "riskTag": "04"},
        ),
        ({"livenessInfoLevel": 2, "livenessInfoTag": 3}, {"riskLevel": "2", "riskTag": "03"}),
        ({"result": {"riskLevel": "1", "riskTag": ""}}, {"riskLevel": "1", "riskTag": ""}),
        ({"result": {"level": 3.0, "tag": "3"}}, {"riskLevel": "3", "riskTag": "03"}),
        ({"result": {"livenessInfoTag": [3, "04"]}}, {"riskTag": "03,04"}),
        ({"result": {"livenessInfoTag": "03|12"}}, {"riskTag": "03,12"}),
        ({"result": {"livenessInfoLevel": None}}, {}),
        (
            {"result": {"livenessInfoLevel": {"x": 1}}},
            {"unparsed": [{"livenessInfoLevel": {"x": 1}}]},
        ),
    ],
)
def test_normalise_liveness(capability, answer, expected):
    assert normalise(capability, answer) == expected


def test_normalise_id_card_keeps_only_present_fields():
    answer = {
        "code": "0",
        "msg": "ok",
        "result": {
            "name": "样例",
            "sex": "男",
            "idcard": "110101199001011234",
            "address": "",
            "ocrId": "x",
            "birth": 19900101,
        },
    }
    assert normalise("id_card_ocr", answer) == {
        "name": "样例",
        "sex": "男",
        "birth": "19900101",
        "idcard": "110101199001011234",
        "address": "",
    }


def test_normalise_bank_card_keeps_empty_expiry():
    answer = {"code": "0", "result": {"bankcardNo": "6222021234567890123", "bankcardValidDate": ""}}
    assert normalise("bank_card_ocr", answer) == {
        "bankcardNo": "6222021234567890123",
        "bankcardValidDate": "",
    }


def test_normalise_driver_license_top_level_fields():
    answer = {"code": "0", "licenseNo": "110101199001011234", "driveClass": "C1"}
    assert normalise("driver_license_ocr", answer) == {
        "licenseNo": "110101199001011234",
        "driveClass": "C1",
    }


def test_normalise_vehicle_curb_weight_under_both_names():
    answer = {"code": "0", "result": {"plateNo": "京A12345", "curbWeright": "1500kg"}}
    data = normalise("vehicle_license_ocr", answer)
    assert data == {"plateNo": "京A12345", "curbWeright": "1500kg", "curbWeight": "1500kg"}
    data = normalise("vehicle_license_ocr", {"result": {"curbWeight": "900kg"}})
    assert data == {"curbWeright": "900kg", "curbWeight": "900kg"}


def test_normalise_ocr_keeps_non_scalar_fields_under_unparsed():
    data = normalise("id_card_ocr", {"result": {"name": ["a", "b"], "sex": "女"}})
    assert data == {"sex": "女", "unparsed": [{"name": ["a", "b"]}]}


def test_normalise_unknown_capability_is_a_key_error():
    with pytest.raises(KeyError):
        normalise("idcardcompare", {})


@pytest.mark.parametrize("answer", [None, "", [], {}, "<html>502</html>", 7, [1, 2]])
def test_normalise_non_envelopes(answer):
    data = normalise("id_card_ocr", answer)
    if answer in (None, "", [], {}):
        assert data == {}
    else:
        assert data == {"unparsed": [answer]}
    assert normalise("media_labeling", answer, ["A14"])["labels"] == {"A14": ""}


# ---------------------------------------------------------------------------------------------
# normalise: media labeling, every fileLabel shape
# ---------------------------------------------------------------------------------------------

REQUESTED = ["A02", "A14", "B03"]
EXPECTED = {"A02": "", "A14": "1", "B03": "0"}
CODE_KEYS = ["labelCode", "code", "label", "labelId", "name", "key", "id"]
VALUE_KEYS = ["labelValue", "value", "result", "score", "status", "flag", "val"]


def _labeling(file_label, requested=REQUESTED, **extra):
    return normalise(
        "media_labeling", {"code": "0", "result": {"fileLabel": file_label, **extra}}, requested
    )


@pytest.mark.parametrize("code_key", CODE_KEYS)
@pytest.mark.parametrize("value_key", VALUE_KEYS)
def test_labels_from_objects_under_any_key_names(code_key, value_key):
    file_label = [{code_key: "A14", value_key: "1"}, {code_key: "b03", value_key: 0}]
    assert _labeling(file_label) == {"labels": EXPECTED}


_SHAPES = {
    "objects": [{"labelCode": "A14", "labelValue": 1}, {"labelCode": "B03", "labelValue": "0"}],
    "objects with names": [
        {"labelName": "戴帽子", "code": "A14", "result": True},
        {"labelName": "在乘用车内", "code": "B03", "result": False},
    ],
    "map": {"A14": 1, "B03": "0"},
    "map of objects": {"A14": {"value": "1"}, "B03": {"value": 0}},
    "wrapped": {"labels": [{"labelCode": "A14", "labelValue": "1"}, "B03:0"]},
    "list of maps": [{"A14": "1"}, {"B03": 0}],
    "wrapped under result": {"result": [{"labelCode": "A14", "labelValue": "1"}, ["B03", 0]]},
    "colon strings": ["A14:1", "B03:0"],
    "equals strings": ["A14=1", "B03=0"],
    "spaced strings": ["a14 : 1", " b03= 0 "],
    "one string": "A14:1,B03:0",
    "one string with chinese separators": "A14：1，B03：0",
    "pairs": [["A14", 1], ["B03", 0]],
    "tuple pairs": [("A14", True), ("B03", False)],
    "json of objects": json.dumps(
        [{"labelCode": "A14", "labelValue": "1"}, {"code": "B03", "value": 0}]
    ),
    "json of map": json.dumps({"A14": 1, "B03": 0}),
    "json of strings": json.dumps(["A14:1", "B03:0"]),
    "json of pairs": json.dumps([["A14", "1"], ["B03", "0"]]),
    "json in json": json.dumps(json.dumps({"A14": "1", "B03": "0"})),
    "float values": {"A14": 1.0, "B03": 0.0},
    "word values": {"A14": "true", "B03": "FALSE"},
    "A02 explicitly empty": [{"labelCode": "A02", "labelValue": ""}, "A14:1", "B03:0"],
    "A02 explicitly null": {"A02": None, "A14": "1", "B03": "0"},
}


@pytest.mark.parametrize("shape", list(_SHAPES))
def test_labels_from_every_shape(shape):
    assert _labeling(_SHAPES[shape]) == {"labels": EXPECTED}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "1"), (0, "0"), ("1", "1"), ("0", "0"), (True, "1"), (False, "0"), (None, ""), ("", "")],
)
def test_label_values(value, expected):
    assert _labeling([{"labelCode": "A14", "labelValue": value}], ["A14"]) == {
        "labels": {"A14": expected}
    }


def test_labels_keep_request_order_and_append_extras():
    file_label = ["B06:1", "B03:0", "A14:1"]
    data = _labeling(file_label, ["A14", "B03", "A02"])
    assert list(data["labels"].items()) == [("A14", "1"), ("B03", "0"), ("A02", ""), ("B06", "1")]


def test_labels_without_a_request_follow_the_answer():
    assert _labeling(["B03:0", "A14:1"], None) == {"labels": {"B03": "0", "A14": "1"}}


def test_labels_missing_file_label():
    data = normalise("media_labeling", {"code": "0", "result": {}}, ["A14", "B03"])
    assert data == {"labels": {"A14": "", "B03": ""}}
    assert normalise("media_labeling", {"code": "0"}) == {"labels": {}}


def test_labels_unparseable_pieces_are_kept_not_dropped():
    file_label = [
        {"foo": "bar"},
        7,
        "A14",
        "A14:maybe",
        {"labelCode": "B03", "labelValue": 0.7},
        {"labelCode": "ZZZ", "labelValue": 1},
        {"labelCode": "B06"},
        "{not json",
    ]
    kept = [*copy.deepcopy(file_label[:-1]), "{not", "json"]  # as they came; text, word by word
    data = _labeling(file_label, ["A14", "B03"])
    assert data["labels"] == {"A14": "", "B03": "", "B06": ""}
    assert data["unparsed"] == kept


def test_labels_wrapper_scalars_are_kept():
    data = _labeling({"code": "0", "list": ["A14:1", "B03:0"]}, ["A14", "B03"])
    assert data == {"labels": {"A14": "1", "B03": "0"}, "unparsed": [{"code": "0"}]}


def test_labels_conflicting_duplicates_keep_the_first_and_report_the_second():
    data = _labeling(["A14:1", "A14:0", "A14:1"], ["A14"])
    assert data == {"labels": {"A14": "1"}, "unparsed": [{"A14": "0"}]}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"liveStatus": 1, "compareStatus": 0}, {"liveStatus": "1", "compareStatus": "0"}),
        ({"liveStatus": "1", "compareStatus": "1"}, {"liveStatus": "1", "compareStatus": "1"}),
        ({"liveStatus": True}, {"liveStatus": "1"}),
        ({"liveStatus": None}, {}),
        ({"compareStatus": "2"}, {"compareStatus": "2"}),
        ({"compareStatus": [1]}, {"unparsed": [{"compareStatus": [1]}]}),
    ],
)
def test_live_and_compare_status(extra, expected):
    data = _labeling(["A14:1"], ["A14"], **extra)
    assert data == {"labels": {"A14": "1"}, **expected}


def test_status_at_top_level_wins():
    answer = {"code": "0", "liveStatus": "0", "result": {"liveStatus": "1", "fileLabel": []}}
    assert normalise("media_labeling", answer, ["A14"]) == {
        "labels": {"A14": ""},
        "liveStatus": "0",
    }


# ---------------------------------------------------------------------------------------------
# Fuzz: any JSON-ish answer, every capability
# ---------------------------------------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "code",
        "msg",
        "result",
        "similarity",
        "livenessInfoLevel",
        "livenessInfoTag",
        "riskTag",
        "fileLabel",
        "labels",
        "liveStatus",
        "compareStatus",
        "labelCode",
        "labelValue",
        "code",
        "value",
        "A14",
        "B03",
        "name",
        "idcard",
        "bankcardValidDate",
        "curbWeright",
        "owner",
    ]
)
JSON = json_like(_KEYS, ["A14:1", "B03=0", "1", "0", "03", "92.5%", "[", "{}", '["A14:1"]'])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(CAPABILITY_NAMES),
    JSON | st.dictionaries(_KEYS, JSON, max_size=6),
    st.none() | st.lists(st.sampled_from([*catalog.LABEL_CODES, "a14", "zz"]), max_size=5),
)
def test_normalise_never_raises(capability, answer, requested):
    data = answers._normalise(capability, answer, requested)  # without the last-resort guard
    assert isinstance(data, dict)
    assert data == normalise(capability, answer, requested)
    if capability == "media_labeling":
        labels = data["labels"]
        assert all(value in ("1", "0", "") for value in labels.values())
        wanted = list(dict.fromkeys(c.upper() for c in requested or () if c != "zz"))
        assert list(labels)[: len(wanted)] == wanted
    if "similarity" in data:
        assert data["similarity"] is None or 0.0 <= data["similarity"] <= 100.0
    if "unparsed" in data:
        assert isinstance(data["unparsed"], list) and data["unparsed"]
