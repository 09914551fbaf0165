"""Keep secrets out of log output, including third-party DEBUG lines.

urllib3 logs every request line at DEBUG, and the auth endpoints carry the secret and the access
token in the query string; this filter rewrites those values before any handler sees them.
"""

from __future__ import annotations

import logging
import re

_SENSITIVE_QUERY = re.compile(r"((?:secret|access_token|ticket|sign)=)[^&\s\"']+", re.IGNORECASE)


def redact(text: str) -> str:
    return _SENSITIVE_QUERY.sub(r"\1***", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = redact(record.getMessage())
            record.args = None
        else:
            record.msg = redact(str(record.msg))
        return True


def install() -> None:
    for name in ("urllib3.connectionpool", "urllib3", "requests"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
