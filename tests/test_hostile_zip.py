"""Hostile ZIPs: refused as a whole (bombs, traversal, too many entries, not a ZIP) or member by
member (nested archives, non-media, links, encrypted, metadata), with nothing left behind."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from ekyc.workflows import safezip
from ekyc.workflows.collect import plan
from ekyc.workflows.safezip import ZipRefused, read_zip
from tests.support import ASSETS

FACE = (ASSETS / "faces/person_a_1.jpg").read_bytes()


def make_zip(path: Path, members: dict[str, bytes], **kwargs) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, **kwargs) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_media_members_are_copied_under_new_names(tmp_path, dest):
    archive = make_zip(
        tmp_path / "a.zip",
        {"faces/a.jpg": FACE, "b.png": (ASSETS / "faces/person_b.jpg").read_bytes()},
    )
    found, skipped = read_zip(archive, dest)
    assert [f.name for f in found] == ["a.zip/faces/a.jpg", "a.zip/b.png"]
    assert [f.path.name for f in found] == ["0001.jpg", "0002.jpg"]  # named by content
    assert found[0].path.read_bytes() == FACE and not skipped


@pytest.mark.parametrize(
    "name",
    [
        "../evil.jpg",
        "a/../../evil.jpg",
        "/etc/evil.jpg",
        "C:/evil.jpg",
        "..\\evil.jpg",
        "\\evil.jpg",
    ],
)
def test_traversal_names_refuse_the_archive(tmp_path, dest, name):
    archive = make_zip(tmp_path / "t.zip", {"ok.jpg": FACE, name: FACE})
    with pytest.raises(ZipRefused) as refused:
        read_zip(archive, dest)
    assert refused.value.key == "traversal" and "outside" in str(refused.value)
    assert "压缩包之外" in refused.value.text("zh")
    assert list(dest.iterdir()) == []


def test_a_zip_bomb_is_refused_from_its_headers(tmp_path, dest):
    archive = make_zip(tmp_path / "bomb.zip", {"zeros.jpg": b"\xff\xd8\xff" + b"\0" * (8 << 20)})
    assert archive.stat().st_size < 100_000
    with pytest.raises(ZipRefused) as refused:
        read_zip(archive, dest)
    assert refused.value.key == "bomb"
    assert list(dest.iterdir()) == []


def test_lying_headers_are_caught_while_reading(tmp_path, dest, monkeypatch):
    """A member that unpacks to more than its header declares (zipfile stops at the declared
    size, so the CRC fails): refused, and the partial copy removed."""
    archive = make_zip(tmp_path / "liar.zip", {"a.jpg": FACE, "b.jpg": FACE})
    data = bytearray(archive.read_bytes())
    # Shrink b.jpg's declared size in the central directory (offset 24 in its header).
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with pytest.raises(ZipRefused):
        read_zip(archive, dest)
    assert list(dest.iterdir()) == []


def test_too_many_entries(tmp_path, dest, monkeypatch):
    monkeypatch.setattr(safezip, "MAX_ENTRIES", 10)
    archive = make_zip(tmp_path / "many.zip", {f"{i}.jpg": FACE for i in range(11)})
    with pytest.raises(ZipRefused) as refused:
        read_zip(archive, dest)
    assert refused.value.key == "too_many_entries" and "11 entries" in str(refused.value)


def test_total_size_limit(tmp_path, dest, monkeypatch):
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", len(FACE) * 2)
    archive = make_zip(tmp_path / "big.zip", {f"{i}.jpg": FACE for i in range(3)})
    with pytest.raises(ZipRefused) as refused:
        read_zip(archive, dest)
    assert refused.value.key == "too_large"


def test_not_a_zip(tmp_path, dest):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ZipRefused) as refused:
        read_zip(fake, dest)
    assert refused.value.key == "not_zip"


def encrypt_last_member(archive: Path) -> None:
    """Set the "encrypted" flag of the last member in both of its headers."""
    data = bytearray(archive.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    local = int.from_bytes(data[central + 42 : central + 46], "little")
    data[local + 6] |= 0x1
    archive.write_bytes(bytes(data))


def test_members_skipped_one_by_one_with_the_reason(tmp_path, dest):
    archive = tmp_path / "mixed.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("good.jpg", FACE)
        zf.writestr("notes.txt", b"hello")
        zf.writestr("doc.pdf", b"%PDF-1.4 ...")
        zf.writestr("inner.zip", b"PK\x03\x04 nested")
        zf.writestr("photo.jpg.gz", b"\x1f\x8b compressed")
        zf.writestr("__MACOSX/._good.jpg", b"resource fork")
        zf.writestr("empty.jpg", b"")
        zf.writestr("folder/", b"")
        link = zipfile.ZipInfo("link.jpg")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("secret.jpg", FACE)
    encrypt_last_member(archive)
    found, skipped = read_zip(archive, dest)
    assert [f.name for f in found] == ["mixed.zip/good.jpg"]
    reasons = {s.name.split("/", 1)[1]: s.reason for s in skipped}
    assert reasons == {
        "notes.txt": "not_media",
        "doc.pdf": "not_media",
        "inner.zip": "nested_archive",
        "photo.jpg.gz": "nested_archive",
        "__MACOSX/._good.jpg": "metadata",
        "empty.jpg": "empty",
        "link.jpg": "link",
        "secret.jpg": "encrypted",
    }
    texts = {s.name.split("/", 1)[1]: (s.text("en"), s.text("zh")) for s in skipped}
    assert texts["doc.pdf"] == (
        "not an image or video (PDF document)",
        "不是图片或视频（PDF 文档）",
    )
    assert texts["notes.txt"][1] == "不是图片或视频（未知内容）"


def test_a_refused_zip_is_one_skipped_entry_and_the_rest_still_runs(tmp_path):
    bad = make_zip(tmp_path / "t.zip", {"../x.jpg": FACE})
    good = tmp_path / "face.jpg"
    good.write_bytes(FACE)
    with plan([bad, good]) as batch_plan:
        assert [i.name for i in batch_plan.items] == ["face.jpg"]
        assert [(s.name, s.reason) for s in batch_plan.skipped] == [("t.zip", "refused")]
        assert "outside" in batch_plan.skipped[0].text("en")
        workdir = batch_plan.workdir
        assert workdir is not None and workdir.is_dir()
    assert not workdir.exists()  # the members' copies are gone after the batch


def test_folders_links_and_depth(tmp_path):
    root = tmp_path / "shots"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "deep.jpg").write_bytes(FACE)
    (root / "top.jpg").write_bytes(FACE)
    (root / "readme.txt").write_text("x")
    (root / "link.jpg").symlink_to(root / "top.jpg")
    with plan([root]) as batch_plan:
        assert [i.name for i in batch_plan.items] == ["shots/a/b/deep.jpg", "shots/top.jpg"]
        assert {(s.name, s.reason) for s in batch_plan.skipped} == {
            ("shots/link.jpg", "link"),
            ("shots/readme.txt", "not_media"),
        }
