"""The table's shapes and registries: rows are checked when added, roles replace names, every
row's kind and host type has an implementation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ekyc import Client, kinds, protocols
from ekyc.capabilities import BY_NAME, CAPABILITIES, HOSTS, KEY_SETS, REGISTRY, Host
from ekyc.config import Settings
from ekyc.transport import Transport

BANK = BY_NAME["bank_card_ocr"]
LABELING = BY_NAME["media_labeling"]


def test_rows_take_keywords_only() -> None:
    with pytest.raises(TypeError):
        type(BANK)("x", "ocr", "X", "X", "kyc1", "/x", ())  # type: ignore[misc]


def test_every_row_has_a_kind_a_host_and_a_protocol() -> None:
    for cap in CAPABILITIES:
        assert kinds.of(cap).name == cap.kind
        host = REGISTRY.host(cap.host)
        assert host.protocol in protocols.PROTOCOLS and host.key_set in KEY_SETS
        assert cap.key_set == host.key_set


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (replace(BANK, name="y", host="nowhere"), "unknown host"),
        (BANK, "share a name"),
        (replace(LABELING, name="x", options=LABELING.options[1:]), "media_type"),
        (replace(BANK, name="x", options=LABELING.options[1:2] * 2), "live_check"),
    ],
    ids=["unknown host", "duplicate name", "by_type file without a media type", "role twice"],
)
def test_a_bad_row_is_refused_and_leaves_the_registry_as_it_was(row, message) -> None:
    before = list(REGISTRY)
    with pytest.raises(ValueError, match=message):
        REGISTRY.add(row)
    assert list(REGISTRY) == before


def test_an_added_row_and_host_are_everywhere_until_removed() -> None:
    host = replace(REGISTRY.host("kyc1"), name="kyc9", base_url_variable="EKYC_KYC9_BASE_URL")
    row = replace(BANK, name="bank_card_ocr_9", host="kyc9")
    with REGISTRY.extended(row, host=host):
        assert BY_NAME["bank_card_ocr_9"] is row and "kyc9" in HOSTS
        assert CAPABILITIES[-1] is row and row.key_set == "A"
        assert Client().bank_card_ocr_9.__name__ == "bank_card_ocr_9"
    assert "bank_card_ocr_9" not in BY_NAME and "kyc9" not in HOSTS
    with pytest.raises(AttributeError, match="bank_card_ocr_9"):
        Client().bank_card_ocr_9  # noqa: B018


def test_roles_name_the_options_code_needs() -> None:
    assert LABELING.option_for("media_type").wire == "fileType"
    assert LABELING.option_for("media_type").value_of("1") == "video"
    assert BY_NAME["id_card_ocr"].option_for("side").wire == "cardType"
    assert BANK.option_for("side") is None
    assert LABELING.input_names() == ("file", "labels", "type", "do_live", "do_compare")


def test_an_unknown_kind_or_protocol_says_what_is_known() -> None:
    with pytest.raises(KeyError, match="compare"):
        kinds.get("passport")
    host = Host(name="x", key_set="A", protocol="smoke", auth="", base_url="", base_url_variable="")
    transport = Transport(1, 1)
    with pytest.raises(KeyError, match="smoke"):
        protocols.for_host(host, Settings(), transport)
    transport.close()
