"""An offline CAPTCHA: a sum drawn as a picture with Pillow, checked without storing it.

A challenge is a signed token holding a random nonce and the time it was issued. The
question is derived from the nonce with the secret key, so the token says nothing of the
answer and the picture can be drawn again from the token alone. A challenge is good for
one submission (its nonce is marked used in the cache) and expires after
BIHUAN_PORTAL_CAPTCHA_MAX_AGE seconds.
"""

from __future__ import annotations

import hmac
import io
import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from PIL import Image, ImageDraw, ImageFont

from bihuan.core import clock

_SALT = "bihuan.portal.captcha"
_USED = "portal:captcha:used:"


@dataclass(frozen=True)
class Challenge:
    """What a token stands for."""

    nonce: str
    issued_at: float

    @property
    def question(self) -> tuple[int, str, int]:
        digest = salted_hmac(_SALT, self.nonce).digest()
        left, right = 3 + digest[0] % 17, 1 + digest[1] % 9
        operator = "+" if digest[2] % 2 else "-"
        if operator == "-" and right > left:
            left, right = right, left
        return left, operator, right

    @property
    def answer(self) -> int:
        left, operator, right = self.question
        return left + right if operator == "+" else left - right


class ChallengeFailed(Exception):
    """``reason`` is "expired" (draw a new picture), "wrong" or "too_fast"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def enabled() -> bool:
    return bool(settings.BIHUAN_PORTAL_CAPTCHA)


def new_token() -> str:
    payload = {"n": secrets.token_hex(12), "t": round(clock.now().timestamp(), 3)}
    return signing.dumps(payload, salt=_SALT, compress=False)


def read(token: str) -> Challenge | None:
    """The challenge of a genuine, unexpired token, or None."""
    try:
        payload = signing.loads(token, salt=_SALT)
        challenge = Challenge(nonce=str(payload["n"]), issued_at=float(payload["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    age = clock.now().timestamp() - challenge.issued_at
    if age > settings.BIHUAN_PORTAL_CAPTCHA_MAX_AGE or age < -60:
        return None
    return challenge


def check(token: str, answer: str) -> Challenge:
    """The challenge, if the answer is right and came after a person's reading time."""
    challenge = read(token)
    if challenge is None or cache.get(_USED + challenge.nonce):
        raise ChallengeFailed("expired")
    given = answer.strip().replace("－", "-")
    digits = given.lstrip("-")
    if not digits.isascii() or not digits.isdigit() or len(given) > 4:
        raise ChallengeFailed("wrong")
    if not hmac.compare_digest(given.encode(), str(challenge.answer).encode()):
        raise ChallengeFailed("wrong")
    waited = clock.now().timestamp() - challenge.issued_at
    if waited < settings.BIHUAN_PORTAL_MIN_FILL_SECONDS:
        raise ChallengeFailed("too_fast")
    return challenge


def use(challenge: Challenge) -> bool:
    """Mark the challenge used; False if another submission used it first."""
    timeout = settings.BIHUAN_PORTAL_CAPTCHA_MAX_AGE + 60
    return bool(cache.add(_USED + challenge.nonce, 1, timeout=timeout))


def release(challenge: Challenge) -> None:
    """The submission it guarded was refused: the person may send the form again."""
    cache.delete(_USED + challenge.nonce)


def picture(challenge: Challenge) -> bytes:
    """The question as a PNG, with jitter and noise; the same picture for the same token."""
    left, operator, right = challenge.question
    text = f"{left} {'+' if operator == '+' else '−'} {right} ="
    rng = random.Random(salted_hmac(_SALT + ".picture", challenge.nonce).digest())
    width, height = 220, 72
    image = Image.new("RGB", (width, height), (248, 249, 250))
    draw = ImageDraw.Draw(image)
    for _line in range(6):
        points = [(rng.randrange(width), rng.randrange(height)) for _point in range(2)]
        shade = tuple(rng.randrange(120, 200) for _channel in range(3))
        draw.line(points, fill=shade, width=2)  # type: ignore[arg-type]
    x = 12
    for character in text:
        size = rng.randrange(34, 42)
        font = ImageFont.load_default(size=size)
        colour = tuple(rng.randrange(0, 90) for _channel in range(3))
        draw.text((x, rng.randrange(6, 20)), character, font=font, fill=colour)  # type: ignore[arg-type]
        x += int(font.getlength(character)) + rng.randrange(1, 5)
    for _dot in range(160):
        draw.point((rng.randrange(width), rng.randrange(height)), fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
