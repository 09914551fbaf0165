"""Fixtures shared by the test modules: a fresh emulator per test and a client wired to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ekyc import Client
from ekyc.sandbox import Emulator
from tests.support import settings_for


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(processing_time=0.3) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[Client]:
    with Client(settings_for(emu)) as c:
        yield c
