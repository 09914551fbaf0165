"""The emulator's API 3.0 side: the faceid service (international eKYC and the China site).

Served on the emulator's loopback server at ``POST /`` (the action in ``X-TC-Action``), with the
simulated HTML5 verification page under ``/faceid-h5/``. Layout (after moto): ``tc3`` verifies
TC3-HMAC-SHA256 by its own implementation of the documented algorithm; ``state`` holds Key C,
biz tokens and the rate limit; ``actions`` checks parameters and answers the five actions;
``params`` its parameter checks; ``web_result`` the HTML5 flow's result; ``answers`` is
the scripted-answer data; ``samples`` recognises bundled samples by hash;
``page`` is the verification page; ``service`` orders the checks; ``bridge`` connects it to
the emulator's HTTP server.
"""

from .service import SANDBOX_KEY_C, Api3Reply, Api3Service, claims

__all__ = ["SANDBOX_KEY_C", "Api3Reply", "Api3Service", "claims"]
