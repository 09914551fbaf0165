import re

from ekyc.signing import new_nonce, new_order_no, sign, sign_key_a, sign_key_b


def test_key_a_vector_from_protocol():
    signature = sign_key_a(
        "IDA0000001",
        "ekyc17000000000001234",
        "abcdefghijklmnopqrstuvwxyz012345",
        "TICKETVALUE1234567890",
    )
    assert signature == "30206BC72421EDB9AE619E97F2353BA2BDBFE3C6"


def test_key_b_vector_from_protocol():
    signature = sign_key_b(
        "LABEL00001",
        "label17000000000005678",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ987654",
        "labelticket0001",
        "1700000000",
    )
    assert signature == "3C3CFE235B1A95B61D0023FB52BCDC42707620AB"


def test_signature_is_40_upper_case_hex_and_order_independent():
    first = sign("b", "a", "c")
    assert re.fullmatch(r"[0-9A-F]{40}", first)
    assert first == sign("c", "b", "a")
    assert first != sign("a", "b", "d")


def test_nonce_and_order_no_shapes_and_uniqueness():
    nonces = {new_nonce() for _ in range(200)}
    orders = {new_order_no() for _ in range(200)}
    assert len(nonces) == 200 and len(orders) == 200
    assert all(re.fullmatch(r"[A-Za-z0-9]{32}", n) for n in nonces)
    assert all(re.fullmatch(r"[A-Za-z0-9]{1,32}", o) for o in orders)
