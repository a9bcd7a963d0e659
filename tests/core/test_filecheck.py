"""Attachments are judged by their bytes; images are kept without their metadata."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from PIL import Image

from bihuan.core.filecheck import FileRefused, check_file, sniff
from tests.files import PDF, image_bytes


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("a.png", image_bytes("PNG"), "image/png"),
        ("a.gif", image_bytes("GIF"), "image/gif"),
        ("a.webp", image_bytes("WEBP"), "image/webp"),
        ("a.pdf", PDF, "application/pdf"),
        ("a.txt", "排队太久".encode("gb18030"), "text/plain"),
        ("a.mp3", b"ID3\x03\x00" + b"\x00" * 40, "audio/mpeg"),
        ("a.m4a", b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "audio/mp4"),
        ("a.amr", b"#!AMR\n" + b"\x00" * 20, "audio/amr"),
    ],
)
def test_the_content_decides_the_type(name: str, data: bytes, expected: str) -> None:
    assert check_file(name, data).content_type == expected


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.jpg", PDF, FileRefused.MISMATCH),
        ("photo.png", image_bytes("JPEG"), FileRefused.MISMATCH),
        ("report.pdf", b"MZ\x90\x00 a windows program", FileRefused.MISMATCH),
        ("page.html", b"<script>alert(1)</script>", FileRefused.TYPE),
        ("logo.svg", b"<svg onload=alert(1)></svg>", FileRefused.TYPE),
        ("setup.exe", b"MZ", FileRefused.TYPE),
        ("noextension", image_bytes("JPEG"), FileRefused.TYPE),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not the rest of a jpeg", FileRefused.DAMAGED),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(FileRefused) as refused:
        check_file(name, data)
    assert refused.value.reason == reason


def test_photos_lose_exif_and_gps_but_stay_upright_and_viewable() -> None:
    original = image_bytes("JPEG", size=(40, 20), exif=True)
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get(0x010F) == "BihuanCam"
        assert before.getexif().get(0x8825)

    kept = check_file("现场.jpg", original).data

    with Image.open(io.BytesIO(kept)) as after:
        assert after.format == "JPEG"
        assert after.size == (40, 20)
        assert not after.getexif()
        assert "exif" not in after.info
    assert b"BihuanCam" not in kept


def test_an_image_that_would_expand_too_far_is_refused_before_it_is_decoded() -> None:
    # A PNG whose header claims 30,000 x 30,000 pixels (900 M): refused from the header.
    small = image_bytes("PNG", size=(1, 1))
    ihdr = b"IHDR" + (30000).to_bytes(4, "big") * 2 + small[24:29]
    huge = small[:12] + ihdr + zlib.crc32(ihdr).to_bytes(4, "big") + small[33:]
    with pytest.raises(FileRefused) as refused:
        check_file("bomb.png", huge)
    assert refused.value.reason == FileRefused.BOMB


def _office(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_office_documents_are_recognised_and_zip_bombs_refused() -> None:
    docx = _office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert check_file("letter.docx", docx).content_type.endswith("wordprocessingml.document")
    assert sniff(_office({"notes.txt": b"just a zip"})) is None

    bomb = _office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * 50_000_000})
    assert len(bomb) < 200_000
    with pytest.raises(FileRefused) as refused:
        check_file("letter.docx", bomb)
    assert refused.value.reason == FileRefused.BOMB
