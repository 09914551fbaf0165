"""Fixtures shared by the test modules: a fresh emulator per test and a client wired to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ekyc import Client
from ekyc.sandbox import Emulator
from tests.support import settings_for


@pytest.fixture
def emu(request: pytest.FixtureRequest) -> Iterator[Emulator]:
    """A fresh emulator: labeling jobs take 0.3 s, unless an ``emulator`` mark says otherwise
    (``pytest.mark.emulator(processing_time=3.0)``: its keywords are the emulator's options)."""
    mark = request.node.get_closest_marker("emulator")
    options = {"processing_time": 0.3, **(mark.kwargs if mark else {})}
    with Emulator(**options) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[Client]:
    with Client(settings_for(emu)) as c:
        yield c
