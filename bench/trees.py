"""Other trees of this repository to measure against: a revision exported with ``git archive``.

By default the tree before bounded-memory image preparation (the parent of the commit that
added ``ekyc/imaging.py``), which figures 5d and 8 compare with.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_before() -> str:
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "ekyc/imaging.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not added:
        raise SystemExit("ekyc/imaging.py is not in the history: pass --before REV")
    return added[-1] + "^"


@contextlib.contextmanager
def exported(rev: str) -> Iterator[Path]:
    """The tree of ``rev``, as ``git archive`` gives it, in a temporary folder."""
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True)
    with tempfile.TemporaryDirectory(prefix="ekyc-before-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp)


def short(rev: str) -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True
    )
    return out.stdout.strip() or rev
