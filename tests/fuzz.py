"""Hypothesis strategies shared by the fuzz tests: JSON-ish answers, as upstream might send."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from ekyc import capabilities

CAPABILITY_NAMES = [cap.name for cap in capabilities.CAPABILITIES]


def json_like(keys: st.SearchStrategy[str], odd: list[str]) -> st.SearchStrategy[Any]:
    """Any JSON-ish value: None, a boolean, a number, short text or one of the ``odd`` strings;
    lists and objects of such values (their keys from ``keys`` or short text); or any of these
    as JSON text."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=12)
        | st.sampled_from(odd)
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=5)
            | st.dictionaries(keys | st.text(max_size=6), children, max_size=5)
            | children.map(lambda value: json.dumps(value, default=str))
        ),
        max_leaves=30,
    )
