"""Deciding what an uploaded file really is, from its bytes, and making images safe to keep.

The name a complainant or an email gives a file is data, never trusted: the type comes
from the content, must agree with the name's extension, and images are decoded and
re-encoded so that EXIF and GPS metadata are dropped and a decompression bomb is refused
before it is expanded.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from PIL import Image, ImageOps, UnidentifiedImageError

# The extensions accepted, the type each stands for, and its family.
SUFFIX_TYPES: dict[str, str] = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".amr": "audio/amr",
    ".mp4": "video/mp4",
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# An image larger than this many pixels is refused (a 12,000 x 8,000 photo is 96 M).
MAX_IMAGE_PIXELS = 100_000_000
# An Office file (a zip) may expand to at most this, in at most this many parts.
MAX_ZIP_EXPANDED = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 2_000
_ZIP_RATIO = 200  # and no part may expand more than this many times

_IMAGE_FORMATS = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}


class FileRefused(Exception):
    """The file cannot be kept; ``reason`` is one of the codes below."""

    TYPE = "file_type"
    MISMATCH = "file_type_mismatch"
    DAMAGED = "file_damaged"
    BOMB = "file_bomb"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed: its given name, its real type and the bytes to store."""

    name: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def sniff(data: bytes) -> str | None:
    """The type the first bytes show, or None if they show none we accept."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"#!AMR"):
        return "audio/amr"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "audio/mp4" if brand in (b"M4A ", b"M4B ") else "video/mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(data)
    if _is_text(data):
        return "text/plain"
    return None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return False
    sample = data[:8192]
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still text.
            if error.start >= len(sample) - 4 and encoding == "utf-8":
                return True
            continue
        return True
    return False


def _office_type(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if len(members) > MAX_ZIP_MEMBERS:
        raise FileRefused(FileRefused.BOMB)
    expanded = 0
    for member in members:
        expanded += member.file_size
        if member.file_size > _ZIP_RATIO * max(member.compress_size, 1) and member.file_size > 1e6:
            raise FileRefused(FileRefused.BOMB)
    if expanded > MAX_ZIP_EXPANDED:
        raise FileRefused(FileRefused.BOMB)
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return SUFFIX_TYPES[".docx"]
    if any(name.startswith("xl/") for name in names):
        return SUFFIX_TYPES[".xlsx"]
    return None


def check_file(name: str, data: bytes) -> CheckedFile:
    """Decide the file's type from its bytes and return what may be stored.

    Raises :class:`FileRefused` when the extension is not accepted, the content is not
    what the extension says, an image cannot be decoded or would expand too far.
    """
    suffix = PurePath(name).suffix.lower()
    claimed = SUFFIX_TYPES.get(suffix)
    if claimed is None:
        raise FileRefused(FileRefused.TYPE)
    actual = sniff(data)
    if actual is None or actual != claimed:
        raise FileRefused(FileRefused.MISMATCH)
    if actual.startswith("image/"):
        data = clean_image(data, actual)
    return CheckedFile(name=name, content_type=actual, data=data)


def clean_image(data: bytes, content_type: str) -> bytes:
    """Decode the image and encode it again without metadata (EXIF, GPS, comments).

    The orientation EXIF recorded is applied to the pixels first, so the photo still
    stands the right way up.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise FileRefused(FileRefused.BOMB)
                if _IMAGE_FORMATS.get(image.format or "") != content_type:
                    raise FileRefused(FileRefused.MISMATCH)
                return _reencode(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise FileRefused(FileRefused.BOMB) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise FileRefused(FileRefused.DAMAGED) from error


def _reencode(image: Image.Image) -> bytes:
    image_format = image.format or "PNG"
    frames = getattr(image, "n_frames", 1)
    out = io.BytesIO()
    if frames > 1 and image_format in ("GIF", "WEBP"):
        image.load()
        image.save(out, format=image_format, save_all=True, loop=image.info.get("loop", 0))
        return out.getvalue()
    upright = ImageOps.exif_transpose(image)
    if image_format == "JPEG":
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(out, format="JPEG", quality=90, optimize=True)
    elif image_format == "WEBP":
        upright.save(out, format="WEBP", quality=90)
    else:
        upright.save(out, format=image_format)
    return out.getvalue()
