"""Words of the MCP tool descriptions: pure data, filled in from the capability table.

Tool descriptions are read by an AI assistant, so they are in English with the Chinese titles
beside; what a tool answers follows the ``lang`` argument of each call.
"""

from __future__ import annotations

# What a capability does, by the kind of its answer. {files} are the table's file names.
WHAT_IT_DOES: dict[str, str] = {
    "compare": (
        "Compares the face in the {file1} with the face in the {file2} and says whether they "
        "are the same person, with a similarity score from 0 to 100."
    ),
    "liveness": (
        "Checks whether the {file1} shows a live person or a presentation attack (a re-shot "
        "screen, a printed photo, a mask, a synthetic face) and gives a risk level and risk tag "
        "with advice (accept, review, reject)."
    ),
    "ocr": "Reads the printed fields from the {file1}: {fields}.",
    "labeling": (
        "Checks an image or a video for 1 to 5 labels and says for each whether it is present; "
        "optionally also checks liveness and that one person appears throughout. Labeling is "
        "asynchronous upstream: a call usually takes 5 to 10 seconds."
    ),
    "face_liveness": (
        "Checks that the {file2} shows a live person (API 3.0) and compares that person with "
        "the face in the {file1}: a liveness verdict and a similarity score."
    ),
    "live_code": (
        "Gets a 4-digit code for lip-reading liveness: the person reads it aloud in the video "
        "sent next (pass it as that call's code option)."
    ),
    "verification_link": (
        "Starts a mobile HTML5 verification compared with the face in the {file1}: returns a "
        "BizToken and a link (VerificationURL) for the person to open on their phone."
    ),
    "verification_result": (
        "Gets the outcome of a mobile HTML5 verification by its BizToken: liveness and face "
        "comparison results."
    ),
}
FALLBACK = "{title}."
FREE_TEXT = "{name} ({zh}): text"
FREE_TEXT_PATTERN = " matching the regular expression {pattern}"
FREE_TEXT_EXAMPLE = ", e.g. {example}"

PRIVACY = (
    "Privacy rule: this tool takes files and options only. Never pass names, ID numbers, phone "
    "numbers or any other personal text; there is no parameter for them."
)
FILE_HINT = (
    "Pass each file as a data: URI (data:image/jpeg;base64,...) or a public http(s) URL; "
    "at most 20 MiB"
)
IMAGE_LIMITS = "large photos are scaled down to fit upstream's limit"
VIDEO_LIMITS = "at most 20 seconds"
RETURNS = (
    "The plain-language explanation (Markdown), then the structured fields as JSON "
    '({"success", "code", ...the answer fields, "sandbox"}); sensitive fields are masked '
    "unless show_sensitive is true. Answers marked sandbox are simulated, not recognition. "
    "A refused input (bad file, missing option, call limit) is a tool error saying why; "
    "nothing is sent upstream then."
)
LABELS_ARG = '1 to 5 label codes to check, e.g. ["A14", "B03"]. Known codes: {codes}'
TYPE_ARG = "what the file is: {choices}; default: inferred from the file's content"
LANG_ARG = "language of the explanation and of any refusal: en (English) or zh (Chinese)"
SHOW_ARG = (
    "true to show sensitive fields (names, ID, card and license numbers, addresses) in full; "
    "masked by default"
)
REFUSED = {"en": "Refused", "zh": "已拒绝"}

JOURNEY = """Onboarding journey (身份核验流程): OCR of the ID card's portrait side (and its emblem \
side when given), liveness of the selfie, and the selfie compared with the card's portrait, run \
together; then one verdict, pass, review or fail, with its reasons. Spends 3 calls (4 with \
id_back); refused as a whole, before any call, when the session or the page has fewer left. \
Privacy rule: files only; never pass names, ID numbers, phone numbers or any other personal text.

Args:
    id_front: the ID card's portrait side: {front}
    selfie_photo: the selfie, a face photo: {selfie}
    id_back: the ID card's emblem side (optional): {back}
    lang: language of the verdict and of any refusal: en (English) or zh (Chinese)
    show_sensitive: true to show the card's fields (name, ID number, address) in full

Returns:
    The verdict, its reasons and each step in plain text, then the report as JSON (verdict, \
reasons, facts, steps; masked unless show_sensitive)."""

BATCH = """Batch testing (批量测试): runs one capability over every image or video in a ZIP \
archive (or over one file), a row per file: done, failed, refused locally or skipped with the \
reason. Spends one call per media file; labeling runs one at a time, others a few at once; \
stops spending when the session's or the page's call limit is reached. Privacy rule: files and \
options only; never pass names, ID numbers, phone numbers or any other personal text.

Args:
    archive: a ZIP of JPG/PNG/BMP images and MP4/MOV videos, or a single such file. Pass it as \
a data: URI (data:application/zip;base64,...) or a public http(s) URL.
    capability: which capability to run: {capabilities}
    options: the capability's options by name, e.g. {{"side": "0"}} for id_card_ocr (names: \
{options})
    labels: media_labeling only: 1 to 5 label codes ({codes})
    reference: face_compare only: the reference photo every file is compared with
    lang: language of the table and of any refusal: en (English) or zh (Chinese)
    show_sensitive: true to show sensitive fields in full; masked by default

Returns:
    The table (tab-separated) and a summary in plain text, then every row as JSON."""
