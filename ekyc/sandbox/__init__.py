"""A faithful local emulator of the three upstream hosts (kyc1, mini, kyc2): sandbox, test double.

    from ekyc.sandbox import Emulator, SANDBOX_KEY_A, SANDBOX_KEY_B

    with Emulator(processing_time=3.0, quota=100) as emu:
        emu.base_urls   # {"kyc1": "http://127.0.0.1:PORT/kyc1", "mini": ..., "kyc2": ...}

Why the standard library (``http.server.ThreadingHTTPServer``) and not a web framework: it starts
in milliseconds, adds no dependency to a package that must also run on a bare Hugging Face Space,
and gives full control over the raw bytes, which the faults need (an HTML 502 page, a connection
closed without an answer, a JSON body cut in half). It speaks HTTP/1.1 with keep-alive so a
client's connection reuse is exercised, and binds 127.0.0.1 unless told otherwise.

Layout (after moto): ``models`` the state (clock, tokens, tickets, nonces, jobs, quota, request
log); ``parsing`` request parsing and the body checks (schema from ``ekyc.capabilities``);
``urls`` the routing, built from the live table; ``responses`` one handler per route kind;
``replies`` the envelope and refusals; ``codes`` the check -> upstream code table (read it for
which check answers what); ``answers`` the scripted-answer data and ``scripted`` how a sample is
recognised (SHA-256 of its bytes) and answered, one rule per answer kind; ``faults`` faults on
demand; ``server`` the HTTP layer, which serves through ``Emulator``'s public ``pause``,
``respond``, ``envelope`` and ``record``; ``emulator`` the public ``Emulator``; ``keys`` the
sandbox key pairs; ``environment`` the ``EKYC_SANDBOX_*`` variables; ``shared`` the
process-wide one of the CLI and the page; ``api3`` the API 3.0 side (TC3, the faceid actions,
the simulated HTML5 verification page) on the same server at ``POST /``. Standalone:
``python -m ekyc.sandbox --port 8700``.

It keeps nothing beyond tokens, tickets, nonces, labeling jobs and counters, in memory, and logs
nothing. Every answer's msg says it is simulated; it never looks inside an upload.
"""

from .api3 import SANDBOX_KEY_C
from .emulator import Emulator
from .faults import Fault, Faults
from .keys import SANDBOX_KEY_A, SANDBOX_KEY_B
from .models import RequestRecord
from .shared import shared_emulator

__all__ = [
    "SANDBOX_KEY_A",
    "SANDBOX_KEY_B",
    "SANDBOX_KEY_C",
    "Emulator",
    "Fault",
    "Faults",
    "RequestRecord",
    "shared_emulator",
]
