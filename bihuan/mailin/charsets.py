"""Decoding the text of real-world mail: wrong labels, missing labels, broken encoded-words.

Chinese mail is often labelled ``gb2312`` while it holds GBK or GB18030 characters, and
``big5`` while it holds HKSCS ones; each label is read as the superset it stands for. A
text that does not decode under its label is tried as UTF-8, GB18030 and Big5-HKSCS in
turn, and only then decoded with replacement characters: text is never dropped.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re

_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "x-big5": "big5hkscs",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
}
_FALLBACKS = ("utf-8", "gb18030", "big5hkscs")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")


def codec_for(label: str | None) -> str | None:
    """The Python codec to read ``label`` with (its superset), or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower().split("*", 1)[0]
    name = _SUPERSETS.get(name, name)
    try:
        return _SUPERSETS.get(codecs.lookup(name).name, codecs.lookup(name).name)
    except LookupError:
        return None


def decode_bytes(data: bytes, label: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the codec that read it."""
    tried: list[str] = []
    declared = codec_for(label)
    for codec in ((declared,) if declared else ()) + _FALLBACKS:
        if codec in tried:
            continue
        tried.append(codec)
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    codec = declared or "utf-8"
    return data.decode(codec, errors="replace"), codec


def _decode_word(charset: str, encoding: str, payload: str) -> str:
    if encoding.lower() == "b":
        cleaned = re.sub(r"[^A-Za-z0-9+/]", "", payload)
        cleaned += "=" * (-len(cleaned) % 4)
        try:
            data = base64.b64decode(cleaned)
        except (binascii.Error, ValueError):
            return payload
    else:
        data = quopri.decodestring(payload.replace("_", " ").encode("ascii", "replace"), True)
    return decode_bytes(data, charset)[0]


def decode_header_text(value: str | bytes | None) -> str:
    """Decode a header, RFC 2047 encoded-words included, forgiving broken ones.

    Raw 8-bit headers (not allowed, yet common) are read as UTF-8 or GB18030; encoded-words
    are decoded even inside quoted strings or without the surrounding spaces; whitespace
    between two adjacent encoded-words is dropped, as RFC 2047 says.
    """
    if value is None:
        return ""
    if isinstance(value, bytes):
        text = decode_bytes(value)[0]
    else:
        text = str(value)
        if any("\udc80" <= ch <= "\udcff" for ch in text):
            text = decode_bytes(text.encode("ascii", "surrogateescape"))[0]
    text = re.sub(r"\r?\n[ \t]+", " ", text)
    text = _BETWEEN_WORDS.sub(r"\1\2", text)
    text = _ENCODED_WORD.sub(lambda m: _decode_word(m.group(1), m.group(2), m.group(3)), text)
    return "".join(ch for ch in text if ch.isprintable() or ch == " ").strip()
