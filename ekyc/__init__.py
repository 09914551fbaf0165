"""A thin client for Tencent Cloud eKYC: eight capabilities, images and videos only."""

from . import logsafe
from .capabilities import CAPABILITIES
from .client import Client
from .config import Settings
from .errors import InputError, LabelError, MissingCredentials
from .result import Result

logsafe.install()

__all__ = [
    "CAPABILITIES",
    "Client",
    "InputError",
    "LabelError",
    "MissingCredentials",
    "Result",
    "Settings",
]
