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
