"""Real file contents for upload tests: attachments are checked by their bytes."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def image_bytes(
    image_format: str = "JPEG", size: tuple[int, int] = (8, 6), exif: bool = False
) -> bytes:
    """A small real image; with ``exif`` it carries a camera make and a GPS position."""
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "BihuanCam"  # Make
        data[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 50.0)}  # GPS
        image.save(out, format=image_format, exif=data)
    else:
        image.save(out, format=image_format)
    return out.getvalue()


_CONTENT = {
    ".jpg": lambda: image_bytes("JPEG"),
    ".jpeg": lambda: image_bytes("JPEG"),
    ".png": lambda: image_bytes("PNG"),
    ".gif": lambda: image_bytes("GIF"),
    ".webp": lambda: image_bytes("WEBP"),
    ".pdf": lambda: PDF,
    ".txt": lambda: "现场记录 note".encode(),
    ".mp3": lambda: b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 32,
}


def upload(name: str = "photo.jpg", content: bytes | None = None) -> SimpleUploadedFile:
    """An uploaded file named ``name``; its content is a real file of that type unless given."""
    if content is None:
        content = _CONTENT.get(PurePath(name).suffix.lower(), lambda: b"data")()
    return SimpleUploadedFile(name, content)
